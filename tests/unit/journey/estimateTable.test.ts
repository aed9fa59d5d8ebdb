import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { addDeliveryDays } from '../../../core/carriers';
import { estimateText, stateEstimate } from '../../../core/journey';
import type { EstimateRequest } from '../../../core/journey';
import { fixedClock } from '../../../core/shared/clock';
import { DateTime } from 'luxon';

const clock = fixedClock('2026-11-23T09:00:00Z');
/** The static table (no lane samples) through the one estimate builder. */
const estimateDelivery = (req: EstimateRequest, c = clock) => stateEstimate(req, c, []);

test('the carrier date wins over the table', () => {
	const e = estimateDelivery({ carrier: 'ups', carrierEstimate: { earliest: '2026-11-25', latest: '2026-11-25' }, locale: 'de-DE' }, clock);
	assert.deepEqual(e, { earliest: '2026-11-25', latest: '2026-11-25', source: 'carrier', confidence: 0.9, text: 'Mittwoch, 25. November' });
});

test('localized sentences in German and English', () => {
	assert.equal(estimateText('2026-11-25', '2026-11-25', 'de-DE'), 'Mittwoch, 25. November');
	assert.equal(estimateText('2026-11-24', '2026-11-25', 'de-DE'), 'Dienstag, 24. November - Mittwoch, 25. November');
	assert.equal(estimateText('2026-11-24', '2026-11-25', 'en-US'), 'Tuesday, November 24 - Wednesday, November 25');
	assert.equal(estimateText('2026-11-24', '2026-11-25', 'fr-FR'), 'mardi 24 novembre - mercredi 25 novembre');
});

test('DHL Paket in Germany: 1–2 days, counting Saturday', () => {
	// Thursday 2026-11-26 10:00 → Friday / Saturday.
	const e = estimateDelivery({ carrier: 'dhl', originCountry: 'DE', destinationCountry: 'DE', shippedAt: '2026-11-26T10:00:00+01:00' }, clock);
	assert.equal(e.earliest, '2026-11-27');
	assert.equal(e.latest, '2026-11-28');
	assert.equal(e.source, 'table');
	assert.equal(e.confidence, 0.8);
});

test('DPD does not deliver on Saturday; after the cut-off counting starts the next day', () => {
	const e = estimateDelivery({ carrier: 'dpd', originCountry: 'DE', destinationCountry: 'DE', shippedAt: '2026-11-26T17:30:00+01:00' }, clock);
	// Handed over Thu after 16:00 → day 0 is Fri; +1 = Mon 30, +2 = Tue 1 Dec.
	assert.equal(e.earliest, '2026-11-30');
	assert.equal(e.latest, '2026-12-01');
});

test('Christmas and Easter holidays are skipped', () => {
	// Wed 23 Dec 2026: 24 is a delivery day, 25/26 holidays, 27 Sunday.
	const e = estimateDelivery({ carrier: 'dhl', originCountry: 'DE', destinationCountry: 'DE', shippedAt: '2026-12-23T10:00:00+01:00' }, clock);
	assert.equal(e.earliest, '2026-12-24');
	assert.equal(e.latest, '2026-12-28');
	// Thu before Easter 2027 (Good Friday 26 Mar, Easter Monday 29 Mar): Sat 27, then Tue 30.
	const easter = estimateDelivery({ carrier: 'dhl', originCountry: 'DE', destinationCountry: 'DE', shippedAt: '2027-03-25T10:00:00+01:00' }, clock);
	assert.equal(easter.earliest, '2027-03-27');
	assert.equal(easter.latest, '2027-03-30');
	// Easter 2028 is 16 April: Good Friday 14th.
	const e28 = estimateDelivery({ carrier: 'dpd', originCountry: 'DE', destinationCountry: 'DE', shippedAt: '2028-04-13T10:00:00+02:00' }, clock);
	assert.equal(e28.earliest, '2028-04-18');
});

test('Bundesland-only holidays count only in that state', () => {
	// Corpus Christi 2026 = Thu 4 June (BY yes, HH no). Shipped Wed 3 June with DPD (1–2 days).
	const by = estimateDelivery({ carrier: 'dpd', originCountry: 'DE', destinationCountry: 'DE', destinationRegion: 'BY', shippedAt: '2026-06-03T10:00:00+02:00' }, clock);
	const hh = estimateDelivery({ carrier: 'dpd', originCountry: 'DE', destinationCountry: 'DE', destinationRegion: 'HH', shippedAt: '2026-06-03T10:00:00+02:00' }, clock);
	assert.equal(by.earliest, '2026-06-05');
	assert.equal(hh.earliest, '2026-06-04');
	// Reformation Day 31 Oct 2025 (Fri) in SN, not in BW.
	const sn = addDeliveryDays(DateTime.fromISO('2025-10-30'), 1, 'dpd', 'DE', 'SN').toISODate();
	const bw = addDeliveryDays(DateTime.fromISO('2025-10-30'), 1, 'dpd', 'DE', 'BW').toISODate();
	assert.equal(sn, '2025-11-03');
	assert.equal(bw, '2025-10-31');
});

test('USPS in the US skips federal holidays (Thanksgiving)', () => {
	// Thanksgiving 2026 = Thu 26 Nov. Shipped Tue 24 → 2–5 days: Wed 25, (Thu holiday), Fri 27, Sat 28 …
	const e = estimateDelivery({ carrier: 'usps', originCountry: 'US', destinationCountry: 'US', shippedAt: '2026-11-24T10:00:00-05:00', timezone: 'America/New_York' }, clock);
	assert.equal(e.earliest, '2026-11-27');
	assert.equal(e.latest, '2026-12-01');
});
