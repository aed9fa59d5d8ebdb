import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTwilioClient, mapConcurrent, SmsSender } from '../../../core/sms';
import { sendKey } from '../../../core/shared/sendKey';
import type { SmsSendRequest } from '../../../core/sms';
import { openSqliteStore } from '../../../core/store';
import type { JourneyStore } from '../../../core/store';
import { RemoteError } from '../../../core/shared/errors';
import { startTwilioServer } from '../../support/twilioServer';
import type { TwilioTestServer } from '../../support/twilioServer';

let dir: string;
let store: JourneyStore;
let twilio: TwilioTestServer;

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'sms-sender-'));
	store = await openSqliteStore({ path: join(dir, 'store.sqlite') });
	twilio = await startTwilioServer({ autoCallbacks: false });
});

afterAll(async () => {
	await twilio.stop();
	await store.close();
	rmSync(dir, { recursive: true, force: true });
});

let counter = 0;
/** A fresh recipient per message so tests never collide in the shared store. */
function request(overrides: Partial<SmsSendRequest> = {}): SmsSendRequest {
	counter++;
	return {
		to: `+49151${String(10_000_000 + counter).slice(-8)}`,
		body: `Deine Bestellung ${counter} ist unterwegs.`,
		from: '+15005550006',
		journeyStep: 'shipped',
		purpose: 'transactional',
		segments: 1,
		encoding: 'GSM-7',
		...overrides,
	};
}

function sender(options: Partial<ConstructorParameters<typeof SmsSender>[0]> = {}, credential: Record<string, string> = {}, timeoutMs = 400) {
	const client = createTwilioClient({ ...twilio.credentials(), authType: 'authToken', ...credential } as never, { timeoutMs });
	return new SmsSender({ client, store, messagesPerSecond: 1000, backoffBaseMs: 5, backoffCapMs: 50, ...options });
}

test('sends once through the SDK, logs provider id and segments, and never twice for the same step', async () => {
	const s = sender();
	const req = request({ segments: 2, dedupeId: 'order-1' });
	const before = twilio.messages.length;
	const first = await s.send(req);
	assert.equal(first.outcome, 'sent');
	assert.match(first.sid ?? '', /^SM[0-9a-f]{32}$/);
	assert.equal(twilio.messages.length, before + 1);
	const sent = twilio.messages.at(-1)!;
	assert.equal(sent.to, req.to);
	assert.equal(sent.body, req.body);
	assert.equal(sent.from, '+15005550006');
	const logged = await store.findMessageByProviderId(first.sid!);
	assert.equal(logged?.units, 2);
	assert.equal(logged?.journeyStep, 'shipped');
	assert.equal(logged?.status, 'queued');
	assert.equal(await store.isClaimed(sendKey(req.to, 'shipped:order-1', 'sms')), true);
	const again = await s.send(req);
	assert.equal(again.outcome, 'already_sent');
	assert.equal(twilio.messages.length, before + 1);
	// Another order of the same customer is a different send.
	assert.equal((await s.send({ ...req, dedupeId: 'order-2', body: req.body + ' (2)' })).outcome, 'sent');
});

test('API key authentication and Messaging Service sender', async () => {
	const keyed = await startTwilioServer({ autoCallbacks: false, accountSid: twilio.accountSid, apiKeys: { SK0123456789abcdef0123456789abcdef: 'keysecret' } });
	try {
		const client = createTwilioClient({ accountSid: keyed.accountSid, authType: 'apiKey', apiKeySid: 'SK0123456789abcdef0123456789abcdef', apiKeySecret: 'keysecret', baseUrl: keyed.baseUrl });
		const s = new SmsSender({ client, store, messagesPerSecond: 100 });
		const result = await s.send(request({ messagingServiceSid: 'MG' + 'a'.repeat(32), from: undefined }));
		assert.equal(result.status, 'accepted');
		assert.equal(keyed.messages[0].messagingServiceSid, 'MG' + 'a'.repeat(32));
		assert.equal(keyed.messages[0].from, null);
	} finally {
		await keyed.stop();
	}
});

