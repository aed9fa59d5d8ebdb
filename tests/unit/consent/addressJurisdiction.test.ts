import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { decide, DEFAULT_OPTIONS, NO_FACTS, prepare } from '../../../core/consent';
import type { ConsentCustomer, ConsentOptions, ConsentRequest, SubjectFacts } from '../../../core/consent';
import type { ConsentRecord } from '../../../core/store/JourneyStore';

/**
 * Where the customer lives decides too: when the address (customer country/region, else the shipping address) and
 * the number point to different countries, both places' windows, days, holidays and caps apply, the stricter wins.
 */

const DOI: SubjectFacts = {
	...NO_FACTS,
	consent: {
		id: '1', subject: 'x', channel: 'sms', purpose: 'marketing', status: 'opted_in', legalBasis: 'double_opt_in', source: 'signup',
		consentTextVersion: null, consentTextHash: null, evidence: {}, recordedAt: new Date('2025-01-01T00:00:00Z'),
	} satisfies ConsentRecord,
};
const AT_MOBILE = '+436641234567';
const DE_MOBILE = '+4915112345678';
const BERLIN = 'Europe/Berlin';

function gate(to: string, local: string, customer: ConsentCustomer, extra: Partial<ConsentRequest> = {}, facts = DOI, options: ConsentOptions = DEFAULT_OPTIONS) {
	const request: ConsentRequest = { channel: 'sms', purpose: 'marketing', recipient: to, journeyStep: 'step', customer, ...extra };
	const d = decide(prepare(request, options), facts, options, DateTime.fromISO(local, { zone: BERLIN }).toMillis());
	return { ...d, local: d.sendAt ? DateTime.fromISO(d.sendAt).setZone(BERLIN).toFormat("yyyy-MM-dd'T'HH:mm") : null };
}

test('a Saxony resident with an Austrian number gets no marketing SMS on Reformationstag (31 Oct, a Saxon holiday only)', () => {
	const saxon = { country: 'DE', region: 'SN' };
	const d = gate(AT_MOBILE, '2025-10-31T10:00', saxon);
	assert.deepEqual([d.decision, d.reason, d.jurisdiction], ['deferred', 'quiet_hours', 'AT, DE-SN']);
	// Saturday 1 Nov is Allerheiligen in Austria (the number's country), Sunday is closed in both: Monday 09:00.
	assert.equal(d.local, '2025-11-03T09:00');
	assert.equal(d.rule, 'AT, DE');
	// The same customer on an ordinary Friday: both places allow it.
	assert.equal(gate(AT_MOBILE, '2025-10-24T10:00', saxon).decision, 'send');
});

test('the region may carry the country prefix, and without a customer country the shipping address says where the customer lives', () => {
	assert.equal(gate(AT_MOBILE, '2025-10-31T10:00', { country: 'DE', region: 'DE-SN' }).local, '2025-11-03T09:00');
	const shipped = gate(AT_MOBILE, '2025-10-31T10:00', {}, { shippingAddress: { country: 'DE', region: 'SN' } });
	assert.deepEqual([shipped.decision, shipped.jurisdiction, shipped.local], ['deferred', 'AT, DE-SN', '2025-11-03T09:00']);
});

test('the reverse: an Austrian resident with a German number gets none on the Austrian Nationalfeiertag (26 Oct), not a German holiday', () => {
	const d = gate(DE_MOBILE, '2026-10-26T10:00', { country: 'AT' });
	assert.deepEqual([d.decision, d.reason, d.jurisdiction, d.local], ['deferred', 'quiet_hours', 'DE, AT', '2026-10-27T09:00']);
	// A German resident with the same number sends that day.
	assert.equal(gate(DE_MOBILE, '2026-10-26T10:00', { country: 'DE' }).decision, 'send');
});

test('a Rhode Island resident with a German number: both windows, the later opening wins', () => {
	// Tuesday 10:00 in Berlin is 04:00 in Providence; Rhode Island opens at 09:00 there = 15:00 in Berlin.
	const d = gate(DE_MOBILE, '2025-06-10T10:00', { country: 'US', region: 'RI' });
	assert.deepEqual([d.decision, d.jurisdiction, d.local], ['deferred', 'DE, US-RI', '2025-06-10T15:00']);
	assert.equal(d.rule, 'DE, US-RI');
});

test("a Florida resident with a German number: Florida's 3 per 24 h beats a higher merchant cap", () => {
	const options = { ...DEFAULT_OPTIONS, capPer24h: 5, capPer30d: 50 };
	// Tuesday 16:00 Berlin = 10:00 New York = 09:00 Chicago: inside both Florida zones and the German window.
	const floridian = gate(DE_MOBILE, '2025-06-10T16:00', { country: 'US', region: 'FL' }, {}, { ...DOI, sent24h: 3, sent30d: 3 }, options);
	assert.deepEqual([floridian.decision, floridian.reason], ['deferred', 'frequency_cap']);
	const berliner = gate(DE_MOBILE, '2025-06-10T16:00', { country: 'DE', region: 'BE' }, {}, { ...DOI, sent24h: 3, sent30d: 3 }, options);
	assert.equal(berliner.decision, 'send');
});
