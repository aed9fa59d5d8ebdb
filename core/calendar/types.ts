/** How a holiday's date is found in a given year. Everything is computed; nothing is listed per year. */
export type DateRule =
	/** A fixed calendar date. */
	| { kind: 'fixed'; month: number; day: number }
	/** Days relative to Gregorian Easter Sunday (Good Friday = -2, Ascension = 39, Corpus Christi = 60). */
	| { kind: 'easter'; offset: number }
	/** The n-th weekday (0 = Sunday … 6 = Saturday) of a month; n = -1 is the last one. */
	| { kind: 'nthWeekday'; month: number; weekday: number; n: number }
	/** Anything else (Buß- und Bettag, Koningsdag's Sunday shift): returns a day number. */
	| { kind: 'custom'; compute: (year: number) => number };

/**
 * What happens when the holiday falls on a weekend:
 * - `us`: federal "observed" rule (5 U.S.C. 6103(b)): Saturday → the Friday before, Sunday → the Monday after.
 * - `nextFreeWeekday`: UK-style substitute day: the next Monday–Friday that is not already a holiday.
 * The holiday itself stays in the list; the observed/substitute day is added as its own entry.
 */
export type SubstituteRule = 'us' | 'nextFreeWeekday';

export interface HolidayRule {
	name: string;
	date: DateRule;
	/** First year the holiday applies (inclusive). */
	from?: number;
	/** Last year the holiday applies (inclusive); one-off holidays set from = until. */
	until?: number;
	/** Only in these regions (codes without the country prefix); omitted = nationwide. */
	regions?: readonly string[];
	substitute?: SubstituteRule;
}

export interface CountryCalendar {
	country: string;
	/** Region codes (ISO 3166-2 without the country prefix) this calendar knows, with their names. */
	regions?: Readonly<Record<string, string>>;
	rules: readonly HolidayRule[];
}

export interface Holiday {
	/** `YYYY-MM-DD`. */
	date: string;
	name: string;
}
