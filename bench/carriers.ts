/**
 * Carrier detection: accuracy and throughput on our labelled table, ours vs `ts-tracking-number`, in one run.
 * BENCH_SCALE multiplies the number of passes.
 */
import { performance } from 'node:perf_hooks';
import { getTracking } from 'ts-tracking-number';
import { detectCarrier } from '../core/carriers';
import type { CarrierCode } from '../core/carriers';
import { LABELLED } from '../tests/fixtures/carriers';

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
	const passes = 200 * scale;
	const time = (fn: (n: string, market: string) => unknown): number => {
		for (const e of table) fn(e.n, e.market); // warm-up
		const start = performance.now();
		for (let p = 0; p < passes; p++) for (const e of table) fn(e.n, e.market);
		return performance.now() - start;
	};
	const oursMs = time((n, market) => detectCarrier(n, { shopCountry: market }));
	const theirsMs = time((n) => getTracking(n.replace(/[\s-]/g, '').toUpperCase()));
	const lookups = passes * table.length;
	const oursRate = lookups / (oursMs / 1000);
	const theirsRate = lookups / (theirsMs / 1000);
	const pct = (x: number) => ((100 * x) / table.length).toFixed(1) + ' %';
	console.log(`carriers: labelled table ${table.length} numbers (${table.filter((e) => !e.valid).length} invalid)`);
	console.log(`carriers: accuracy  ours ${pct(oursRight)}  ts-tracking-number ${pct(theirsRight)}`);
	console.log(`carriers: throughput ours ${Math.round(oursRate).toLocaleString('en-US')}/s  ts-tracking-number ${Math.round(theirsRate).toLocaleString('en-US')}/s  ratio ${(oursRate / theirsRate).toFixed(1)}×`);
}

if (require.main === module) void run();
