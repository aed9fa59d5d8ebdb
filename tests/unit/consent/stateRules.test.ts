import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { decide, DEFAULT_OPTIONS, gateBatch, NO_FACTS, prepare, recordConsent, resolveRecipient, US_STATE_RULES } from '../../../core/consent';
import type { ConsentCustomer, ConsentOptions, ConsentRequest, SubjectFacts, UsStateRule } from '../../../core/consent';
import { AREA_CODE_STATE, US_STATE_ZONES } from '../../../core/consent/data/nanp.data';
import { fixedClock } from '../../../core/shared/clock';
import { openSqliteStore } from '../../../core/store';
import type { ConsentRecord } from '../../../core/store/JourneyStore';

/**
 * The US state table, row by row: each row's window on every weekday, its Sundays/holidays rule, its cap per 24 h
 * and its area-code presumption go through the gate's `decide` (and the caps through `gateBatch` on SQLite).
 */

const CONSENT: SubjectFacts = {
	...NO_FACTS,
	consent: {
		id: '1', subject: 'x', channel: 'sms', purpose: 'marketing', status: 'opted_in', legalBasis: 'consent', source: 'checkout',
		consentTextVersion: null, consentTextHash: null, evidence: {}, recordedAt: new Date('2025-01-01T00:00:00Z'),
	} satisfies ConsentRecord,
};
/** A merchant cap far above every statutory one, so only the state's cap can bite. */
const HIGH_CAP: ConsentOptions = { ...DEFAULT_OPTIONS, capPer24h: 10, capPer30d: 100 };
/** Monday 9 June 2025 … Sunday 15 June 2025: no US holiday in that week. */
const WEEK = ['2025-06-09', '2025-06-10', '2025-06-11', '2025-06-12', '2025-06-13', '2025-06-14', '2025-06-15'];
/** Independence Day, a Friday, a holiday in every state. */
const JULY_4 = '2025-07-04';

