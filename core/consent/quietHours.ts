import { DateTime } from 'luxon';
import { isPublicHoliday } from '../calendar';
import { DEFAULT_QUIET_HOURS, QUIET_HOURS } from './quietHours.data';
import type { QuietHoursRule } from './quietHours.data';
import { US_STATE_ZONES } from './data/nanp.data';
import type { ResolvedJurisdiction } from './jurisdiction';

/** One (rule, zone) pair to satisfy. Several candidates = strictest outcome: a moment must suit all of them. */
export interface Candidate {
	rule: QuietHoursRule;
	zone: string;
	holidayCountry: string | null;
	holidayRegion: string | null;
}

export interface Narrowing {
	/** Marketer window [start, end) in local minutes. */
	window?: readonly [number, number];
	/** ISO weekdays allowed; empty = all. */
	days: readonly number[];
}

/** How far ahead we look for an allowed minute before giving up (a misconfiguration, e.g. no days selected). */
const HORIZON_DAYS = 21;

export function ruleFor(country: string | null, region: string | null): QuietHoursRule {
	if (country && region && QUIET_HOURS[`${country}-${region}`]) return QUIET_HOURS[`${country}-${region}`];
	if (country && QUIET_HOURS[country]) return QUIET_HOURS[country];
	return DEFAULT_QUIET_HOURS;
}

/**
 * The (rule, zone) pairs for a recipient. An unknown US state evaluates every state's rule in that state's zones;
 * a Florida area code adds Florida's rule even when the address names another state (FTSA presumption).
 */
export function candidatesFor(j: ResolvedJurisdiction, override?: QuietHoursRule): Candidate[] {
	const out: Candidate[] = [];
	const add = (rule: QuietHoursRule, zones: readonly string[], region: string | null) => {
		for (const zone of zones) out.push({ rule, zone, holidayCountry: j.country, holidayRegion: region });
	};
	if (override) {
		add(override, j.zones, j.region);
		return out;
	}
	if (j.anyUsState && j.zones.length > 1) {
		for (const [state, zones] of Object.entries(US_STATE_ZONES)) add(ruleFor('US', state), zones, state);
		return out;
	}
	add(ruleFor(j.country, j.region), j.zones, j.region);
	if (j.country === 'US' && j.areaCodeRegion === 'FL' && j.region !== 'FL') add(ruleFor('US', 'FL'), j.zones, 'FL');
	return out;
}

function holiday(c: Candidate, date: string): boolean {
	if (!c.rule.noPublicHolidays || !c.holidayCountry) return false;
	try {
		return isPublicHoliday(date, c.holidayCountry, c.holidayRegion ?? undefined);
	} catch {
		// An unknown region code (e.g. a typo in the shop address) falls back to the nationwide holidays.
		return isPublicHoliday(date, c.holidayCountry);
	}
}

/** The first allowed moment for one candidate at or after `fromMs`, or null within the horizon. */
function nextForCandidate(c: Candidate, fromMs: number, narrowing: Narrowing): number | null {
	const local = DateTime.fromMillis(fromMs, { zone: c.zone });
	const minuteNow = local.hour * 60 + local.minute;
	for (let d = 0; d < HORIZON_DAYS; d++) {
		const day = d === 0 ? local : local.plus({ days: d });
		const weekday = day.weekday;
		const base = c.rule.days[weekday - 1];
		if (!base) continue;
		if (narrowing.days.length > 0 && !narrowing.days.includes(weekday)) continue;
		let [start, end] = base;
		if (narrowing.window) {
			start = Math.max(start, narrowing.window[0]);
			end = Math.min(end, narrowing.window[1]);
		}
		if (start >= end) continue;
		if (holiday(c, day.toISODate() ?? '')) continue;
		if (d === 0 && minuteNow >= start && minuteNow < end) return fromMs;
		if (d === 0 && minuteNow >= end) continue;
		const at = DateTime.fromObject(
			{ year: day.year, month: day.month, day: day.day, hour: Math.floor(start / 60), minute: start % 60 },
			{ zone: c.zone },
		);
		return at.toMillis();
	}
	return null;
}

export interface WindowResult {
	allowedNow: boolean;
	/** Epoch ms of the next allowed moment (= now when allowed), or null when none within the horizon. */
	at: number | null;
}

/**
 * Whether `nowMs` is allowed for every candidate, else the earliest moment that suits them all: each candidate's
 * next allowed moment is computed and the latest one taken, repeated until they agree (DST-correct via luxon).
 */
export function evaluateWindows(candidates: readonly Candidate[], nowMs: number, narrowing: Narrowing): WindowResult {
	let t = nowMs;
	for (let round = 0; round < 64; round++) {
		let latest = t;
		for (const c of candidates) {
			const next = nextForCandidate(c, t, narrowing);
			if (next === null) return { allowedNow: false, at: null };
			if (next > latest) latest = next;
		}
		if (latest === t) return { allowedNow: t === nowMs, at: t };
		t = latest;
	}
	return { allowedNow: false, at: null };
}

/** Memoizes window results within one batch: items sharing rules and zones get the same answer. */
export class WindowCache {
	private readonly cache = new Map<string, WindowResult>();

	evaluate(candidates: readonly Candidate[], nowMs: number, narrowing: Narrowing): WindowResult {
		let key = `${nowMs}|${narrowing.window?.join('-') ?? ''}|${narrowing.days.join('')}`;
		for (const c of candidates) key += `|${c.rule.id}@${c.zone}@${c.holidayCountry}-${c.holidayRegion}`;
		let hit = this.cache.get(key);
		if (!hit) {
			hit = evaluateWindows(candidates, nowMs, narrowing);
			if (this.cache.size > 10_000) this.cache.clear();
			this.cache.set(key, hit);
		}
		return hit;
	}
}
