import { InputError } from '../shared/errors';
import { dayNumber, fromDayNumber, nthWeekday, parseIsoDate, toIsoDate, weekdayOf } from './dates';
import { easterSunday } from './easter';
import { DE } from './data/de';
import { AT, BE, CH, ES, FR, GB, IT, NL, PL } from './data/europe';
import { US, US_STATES } from './data/us';
import type { CountryCalendar, DateRule, Holiday, HolidayRule } from './types';

const CALENDARS: Readonly<Record<string, CountryCalendar>> = { AT, BE, CH, DE, ES, FR, GB, IT, NL, PL, US };

export function supportedCountries(): string[] {
	return Object.keys(CALENDARS).sort();
}

function ruleDay(rule: DateRule, year: number): number {
	switch (rule.kind) {
		case 'fixed':
			return dayNumber(year, rule.month, rule.day);
		case 'easter': {
			const e = easterSunday(year);
			return dayNumber(e.year, e.month, e.day) + rule.offset;
		}
		case 'nthWeekday':
			return nthWeekday(year, rule.month, rule.weekday, rule.n);
		case 'custom':
			return rule.compute(year);
	}
}

function inForce(rule: HolidayRule, year: number, region: string | undefined): boolean {
	if (rule.from !== undefined && year < rule.from) return false;
	if (rule.until !== undefined && year > rule.until) return false;
	if (rule.regions && (!region || !rule.regions.includes(region))) return false;
	return true;
}

interface Entry {
	day: number;
	name: string;
}

/** The holidays a rule set yields for one rule-year, including observed/substitute days (which may spill over). */
function expand(rules: readonly HolidayRule[], year: number, region: string | undefined): Entry[] {
	const entries: Entry[] = [];
	const pending: Array<{ day: number; name: string; rule: HolidayRule }> = [];
	for (const rule of rules) {
		if (!inForce(rule, year, region)) continue;
		const day = ruleDay(rule.date, year);
		entries.push({ day, name: rule.name });
		if (rule.substitute) pending.push({ day, name: rule.name, rule });
	}
	const taken = new Set(entries.map((e) => e.day));
	for (const { day, name, rule } of pending.sort((a, b) => a.day - b.day)) {
		const wd = weekdayOf(day);
		if (wd !== 0 && wd !== 6) continue;
		if (rule.substitute === 'us') {
			entries.push({ day: wd === 6 ? day - 1 : day + 1, name: `${name} (observed)` });
			continue;
		}
		let sub = day + 1;
		while (weekdayOf(sub) === 0 || weekdayOf(sub) === 6 || taken.has(sub)) sub++;
		taken.add(sub);
		entries.push({ day: sub, name: `${name} (substitute day)` });
	}
	return entries;
}

function resolveRules(country: string, region?: string): { rules: readonly HolidayRule[]; region?: string } {
	const code = String(country ?? '').trim().toUpperCase();
	const calendar = CALENDARS[code];
	if (!calendar) return { rules: [] };
	let sub = region ? String(region).trim().toUpperCase() : undefined;
	if (sub?.startsWith(`${code}-`)) sub = sub.slice(code.length + 1);
	if (!sub) return { rules: calendar.rules };
	if (code === 'US') return { rules: US_STATES[sub]?.rules ?? calendar.rules, region: sub };
	if (calendar.regions) {
		if (!(sub in calendar.regions)) {
			throw new InputError(
				`Unknown region "${region}" for ${code}`,
				'region',
				`Use one of: ${Object.keys(calendar.regions).join(', ')} (optionally prefixed with "${code}-").`,
			);
		}
		return { rules: calendar.rules, region: sub };
	}
	// Countries without regional rules here: the region does not change the national list.
	return { rules: calendar.rules };
}

const cache = new Map<string, Holiday[]>();

/**
 * Public holidays of `country` (ISO 3166-1 alpha-2) in `year`, sorted by date. `region` narrows to a German
 * Bundesland (`BY` or `DE-BY`) or a US state with its own list (`AL`, `LA`); without it only nationwide holidays
 * are returned. Unsupported countries yield an empty list (see `supportedCountries()`).
 */
export function publicHolidays(year: number, country: string, region?: string): Holiday[] {
	if (!Number.isInteger(year)) throw new InputError(`Year must be a whole number, got ${String(year)}`, 'year');
	const { rules, region: sub } = resolveRules(country, region);
	const key = `${String(country).toUpperCase()}|${sub ?? ''}|${year}`;
	const hit = cache.get(key);
	if (hit) return hit.map((h) => ({ ...h }));
	// Observed days can cross New Year (1 Jan on a Saturday is observed on 31 Dec), so look at the neighbours too.
	const all = [...expand(rules, year - 1, sub), ...expand(rules, year, sub), ...expand(rules, year + 1, sub)];
	const seen = new Set<string>();
	const list: Holiday[] = [];
	for (const e of all.sort((a, b) => a.day - b.day || a.name.localeCompare(b.name))) {
		if (fromDayNumber(e.day).year !== year) continue;
		const date = toIsoDate(e.day);
		const id = `${date}|${e.name}`;
		if (seen.has(id)) continue;
		seen.add(id);
		list.push({ date, name: e.name });
	}
	cache.set(key, list);
	return list.map((h) => ({ ...h }));
}

export function isPublicHoliday(date: string, country: string, region?: string): boolean {
	const day = parseIsoDate(date);
	if (day === null) throw new InputError(`Not a date in YYYY-MM-DD form: "${date}"`, 'date');
	const iso = toIsoDate(day);
	return publicHolidays(fromDayNumber(day).year, country, region).some((h) => h.date === iso);
}
