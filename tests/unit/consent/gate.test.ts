import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { DEFAULT_OPTIONS, gateBatch, recordConsent, recordOptIn, recordOptOut, sendKey } from '../../../core/consent';
import type { ConsentRequest } from '../../../core/consent';
import { fixedClock } from '../../../core/shared/clock';
import { openSqliteStore } from '../../../core/store';
import type { JourneyStore } from '../../../core/store';
import { emailSendKey } from '../../../core/email/deliver';

async function withStore(fn: (store: JourneyStore) => Promise<void>): Promise<void> {
	const dir = mkdtempSync(join(tmpdir(), 'consent-gate-'));
	const store = await openSqliteStore({ path: join(dir, 'journey.sqlite') });
	try {
		await fn(store);
	} finally {
		await store.close();
		rmSync(dir, { recursive: true, force: true });
	}
}

// Tuesday noon in New York: inside every US window.
const NOON = DateTime.fromISO('2025-06-10T12:00', { zone: 'America/New_York' }).toJSDate();
const clock = fixedClock(NOON);
const phone = (i: number) => `+1212234${String(i).padStart(4, '0')}`;
const marketing = (to: string, step = 'winback'): ConsentRequest => ({
	channel: 'sms',
	purpose: 'marketing',
	recipient: to,
	journeyStep: step,
	customer: { consent: { sms: { marketing: true } } },
});

test('a STOP recorded while a 1,000-item marketing batch is gated wins for every item after it', async () => {
	await withStore(async (store) => {
		const stopper = '+12122349999';
		const requests = Array.from({ length: 1000 }, (_, i) => marketing([50, 400, 999].includes(i) ? stopper : phone(i), `step-${i}`));
		const options = { ...DEFAULT_OPTIONS, capPer24h: 10, capPer30d: 100 };
		let stoppedBeforeChunk = -1;
		const decisions = await gateBatch(store, requests, options, clock, {
			beforeChunk: async (chunk) => {
				// The customer replies STOP while chunk 3 (items 300–399) is about to be released.
				if (chunk === 3) {
					await recordOptOut(store, { subject: stopper, channel: 'sms', source: 'sms_keyword', at: NOON });
					stoppedBeforeChunk = chunk;
				}
			},
		});
		assert.equal(stoppedBeforeChunk, 3);
		assert.equal(decisions.length, 1000);
		assert.deepEqual(decisions.map((d) => d.subject), requests.map((r) => r.recipient), 'one decision per item, in input order');
		// Released before the STOP arrived: it was already on its way.
		assert.equal(decisions[50].decision, 'send');
		for (const i of [400, 999]) {
			assert.equal(decisions[i].decision, 'suppressed', `item ${i}`);
			assert.equal(decisions[i].reason, 'opted_out');
		}
		const sends = decisions.filter((d) => d.decision === 'send').length;
		assert.equal(sends, 998);
		// Every decision is in the log, the late suppressions included.
		const evidence = await store.exportSubject(stopper);
		assert.deepEqual(evidence.decisions.map((d) => d.decision).sort(), ['send', 'suppressed', 'suppressed']);
	});
});

test('a STOP racing the batch from another task is honoured for items not yet released', async () => {
	await withStore(async (store) => {
		const stopper = '+12122349998';
		const requests = Array.from({ length: 1000 }, (_, i) => marketing(i % 100 === 99 ? stopper : phone(i), `s${i}`));
		const options = { ...DEFAULT_OPTIONS, capPer24h: 100, capPer30d: 100 };
		let stopAt = -1;
		let released = 0;
		const gating = gateBatch(store, requests, options, clock, {
			beforeChunk: async (chunk) => {
				released = chunk;
				// Yield so the concurrent STOP can land between chunks.
				await new Promise((r) => setImmediate(r));
			},
		});
		const stopping = (async () => {
			await new Promise((r) => setImmediate(r));
			await recordOptOut(store, { subject: stopper, channel: 'sms', source: 'sms_keyword' });
			stopAt = released;
		})();
		const [decisions] = await Promise.all([gating, stopping]);
		assert.ok(stopAt >= 0);
		let checked = 0;
		for (let i = 0; i < decisions.length; i++) {
			if (requests[i].recipient !== stopper) continue;
			if (Math.floor(i / 100) > stopAt) {
				assert.notEqual(decisions[i].decision, 'send', `item ${i} after the STOP`);
				assert.deepEqual([decisions[i].decision, decisions[i].reason], ['suppressed', 'opted_out'], `item ${i} after the STOP`);
				checked++;
			}
		}
		// The STOP lands while the batch is still being released, so at least the stopper's last item is checked.
		assert.ok(checked > 0, `the STOP arrived after chunk ${stopAt}: nothing left to check`);
	});
});

