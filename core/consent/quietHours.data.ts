/**
 * Quiet hours for MARKETING messages as versioned data: one rule per jurisdiction, in the recipient's local time.
 * Every decision carries POLICY_VERSION, so a decision can be traced back to the exact table that made it. Bump the
 * version whenever a window changes. Sources: /work/shared/research/domain-anchors.md §2 (C1, C2, S12, S20, C18).
 *
 * A window is [start, end) in minutes after local midnight: 08:00–20:00 allows 08:00 up to 19:59 inclusive.
 * `days` holds one entry per ISO weekday (index 0 = Monday … 6 = Sunday); null means no marketing that day.
 */

export const POLICY_VERSION = '2025.10.1';

export type Window = readonly [start: number, end: number];
export type WeekWindows = readonly [Window | null, Window | null, Window | null, Window | null, Window | null, Window | null, Window | null];

export interface QuietHoursRule {
	id: string;
	/** Plain-language summary shown to marketers in decisions. */
	label: string;
	days: WeekWindows;
	/** No marketing on public holidays of the jurisdiction (country, and region when known). */
	noPublicHolidays?: boolean;
}

const h = (hours: number, minutes = 0): number => hours * 60 + minutes;
const win = (from: number, to: number): Window => [h(from), h(to)];
const everyDay = (w: Window): WeekWindows => [w, w, w, w, w, w, w];
const monSat = (w: Window, sunday: Window | null = null): WeekWindows => [w, w, w, w, w, w, sunday];
const weekdaysWeekends = (weekday: Window, weekend: Window): WeekWindows => [weekday, weekday, weekday, weekday, weekday, weekend, weekend];

const US_08_20: WeekWindows = everyDay(win(8, 20));
const DACH: Omit<QuietHoursRule, 'id'> = {
	label: 'Mon–Sat 09:00–20:00, no Sundays or public holidays',
	days: monSat(win(9, 20)),
	noPublicHolidays: true,
};

/**
 * Keyed by `CC` or `CC-REGION`. A region rule replaces the country rule (US state rules are all at least as strict
 * as the federal 08–21). Where sources conflict we take the stricter reading (New Jersey 08–20, Illinois 09–21).
 */
export const QUIET_HOURS: Readonly<Record<string, QuietHoursRule>> = {
	// United States: 47 CFR 64.1200(c)(1) federal window, then state mini-TCPAs (recipient local time).
	US: { id: 'US', label: 'US federal: 08:00–21:00', days: everyDay(win(8, 21)) },
	'US-FL': { id: 'US-FL', label: 'Florida: 08:00–20:00', days: US_08_20 },
	'US-OK': { id: 'US-OK', label: 'Oklahoma: 08:00–20:00', days: US_08_20 },
	'US-MD': { id: 'US-MD', label: 'Maryland: 08:00–20:00', days: US_08_20 },
	'US-WA': { id: 'US-WA', label: 'Washington: 08:00–20:00', days: US_08_20 },
	'US-MA': { id: 'US-MA', label: 'Massachusetts: 08:00–20:00', days: US_08_20 },
	'US-NJ': { id: 'US-NJ', label: 'New Jersey: 08:00–20:00 (stricter of conflicting sources)', days: US_08_20 },
	'US-CT': { id: 'US-CT', label: 'Connecticut: 09:00–20:00', days: everyDay(win(9, 20)) },
	'US-TX': { id: 'US-TX', label: 'Texas: Mon–Sat 09:00–21:00, Sun 12:00–21:00', days: monSat(win(9, 21), win(12, 21)) },
	'US-AL': { id: 'US-AL', label: 'Alabama: 08:00–20:00, no Sundays or state holidays', days: monSat(win(8, 20)), noPublicHolidays: true },
	'US-LA': { id: 'US-LA', label: 'Louisiana: 08:00–20:00, no Sundays or state holidays', days: monSat(win(8, 20)), noPublicHolidays: true },
	'US-MS': { id: 'US-MS', label: 'Mississippi: 08:00–20:00, no Sundays', days: monSat(win(8, 20)) },
	'US-RI': { id: 'US-RI', label: 'Rhode Island: weekdays 09:00–18:00, weekends 10:00–17:00', days: weekdaysWeekends(win(9, 18), win(10, 17)) },
	'US-KY': { id: 'US-KY', label: 'Kentucky: 10:00–21:00', days: everyDay(win(10, 21)) },
	'US-CA': { id: 'US-CA', label: 'California: 09:00–21:00', days: everyDay(win(9, 21)) },
	'US-MI': { id: 'US-MI', label: 'Michigan: 09:00–21:00', days: everyDay(win(9, 21)) },
	'US-MN': { id: 'US-MN', label: 'Minnesota: 09:00–21:00', days: everyDay(win(9, 21)) },
	'US-IL': { id: 'US-IL', label: 'Illinois: 09:00–21:00 (stricter of conflicting sources)', days: everyDay(win(9, 21)) },
	// DACH: no statute fixes hours; the recommended defensible default (research §2.2).
	DE: { id: 'DE', ...DACH },
	AT: { id: 'AT', ...DACH },
	CH: { id: 'CH', ...DACH },
	// France: marketing SMS Mon–Sat 08:00–20:00; Sundays and public holidays off, as French senders practise.
	FR: { id: 'FR', label: 'Mon–Sat 08:00–20:00, no Sundays or public holidays', days: monSat(win(8, 20)), noPublicHolidays: true },
	// Canada (CRTC Unsolicited Telecommunications Rules: weekdays 09:00–21:30, weekends 10:00–18:00) ∩ our 20:00 default.
	CA: { id: 'CA', label: 'Canada: weekdays 09:00–20:00, weekends 10:00–18:00', days: weekdaysWeekends(win(9, 20), win(10, 18)) },
};

/** Everywhere else. */
export const DEFAULT_QUIET_HOURS: QuietHoursRule = { id: 'default', label: 'Every day 09:00–20:00', days: everyDay(win(9, 20)) };

/** Non-urgent transactional messages (e.g. shipping updates) held overnight, when the node option asks for it. */
export const TRANSACTIONAL_DAYTIME: QuietHoursRule = { id: 'transactional', label: 'Every day 08:00–21:00', days: everyDay(win(8, 21)) };

/** Frequency-cap defaults for marketing messages per subject and channel. */
export const DEFAULT_CAPS = { per24h: 1, per30d: 4 } as const;

/** Florida Telephone Solicitation Act §501.059(8)(a): at most 3 commercial calls/texts per 24 h on the same subject. */
export const STATE_CAPS_24H: Readonly<Record<string, number>> = { 'US-FL': 3 };

/** Countries where marketing needs a confirmed double opt-in by default (burden of proof, BGH GRUR 2011, 936). */
export const DOUBLE_OPT_IN_COUNTRIES: readonly string[] = ['AT', 'CH', 'DE'];
