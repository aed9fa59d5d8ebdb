/**
 * Backtest of the learning delivery estimate: a simulated year (2026) of a German shop (in NRW) and a US shop (in New
 * Jersey). Every parcel gets a true transit drawn from its carrier's distribution (the German zones / US states far
 * from the shop take longer, the December peak adds days, the Black Friday week a little), counted over the carrier's
 * delivery weekdays and the destination region's public holidays, handed over between 09:00 and 18:00 (after the
 * 16:00 cut-off counting starts the next working day).
 *
 * Walk forward: each parcel is estimated when it ships, from the samples of parcels DELIVERED BEFORE that moment only,
 * with the same builder the Shipped Trigger uses (`stateEstimate`, core/journey): learned p50 … p90 once the lane has
 * `LEARN_MIN_SAMPLES`, else the static table; the static column always uses the table. Then its own delivery is
 * filed as a sample. Deterministic: a seeded generator, a fixed year. BENCH_SCALE scales the parcel volume.
 *
 * Figures: mean absolute error in calendar days between the delivery day and the first day the estimate names
 * (`earliest`), the share delivered inside the stated window [earliest, latest], before it and after it (late: the
 * Tracking Update Trigger's "delayed").
 */
import { DateTime } from 'luxon';
import { addDeliveryDays, handoverStart } from '../core/carriers';
import { isPublicHoliday } from '../core/calendar';
import { laneOfRequest, LEARN_MIN_SAMPLES, LEARN_WINDOW, stateEstimate } from '../core/journey';
import type { EstimateRequest, StatedEstimate } from '../core/journey';
import { fixedClock } from '../core/shared/clock';
import { fixed, line } from './lib/report';

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const pick = <T>(r: () => number, weighted: ReadonlyArray<readonly [T, number]>): T => {
	const total = weighted.reduce((s, [, w]) => s + w, 0);
	let x = r() * total;
	for (const [v, w] of weighted) if ((x -= w) < 0) return v;
	return weighted[weighted.length - 1][0];
};

interface Destination {
	country: string;
	region: string;
	postalCode: string;
	/** Extra transit days for the distance from the shop (0 near, 1 … 3 far), applied with some probability. */
	distance: number;
}

interface Shop {
	name: string;
	country: string;
	zone: string;
	parcelsPerDay: number;
	carriers: ReadonlyArray<readonly [string, number]>;
	/** Probabilities of 1, 2, 3 … delivery days in the carrier's normal weeks, near the shop. */
	base: Record<string, number[]>;
	destination(r: () => number): Destination;
}

// Germany: the first PLZ digit (the lane's region) with a Bundesland for its holidays, and its distance from NRW.
const DE_ZONES: ReadonlyArray<readonly [[string, string, number], number]> = [
	[['0', 'SN', 2], 6],
	[['1', 'BE', 2], 9],
	[['2', 'HH', 1], 11],
	[['3', 'NI', 1], 10],
	[['4', 'NW', 0], 13],
	[['5', 'NW', 0], 12],
	[['6', 'HE', 1], 11],
	[['7', 'BW', 1], 10],
	[['8', 'BY', 2], 10],
	[['9', 'BY', 2], 8],
];

// The US: states by rough share of parcels, and their distance from New Jersey (0 next door … 3 the West Coast).
const US_STATES: ReadonlyArray<readonly [[string, number], number]> = [
	[['NY', 0], 10],
	[['NJ', 0], 5],
	[['PA', 0], 6],
	[['MA', 1], 4],
	[['FL', 1], 10],
	[['GA', 1], 5],
	[['NC', 1], 5],
	[['OH', 1], 5],
	[['IL', 2], 6],
	[['MI', 1], 4],
	[['TX', 2], 13],
	[['CO', 2], 3],
	[['AZ', 3], 3],
	[['WA', 3], 4],
	[['CA', 3], 17],
];