test('within one batch: duplicates are already_sent and caps count earlier sends', async () => {
	await withStore(async (store) => {
		const to = phone(1);
		const decisions = await gateBatch(store, [marketing(to, 'a'), marketing(to, 'a'), marketing(to, 'b')], DEFAULT_OPTIONS, clock);
		assert.deepEqual(decisions.map((d) => [d.decision, d.reason]), [
			['send', 'allowed'],
			['suppressed', 'already_sent'],
			['deferred', 'frequency_cap'],
		]);
	});
});

test('claims and the message log feed already_sent and caps', async () => {
	await withStore(async (store) => {
		const to = phone(2);
		assert.equal(await store.claim(sendKey(to, 'review', 'sms'), null), true);
		await store.logMessage({ subject: phone(3), channel: 'sms', purpose: 'marketing', journeyStep: 'x', status: 'delivered', sentAt: new Date(NOON.getTime() - 3_600_000) });
		const decisions = await gateBatch(store, [marketing(to, 'review'), marketing(phone(3), 'review')], DEFAULT_OPTIONS, clock);
		assert.equal(decisions[0].reason, 'already_sent');
		assert.equal(decisions[1].reason, 'frequency_cap');
	});
});

test('STOP then START, and a double opt-in pending until the customer confirms', async () => {
	await withStore(async (store) => {
		const to = phone(4);
		await recordConsent(store, { subject: to, channel: 'sms', legalBasis: 'consent', source: 'checkout', ip: '203.0.113.9' });
		const check = async () => (await gateBatch(store, [marketing(to, `x${Math.random()}`)], { ...DEFAULT_OPTIONS, useShopConsentFlags: false }, clock))[0];
		assert.equal((await check()).decision, 'send');
		await recordOptOut(store, { subject: to, channel: 'sms', source: 'sms_keyword' });
		assert.equal((await check()).reason, 'opted_out');
		const started = await recordOptIn(store, { subject: to, channel: 'sms', source: 'sms_keyword' });
		assert.equal(started.lifted, true);
		assert.equal((await check()).decision, 'send');

		const de = '+4915112345678';
		const berlinMonday = fixedClock(DateTime.fromISO('2025-06-16T10:00', { zone: 'Europe/Berlin' }).toJSDate());
		const checkDe = async () => (await gateBatch(store, [marketing(de, `y${Math.random()}`)], { ...DEFAULT_OPTIONS, useShopConsentFlags: false }, berlinMonday))[0];
		await recordConsent(store, { subject: de, channel: 'sms', legalBasis: 'double_opt_in', source: 'signup_form', consentText: 'Ja, ich möchte SMS.', consentTextVersion: 'v3' });
		assert.equal((await checkDe()).reason, 'consent_pending');
		const confirmed = await recordOptIn(store, { subject: de, channel: 'sms', source: 'sms_keyword', evidence: { messageSid: 'SM1' } });
		assert.equal(confirmed.confirmedDoubleOptIn, true);
		assert.equal((await checkDe()).decision, 'send');
		const evidence = await store.exportSubject(de);
		assert.deepEqual(evidence.consent.map((c) => [c.status, c.legalBasis]), [['pending', 'double_opt_in'], ['opted_in', 'double_opt_in']]);
		assert.equal(evidence.consent[1].consentTextVersion, 'v3');
		assert.ok(evidence.decisions.length >= 2);
		assert.deepEqual(evidence.decisions.map((d) => [d.decision, d.reason]).sort(), [['send', 'allowed'], ['suppressed', 'consent_pending']]);
	});
});

test('the claim key is the same one the e-mail sender claims (SMS imports sendKey itself)', () => {
	assert.equal(sendKey('anna@example.de', 'review', 'email'), emailSendKey('Anna@Example.de', 'review'));
});
