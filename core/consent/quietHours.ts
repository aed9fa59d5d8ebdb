import { DateTime, Info } from 'luxon';
import type { Zone } from 'luxon';
import { isPublicHoliday } from '../calendar';
import { AREA_CODE_PRESUMPTION_STATES, DEFAULT_QUIET_HOURS, QUIET_HOURS } from './quietHours.data';
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
 * The (rule, zone) pairs for a recipient. An unknown US state evaluates every state's rule in that state's zones; an
 * area code of a state that presumes residence by area code (Florida, Oklahoma) adds that state's rule even when the
 * address names another state. When the customer lives in another country than the number's, that place's rules are
 * added too: a moment must suit both.
 */
export function candidatesFor(j: ResolvedJurisdiction, override?: QuietHoursRule): Candidate[] {
	const out: Candidate[] = [];
	const add = (rule: QuietHoursRule, zones: readonly string[], country: string | null, region: string | null) => {
		for (const zone of zones) out.push({ rule, zone, holidayCountry: country, holidayRegion: region });
	};
	const place = (p: Pick<ResolvedJurisdiction, 'country' | 'region' | 'zones' | 'anyUsState'>) => {
		if (override) return add(override, p.zones, p.country, p.region);
		if (p.anyUsState && p.zones.length > 1) {
			for (const [state, zones] of Object.entries(US_STATE_ZONES)) add(ruleFor('US', state), zones, 'US', state);
			return;
		}
		add(ruleFor(p.country, p.region), p.zones, p.country, p.region);
	};
	place(j);
	if (!override && !(j.anyUsState && j.zones.length > 1) && j.country === 'US' && j.areaCodeRegion && j.areaCodeRegion !== j.region && AREA_CODE_PRESUMPTION_STATES.has(j.areaCodeRegion)) {
		add(ruleFor('US', j.areaCodeRegion), j.zones, 'US', j.areaCodeRegion);
	}
	if (j.address) place(j.address);
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

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** The candidate's allowed local window [start, end) on a calendar day (only its date and weekday are read), or null. */
function windowOn(c: Candidate, day: DateTime, narrowing: Narrowing): readonly [number, number] | null {
	const weekday = day.weekday;
	const base = c.rule.days[weekday - 1];
	if (!base) return null;
	if (narrowing.days.length > 0 && !narrowing.days.includes(weekday)) return null;
	let [start, end] = base;
	if (narrowing.window) {
		start = Math.max(start, narrowing.window[0]);
		end = Math.min(end, narrowing.window[1]);
	}
	if (start >= end) return null;
	if (holiday(c, day.toISODate() ?? '')) return null;
	return [start, end];
}

/** Whether the local wall time at instant `ms` lies inside the candidate's window of that local day. */
function allowedAt(c: Candidate, ms: number, narrowing: Narrowing): boolean {
	const local = DateTime.fromMillis(ms, { zone: c.zone });
	const window = windowOn(c, local, narrowing);
	if (!window) return false;
	const minute = local.hour * 60 + local.minute;
	return minute >= window[0] && minute < window[1];
}

const zones = new Map<string, Zone>();
function zoneOf(name: string): Zone {
	let zone = zones.get(name);
	if (!zone) zones.set(name, (zone = Info.normalizeZone(name) as Zone));
	return zone;
}

/**
 * The instants at which the zone's clocks show the wall time `wallMs` (a local date and time written as if it were
 * UTC), given the offsets before and after the day's switch: one on an ordinary day, two in the hour repeated when the
 * clocks go back, none in the hour skipped when they go forward. Ascending.
 */
function instantsOfWallTime(zone: Zone, wallMs: number, offsets: readonly number[]): number[] {
	const out: number[] = [];
	for (const offset of offsets) {
		const at = wallMs - offset * MINUTE_MS;
		if (zone.offset(at) === offset && !out.includes(at)) out.push(at);
	}
	return out.sort((a, b) => a - b);
}

/** The instant the zone's UTC offset changes from `before` within (lo, hi], to the second. */
function offsetChange(zone: Zone, lo: number, hi: number, before: number): number {
	let a = Math.floor(lo / 1000);
	let b = Math.ceil(hi / 1000);
	while (b - a > 1) {
		const mid = Math.floor((a + b) / 2);
		if (zone.offset(mid * 1000) === before) a = mid;
		else b = mid;
	}
	return b * 1000;
}

/**
 * The first allowed moment for one candidate at or after `fromMs`, or null within the horizon. Windows are local wall
 * times, so across a DST switch the first allowed moment is either a window start as the clocks show it (the first
 * of two when the hour repeats) or the switch itself: a window opening at 02:30 on the night the clocks jump from
 * 02:00 to 03:00 opens at 03:00, and a window that closed at 02:30 opens again when the clocks go back to 02:00.
 */
function nextForCandidate(c: Candidate, fromMs: number, narrowing: Narrowing): number | null {
	if (allowedAt(c, fromMs, narrowing)) return fromMs;
	const zone = zoneOf(c.zone);
	const local = DateTime.fromMillis(fromMs, { zone: c.zone });
	// Calendar days in UTC: plain dates and weekdays, untouched by the zone's switches.
	const first = DateTime.utc(local.year, local.month, local.day);
	for (let d = 0; d < HORIZON_DAYS; d++) {
		const day = first.plus({ days: d });
		const window = windowOn(c, day, narrowing);
		if (!window) continue;
		const midnight = day.toMillis();
		const wallStart = midnight + window[0] * MINUTE_MS;
		// Every instant of this local day lies within these bounds (UTC offsets span −12 to +14 hours).
		const lo = midnight - 14 * HOUR_MS;
		const hi = midnight + 36 * HOUR_MS;
		const before = zone.offset(lo);
		const after = zone.offset(hi);
		if (before === after) {
			// No switch near this day: the window start exists exactly once.
			const at = wallStart - before * MINUTE_MS;
			if (at >= fromMs) return at;
			continue;
		}
		let best: number | null = null;
		for (const at of instantsOfWallTime(zone, wallStart, [before, after])) {
			if (at >= fromMs) {
				best = at;
				break;
			}
		}
		const change = offsetChange(zone, lo, hi, before);
		if (change >= fromMs && (best === null || change < best) && allowedAt(c, change, narrowing)) best = change;
		if (best !== null) return best;
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
 * next allowed moment is computed and the latest one taken, repeated until they agree (DST-correct, see `nextForCandidate`).
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