/** A valid mobile-capable number with one of the state's area codes. */
function numberIn(state: string): string {
	for (const [areaCode, s] of AREA_CODE_STATE) {
		if (s !== state) continue;
		const candidate = `+1${areaCode}2345678`;
		const r = resolveRecipient('sms', candidate);
		if (r.ok) return candidate;
	}
	throw new Error(`no valid number for ${state}`);
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function gate(row: UsStateRule, date: string, minutes: number, opts: { facts?: SubjectFacts; options?: ConsentOptions; customer?: ConsentCustomer } = {}) {
	const zone = US_STATE_ZONES[row.state][0];
	const customer: ConsentCustomer = opts.customer ?? { country: 'US', region: row.state, timezone: zone };
	const request: ConsentRequest = { channel: 'sms', purpose: 'marketing', recipient: numberIn(row.state), journeyStep: 'step', customer };
	const at = DateTime.fromISO(`${date}T${hhmm(minutes)}`, { zone: customer.timezone ?? zone });
	const options = opts.options ?? DEFAULT_OPTIONS;
	const d = decide(prepare(request, options), opts.facts ?? CONSENT, options, at.toMillis());
	const local = d.sendAt ? DateTime.fromISO(d.sendAt).setZone(customer.timezone ?? zone).toFormat("yyyy-MM-dd'T'HH:mm") : null;
	return { ...d, local };
}

test('every row names its source: law, citation and an https/http URL', () => {
	assert.ok(US_STATE_RULES.length >= 17);
	const states = US_STATE_RULES.map((r) => r.state);
	assert.deepEqual(states, [...new Set(states)], 'one row per state');
	for (const row of US_STATE_RULES) {
		assert.ok(row.source.law.trim().length > 5, `${row.state} law`);
		assert.ok(row.source.citation.trim().length > 3, `${row.state} citation`);
		assert.match(row.source.url, /^https?:\/\/\S+$/, `${row.state} URL`);
		assert.ok(US_STATE_ZONES[row.state], `${row.state} is a state with time zones`);
	}
	for (const state of ['FL', 'MD', 'OK']) assert.ok(states.includes(state), state);
});

test('the table holds the 2022–2024 mini-TCPAs: Maryland and Oklahoma 3 per 24 h, Oklahoma presumes residence by area code', () => {
	const row = (s: string) => US_STATE_RULES.find((r) => r.state === s) as UsStateRule;
	assert.deepEqual([row('FL').cap24h, row('FL').areaCodePresumption], [3, true]);
	assert.deepEqual([row('OK').cap24h, row('OK').areaCodePresumption], [3, true]);
	assert.deepEqual([row('MD').cap24h, row('MD').areaCodePresumption], [3, false]);
	for (const s of ['FL', 'MD', 'OK']) assert.deepEqual(row(s).days[1], [480, 1200], `${s} 08:00–20:00`);
});

describe.each(US_STATE_RULES.map((r) => [r.state, r] as const))('state row %s', (_state, row) => {
	test('window on every weekday: open at its start and until a minute before its end, closed outside', () => {
		WEEK.forEach((date, i) => {
			const w = row.days[i];
			if (!w) {
				const closed = gate(row, date, 12 * 60);
				assert.deepEqual([closed.decision, closed.reason], ['deferred', 'quiet_hours'], `${date} (weekday ${i + 1}) is closed`);
				assert.notEqual(closed.local?.slice(0, 10), date, `${date} no time that day`);
				return;
			}
			const [start, end] = w;
			assert.equal(gate(row, date, start).decision, 'send', `${date} ${hhmm(start)}`);
			assert.equal(gate(row, date, end - 1).decision, 'send', `${date} ${hhmm(end - 1)}`);
			const early = gate(row, date, start - 1);
			assert.deepEqual([early.decision, early.reason, early.local], ['deferred', 'quiet_hours', `${date}T${hhmm(start)}`], `${date} ${hhmm(start - 1)}`);
			const late = gate(row, date, end);
			assert.deepEqual([late.decision, late.reason], ['deferred', 'quiet_hours'], `${date} ${hhmm(end)}`);
			assert.ok((late.local ?? '') > `${date}T23:59`, `${date} ${hhmm(end)} waits for another day`);
		});
	});

	test(row.noPublicHolidays ? 'no marketing on a state holiday' : 'holidays are ordinary days', () => {
		const w = row.days[4] as readonly [number, number];
		const d = gate(row, JULY_4, w[0] + 60);
		if (row.noPublicHolidays) {
			assert.deepEqual([d.decision, d.reason], ['deferred', 'quiet_hours']);
			assert.ok((d.local ?? '') >= '2025-07-05', `held past the holiday, got ${d.local}`);
		} else {
			assert.equal(d.decision, 'send');
		}
	});

	test(row.cap24h === null ? 'no statutory cap: the merchant cap applies' : `cap of ${row.cap24h} per 24 h beats a higher merchant cap`, () => {
		const w = row.days[1] as readonly [number, number];
		const at = w[0] + 60;
		const sent = (n: number) => gate(row, WEEK[1], at, { facts: { ...CONSENT, sent24h: n, sent30d: n }, options: HIGH_CAP });
		const limit = row.cap24h ?? HIGH_CAP.capPer24h;
		assert.equal(sent(limit - 1).decision, 'send', `${limit - 1} sent`);
		const over = sent(limit);
		assert.deepEqual([over.decision, over.reason], ['deferred', 'frequency_cap'], `${limit} sent`);
		// The statute counts calls and texts: e-mail keeps the merchant's cap.
		if (row.cap24h !== null) {
			const email = decide(
				prepare({ channel: 'email', purpose: 'marketing', recipient: 'anna@example.com', customer: { country: 'US', region: row.state } }, HIGH_CAP),
				{ ...CONSENT, sent24h: limit, sent30d: limit },
				HIGH_CAP,
				DateTime.fromISO(`${WEEK[1]}T12:00`, { zone: US_STATE_ZONES[row.state][0] }).toMillis(),
			);
			assert.equal(email.decision, 'send');
		}
	});

	test(row.areaCodePresumption ? "the area code brings the state's rules to a New York address" : 'a New York address replaces the area code', () => {
		const zone = US_STATE_ZONES[row.state][0];
		const newYorker: ConsentCustomer = { country: 'US', region: 'NY', timezone: zone };
		// A Tuesday minute inside the federal 08:00–21:00 (New York's rule) but outside this state's window.
		const [start, end] = row.days[1] as readonly [number, number];
		const outside = start > 8 * 60 ? start - 1 : end;
		assert.ok(outside >= 8 * 60 && outside < 21 * 60, 'the row is stricter than the federal window on Tuesdays');
		const d = gate(row, WEEK[1], outside, { customer: newYorker });
		assert.deepEqual([d.decision, d.jurisdiction], [row.areaCodePresumption ? 'deferred' : 'send', 'US-NY']);
		if (row.cap24h !== null) {
			const capped = gate(row, WEEK[1], start + 60, { customer: newYorker, facts: { ...CONSENT, sent24h: row.cap24h, sent30d: row.cap24h }, options: HIGH_CAP });
			assert.equal(capped.decision, row.areaCodePresumption ? 'deferred' : 'send');
		}
	});
});

test('through gateBatch on SQLite: Maryland and Oklahoma hold the 4th marketing SMS in 24 h, New York sends it', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'state-caps-'));
	const store = await openSqliteStore({ path: join(dir, 'journey.sqlite') });
	try {
		const now = DateTime.fromISO('2025-06-10T12:00', { zone: 'America/New_York' }).toJSDate();
		const numbers = { MD: '+14102345678', OK: '+14052345678', NY: '+12122345678' };
		for (const to of Object.values(numbers)) {
			await recordConsent(store, { subject: to, channel: 'sms', legalBasis: 'consent', source: 'checkout', at: new Date('2025-01-01T00:00:00Z') });
			for (let k = 1; k <= 3; k++) {
				await store.logMessage({ subject: to, channel: 'sms', purpose: 'marketing', journeyStep: `s${k}`, status: 'delivered', sentAt: new Date(now.getTime() - k * 3_600_000) });
			}
		}
		const requests: ConsentRequest[] = Object.values(numbers).map((to) => ({ channel: 'sms', purpose: 'marketing', recipient: to, journeyStep: 'winback' }));
		const decisions = await gateBatch(store, requests, { ...HIGH_CAP, useShopConsentFlags: false }, fixedClock(now));
		assert.deepEqual(
			decisions.map((d) => [d.jurisdiction, d.decision, d.reason]),
			[
				['US-MD', 'deferred', 'frequency_cap'],
				['US-OK', 'deferred', 'frequency_cap'],
				['US-NY', 'send', 'allowed'],
			],
		);
	} finally {
		await store.close();
		rmSync(dir, { recursive: true, force: true });
	}
});