test('rate limit is held: no second holds more than the configured messages (as seen by the server)', async () => {
	const rate = 20;
	const count = 45;
	try {
		// A long client timeout: this test is about pacing, and at a load of 25 a 400 ms timeout cut off healthy answers
		// (a request still queued at the server when the client gave up was created after the reconciling look-up).
		const s = sender({ messagesPerSecond: rate }, {}, 10_000);
		const started = Date.now();
		const startIndex = twilio.messages.length;
		const results = await mapConcurrent(count, 10, () => s.send(request()));
		const elapsed = Date.now() - started;
		assert.ok(results.every((r) => r.ok));
		assert.deepEqual(results.map((r) => r.ok && r.value.outcome), Array(count).fill('sent'));
		const times = twilio.messages.slice(startIndex).map((m) => m.dateCreated.getTime()).sort((a, b) => a - b);
		assert.equal(times.length, count);
		// The sender guarantees the rate on its own clock; the server sees arrival times, which jitter on a loaded
		// machine (other test files run in parallel). So allow four messages of jitter per one-second window (two were
		// exceeded at load 11): a limiter that did not work would put all 45 into the first few hundred milliseconds.
		const slack = 4;
		for (let i = rate + slack; i < times.length; i++) {
			assert.ok(times[i] - times[i - rate - slack] >= 1000, `more than ${rate + slack} within a second at #${i}`);
		}
		// 45 messages at 20/s need a bit over 2 s; they must not take much longer either (slack for a loaded machine).
		assert.ok(elapsed >= 2000 && elapsed < 8000, `took ${elapsed} ms`);
	} finally {
		twilio.clearFaults();
	}
});

test('two senders on one account (two processes, one store) keep the account rate together', async () => {
	const rate = 20;
	const perSender = 20;
	// A second connection to the same store file, as a second n8n worker would open it.
	const second = await openSqliteStore({ path: join(dir, 'store.sqlite') });
	try {
		const account = `AC-shared-${Date.now()}`;
		const a = sender({ messagesPerSecond: rate, shareRateAs: account }, {}, 10_000);
		const b = sender({ messagesPerSecond: rate, shareRateAs: account, store: second }, {}, 10_000);
		const startIndex = twilio.messages.length;
		const started = Date.now();
		const [ra, rb] = await Promise.all([a, b].map((s) => mapConcurrent(perSender, 10, () => s.send(request()))));
		const elapsed = Date.now() - started;
		assert.deepEqual([...ra, ...rb].map((r) => r.ok && r.value.outcome), Array(2 * perSender).fill('sent'));
		assert.deepEqual(twilio.duplicates(), []);
		const times = twilio.messages.slice(startIndex).map((m) => m.dateCreated.getTime()).sort((x, y) => x - y);
		assert.equal(times.length, 2 * perSender);
		// Each sender alone may send 20/s; sharing the account, 40 messages need at least 39 slots of 51.5 ms. Two
		// senders that did not share would be done in about one second.
		assert.ok(elapsed >= 39 * 51.5 - 50, `took only ${elapsed} ms`);
		const slack = 4; // arrival jitter on a loaded machine, as in the single-sender test
		for (let i = rate + slack; i < times.length; i++) {
			assert.ok(times[i] - times[i - rate - slack] >= 1000, `more than ${rate + slack} within a second at #${i}`);
		}
	} finally {
		await second.close();
	}
});

test('429 storm: backs off with jitter and delivers every message exactly once', async () => {
	twilio.failNext('http429', 30);
	// 30 queued 429s may all hit one message; allow that many retries so the storm, not luck, is what is tested.
	// A long client timeout: a 429 that arrives late on a loaded machine must count as throttled, not as a timeout.
	const s = sender({ maxThrottleRetries: 30 }, {}, 10_000);
	const reqs = Array.from({ length: 10 }, () => request());
	const start = twilio.messages.length;
	const results = await mapConcurrent(reqs.length, 5, (i) => s.send(reqs[i]));
	assert.ok(results.every((r) => r.ok && r.value.outcome === 'sent'), JSON.stringify(results.filter((r) => !r.ok)));
	assert.equal(s.stats.throttled, 30);
	assert.equal(twilio.messages.length - start, 10);
	assert.deepEqual(twilio.duplicates(), []);
});

