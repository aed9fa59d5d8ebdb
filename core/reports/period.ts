import { DateTime } from 'luxon';
import { InputError } from '../shared/errors';

/**
 * The report's period in the shop's time zone: "the last N days" are N whole local days ending today (today
 * included), so a report run at 09:00 and at 17:00 covers the same days. `dayOffsetMs` is the zone's offset at the
 * end of the period: the report's days are cut at the shop's midnight (a DST change inside the period shifts the cut
 * of the days before it by an hour, which the chart does not show).
 */

export interface ReportPeriod {
	from: Date;
	to: Date;
	dayOffsetMs: number;
}

export function lastDays(days: number, now: Date, timeZone = 'UTC'): ReportPeriod {
	if (!Number.isInteger(days) || days < 1 || days > 366) throw new InputError(`${days} is not a number of days from 1 to 366.`, 'days');
	const today = DateTime.fromJSDate(now, { zone: zoneOf(timeZone) }).startOf('day');
	return periodOf(today.minus({ days: days - 1 }).toJSDate(), today.plus({ days: 1 }).toJSDate(), timeZone);
}

/** A period chosen by dates; `to` is exclusive, as in the store. */
export function periodOf(from: Date, to: Date, timeZone = 'UTC'): ReportPeriod {
	if (Number.isNaN(from.getTime())) throw new InputError('"From" is not a date.', 'from', 'Pick a date, e.g. 2026-11-01.');
	if (Number.isNaN(to.getTime())) throw new InputError('"To" is not a date.', 'to', 'Pick a date, e.g. 2026-11-30.');
	if (to <= from) throw new InputError('"To" must be after "From".', 'to');
	const offsetMinutes = DateTime.fromJSDate(new Date(to.getTime() - 1), { zone: zoneOf(timeZone) }).offset;
	return { from, to, dayOffsetMs: offsetMinutes * 60_000 };
}

function zoneOf(timeZone: string): string {
	const zone = timeZone || 'UTC';
	if (!DateTime.now().setZone(zone).isValid) throw new InputError(`"${zone}" is not a time zone.`, 'timeZone', 'Use an IANA name such as Europe/Berlin.');
	return zone;
}
