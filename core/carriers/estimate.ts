import { DateTime } from 'luxon';
import { isPublicHoliday } from '../calendar';
import { DEFAULT_DELIVERY_WEEKDAYS, DELIVERY_WEEKDAYS, HANDOVER_CUTOFF_HOUR, TRANSIT_TABLE } from './data/transit';
import type { TransitRow } from './data/transit';
import type { CarrierCode } from './types';

/**
 * The calendar arithmetic of delivery estimates: the transit table, the carrier's delivery days at the destination
 * (its weekdays minus that region's public holidays), and when counting starts after a handover. The estimate itself
 * (carrier date, learned lane or this table, and its text) is built in one place: `core/journey/deliveryEstimate.ts`.
 */

export function findTransitRow(
	carrier: CarrierCode | null,
	service: string | undefined,
	from: string,
	to: string,
	table: readonly TransitRow[] = TRANSIT_TABLE,
): TransitRow {
	const row = table.find(
		(r) =>
			(r.carrier === '*' || r.carrier === carrier) &&
			(r.service === '*' || r.service === service) &&
			(r.from === '*' || r.from === from) &&
			(r.to === '*' || r.to === to || (r.to === 'same' && from === to)),
	);
	return row ?? { carrier: '*', service: '*', from: '*', to: '*', min: 4, max: 10, confidence: 0.2 };
}

/** Whether the carrier delivers on this day at the destination (its weekdays, not a public holiday). */
export function isDeliveryDay(day: DateTime, carrier: CarrierCode | null, country: string, region?: string): boolean {
	const weekdays = (carrier && DELIVERY_WEEKDAYS[carrier]) || DEFAULT_DELIVERY_WEEKDAYS;
	if (!weekdays.includes(day.weekday)) return false;
	return !isPublicHoliday(day.toISODate()!, country, region);
}

/** Adds `n` delivery days after `start` (start itself never counts). */
export function addDeliveryDays(start: DateTime, n: number, carrier: CarrierCode | null, country: string, region?: string): DateTime {
	let day = start;
	let left = n;
	for (let guard = 0; left > 0 && guard < 366; guard++) {
		day = day.plus({ days: 1 });
		if (isDeliveryDay(day, carrier, country, region)) left--;
	}
	return day;
}

/**
 * The inverse of `addDeliveryDays`: delivery days after `start` up to and including `end` (0 when delivered on the
 * start day or before). A parcel delivered on a day the carrier does not deliver counts as the delivery day before.
 */
export function deliveryDaysBetween(start: DateTime, end: DateTime, carrier: CarrierCode | null, country: string, region?: string): number {
	const last = end.startOf('day');
	let day = start.startOf('day');
	let n = 0;
	for (let guard = 0; day < last && guard < 366; guard++) {
		day = day.plus({ days: 1 });
		if (isDeliveryDay(day, carrier, country, region)) n++;
	}
	return n;
}

/**
 * Day 0 of the transit count: the handover day in the shop's zone, or the next working day of the origin when the
 * parcel was handed over after the cut-off or on a weekend or public holiday.
 */
export function handoverStart(shipped: DateTime, originCountry: string): DateTime {
	let start = shipped.startOf('day');
	if (shipped.hour >= HANDOVER_CUTOFF_HOUR) start = start.plus({ days: 1 });
	while (start.weekday > 5 || isPublicHoliday(start.toISODate()!, originCountry)) start = start.plus({ days: 1 });
	return start;
}
