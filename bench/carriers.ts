/**
 * Carrier detection: accuracy and throughput on our labelled table, ours vs `ts-tracking-number`, in one run.
 * Throughput as the median of rounds that alternate the two sides (min–max); accuracy is exact (one pass over the
 * table). No target is set for either, so each says "(no target)". BENCH_SCALE multiplies the number of passes.
 */
import { performance } from 'node:perf_hooks';
import { getTracking } from 'ts-tracking-number';
import { detectCarrier } from '../core/carriers';
import type { CarrierCode } from '../core/carriers';
import { LABELLED } from '../tests/fixtures/carriers';
import { fixed, int, line, ratios, spread } from './lib/report';

const ROUNDS = 5;

/** ts-tracking-number's courier codes → ours (its "s10" is right for any national post). */
function theirsMatches(code: string | undefined, want: CarrierCode[]): boolean {
	if (!code) return false;
	if (code === 's10') return want.some((w) => ['deutsche_post', 'royal_mail', 'usps', 'la_poste', 'swiss_post', 'austrian_post', 'postnl', 'canada_post', 'upu'].includes(w));
	if (code === 'dhl') return want.some((w) => w === 'dhl' || w === 'dhl_express' || w === 'deutsche_post');
	return want.includes(code as CarrierCode);
}

export async function run(): Promise<void> {
	const scale = Math.max(1, Number(process.env.BENCH_SCALE ?? 1));
	const table = LABELLED;
	let oursRight = 0;
	let theirsRight = 0;
	for (const e of table) {
		const r = detectCarrier(e.n, { shopCountry: e.market });
		const t = getTracking(e.n.replace(/[\s-]/g, '').toUpperCase());
		const want = e.carrier ? [e.carrier, ...(e.alsoOk ?? [])] : [];
		if (e.valid ? r.valid && r.best !== null && want.includes(r.best.carrier) : !r.valid) oursRight++;
		if (e.valid ? theirsMatches(t?.courier.code, want) : t === undefined) theirsRight++;
	}
	// Rounds alternate the two sides, so each round's ratio compares figures taken under the same load.
	const passes = (200 * scale) / ROUNDS;
	const time = (fn: (n: string, market: string) => unknown): number => {
		const start = performance.now();
		for (let p = 0; p < passes; p++) for (const e of table) fn(e.n, e.market);
		return ((passes * table.length) / (performance.now() - start)) * 1000;
	};
	const ours = (n: string, market: string) => detectCarrier(n, { shopCountry: market });
	const theirs = (n: string) => getTracking(n.replace(/[\s-]/g, '').toUpperCase());
	// Warm-up, so neither side's first round pays for compiling it.
	for (const e of table) {
		ours(e.n, e.market);
		theirs(e.n);
	}
	const rates = { ours: [] as number[], theirs: [] as number[] };
	for (let round = 0; round < ROUNDS; round++) {
		rates.ours.push(time(ours));
		rates.theirs.push(time(theirs));
	}
	const pct = (x: number) => (100 * x) / table.length;
	const percent = (x: number) => `${fixed(1)(x)} %`;
	console.log(`carriers: labelled table ${table.length} numbers (${table.filter((e) => !e.valid).length} invalid), ${ROUNDS} rounds of ${passes} passes; no targets are set for carrier detection`);
	console.log(`  ${line('accuracy, ours', pct(oursRight), percent)}`);
	console.log(`  ${line('accuracy, ts-tracking-number', pct(theirsRight), percent)}`);
	console.log(`  ${line('throughput, ours, numbers/s', spread(rates.ours), int)}`);
	console.log(`  ${line('throughput, ts-tracking-number, numbers/s', spread(rates.theirs), int)}`);
	console.log(`  ${line('ours vs ts-tracking-number, × the numbers per second', ratios(rates.ours, rates.theirs), (x) => `${fixed(1)(x)}×`)}`);
}

if (require.main === module) void run();
