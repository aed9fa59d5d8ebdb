import type { CountryCalendar, HolidayRule } from '../types';

/**
 * United States: the eleven federal holidays of 5 U.S.C. 6103(a), with the "observed" shift of 6103(b)
 * (Saturday → Friday before, Sunday → Monday after; the observed day is listed next to the actual date).
 *
 * State holidays are modelled only where our quiet-hours rules need them (Alabama and Louisiana forbid marketing
 * calls/texts on legal holidays). Region `AL` or `LA` returns the state's statutory list INSTEAD of the federal list.
 * - Alabama, Code of Alabama §1-3-8: New Year's Day; Robert E. Lee / Martin Luther King Jr. birthday (3rd Mon Jan);
 *   George Washington / Thomas Jefferson birthday (3rd Mon Feb); Confederate Memorial Day (4th Mon Apr); National
 *   Memorial Day (last Mon May); Jefferson Davis' birthday (1st Mon Jun); Juneteenth is NOT in §1-3-8 and is left out;
 *   Independence Day; Labor Day; Columbus Day / Fraternal Day / American Indian Heritage Day (2nd Mon Oct);
 *   Veterans' Day; Thanksgiving; Christmas. Mardi Gras is a holiday only in Baldwin and Mobile counties: not included.
 * - Louisiana, La. R.S. 1:55(A)(1) (current text): New Year's Day; 8 Jan Battle of New Orleans; MLK Day (3rd Mon Jan);
 *   Washington's Birthday (3rd Mon Feb); Mardi Gras (Easter − 47); Good Friday; National Memorial Day (last Mon May);
 *   Independence Day; 30 Aug Huey P. Long Day; Labor Day; Columbus Day (2nd Mon Oct); 1 Nov All Saints' Day;
 *   Veterans' Day; Thanksgiving; Christmas. Inauguration Day (Baton Rouge only) and the parish-level Saturday rules
 *   are not included. Fixed-date state holidays get the same Saturday/Sunday shift as the federal ones, which is
 *   what state offices practise.
 */

const newYear: HolidayRule = { name: "New Year's Day", date: { kind: 'fixed', month: 1, day: 1 }, substitute: 'us' };
const memorial: HolidayRule = { name: 'Memorial Day', date: { kind: 'nthWeekday', month: 5, weekday: 1, n: -1 } };
const independence: HolidayRule = { name: 'Independence Day', date: { kind: 'fixed', month: 7, day: 4 }, substitute: 'us' };
const labor: HolidayRule = { name: 'Labor Day', date: { kind: 'nthWeekday', month: 9, weekday: 1, n: 1 } };
const veterans: HolidayRule = { name: 'Veterans Day', date: { kind: 'fixed', month: 11, day: 11 }, substitute: 'us' };
const thanksgiving: HolidayRule = { name: 'Thanksgiving Day', date: { kind: 'nthWeekday', month: 11, weekday: 4, n: 4 } };
const christmas: HolidayRule = { name: 'Christmas Day', date: { kind: 'fixed', month: 12, day: 25 }, substitute: 'us' };
const columbus: HolidayRule = { name: 'Columbus Day', date: { kind: 'nthWeekday', month: 10, weekday: 1, n: 2 } };

const FEDERAL: HolidayRule[] = [
	newYear,
	{ name: 'Birthday of Martin Luther King, Jr.', date: { kind: 'nthWeekday', month: 1, weekday: 1, n: 3 }, from: 1986 },
	{ name: "Washington's Birthday", date: { kind: 'nthWeekday', month: 2, weekday: 1, n: 3 } },
	memorial,
	{ name: 'Juneteenth National Independence Day', date: { kind: 'fixed', month: 6, day: 19 }, from: 2021, substitute: 'us' },
	independence,
	labor,
	columbus,
	veterans,
	thanksgiving,
	christmas,
];

const ALABAMA: HolidayRule[] = [
	newYear,
	{ name: "Robert E. Lee's / Martin Luther King Jr.'s Birthday", date: { kind: 'nthWeekday', month: 1, weekday: 1, n: 3 } },
	{ name: "George Washington's / Thomas Jefferson's Birthday", date: { kind: 'nthWeekday', month: 2, weekday: 1, n: 3 } },
	{ name: 'Confederate Memorial Day', date: { kind: 'nthWeekday', month: 4, weekday: 1, n: 4 } },
	memorial,
	{ name: "Jefferson Davis' Birthday", date: { kind: 'nthWeekday', month: 6, weekday: 1, n: 1 } },
	independence,
	labor,
	{ ...columbus, name: 'Columbus Day / Fraternal Day / American Indian Heritage Day' },
	veterans,
	thanksgiving,
	christmas,
];

const LOUISIANA: HolidayRule[] = [
	newYear,
	{ name: 'Battle of New Orleans', date: { kind: 'fixed', month: 1, day: 8 } },
	{ name: "Dr. Martin Luther King, Jr.'s Birthday", date: { kind: 'nthWeekday', month: 1, weekday: 1, n: 3 } },
	{ name: "Washington's Birthday and Presidents' Day", date: { kind: 'nthWeekday', month: 2, weekday: 1, n: 3 } },
	{ name: 'Mardi Gras', date: { kind: 'easter', offset: -47 } },
	{ name: 'Good Friday', date: { kind: 'easter', offset: -2 } },
	memorial,
	independence,
	{ name: 'Huey P. Long Day', date: { kind: 'fixed', month: 8, day: 30 } },
	labor,
	columbus,
	{ name: "All Saints' Day", date: { kind: 'fixed', month: 11, day: 1 } },
	veterans,
	thanksgiving,
	christmas,
];

export const US: CountryCalendar = { country: 'US', rules: FEDERAL };

/** State calendars that replace the federal list when the region is given. */
export const US_STATES: Readonly<Record<string, CountryCalendar>> = {
	AL: { country: 'US', rules: ALABAMA },
	LA: { country: 'US', rules: LOUISIANA },
};
