import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import { dkimVerify } from 'mailauth/lib/dkim/verify';
import { MailTransport, buildHeaders, composeEmail, deliverOnce, emailSendKey } from '../../../core/email';
import type { OutgoingEmail, SmtpSettings } from '../../../core/email';
import { RemoteError } from '../../../core/shared/errors';
import { openSqliteStore } from '../../../core/store';
import type { JourneyStore } from '../../../core/store';
import { startSmtpServer } from '../../support/smtpServer';
import type { SmtpTestServer } from '../../support/smtpServer';
import { SAMPLE_NAMES, sample } from '../../fixtures/email/samples';

let server: SmtpTestServer;
let store: JourneyStore;
let dir: string;

const FAST = { retries: 3, retryBaseMs: 20, retryMaxMs: 80 };

function settings(extra: Partial<SmtpSettings> = {}): SmtpSettings {
	const c = server.credentials();
	return { host: c.host, port: c.port, secure: false, user: c.user, password: c.password, fromEmail: c.fromEmail, fromName: c.fromName, ...extra };
}

function mail(to: string, extra: Partial<OutgoingEmail> = {}): OutgoingEmail {
	return { to: [to], subject: 'Test', html: '<p>Hallo</p>', text: 'Hallo', ...extra };
}

function headerCount(raw: Buffer, name: string): number {
	const head = raw.toString('utf8').split(/\r?\n\r?\n/)[0];
	return head.split(/\r?\n/).filter((line) => line.toLowerCase().startsWith(name.toLowerCase() + ':')).length;
}

beforeAll(async () => {
	server = await startSmtpServer({ user: 'shop', password: 'secret' });
	dir = mkdtempSync(join(tmpdir(), 'pp-email-'));
	store = await openSqliteStore({ path: join(dir, 'store.sqlite') });
});

afterAll(async () => {
	await server.stop();
	await store.close();
	rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
	server.clearFaults();
	server.messages.length = 0;
});

describe('sending the built-in designs over SMTP', () => {
	it('delivers every design in both languages through one pooled transport, parts and headers intact', async () => {
		const transport = new MailTransport(settings(), FAST);
		const before = server.connections;
		try {
			for (const name of SAMPLE_NAMES) {
				for (const lang of ['de', 'en'] as const) {
					const input = sample(name, lang);
					const rendered = composeEmail(input);
					const headers = buildHeaders({ purpose: input.purpose, unsubscribe: { url: input.unsubscribeUrl, mailto: 'unsubscribe@shop.example' } });
					await transport.send(mail(`anna.${name}.${lang}@kunde.example`, { subject: rendered.subject, html: rendered.html, text: rendered.text, headers }));
				}
			}
		} finally {
			transport.close();
		}
		assert.equal(server.messages.length, SAMPLE_NAMES.length * 2);
		assert.ok(server.connections - before <= 2, `used ${server.connections - before} connections`);
		for (const received of server.messages) {
			const [, name, lang] = received.to[0].split('@')[0].split('.') as [string, (typeof SAMPLE_NAMES)[number], 'de' | 'en'];
			const input = sample(name, lang);
			const expected = composeEmail(input);
			const parsed = received.parsed;
			assert.equal(parsed.subject, expected.subject);
			assert.equal(parsed.text?.trim(), expected.text.trim());
			assert.equal(String(parsed.html).trim(), expected.html.trim());
			assert.equal(parsed.from?.value[0].address, 'service@shop.example');
			const marketing = input.purpose === 'marketing';
			assert.equal(headerCount(received.raw, 'List-Unsubscribe'), marketing ? 1 : 0, `${name}/${lang} List-Unsubscribe`);
			assert.equal(headerCount(received.raw, 'List-Unsubscribe-Post'), marketing ? 1 : 0, `${name}/${lang} List-Unsubscribe-Post`);
			if (marketing) {
				const list = parsed.headers.get('list') as { unsubscribe: { url: string; mail: string }; 'unsubscribe-post': { name: string } };
				assert.equal(list.unsubscribe.url, 'https://shop.example/unsubscribe?t=abc123');
				assert.equal(list.unsubscribe.mail, 'unsubscribe@shop.example');
				assert.equal(list['unsubscribe-post'].name, 'List-Unsubscribe=One-Click');
			}
		}
	});

	it('reuses one or two connections for 20 e-mails', async () => {
		const transport = new MailTransport(settings(), FAST);
		const before = server.connections;
		try {
			for (let i = 0; i < 20; i++) await transport.send(mail(`kunde${i}@kunde.example`));
		} finally {
			transport.close();
		}
		assert.equal(server.messages.length, 20);
		assert.deepEqual(server.messages.map((m) => m.to), Array.from({ length: 20 }, (_, i) => [`kunde${i}@kunde.example`]));
		const used = server.connections - before;
		assert.ok(used >= 1 && used <= 2, `used ${used} connections`);
	});
});

