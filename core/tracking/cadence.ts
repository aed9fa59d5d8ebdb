import type { ShipmentEventGroup } from '../store';

/**
 * How often a watched parcel is looked up: often while it is out for delivery, rarely while it travels, never after
 * a terminal status. Carrier call budgets are small (DHL's starter key: 250 a day), so the cadence is the budget.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const CADENCE_MS: Record<ShipmentEventGroup | 'unknown', number> = {
	unknown: 2 * HOUR,
	info_received: 6 * HOUR,
	in_transit: 4 * HOUR,
	out_for_delivery: 30 * MINUTE,
	available_for_pickup: 6 * HOUR,
	failed_attempt: 2 * HOUR,
	exception: 3 * HOUR,
	returned_to_sender: 12 * HOUR,
	delivered: 0,
	delayed: 2 * HOUR,
	stuck: 6 * HOUR,
};

/** Parcels are given up after this long (a lost number, a carrier that never scans). */
export const MAX_WATCH_DAYS = 45;

/** A failed look-up (provider down, budget spent) is retried after this long, doubled per consecutive failure. */
export const RETRY_AFTER_MS = 15 * MINUTE;

export interface NextCheck {
	nextCheckAt: Date | null;
	/** Why watching ends (terminal status or too old); null while it goes on. */
	finishReason: string | null;
}

/** `everyMs` replaces the cadence by status with one fixed interval (a shop with a generous carrier plan). */
export function nextCheck(group: ShipmentEventGroup | null, terminal: boolean, watchedAt: Date, now: Date, everyMs?: number): NextCheck {
	if (terminal) return { nextCheckAt: null, finishReason: group ?? 'terminal' };
	if (now.getTime() - watchedAt.getTime() > MAX_WATCH_DAYS * 24 * HOUR) return { nextCheckAt: null, finishReason: 'gave_up' };
	const every = everyMs && everyMs > 0 ? everyMs : CADENCE_MS[group ?? 'unknown'] || CADENCE_MS.unknown;
	return { nextCheckAt: new Date(now.getTime() + every), finishReason: null };
}
