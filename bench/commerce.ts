/**
 * Commerce trigger pipeline throughput: signature check + normalization + store claim (SQLite in a temp file) per
 * Shopify `orders/create` delivery, beside a baseline that only parses the JSON, in the same run. Each delivery is a
 * different order of a different customer, so nothing cached from one delivery helps the next.
 * Targets: ≥ 5,000 orders/s on one core; verify + normalise + dedupe ≤ 3× a bare JSON.parse (issue 23). The deliveries
 * are split into rounds, each measuring the baseline and the pipeline back to back on its own orders, so the ratio
 * of every round compares two figures taken under the same load; medians with min–max.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { receiveDelivery, shopifyAdapter } from '../core/commerce';
import { systemClock } from '../core/shared/clock';
import { openSqliteStore } from '../core/store';
import type { JourneyStore } from '../core/store';
import { fixed, int, line, ratios, spread } from './lib/report';

const SECRET = 'bench-secret';
const ROUNDS = 5;

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Runs `once` for items `from` … `to` − 1; returns items/s and adds each item's time (µs) to `times`. */
async function measure(from: number, to: number, times: number[], once: (i: number) => Promise<void> | void): Promise<number> {
	const start = process.hrtime.bigint();
	for (let i = from; i < to; i++) {
		const t0 = process.hrtime.bigint();
		await once(i);
		times.push(Number(process.hrtime.bigint() - t0) / 1000);
	}
	return ((to - from) / (Number(process.hrtime.bigint() - start) / 1e6)) * 1000;
}

const latency = (times: number[]) => {
	const sorted = [...times].sort((a, b) => a - b);
	return `p50 ${percentile(sorted, 50).toFixed(1)} µs, p99 ${percentile(sorted, 99).toFixed(1)} µs`;
};

export async function run(): Promise<void> {
	const scale = Number(process.env.BENCH_SCALE ?? '1') || 1;
	const n = Math.max(500, Math.round(10_000 * scale));
	const text = readFileSync(join(__dirname, '..', 'tests', 'fixtures', 'shopify', 'orders-create.json'), 'utf8');
	// Distinct orders, so every delivery is new business (the per-order claim would drop repeats of one order), and
	// distinct customers' phone numbers, so no cache carries over from one delivery to the next.
	const bodies = Array.from({ length: n }, (_, i) =>
		Buffer.from(text.replace('"id": 5981234567890', `"id": ${6_000_000_000_000 + i}`).replaceAll('0151 23456789', `0151 2${String(i).padStart(7, '0')}`)),
	);
	const signatures = bodies.map((b) => createHmac('sha256', SECRET).update(b).digest('base64'));
	const ids = Array.from({ length: n }, () => randomUUID());
	const dir = mkdtempSync(join(tmpdir(), 'bench-commerce-'));
	const store = await openSqliteStore({ path: join(dir, 'store.sqlite') });
	const deliver = (i: number) => receiveDeliveryOf(store, bodies[i], signatures[i], ids[i]);
	try {
		const perRound = Math.floor(n / ROUNDS);
		console.log(`commerce: Shopify orders/create (${bodies[0].length} bytes), ${int(n)} deliveries in ${ROUNDS} rounds of ${int(perRound)}`);
		// Warm-up so JIT and SQLite page cache do not count against either side.
		for (let i = 0; i < 300; i++) JSON.parse(bodies[i % n].toString('utf8'));
		const times = { baseline: [] as number[], pipeline: [] as number[], duplicate: [] as number[] };
		const rates = { baseline: [] as number[], pipeline: [] as number[], duplicate: [] as number[] };
		for (let round = 0; round < ROUNDS; round++) {
			const from = round * perRound;
			const to = from + perRound;
			rates.baseline.push(await measure(from, to, times.baseline, (i) => void JSON.parse(bodies[i].toString('utf8'))));
			rates.pipeline.push(
				await measure(from, to, times.pipeline, async (i) => {
					const outcome = await deliver(i);
					if (outcome.kind !== 'accepted') throw new Error(`bench delivery not accepted: ${outcome.reason}`);
				}),
			);
			// The same deliveries again: each is a duplicate, answered 200 without running the workflow.
			rates.duplicate.push(await measure(from, Math.min(to, from + 1000), times.duplicate, async (i) => void (await deliver(i))));
		}
		console.log(`  ${line(`baseline: JSON.parse only, req/s (${latency(times.baseline)})`, spread(rates.baseline), int)}`);
		console.log(`  ${line(`verify + normalize + dedupe (SQLite), orders/s (${latency(times.pipeline)})`, spread(rates.pipeline), int, { op: '≥', value: 5_000 })}`);
		console.log(`  ${line(`redelivery (duplicate, answered 200), req/s (${latency(times.duplicate)})`, spread(rates.duplicate), int)}`);
		// Time per delivery relative to the baseline's: the baseline's rate over the pipeline's, per round.
		console.log(`  ${line('verify + normalize + dedupe vs bare JSON.parse, × the time', ratios(rates.baseline, rates.pipeline), (x) => `${fixed(1)(x)}×`, { op: '≤', value: 3 })}`);
	} finally {
		await store.close();
		rmSync(dir, { recursive: true, force: true });
	}
}

function receiveDeliveryOf(store: JourneyStore, rawBody: Buffer, signature: string, id: string) {
	return receiveDelivery({
		adapter: shopifyAdapter,
		rawBody,
		headers: { 'x-shopify-topic': 'orders/create', 'x-shopify-hmac-sha256': signature, 'x-shopify-webhook-id': id },
		secrets: [SECRET],
		store,
		scope: 'bench',
		accept: () => true,
		clock: systemClock,
	});
}

if (require.main === module) void run();