const SHOPS: Shop[] = [
	{
		name: 'German shop (NRW)',
		country: 'DE',
		zone: 'Europe/Berlin',
		parcelsPerDay: 120,
		carriers: [
			['dhl', 55],
			['hermes', 20],
			['dpd', 15],
			['gls', 10],
		],
		base: { dhl: [0.82, 0.14, 0.03, 0.01], hermes: [0.35, 0.45, 0.15, 0.05], dpd: [0.7, 0.22, 0.06, 0.02], gls: [0.6, 0.28, 0.09, 0.03] },
		destination: (r) => {
			const [zone, region, distance] = pick(r, DE_ZONES);
			return { country: 'DE', region, postalCode: `${zone}${String(Math.floor(r() * 10_000)).padStart(4, '0')}`, distance };
		},
	},
	{
		name: 'US shop (New Jersey)',
		country: 'US',
		zone: 'America/New_York',
		parcelsPerDay: 150,
		carriers: [
			['usps', 50],
			['ups', 30],
			['fedex', 20],
		],
		base: { usps: [0.15, 0.4, 0.28, 0.12, 0.05], ups: [0.3, 0.4, 0.2, 0.08, 0.02], fedex: [0.28, 0.42, 0.2, 0.08, 0.02] },
		destination: (r) => {
			const [state, distance] = pick(r, US_STATES);
			return { country: 'US', region: state, postalCode: '', distance };
		},
	},
];

interface Parcel {
	req: EstimateRequest;
	lane: string;
	shippedAt: number;
	deliveredAt: number;
	deliveredDay: string;
	transit: number;
	month: number;
}

/** The true transit of one parcel, in delivery days. */
function trueTransit(r: () => number, shop: Shop, carrier: string, dest: Destination, shipped: DateTime): number {
	const base = shop.base[carrier];
	let days = 1 + base.indexOf(pick(r, base.map((p) => [p, p] as const))) ;
	// Distance: each step away from the shop adds a day with probability 0.45.
	for (let d = 0; d < dest.distance; d++) if (r() < 0.45) days++;
	const { month, day } = shipped;
	// Peak: 1–23 December a day more for most parcels, two for some; the Black Friday week a day more for a few.
	if (month === 12 && day <= 23) days += r() < 0.55 ? 1 : 0;
	if (month === 12 && day <= 23 && r() < 0.15) days++;
	if (month === 11 && day >= 25) days += r() < 0.25 ? 1 : 0;
	return days;
}

function simulate(shop: Shop, seed: number, scale: number): Parcel[] {
	const r = rng(seed);
	const parcels: Parcel[] = [];
	const perDay = Math.max(1, Math.round(shop.parcelsPerDay * scale));
	for (let d = DateTime.fromISO('2026-01-01', { zone: shop.zone }); d.year === 2026; d = d.plus({ days: 1 })) {
		if (d.weekday > 5 || isPublicHoliday(d.toISODate()!, shop.country)) continue;
		const volume = Math.round(perDay * (d.month === 12 && d.day <= 20 ? 1.8 : d.month === 11 && d.day >= 25 ? 1.5 : 1));
		for (let i = 0; i < volume; i++) {
			const carrier = pick(r, shop.carriers);
			const dest = shop.destination(r);
			const shipped = d.set({ hour: 9 + Math.floor(r() * 9), minute: Math.floor(r() * 60) });
			const transit = trueTransit(r, shop, carrier, dest, shipped);
			const start = handoverStart(shipped, shop.country);
			const delivered = addDeliveryDays(start, transit, carrier as never, dest.country, dest.region).set({ hour: 10 + Math.floor(r() * 9) });
			const req: EstimateRequest = {
				carrier,
				originCountry: shop.country,
				destinationCountry: dest.country,
				destinationRegion: dest.region,
				postalCode: dest.postalCode || undefined,
				shippedAt: shipped.toISO()!,
				timezone: shop.zone,
				locale: shop.country === 'DE' ? 'de-DE' : 'en-US',
			};
			parcels.push({ req, lane: laneOfRequest(req)!, shippedAt: shipped.toMillis(), deliveredAt: delivered.toMillis(), deliveredDay: delivered.toISODate()!, transit, month: d.month });
		}
	}
	return parcels.sort((a, b) => a.shippedAt - b.shippedAt);
}

interface Score {
	n: number;
	absError: number;
	inside: number;
	early: number;
	late: number;
	learned: number;
}