test('10 % random 500s, dropped connections (before and after create) and hangs: zero duplicates, zero losses', async () => {
	twilio.setRandomFaults({ http500: 0.05, http503: 0.02, dropBeforeCreate: 0.03, dropAfterCreate: 0.05 }, 42);
	twilio.failNext('hang', 2);
	try {
		// Hangs need the client timeout, but 400 ms also cut off healthy answers on a loaded machine (load ≥ 11), which
		// used up the retries; 1.5 s keeps the hangs short and the healthy answers in.
		const s = sender({ maxRetries: 8 }, {}, 1500);
		const reqs = Array.from({ length: 200 }, () => request());
		const start = twilio.messages.length;
		const results = await mapConcurrent(reqs.length, 20, (i) => s.send(reqs[i]));
		const failed = results.filter((r) => !r.ok);
		assert.deepEqual(failed, [], 'no losses');
		const created = twilio.messages.slice(start);
		assert.equal(created.length, 200, 'exactly one message per recipient');
		assert.deepEqual(twilio.duplicates(), [], 'no duplicates');
		for (let i = 0; i < reqs.length; i++) {
			const r = results[i];
			assert.ok(r.ok);
			const mine = created.filter((m) => m.to === reqs[i].to);
			assert.equal(mine.length, 1);
			assert.equal(r.value.sid, mine[0].sid, 'the reported SID is the created message, also after reconciliation');
		}
		assert.ok(s.stats.ambiguous > 10, `faults were exercised (${s.stats.ambiguous})`);
		assert.ok(s.stats.reconciled > 0, 'some sends were found at Twilio instead of being resent');
	} finally {
		twilio.clearFaults();
	}
});

test('21610: opted-out recipient is reported clearly, suppressed as carrier_opt_out, logged, claim released', async () => {
	const req = request();
	twilio.rejectRecipient(req.to, 21610);
	try {
		const s = sender();
		await assert.rejects(s.send(req), (e: unknown) => {
			assert.ok(e instanceof RemoteError);
			assert.equal(e.providerCode, 21610);
			assert.match(e.message, /unsubscribed/);
			assert.ok(!e.message.includes(req.to), 'phone masked');
			return true;
		});
		const suppression = await store.getSuppression(req.to, 'sms');
		assert.equal(suppression?.reason, 'carrier_opt_out');
		assert.equal(await store.isClaimed(sendKey(req.to, 'shipped', 'sms')), false);
		assert.equal(await store.countMessages({ subject: req.to, channel: 'sms', since: new Date(0), statuses: ['failed'] }), 1);
	} finally {
		twilio.clearFaults();
	}
});

test('other Twilio errors map to marketer reasons; a fixed retry can go after a definite failure', async () => {
	const cases: Array<[number, RegExp]> = [[21211, /not valid/], [21614, /not a mobile/], [21408, /not enabled/], [21606, /cannot send/], [30007, /spam/]];
	const s = sender();
	for (const [code, pattern] of cases) {
		const req = request();
		twilio.rejectRecipient(req.to, code);
		await assert.rejects(s.send(req), (e: RemoteError) => e.providerCode === code && pattern.test(e.message) && Boolean(e.hint));
		twilio.clearFaults();
		assert.equal((await s.send(req)).outcome, 'sent', `retry after ${code}`);
	}
	const wrong = sender({}, { authToken: 'wrong' });
	await assert.rejects(wrong.send(request()), (e: RemoteError) => e.providerCode === 20003 && /credentials/.test(e.message));
});

// The status callback's handling (signature check, message log update) is the SMS Inbound Trigger's job and is tested
// through it in tests/workflow/smsInboundTrigger.test.ts ("status callback round trip").
test('passes the status callback URL to Twilio with the message', async () => {
	const callbackUrl = 'https://n8n.example.com/webhook/abc/sms?ref=abc';
	const req = request({ statusCallback: callbackUrl });
	const result = await sender().send(req);
	const created = twilio.messages.find((m) => m.sid === result.sid);
	assert.deepEqual({ to: created?.to, statusCallback: created?.statusCallback }, { to: req.to, statusCallback: callbackUrl });
	const plain = await sender().send(request());
	assert.equal(twilio.messages.find((m) => m.sid === plain.sid)?.statusCallback, null, 'no callback unless asked for');
});

