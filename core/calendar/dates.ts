/**
 * Calendar-date arithmetic on plain year/month/day values. Holidays are civil dates, not instants, so we work on
 * day numbers in UTC and never touch time zones here.
 */

export interface YMD {
	year: number;
	month: number;
	day: number;
}

/** Days since 1970-01-01 for a civil date. */
export function dayNumber(year: number, month: number, day: number): number {
	return Math.floor(Date.UTC(year, month - 1, day) / 86_400_000);
}

export function fromDayNumber(n: number): YMD {
	const d = new Date(n * 86_400_000);
	return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(n: number): number {
	return (((n + 4) % 7) + 7) % 7;
}

export function toIsoDate(n: number): string {
	const { year, month, day } = fromDayNumber(n);
	return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD`; returns null for anything else or for an impossible date like 2025-02-30. */
export function parseIsoDate(value: string): number | null {
	const m = ISO_DATE.exec(String(value ?? '').trim());
	if (!m) return null;
	const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const n = dayNumber(year, month, day);
	const back = fromDayNumber(n);
	return back.year === year && back.month === month && back.day === day ? n : null;
}

/**
 * The n-th given weekday of a month (n = 1…5), or the last one for n = -1.
 * weekday: 0 = Sunday … 6 = Saturday.
 */
export function nthWeekday(year: number, month: number, weekday: number, n: number): number {
	if (n < 0) {
		const last = dayNumber(year, month + 1, 0);
		return last - ((weekdayOf(last) - weekday + 7) % 7);
	}
	const first = dayNumber(year, month, 1);
	return first + ((weekday - weekdayOf(first) + 7) % 7) + (n - 1) * 7;
}