describe('DKIM', () => {
	it('signs marketing mail so that List-Unsubscribe and List-Unsubscribe-Post verify', async () => {
		const { privateKey, publicKey } = generateKeyPairSync('rsa', {
			modulusLength: 2048,
			privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
			publicKeyEncoding: { type: 'spki', format: 'der' },
		});
		const transport = new MailTransport(settings({ dkimDomain: 'shop.example', dkimSelector: 'pp2026', dkimPrivateKey: privateKey }), FAST);
		try {
			const headers = buildHeaders({ purpose: 'marketing', unsubscribe: { url: 'https://shop.example/u?t=9', mailto: 'unsubscribe@shop.example' } });
			await transport.send(mail('anna@kunde.example', { headers }));
		} finally {
			transport.close();
		}
		const raw = server.messages[0].raw;
		const resolver = async (name: string, type: string) => {
			if (name === 'pp2026._domainkey.shop.example' && type === 'TXT') return [[`v=DKIM1; k=rsa; p=${publicKey.toString('base64')}`]];
			throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
		};
		const result = await dkimVerify(raw, { resolver });
		assert.equal(result.results.length, 1);
		const signature = result.results[0] as unknown as { status: { result: string }; signingDomain: string; signingHeaders: { keys: string } };
		assert.equal(signature.status.result, 'pass');
		assert.equal(signature.signingDomain, 'shop.example');
		const signed = signature.signingHeaders.keys.toLowerCase().split(/:\s*/);
		assert.ok(signed.includes('list-unsubscribe'), signature.signingHeaders.keys);
		assert.ok(signed.includes('list-unsubscribe-post'), signature.signingHeaders.keys);

		// A tampered List-Unsubscribe must break the signature.
		const tampered = Buffer.from(raw.toString('utf8').replace('https://shop.example/u?t=9', 'https://evil.example/u?t=9'));
		const bad = await dkimVerify(tampered, { resolver });
		assert.notEqual((bad.results[0] as unknown as { status: { result: string } }).status.result, 'pass');
		assert.equal((bad.results[0] as unknown as { status: { result: string } }).status.result, 'fail');
	});
});

describe('attachments and addressing', () => {
	it('keeps binary attachments byte for byte, with reply-to, cc, bcc and custom headers', async () => {
		const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(40_000)]);
		const transport = new MailTransport(settings(), FAST);
		try {
			await transport.send(
				mail('anna@kunde.example', {
					cc: ['buchhaltung@kunde.example'],
					bcc: ['archiv@shop.example'],
					replyTo: 'hilfe@shop.example',
					headers: buildHeaders({ purpose: 'transactional', custom: { 'X-Order': '1042' } }),
					attachments: [{ filename: 'Rechnung-1042.pdf', content: pdf, contentType: 'application/pdf' }],
				}),
			);
		} finally {
			transport.close();
		}
		const received = server.messages[0];
		assert.deepEqual(received.to.sort(), ['anna@kunde.example', 'archiv@shop.example', 'buchhaltung@kunde.example']);
		assert.equal(received.parsed.replyTo?.value[0].address, 'hilfe@shop.example');
		assert.equal(received.parsed.headers.get('x-order'), '1042');
		assert.equal(headerCount(received.raw, 'Bcc'), 0, 'bcc must not be visible');
		assert.equal(received.parsed.attachments.length, 1);
		assert.equal(received.parsed.attachments[0].filename, 'Rechnung-1042.pdf');
		assert.equal(received.parsed.attachments[0].contentType, 'application/pdf');
		assert.ok(received.parsed.attachments[0].content.equals(pdf));
	});
});