test('a send cut off by a dead sender: after its lease runs out the retry finds the SMS at Twilio and does not send it again', async () => {
	const s = sender();
	const req = request({ journeyStep: 'lease-sent' });
	const key = sendKey(req.to, 'lease-sent', 'sms');
	const t0 = new Date();
	// The dead sender: it took the lease and Twilio created the message, then the process was killed.
	assert.equal((await store.claimLease(key, 30_000, t0)).state, 'claimed');
	const dead = await createTwilioClient({ ...twilio.credentials(), authType: 'authToken' } as never).messages.create({ to: req.to, from: '+15005550006', body: req.body });
	const before = twilio.messages.length;
	const retry = sender({ now: () => new Date(t0.getTime() + 31_000) });
	const result = await retry.send(req);
	assert.deepEqual([result.outcome, result.sid, result.reconciled], ['sent', dead.sid, true]);
	assert.equal(twilio.messages.length, before, 'no second message');
	assert.equal((await store.findMessageByProviderId(dead.sid))?.journeyStep, 'lease-sent', 'the message found is logged');
	assert.equal((await s.send(req)).outcome, 'already_sent', 'settled for good');
});

test('a send cut off before Twilio had it: the retry takes the lapsed lease over and sends exactly once', async () => {
	const req = request({ journeyStep: 'lease-unsent' });
	const t0 = new Date();
	assert.equal((await store.claimLease(sendKey(req.to, 'lease-unsent', 'sms'), 30_000, t0)).state, 'claimed');
	const before = twilio.messages.length;
	const result = await sender({ now: () => new Date(t0.getTime() + 30_000) }).send(req);
	assert.deepEqual([result.outcome, result.reconciled], ['sent', false]);
	assert.equal(twilio.messages.filter((m) => m.to === req.to).length, 1);
	assert.equal(twilio.messages.length, before + 1);
});

test('a second sender that finds the send in progress waits for it and skips, rather than sending a copy', async () => {
	const req = request({ journeyStep: 'lease-wait' });
	const slow = await startTwilioServer({ autoCallbacks: false, accountSid: twilio.accountSid, latencyMs: 300 });
	try {
		const client = createTwilioClient({ ...slow.credentials(), authType: 'authToken' } as never, { timeoutMs: 5000 });
		const senders = [0, 1].map(() => new SmsSender({ client, store, messagesPerSecond: 1000 }));
		const results = await Promise.all(senders.map((s, i) => new Promise((r) => setTimeout(r, i * 50)).then(() => s.send(req))));
		assert.deepEqual(results.map((r) => r.outcome).sort(), ['already_sent', 'sent']);
		assert.equal(slow.messages.filter((m) => m.to === req.to).length, 1);
	} finally {
		await slow.stop();
	}
});

test('a STOP recorded while a marketing SMS waits for its send slot stops it; the claim is free again; transactional is the gate’s call', async () => {
	const s = sender({ messagesPerSecond: 2 });
	const first = request({ purpose: 'marketing', journeyStep: 'win_back' });
	const late = request({ purpose: 'marketing', journeyStep: 'win_back' });
	// The gate let both through; the second waits ~0.5 s for its slot, and the STOP lands in that wait.
	const sends = Promise.all([s.send(first), s.send(late)]);
	await new Promise((r) => setTimeout(r, 100));
	await store.suppress({ subject: late.to, channel: 'sms', reason: 'stop', source: 'twilio_inbound' });
	const [sent, stopped] = await sends;
	assert.equal(sent.outcome, 'sent');
	assert.equal(stopped.outcome, 'suppressed');
	assert.equal(stopped.suppressedBy?.reason, 'stop');
	assert.equal(twilio.messages.filter((m) => m.to === late.to).length, 0, 'nothing went to the number that replied STOP');
	assert.equal(await store.isClaimed(sendKey(late.to, 'win_back', 'sms')), false, 'claim released: a renewed opt-in may be sent to later');
	const logged = await store.findMessageByProviderId(sent.sid!);
	assert.ok(logged && typeof logged.meta?.suppressionCheckedAt === 'string', 'the log keeps when the suppression list was asked');
	assert.ok(new Date(String(logged.meta?.suppressionCheckedAt)).getTime() <= new Date(sent.sentAt!).getTime());
	// Whether a transactional SMS goes after STOP is the Consent Gate's "Allow Transactional After STOP": not re-decided here.
	const notice = await s.send({ ...request(), to: late.to, journeyStep: 'shipped' });
	assert.equal(notice.outcome, 'sent');
	assert.equal((await store.findMessageByProviderId(notice.sid!))?.meta?.suppressionCheckedAt, undefined);
}, 15_000);
