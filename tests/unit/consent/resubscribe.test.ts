/**
 * Issue 15, point 3: a German customer who confirmed a double opt-in, replied STOPP and then JA (or START) is
 * subscribed again — the reply from the very number is the customer's own act, recorded with the message as
 * evidence — and the auto-reply never promises what the gate will not do.
 */
import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { DEFAULT_OPTIONS, gateBatch, handleInboundMessage, recordConsent } from '../../../core/consent';
import type { ReplySettings } from '../../../core/consent';
import { fixedClock } from '../../../core/shared/clock';
import { openSqliteStore } from '../../../core/store';
import type { JourneyStore } from '../../../core/store';

// A Monday morning in Berlin: inside every German send window, no holiday.
const clock = fixedClock(DateTime.fromISO('2025-06-16T10:00', { zone: 'Europe/Berlin' }).toJSDate());
const reply: ReplySettings = { enabled: true, brand: 'Kaffeehaus', contact: '+49 30 1234567', defaultLanguage: 'de' };
let sid = 0;

async function withStore(fn: (store: JourneyStore) => Promise<void>): Promise<void> {
	const dir = mkdtempSync(join(tmpdir(), 'resubscribe-'));
	const store = await openSqliteStore({ path: join(dir, 'journey.sqlite') });
	try {
		await fn(store);
	} finally {
		await store.close();
		rmSync(dir, { recursive: true, force: true });
	}
}

const sms = (store: JourneyStore, from: string, body: string) =>
	handleInboundMessage(store, { From: from, To: '+4915199990000', Body: body, MessageSid: `SM${String(++sid).padStart(32, '0')}` }, reply);

const gate = async (store: JourneyStore, to: string) =>
	(await gateBatch(store, [{ channel: 'sms', purpose: 'marketing', recipient: to, journeyStep: `promo-${++sid}`, customer: { country: 'DE' } }], { ...DEFAULT_OPTIONS, useShopConsentFlags: false }, clock))[0];

describe('re-subscribing by SMS in a double opt-in country', () => {
	for (const keyword of ['JA', 'START', 'Ja']) {
		it(`double opt-in confirmed → STOPP → ${keyword}: the gate sends again, as the auto-reply says`, async () => {
			await withStore(async (store) => {
				const to = '+4915112345678';
				await recordConsent(store, { subject: to, channel: 'sms', legalBasis: 'double_opt_in', source: 'signup_form', consentText: 'Ja, ich möchte SMS.', consentTextVersion: 'v3' });
				assert.equal((await sms(store, to, 'JA')).confirmedDoubleOptIn, true);
				assert.equal((await gate(store, to)).decision, 'send');

				const stop = await sms(store, to, 'STOPP');
				assert.equal(stop.classification.intent, 'opt_out');
				assert.equal((await gate(store, to)).reason, 'opted_out');

				const back = await sms(store, to, keyword);
				assert.equal(back.changed, true);
				assert.match(String(back.reply), /wieder/, 'the auto-reply says the customer gets SMS again');
				const decision = await gate(store, to);
				assert.equal(decision.decision, 'send', `gate said ${decision.reason}`);

				const ledger = (await store.exportSubject(to)).consent;
				const last = ledger[ledger.length - 1];
				assert.equal(last.status, 'opted_in');
				assert.equal(last.legalBasis, 'double_opt_in');
				assert.equal(last.source, 'sms_keyword');
				assert.equal(last.evidence.confirmedBy, 'reply_from_number');
				assert.equal(last.evidence.body, keyword);
				assert.match(String(last.evidence.messageSid), /^SM\d{32}$/);
			});
		});
	}

	it('an opt-in recorded by the shop (not by the number) still needs its double opt-in', async () => {
		await withStore(async (store) => {
			const to = '+4915112345679';
			await recordConsent(store, { subject: to, channel: 'sms', legalBasis: 'consent', source: 'checkout' });
			assert.equal((await gate(store, to)).reason, 'double_opt_in_required');
		});
	});
});