describe('failures, retries and exactly-once', () => {
	it('retries a 451 and then succeeds, sending exactly one e-mail', async () => {
		server.failNext({ stage: 'rcpt', code: 451, message: '4.7.1 Greylisted, try again' });
		const transport = new MailTransport(settings(), FAST);
		try {
			const result = await deliverOnce(transport, mail('grey@kunde.example'), { store, subject: 'grey@kunde.example', journeyStep: 't451', purpose: 'transactional' });
			assert.equal(result.status, 'sent');
			assert.equal(result.status === 'sent' && result.attempts, 2);
		} finally {
			transport.close();
		}
		assert.equal(server.messages.length, 1);
		assert.deepEqual(server.messages[0].to, ['grey@kunde.example']);
	});

	it('gives up after the bounded retries when the server keeps answering 4xx', async () => {
		server.failNext({ stage: 'mail', code: 421, message: '4.3.2 Service busy' }, 4);
		const transport = new MailTransport(settings(), { retries: 2, retryBaseMs: 10, retryMaxMs: 20 });
		try {
			await assert.rejects(transport.send(mail('busy@kunde.example')), (e: unknown) => e instanceof RemoteError && e.retryable && /after 3 attempts/.test(e.message));
		} finally {
			transport.close();
		}
		assert.equal(server.messages.length, 0);
	});

	it('fails a 550 at once with the masked reply and frees the claim', async () => {
		server.failNext({ stage: 'rcpt', code: 550, message: '5.1.1 <nobody@kunde.example> User unknown' });
		const transport = new MailTransport(settings(), FAST);
		try {
			await assert.rejects(
				deliverOnce(transport, mail('nobody@kunde.example'), { store, subject: 'nobody@kunde.example', journeyStep: 't550', purpose: 'transactional' }),
				(e: unknown) => {
					assert.ok(e instanceof RemoteError);
					assert.equal(e.providerCode, 550);
					assert.equal(e.retryable, false);
					assert.match(e.message, /5\.1\.1/);
					assert.match(e.message, /User unknown/);
					assert.ok(!e.message.includes('nobody@kunde.example'), e.message);
					assert.doesNotMatch(e.message, /attempts/);
					return true;
				},
			);
			assert.equal(await store.isClaimed(emailSendKey('nobody@kunde.example', 't550')), false);
			// Once the problem is fixed, the same step can go out.
			const retry = await deliverOnce(transport, mail('nobody@kunde.example'), { store, subject: 'nobody@kunde.example', journeyStep: 't550', purpose: 'transactional' });
			assert.equal(retry.status, 'sent');
		} finally {
			transport.close();
		}
		assert.equal(server.messages.length, 1);
		assert.deepEqual(server.messages[0].to, ['nobody@kunde.example'], 'only the retry after the fix went out');
	});

	it('reports a partially refused recipient list: error by default, listed when asked to continue', async () => {
		server.rejectRecipient('gone@kunde.example', 550, '5.1.1 Mailbox unavailable');
		const transport = new MailTransport(settings(), FAST);
		try {
			await assert.rejects(
				deliverOnce(transport, mail('anna@kunde.example', { cc: ['gone@kunde.example'] }), { store, subject: 'anna@kunde.example', journeyStep: 'partial1', purpose: 'transactional' }),
				(e: unknown) => e instanceof RemoteError && /refused 1 of 2 recipients/.test(e.message) && /Mailbox unavailable/.test(e.message) && !e.message.includes('gone@kunde.example'),
			);
			// The accepted recipient has it, so the claim stays and a retry does not send again.
			assert.equal(await store.isClaimed(emailSendKey('anna@kunde.example', 'partial1')), true);
			const result = await deliverOnce(transport, mail('anna@kunde.example', { cc: ['gone@kunde.example'] }), {
				store,
				subject: 'anna@kunde.example',
				journeyStep: 'partial2',
				purpose: 'transactional',
				onRejected: 'continue',
			});
			assert.equal(result.status, 'sent');
			assert.deepEqual(result.accepted, ['anna@kunde.example']);
			assert.deepEqual(result.rejected, ['gone@kunde.example']);
		} finally {
			transport.close();
		}
		assert.equal(server.messages.length, 2);
		assert.deepEqual(server.messages.map((m) => m.to), [['anna@kunde.example'], ['anna@kunde.example']], 'the refused address never got it');
	});

	it('never sends the same journey step twice to a customer, and logs the message id', async () => {
		const transport = new MailTransport(settings(), FAST);
		const sentIds: Array<string | null> = [];
		try {
			const first = await deliverOnce(transport, mail('Anna.Once@Kunde.example'), { store, subject: 'Anna.Once@Kunde.example', journeyStep: 'order_confirmation', purpose: 'transactional' });
			const second = await deliverOnce(transport, mail('anna.once@kunde.example'), { store, subject: 'anna.once@kunde.example', journeyStep: 'order_confirmation', purpose: 'transactional' });
			const otherStep = await deliverOnce(transport, mail('anna.once@kunde.example'), { store, subject: 'anna.once@kunde.example', journeyStep: 'shipped', purpose: 'transactional' });
			assert.equal(first.status, 'sent');
			assert.equal(second.status, 'already_sent');
			assert.equal(otherStep.status, 'sent');
			sentIds.push(first.messageId, otherStep.messageId);
			assert.ok(first.messageId);
			assert.match(String(first.messageId), /^<[^<>@\s]+@[^<>@\s]+>$/);
			const logged = await store.findMessageByProviderId(String(first.messageId));
			assert.ok(logged, 'message id recorded');
			assert.equal(logged.channel, 'email');
			assert.equal(logged.journeyStep, 'order_confirmation');
			assert.equal(logged.subject, 'anna.once@kunde.example');
		} finally {
			transport.close();
		}
		assert.equal(server.messages.length, 2);
		assert.deepEqual(server.messages.map((m) => m.to.map((to) => to.toLowerCase())), [['anna.once@kunde.example'], ['anna.once@kunde.example']], 'confirmation once, then the other step');
		assert.deepEqual(server.messages.map((m) => m.parsed.messageId), sentIds, 'what went out is what was reported');
		assert.equal(server.messages[0].parsed.messageId, (await store.findMessageByProviderId(String(server.messages[0].parsed.messageId)))?.providerId);
	});

	it('takes over the lapsed claim of a sender that died mid-send, and sends with the same Message-ID it would have used', async () => {
		const transport = new MailTransport(settings(), FAST);
		const key = emailSendKey('lease@kunde.example', 'lease_step');
		const t0 = new Date();
		try {
			// The dead sender held the claim; while its lease is live a retry waits (here: a stopped clock, so it gives up).
			assert.equal((await store.claimLease(key, 30_000, t0)).state, 'claimed');
			const waiting = await deliverOnce(transport, mail('lease@kunde.example'), {
				store, subject: 'lease@kunde.example', journeyStep: 'lease_step', purpose: 'transactional', now: new Date(t0.getTime() + 1000), sleep: async () => undefined,
			});
			assert.equal(waiting.status, 'already_sent', 'a live lease is someone else sending it');
			const before = server.messages.length;
			const retry = await deliverOnce(transport, mail('lease@kunde.example'), {
				store, subject: 'lease@kunde.example', journeyStep: 'lease_step', purpose: 'transactional', now: new Date(t0.getTime() + 30_000),
			});
			assert.equal(retry.status, 'sent');
			assert.equal(server.messages.length, before + 1);
			assert.equal(retry.messageId, server.messages.at(-1)!.parsed.messageId);
			const again = await deliverOnce(transport, mail('lease@kunde.example'), { store, subject: 'lease@kunde.example', journeyStep: 'other_step', purpose: 'transactional' });
			assert.notEqual(again.messageId, retry.messageId, 'another step has its own Message-ID');
			const logged = await store.findMessageByProviderId(String(retry.messageId));
			assert.equal((logged?.meta as { takenOverFrom?: string }).takenOverFrom, t0.toISOString());
			assert.equal((await deliverOnce(transport, mail('lease@kunde.example'), { store, subject: 'lease@kunde.example', journeyStep: 'lease_step', purpose: 'transactional' })).status, 'already_sent');
		} finally {
			transport.close();
		}
	});

	it('reports a wrong password without retrying', async () => {
		const transport = new MailTransport(settings({ password: 'wrong' }), FAST);
		try {
			await assert.rejects(transport.verify(), (e: unknown) => e instanceof RemoteError && /refused the login/.test(e.message));
		} finally {
			transport.close();
		}
	});
});

