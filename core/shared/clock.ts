import { DateTime } from 'luxon';

/**
 * A replaceable clock. n8n uses luxon in the same process, so we never touch luxon's global `Settings`; code that
 * needs "now" takes a Clock, and tests and the "Evaluate at" option pass a fixed one.
 */
export interface Clock {
	now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: Date | string): Clock {
	const date = typeof at === 'string' ? new Date(at) : at;
	if (Number.isNaN(date.getTime())) throw new RangeError(`Invalid fixed clock time: ${String(at)}`);
	return { now: () => new Date(date.getTime()) };
}

/** The current moment in an IANA time zone; throws on an unknown zone so callers can report the field. */
export function zonedNow(clock: Clock, timezone: string): DateTime {
	const dt = DateTime.fromJSDate(clock.now(), { zone: timezone });
	if (!dt.isValid) throw new RangeError(`Unknown time zone: ${timezone}`);
	return dt;
}

/** ISO 8601 with offset, the canonical model's timestamp format. */
export function toIso(date: Date | DateTime, timezone = 'UTC'): string {
	const dt = date instanceof Date ? DateTime.fromJSDate(date, { zone: timezone }) : date;
	return dt.toISO({ suppressMilliseconds: true }) ?? '';
}
