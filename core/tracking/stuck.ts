import { DateTime } from 'luxon';
import { isPublicHoliday } from '../calendar';
import type { JourneyStore } from '../store';

/**
 * Stuck orders, so the shop acts before the customer asks: paid but not shipped after N working days (the shop's
 * country: weekends and public holidays do not count), and parcels without a carrier scan for N days.
 */

export interface StuckSettings {
	/** Working days after payment without a shipment; 0 = do not check. */
	paidNotShippedDays: number;
	/** Days without a carrier scan; 0 = do not check. */
	noScanDays: number;
	shopCountry: string;
	timezone?: string;
}

/** The instant `n` working days before `now` in the shop's country (start of that working day, shop time). */
export function workingDaysBefore(now: Date, n: number, country: string, zone = 'Europe/Berlin'): Date {
	let day = DateTime.fromJSDate(now, { zone }).startOf('day');
	let left = n;
	for (let guard = 0; left > 0 && guard < 366; guard++) {
		day = day.minus({ days: 1 });
		if (day.weekday <= 5 && !isPublicHoliday(day.toISODate()!, country)) left--;
	}
	// Paid any time on that day counts: a whole N working days have passed once "now" is on the next day or later.
	return day.plus({ days: 1 }).toJSDate();
}

export async function markStuckOrders(store: JourneyStore, settings: StuckSettings, now: Date): Promise<number> {
	if (settings.paidNotShippedDays <= 0 && settings.noScanDays <= 0) return 0;
	const events = await store.shipments.markStuck({
		paidBefore: settings.paidNotShippedDays > 0 ? workingDaysBefore(now, settings.paidNotShippedDays, settings.shopCountry, settings.timezone) : undefined,
		noScanSince: settings.noScanDays > 0 ? new Date(now.getTime() - settings.noScanDays * 86_400_000) : undefined,
		now,
		limit: 1000,
	});
	return events.length;
}
