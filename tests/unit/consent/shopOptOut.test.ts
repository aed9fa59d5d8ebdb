import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { DEFAULT_OPTIONS, gateBatch, recordConsent, recordOptIn } from '../../../core/consent';
import type { ConsentRequest, ShopConsentFlags } from '../../../core/consent';
import { fixedClock } from '../../../core/shared/clock';
import { openSqliteStore } from '../../../core/store';
import type { JourneyStore } from '../../../core/store';

/**
 * A marketing opt-out the shop reports after the ledger's consent is a revocation (FCC 24-18; GDPR Art. 7(3)): the
 * gate records it in the ledger as an opt-out from the shop, then decides on it. Real SQLite store, pinned times.
 */

async function withStore(fn: (store: JourneyStore) => Promise<void>): Promise<void> {
	const dir = mkdtempSync(join(tmpdir(), 'shop-opt-out-'));
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
const CONSENTED_AT = new Date('2025-06-01T10:00:00Z');
const options = { ...DEFAULT_OPTIONS, capPer24h: 10, capPer30d: 100 };

const request = (to: string, sms: ShopConsentFlags | null, step = 'winback', purpose: 'marketing' | 'transactional' = 'marketing'): ConsentRequest => ({
	channel: 'sms',
	purpose,
	recipient: to,
	journeyStep: step,
	customer: { phone: to, consent: sms ? { sms } : null },
	origin: { platform: 'shopify', eventId: 'evt-1' },
});

async function consented(store: JourneyStore, to: string, at = CONSENTED_AT): Promise<void> {
	await recordConsent(store, { subject: to, channel: 'sms', legalBasis: 'consent', source: 'checkout', at });
}

async function shopRecords(store: JourneyStore, to: string) {
	return (await store.exportSubject(to)).consent.filter((c) => c.source === 'shop');
}

test('a shop "unsubscribed" newer than the ledger consent is recorded as a shop opt-out and suppresses marketing', async () => {
	await withStore(async (store) => {
		const to = '+12122340001';
		await consented(store, to);
		const flags = { marketing: false, state: 'unsubscribed', collectedAt: '2025-06-05T08:30:00Z', source: 'shopify' };
		const [d] = await gateBatch(store, [request(to, flags)], options, clock);
		assert.deepEqual([d.decision, d.reason, d.detail], ['suppressed', 'opted_out', 'unsubscribed in the shop']);

		const current = await store.currentConsent(to, 'sms', 'marketing');
		assert.ok(current);
		assert.deepEqual([current.status, current.legalBasis, current.source], ['opted_out', 'withdrawal', 'shop']);
		assert.equal(current.recordedAt.toISOString(), '2025-06-05T08:30:00.000Z', "the shop's time of the opt-out");
		assert.deepEqual(current.evidence.shopConsent, flags, 'what the shop said');
		assert.equal(current.evidence.platform, 'shopify');
		assert.equal(current.evidence.eventId, 'evt-1');
		assert.equal(current.evidence.observedAt, NOON.toISOString());
		// A revocation of marketing, not a STOP: no suppression, order and shipping messages still go out.
		assert.equal(await store.getSuppression(to, 'sms'), null);
		const [service] = await gateBatch(store, [request(to, flags, 'shipped', 'transactional')], options, clock);
		assert.equal(service.decision, 'send');
	});
});

test('recorded once per subject: twice in one batch, and again on a rerun, give one ledger record', async () => {
	await withStore(async (store) => {
		const to = '+12122340002';
		const other = '+12122340003';
		await consented(store, to);
		await consented(store, other);
		const flags = { marketing: false, state: 'unsubscribed', collectedAt: '2025-06-05T08:30:00Z' };
		const batch = [request(to, flags, 'a'), request(other, { marketing: true }, 'a'), request(to, flags, 'b'), request(to, null, 'c')];
		const first = await gateBatch(store, batch, options, clock);
		assert.deepEqual(first.map((d) => [d.decision, d.reason]), [
			['suppressed', 'opted_out'],
			['send', 'allowed'],
			['suppressed', 'opted_out'],
			['suppressed', 'opted_out'],
		]);
		const rerun = await gateBatch(store, batch, options, clock);
		assert.deepEqual(rerun.map((d) => d.reason), ['opted_out', 'allowed', 'opted_out', 'opted_out']);
		assert.equal((await shopRecords(store, to)).length, 1);
		assert.equal((await shopRecords(store, other)).length, 0);
	});
});

test('"unsubscribed" without a time revokes the ledger consent; a plain false without a time does not', async () => {
	await withStore(async (store) => {
		const explicit = '+12122340004';
		const plainFalse = '+12122340005';
		await consented(store, explicit);
		await consented(store, plainFalse);
		const decisions = await gateBatch(
			store,
			// Shopify reports `not_subscribed` (marketing false) for customers who never subscribed in the shop, e.g.
			// those who opted in with us by SMS keyword: not a revocation.
			[request(explicit, { marketing: null, state: 'unsubscribed' }), request(plainFalse, { marketing: false, state: 'not_subscribed' })],
			options,
			clock,
		);
		assert.deepEqual(decisions.map((d) => [d.decision, d.reason]), [['suppressed', 'opted_out'], ['send', 'allowed']]);
		const [record] = await shopRecords(store, explicit);
		assert.equal(record.recordedAt.toISOString(), NOON.toISOString(), 'no shop time: recorded at the evaluation time');
		assert.equal((await shopRecords(store, plainFalse)).length, 0);
	});
});

test('only an opt-out newer than the ledger consent revokes it: a customer who opted in again after it keeps getting SMS', async () => {
	await withStore(async (store) => {
		const resubscribed = '+12122340006';
		const revoked = '+12122340007';
		// Opted out in the shop on 5 June, then texted START on 8 June: the ledger's consent is newer.
		await recordOptIn(store, { subject: resubscribed, channel: 'sms', source: 'sms_keyword', at: new Date('2025-06-08T09:00:00Z') });
		await consented(store, revoked);
		const old = { marketing: false, state: 'unsubscribed', collectedAt: '2025-06-05T08:30:00Z' };
		const decisions = await gateBatch(store, [request(resubscribed, old), request(revoked, { marketing: false, collectedAt: '2025-06-09T08:30:00Z' })], options, clock);
		assert.deepEqual(decisions.map((d) => [d.decision, d.reason]), [['send', 'allowed'], ['suppressed', 'opted_out']]);
		assert.equal((await shopRecords(store, resubscribed)).length, 0);
		assert.equal((await shopRecords(store, revoked)).length, 1);
	});
});

test('a pending double opt-in and an e-mail consent are revoked too; no ledger record means nothing to revoke', async () => {
	await withStore(async (store) => {
		const pending = '+4915112340008';
		await recordConsent(store, { subject: pending, channel: 'sms', legalBasis: 'double_opt_in', source: 'signup_form', at: CONSENTED_AT });
		const email = 'anna@example.com';
		await recordConsent(store, { subject: email, channel: 'email', legalBasis: 'double_opt_in', confirmed: true, source: 'newsletter', at: CONSENTED_AT });
		const nobody = '+12122340009';
		const unsubscribed = { marketing: false, state: 'unsubscribed', collectedAt: '2025-06-09T08:30:00Z' };
		const berlin = fixedClock(DateTime.fromISO('2025-06-10T12:00', { zone: 'Europe/Berlin' }).toJSDate());
		const decisions = await gateBatch(
			store,
			[
				request(pending, unsubscribed),
				{ channel: 'email', purpose: 'marketing', recipient: email, journeyStep: 'winback', customer: { email, country: 'DE', consent: { email: unsubscribed } } },
				request(nobody, unsubscribed),
			],
			options,
			berlin,
		);
		assert.deepEqual(decisions.map((d) => [d.decision, d.reason]), [['suppressed', 'opted_out'], ['suppressed', 'opted_out'], ['suppressed', 'no_consent']]);
		assert.equal((await shopRecords(store, pending)).length, 1);
		const [mail] = await shopRecords(store, email);
		assert.deepEqual([mail.channel, mail.status], ['email', 'opted_out']);
		assert.equal((await shopRecords(store, nobody)).length, 0);
	});
});

test('a batch whose shop flags revoke nothing writes nothing to the ledger', async () => {
	await withStore(async (store) => {
		const writes: string[] = [];
		const watched: JourneyStore = new Proxy(store, {
			get(target, prop, receiver) {
				const value = Reflect.get(target, prop, receiver);
				if (typeof value !== 'function') return value;
				return (...args: unknown[]) => {
					if (prop === 'appendConsent' || prop === 'appendConsentMany') writes.push(String(prop));
					return (value as (...a: unknown[]) => unknown).apply(target, args);
				};
			},
		});
		const revoked = '+12122340010';
		await consented(store, revoked);
		const requests = Array.from({ length: 2000 }, (_, i) => request(`+1212235${String(i).padStart(4, '0')}`, i % 2 ? { marketing: true } : null, `s${i}`));
		const quiet = await gateBatch(watched, requests, options, clock);
		assert.equal(quiet.filter((d) => d.decision === 'send').length, 1000);
		assert.deepEqual(writes, []);
		// The same batch with one revocation in it: one write for the whole batch.
		await gateBatch(watched, [...requests.map((r) => ({ ...r, journeyStep: `${r.journeyStep}-2` })), request(revoked, { state: 'unsubscribed' })], options, clock);
		assert.deepEqual(writes, ['appendConsentMany']);
	});
});
