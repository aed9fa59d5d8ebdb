import { DateTime } from 'luxon';
import { deliveryDaysBetween, handoverStart } from '../carriers';
import type { CarrierCode } from '../carriers';

/**
 * What the learning delivery estimate learns from: every delivered parcel's transit in delivery days, filed under its
 * lane (carrier + origin country + destination region). The estimate (deliveryEstimate.ts) reads a lane's newest
 * samples back and states its p50 … p90 once there are enough of them.
 */

/**
 * Samples a lane needs before its own figures replace the transit table. With n samples the empirical p90 misses the
 * true p90 by about sqrt(0.9 × 0.1 / n): ±5.5 percentage points at 30, ±9.5 at 10. Thirty keeps the stated "at the
 * latest" day honest to within a few points, and a shop with a few hundred parcels a month reaches it on its main
 * lanes within weeks.
 */
export const LEARN_MIN_SAMPLES = 30;

/**
 * The newest samples a lane is judged by. A window of recent parcels, not the lane's whole history: December's peak
 * shows in the estimate within days on a busy lane, and leaves it again in January.
 */
export const LEARN_WINDOW = 120;

export interface LaneInput {
	carrier: string | null | undefined;
	originCountry: string | null | undefined;
	destinationCountry: string | null | undefined;
	/** US state / German Bundesland code when known. */
	destinationRegion?: string | null;
	postalCode?: string | null;
}

const upper = (v: string | null | undefined) => (typeof v === 'string' && v.trim() ? v.trim().toUpperCase() : null);

/**
 * The destination region of a lane. Germany: the postcode zone (first digit of the PLZ, the "Leitzone"): parcel
 * networks route by it, every German address has one (the Bundesland is rarely sent by shops), and ten zones per
 * carrier fill up fast enough. US: the state (distance from the shop's warehouse dominates US transit times and
 * shops send the state with every address), else the ZIP's first digit (the ZIP national area). Elsewhere the
 * country alone.
 */
export function laneRegion(country: string, region: string | null | undefined, postalCode: string | null | undefined): string {
	const zip = String(postalCode ?? '').trim();
	if (country === 'DE' && /^\d{5}$/.test(zip)) return `${country}:${zip[0]}`;
	if (country === 'US') {
		const state = upper(region)?.replace(/^US-/, '');
		if (state && /^[A-Z]{2}$/.test(state)) return `${country}:${state}`;
		if (/^\d{5}(-\d{4})?$/.test(zip)) return `${country}:z${zip[0]}`;
	}
	return country;
}

/** `dhl|DE>DE:7`; null when carrier, origin or destination is unknown (such parcels teach nothing). */
export function transitLane(input: LaneInput): string | null {
	const carrier = typeof input.carrier === 'string' && input.carrier.trim() ? input.carrier.trim().toLowerCase() : null;
	const from = upper(input.originCountry);
	const to = upper(input.destinationCountry);
	if (!carrier || !from || !to) return null;
	return `${carrier}|${from}>${laneRegion(to, input.destinationRegion, input.postalCode)}`;
}

/** The nearest-rank percentile (0 < p ≤ 1) of samples; NaN for none. */
export function percentile(samples: readonly number[], p: number): number {
	if (samples.length === 0) return Number.NaN;
	const sorted = [...samples].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length))) - 1];
}

/** A timestamp as the day it names: its own offset when it has one (carrier scans are local), else `zone`. */
export function dayOf(value: string | Date, zone: string): DateTime {
	return typeof value === 'string' ? DateTime.fromISO(value, { setZone: true }) : DateTime.fromJSDate(value, { zone });
}

export interface TransitInput {
	carrier: string | null;
	originCountry: string;
	destinationCountry: string;
	destinationRegion?: string | null;
	/** The handover, as a timestamp in the shop's zone (or with its offset). */
	shippedAt: DateTime;
	deliveredAt: DateTime;
}

/**
 * A delivered parcel's transit in delivery days: counted from the handover (after the cut-off or on a non-working day
 * from the next working day, as the estimate counts) to the delivery day, over the carrier's delivery weekdays and
 * the destination region's public holidays. The same unit the estimate adds, so p50 of the samples is p50 of the
 * dates. Null when the dates make no sense (delivered before it was shipped).
 */
export function transitDays(input: TransitInput): number | null {
	if (!input.shippedAt.isValid || !input.deliveredAt.isValid || input.deliveredAt < input.shippedAt) return null;
	const start = handoverStart(input.shippedAt, input.originCountry);
	const end = input.deliveredAt.setZone(input.shippedAt.zone, { keepLocalTime: true });
	const carrier = input.carrier as CarrierCode | null;
	try {
		return deliveryDaysBetween(start, end, carrier, input.destinationCountry, input.destinationRegion ?? undefined);
	} catch {
		// A region the holiday calendar does not know ("Bayern" instead of "BY"): the nationwide holidays still count.
		return deliveryDaysBetween(start, end, carrier, input.destinationCountry);
	}
}
