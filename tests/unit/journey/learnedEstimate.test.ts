import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { DateTime } from 'luxon';
import type { NormalizedTracking } from '../../../core/carriers';
import { estimateDelivery, LEARN_MIN_SAMPLES, percentile, stateEstimate, transitDays, transitLane } from '../../../core/journey';
import type { EstimateRequest } from '../../../core/journey';
import { fixedClock } from '../../../core/shared/clock';
import { openStore } from '../../../core/store';
import type { JourneyStore } from '../../../core/store';
import { recordTracking } from '../../../core/tracking';

/**
 * The learning estimate on a controlled clock: lanes, transit counted in delivery days (weekends and the destination
 * region's holidays left out), p50/p90 from the samples, the switch from the table to the lane at LEARN_MIN_SAMPLES,
 * and the delivered path of the Tracking Update Trigger filing samples in the store.
 */

const berlin = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' });
const TIMEOUT = 20_000;

describe('lanes', () => {
	it('file German parcels by postcode zone, US parcels by state (else ZIP zone), others by country', () => {
		assert.equal(transitLane({ carrier: 'DHL', originCountry: 'de', destinationCountry: 'DE', postalCode: '80331', destinationRegion: 'BY' }), 'dhl|DE>DE:8');
		assert.equal(transitLane({ carrier: 'dhl', originCountry: 'DE', destinationCountry: 'DE' }), 'dhl|DE>DE');
		assert.equal(transitLane({ carrier: 'usps', originCountry: 'US', destinationCountry: 'US', destinationRegion: 'US-CA', postalCode: '94105' }), 'usps|US>US:CA');
		assert.equal(transitLane({ carrier: 'usps', originCountry: 'US', destinationCountry: 'US', postalCode: '94105-1234' }), 'usps|US>US:z9');
		assert.equal(transitLane({ carrier: 'dhl', originCountry: 'DE', destinationCountry: 'AT', postalCode: '1010' }), 'dhl|DE>AT');
		assert.equal(transitLane({ carrier: null, originCountry: 'DE', destinationCountry: 'DE' }), null, 'no carrier, nothing to learn');
	});
});

describe('transit in delivery days', () => {
	it('skips Sundays and Christmas, counts DHL Saturdays, and starts after the cut-off on the next working day', () => {
		// Wed 23 Dec 2026 10:00 → Mon 28 Dec: Thu 24 counts, 25/26 are holidays, 27 is a Sunday, Mon 28 counts.
		assert.equal(transitDays({ carrier: 'dhl', originCountry: 'DE', destinationCountry: 'DE', shippedAt: berlin('2026-12-23T10:00'), deliveredAt: berlin('2026-12-28T11:00') }), 2);
		// DPD does not deliver on Saturdays: Thu 26 Nov after 16:00 → day 0 is Fri; Mon 30 Nov is day 1.
		assert.equal(transitDays({ carrier: 'dpd', originCountry: 'DE', destinationCountry: 'DE', shippedAt: berlin('2026-11-26T17:30'), deliveredAt: berlin('2026-11-30T09:00') }), 1);
		// DHL does: Fri 27 Nov 10:00 → Sat 28 Nov is one day.
		assert.equal(transitDays({ carrier: 'dhl', originCountry: 'DE', destinationCountry: 'DE', shippedAt: berlin('2026-11-27T10:00'), deliveredAt: berlin('2026-11-28T12:00') }), 1);
		assert.equal(transitDays({ carrier: 'dhl', originCountry: 'DE', destinationCountry: 'DE', shippedAt: berlin('2026-11-27T10:00'), deliveredAt: berlin('2026-11-26T12:00') }), null, 'delivered before shipped');
	});

	it("counts the destination region's holidays only there", () => {
		// Corpus Christi, Thu 4 June 2026: a holiday in Bavaria, not in Hamburg. DPD shipped Wed 3 June, delivered Fri 5 June.
		const shipped = berlin('2026-06-03T10:00');
		const delivered = berlin('2026-06-05T10:00');
		assert.equal(transitDays({ carrier: 'dpd', originCountry: 'DE', destinationCountry: 'DE', destinationRegion: 'BY', shippedAt: shipped, deliveredAt: delivered }), 1);
		assert.equal(transitDays({ carrier: 'dpd', originCountry: 'DE', destinationCountry: 'DE', destinationRegion: 'HH', shippedAt: shipped, deliveredAt: delivered }), 2);
		assert.equal(transitDays({ carrier: 'dpd', originCountry: 'DE', destinationCountry: 'DE', destinationRegion: 'Bayern', shippedAt: shipped, deliveredAt: delivered }), 2, 'an unknown region: nationwide holidays');
		// Thanksgiving, Thu 26 Nov 2026, for UPS in the US: shipped Wed 25, delivered Fri 27 = one day.
		const ny = (iso: string) => DateTime.fromISO(iso, { zone: 'America/New_York' });
		assert.equal(transitDays({ carrier: 'ups', originCountry: 'US', destinationCountry: 'US', destinationRegion: 'CA', shippedAt: ny('2026-11-25T10:00'), deliveredAt: ny('2026-11-27T15:00') }), 1);
	});
});