const emptyScore = (): Score => ({ n: 0, absError: 0, inside: 0, early: 0, late: 0, learned: 0 });

function score(s: Score, p: Parcel, e: StatedEstimate): void {
	const dayDiff = (iso: string) => Math.round((Date.parse(p.deliveredDay) - Date.parse(iso)) / 86_400_000);
	s.n++;
	s.absError += Math.abs(dayDiff(e.earliest));
	if (dayDiff(e.earliest) < 0) s.early++;
	else if (dayDiff(e.latest) > 0) s.late++;
	else s.inside++;
	if (e.source === 'learned') s.learned++;
}

function backtest(parcels: Parcel[]): { learned: Score; table: Score; decLearned: Score; decTable: Score; lanes: number } {
	const byDelivery = [...parcels].sort((a, b) => a.deliveredAt - b.deliveredAt);
	const lanes = new Map<string, number[]>();
	const out = { learned: emptyScore(), table: emptyScore(), decLearned: emptyScore(), decTable: emptyScore(), lanes: 0 };
	let next = 0;
	for (const p of parcels) {
		// Only parcels delivered before this one shipped have taught their lanes.
		while (next < byDelivery.length && byDelivery[next].deliveredAt <= p.shippedAt) {
			const done = byDelivery[next++];
			const list = lanes.get(done.lane) ?? [];
			list.push(done.transit);
			if (list.length > LEARN_WINDOW * 2) list.splice(0, list.length - LEARN_WINDOW);
			lanes.set(done.lane, list);
		}
		const clock = fixedClock(p.req.shippedAt!);
		const samples = (lanes.get(p.lane) ?? []).slice(-LEARN_WINDOW).reverse();
		const learned = stateEstimate(p.req, clock, samples);
		const table = stateEstimate(p.req, clock, []);
		score(out.learned, p, learned);
		score(out.table, p, table);
		if (p.month === 12) {
			score(out.decLearned, p, learned);
			score(out.decTable, p, table);
		}
	}
	out.lanes = lanes.size;
	return out;
}

const pct = (part: number, n: number) => (n ? (100 * part) / n : 0);

function table(label: string, learned: Score, stat: Score): void {
	const row = (name: string, s: Score) =>
		`  ${name.padEnd(8)} ${(s.absError / s.n).toFixed(2).padStart(6)} d   ${pct(s.inside, s.n).toFixed(1).padStart(5)} %   ${pct(s.early, s.n).toFixed(1).padStart(5)} %   ${pct(s.late, s.n).toFixed(1).padStart(5)} %   ${pct(s.learned, s.n).toFixed(1).padStart(5)} %`;
	console.log(`${label} (${learned.n.toLocaleString('en')} parcels; no target)`);
	console.log('  estimate    MAE    inside    early     late   learned');
	console.log(row('learned', learned));
	console.log(row('static', stat));
}

export async function run(): Promise<void> {
	const scale = Number(process.env.BENCH_SCALE ?? 1) || 1;
	console.log(`Walk-forward backtest, year 2026; learned after ${LEARN_MIN_SAMPLES} samples per lane, newest ${LEARN_WINDOW} used.`);
	console.log('Seeded, so every run gives the same figures (one run). The tables have no targets (the static table and December are for comparison); the whole year\'s learned figures are checked against ours below.');
	const targets = { mae: { op: '≤', value: 0.6 } as const, late: { op: '≤', value: 12 } as const, inside: { op: '≥', value: 75 } as const };
	for (const [i, shop] of SHOPS.entries()) {
		const parcels = simulate(shop, 20260101 + i, scale);
		const r = backtest(parcels);
		console.log('');
		table(`${shop.name}, whole year, ${r.lanes} lanes`, r.learned, r.table);
		table(`${shop.name}, December`, r.decLearned, r.decTable);
		console.log(line('  learned MAE (days)', r.learned.absError / r.learned.n, fixed(2), targets.mae));
		console.log(line('  learned late (%)', pct(r.learned.late, r.learned.n), fixed(1), targets.late));
		console.log(line('  learned inside window (%)', pct(r.learned.inside, r.learned.n), fixed(1), targets.inside));
	}
}