describe('the last look before a marketing e-mail leaves', () => {
	it('an unsubscribe recorded after the gate decided stops the marketing e-mail and frees its claim; transactional is the gate’s call', async () => {
		const transport = new MailTransport(settings(), FAST);
		try {
			await store.suppress({ subject: 'Late.Unsub@Kunde.example', channel: 'email', reason: 'stop', source: 'unsubscribe_link' });
			const result = await deliverOnce(transport, mail('late.unsub@kunde.example'), { store, subject: 'late.unsub@kunde.example', journeyStep: 'win_back', purpose: 'marketing' });
			assert.equal(result.status, 'suppressed');
			assert.equal(result.status === 'suppressed' && result.suppressedBy.reason, 'stop');
			assert.equal(await store.isClaimed(emailSendKey('late.unsub@kunde.example', 'win_back')), false);
			assert.equal(server.messages.length, 0, 'nothing went out');
			// "Allow Transactional After STOP" is the Consent Gate's decision; the sender does not second-guess it.
			const notice = await deliverOnce(transport, mail('late.unsub@kunde.example'), { store, subject: 'late.unsub@kunde.example', journeyStep: 'shipped', purpose: 'transactional' });
			assert.equal(notice.status, 'sent');
			const offer = await deliverOnce(transport, mail('still.in@kunde.example'), { store, subject: 'still.in@kunde.example', journeyStep: 'win_back', purpose: 'marketing' });
			assert.equal(offer.status, 'sent');
			const logged = await store.findMessageByProviderId(offer.messageId!);
			assert.equal(typeof logged?.meta?.suppressionCheckedAt, 'string', 'the log keeps when the suppression list was asked');
		} finally {
			transport.close();
		}
		assert.deepEqual(server.messages.map((m) => m.to), [['late.unsub@kunde.example'], ['still.in@kunde.example']]);
	});
});
