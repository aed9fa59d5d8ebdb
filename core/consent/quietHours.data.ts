/**
 * Quiet hours for MARKETING messages as versioned data: one rule per jurisdiction, in the recipient's local time.
 * Every decision carries POLICY_VERSION, so a decision can be traced back to the exact table that made it. Bump the
 * version whenever a window changes. Sources: /work/shared/research/domain-anchors.md §2 (C1, C2, S12, S20, C18).
 *
 * A window is [start, end) in minutes after local midnight: 08:00–20:00 allows 08:00 up to 19:59 inclusive.
 * `days` holds one entry per ISO weekday (index 0 = Monday … 6 = Sunday); null means no marketing that day.
 */

import { US_STATE_RULES } from './data/usStates.data';
import type { UsStateRule } from './data/usStates.data';
import { everyDay, monSat, weekdaysWeekends, win } from './data/windows';
import type { WeekWindows, Window } from './data/windows';

export const POLICY_VERSION = '2026.12.1';

export type { Window, WeekWindows };

export interface QuietHoursRule {
	id: string;
	/** Plain-language summary shown to marketers in decisions. */
	label: string;
	days: WeekWindows;
	/** No marketing on public holidays of the jurisdiction (country, and region when known). */
	noPublicHolidays?: boolean;
}

const DACH: Omit<QuietHoursRule, 'id'> = {
	label: 'Mon–Sat 09:00–20:00, no Sundays or public holidays',
	days: monSat(win(9, 20)),
	noPublicHolidays: true,
};

function stateRule(r: UsStateRule): QuietHoursRule {
	return { id: `US-${r.state}`, label: r.label, days: r.days, ...(r.noPublicHolidays ? { noPublicHolidays: true } : {}) };
}

/**
 * Keyed by `CC` or `CC-REGION`. A region rule replaces the country rule (US state rules are all at least as strict
 * as the federal 08–21). Where sources conflict we take the stricter reading (New Jersey 08–20, Illinois 09–21).
 */
export const QUIET_HOURS: Readonly<Record<string, QuietHoursRule>> = {
	// United States: 47 CFR 64.1200(c)(1) federal window, then state mini-TCPAs (recipient local time).
	US: { id: 'US', label: 'US federal: 08:00–21:00', days: everyDay(win(8, 21)) },
	// State mini-TCPAs: one row per state in data/usStates.data.ts, with its source.
	...Object.fromEntries(US_STATE_RULES.map((r) => [`US-${r.state}`, stateRule(r)])),
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

/** Statutory caps on marketing messages per subject in 24 hours, by `US-XX` (from the state table). */
export const STATE_CAPS_24H: Readonly<Record<string, number>> = Object.fromEntries(
	US_STATE_RULES.filter((r) => r.cap24h !== null).map((r) => [`US-${r.state}`, r.cap24h as number]),
);

/** States whose area codes presume residence (FTSA, Oklahoma TSA): their rule applies whatever the address says. */
export const AREA_CODE_PRESUMPTION_STATES: ReadonlySet<string> = new Set(US_STATE_RULES.filter((r) => r.areaCodePresumption).map((r) => r.state));

/** Countries where marketing needs a confirmed double opt-in by default (burden of proof, BGH GRUR 2011, 936). */
export const DOUBLE_OPT_IN_COUNTRIES: readonly string[] = ['AT', 'CH', 'DE'];