describe('the estimate switches from the table to the lane', () => {
	// Tue 1 Dec 2026 10:00 in Berlin, DHL to Munich.
	const req: EstimateRequest = { carrier: 'dhl', originCountry: 'DE', destinationCountry: 'DE', postalCode: '80331', destinationRegion: 'BY', shippedAt: '2026-12-01T10:00:00+01:00', locale: 'de-DE' };
	const clock = fixedClock('2026-12-01T09:00:00Z');
	// 60 % one day, 30 % two, 10 % four: p50 = 1, p90 = 2.
	const samples = (n: number) => Array.from({ length: n }, (_, i) => [1, 1, 1, 1, 1, 1, 2, 2, 2, 4][i % 10]);

	it('p50 and p90 by nearest rank', () => {
		assert.equal(percentile(samples(30), 0.5), 1);
		assert.equal(percentile(samples(30), 0.9), 2);
		assert.equal(percentile([3], 0.9), 3);
		assert.ok(Number.isNaN(percentile([], 0.5)));
	});

	it(`uses the table below ${LEARN_MIN_SAMPLES} samples and the lane from then on, with the sample size`, () => {
		const below = stateEstimate(req, clock, samples(LEARN_MIN_SAMPLES - 1));
		assert.equal(below.source, 'table');
		assert.equal(below.sampleSize, undefined);
		assert.deepEqual([below.earliest, below.latest], ['2026-12-02', '2026-12-03'], 'DHL table: 1–2 days');

		const slow = Array.from({ length: LEARN_MIN_SAMPLES }, (_, i) => [2, 2, 3, 3, 3, 3, 3, 4, 4, 5][i % 10]);
		const learned = stateEstimate(req, clock, slow);
		assert.equal(learned.source, 'learned');
		assert.equal(learned.sampleSize, LEARN_MIN_SAMPLES);
		// p50 = 3 delivery days (Wed, Thu, Fri → Fri 4 Dec), p90 = 4 (Sat 5 Dec: DHL delivers on Saturdays).
		assert.deepEqual([learned.earliest, learned.latest], ['2026-12-04', '2026-12-05']);
		assert.equal(learned.text, 'Freitag, 4. Dezember - Samstag, 5. Dezember');
		assert.equal(learned.confidence, 0.9, 'share of the samples on or before the latest day');
	});

	it("the carrier's own date still wins over the lane", () => {
		const e = stateEstimate({ ...req, carrierEstimate: { earliest: '2026-12-03', latest: '2026-12-03' } }, clock, samples(50));
		assert.equal(e.source, 'carrier');
		assert.equal(e.text, 'Donnerstag, 3. Dezember');
	});
});

describe('delivered parcels teach their lane (journey store)', () => {
	let store: JourneyStore;
	beforeAll(async () => {
		store = await openStore({ backend: 'sqlite', path: join(mkdtempSync(join(tmpdir(), 'pp-learn-')), 'journey.sqlite') });
	}, TIMEOUT);
	afterAll(async () => {
		await store.close();
	});

	const delivered = (time: string, text = 'Zugestellt'): NormalizedTracking => ({
		status: 'Delivered',
		subStatus: null,
		isTerminal: true,
		progressRank: 4,
		statusGroup: 'delivered',
		carrierStatusCode: 'delivered',
		carrierStatusText: text,
		lastEvent: { time, location: 'München', text },
		events: [],
		carrierEstimate: null,
	});

	it(
		'the delivered path files one sample per parcel under its lane, and the estimate reads it back once there are enough',
		async () => {
			const lane = 'dhl|DE>DE:8';
			const req: EstimateRequest = { carrier: 'dhl', originCountry: 'DE', destinationCountry: 'DE', postalCode: '80331', shippedAt: '2026-12-07T10:00:00+01:00' };
			const now = new Date('2026-12-20T12:00:00Z');
			for (let i = 0; i < LEARN_MIN_SAMPLES; i++) {
				const number = `JJDLEARN${process.pid}N${i}`;
				// Shipped Mon 30 Nov 10:00; delivered Wed 2 Dec (2 delivery days) for two in three, else Fri 4 Dec (4 days).
				const day = i % 3 === 2 ? '2026-12-04' : '2026-12-02';
				await store.shipments.watch({
					trackingNumber: number,
					carrier: 'dhl',
					originCountry: 'DE',
					destinationCountry: 'DE',
					destinationRegion: 'BY',
					shippedAt: new Date('2026-11-30T09:00:00Z'),
					context: { lane, shipment: { shippingAddress: { postalCode: '80331' } } },
				});
				const shipment = (await store.shipments.get(number))!;
				await recordTracking(store, shipment, delivered(`${day}T11:00:00+01:00`), { source: 'poll:dhl', now });
				if (i === LEARN_MIN_SAMPLES - 2) {
					const almost = await estimateDelivery(req, { clock: fixedClock(now), samples: (l, n) => store.shipments.transitSamples(l, n) });
					assert.equal(almost.source, 'table', `${LEARN_MIN_SAMPLES - 1} samples: still the table`);
				}
			}
			const again = (await store.shipments.get(`JJDLEARN${process.pid}N0`))!;
			await recordTracking(store, again, delivered('2026-12-02T11:00:00+01:00'), { source: 'push:aftership', now });
			const stored = await store.shipments.transitSamples(lane, 100);
			assert.equal(stored.length, LEARN_MIN_SAMPLES, 'a tracking number counts once');
			assert.deepEqual([...new Set(stored)].sort(), [2, 4]);

			const e = await estimateDelivery(req, { clock: fixedClock(now), samples: (l, n) => store.shipments.transitSamples(l, n) });
			assert.equal(e.source, 'learned');
			assert.equal(e.sampleSize, LEARN_MIN_SAMPLES);
			// Shipped Mon 7 Dec: p50 = 2 → Wed 9 Dec, p90 = 4 → Fri 11 Dec.
			assert.deepEqual([e.earliest, e.latest], ['2026-12-09', '2026-12-11']);
		},
		TIMEOUT,
	);
});
