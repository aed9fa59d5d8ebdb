/**
 * Commerce trigger pipeline throughput: signature check + normalization + store claim (SQLite in a temp file) per
 * Shopify `orders/create` delivery, beside a baseline that only parses the JSON, in the same run. Each delivery is a
 * different order of a different customer, so nothing cached from one delivery helps the next.
 * Target: ≥ 5,000 orders/s on one core, overhead ≤ 3× the baseline.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { receiveDelivery, shopifyAdapter } from '../core/commerce';
import { systemClock } from '../core/shared/clock';
import { openSqliteStore } from '../core/store';

const SECRET = 'bench-secret';

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(name: string, n: number, once: (i: number) => Promise<void> | void) {
	const times = new Array<number>(n);
	const start = process.hrtime.bigint();
	for (let i = 0; i < n; i++) {
		const t0 = process.hrtime.bigint();
		await once(i);
		times[i] = Number(process.hrtime.bigint() - t0) / 1000;
	}
	const totalMs = Number(process.hrtime.bigint() - start) / 1e6;
	times.sort((a, b) => a - b);
	const result = { name, perSecond: Math.round((n / totalMs) * 1000), p50us: percentile(times, 50), p99us: percentile(times, 99) };
	console.log(`  ${name.padEnd(40)} ${String(result.perSecond).padStart(8)} req/s   p50 ${result.p50us.toFixed(1)} µs   p99 ${result.p99us.toFixed(1)} µs`);
	return result;
}

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
	const body = bodies[0];
	const dir = mkdtempSync(join(tmpdir(), 'bench-commerce-'));
	const store = await openSqliteStore({ path: join(dir, 'store.sqlite') });
	try {
		console.log(`commerce: Shopify orders/create (${body.length} bytes), ${n} deliveries each`);
		const ids = Array.from({ length: n }, () => randomUUID());
		// Warm-up so JIT and SQLite page cache do not count against either side.
		for (let i = 0; i < 300; i++) JSON.parse(body.toString('utf8'));
		const baseline = await measure('baseline: JSON.parse only', n, (i) => {
			JSON.parse(bodies[i].toString('utf8'));
		});
		const pipeline = await measure('verify + normalize + dedupe (SQLite)', n, async (i) => {
			const outcome = await receiveDelivery({
				adapter: shopifyAdapter,
				rawBody: bodies[i],
				headers: { 'x-shopify-topic': 'orders/create', 'x-shopify-hmac-sha256': signatures[i], 'x-shopify-webhook-id': ids[i] },
				secrets: [SECRET],
				store,
				scope: 'bench',
				accept: () => true,
				clock: systemClock,
			});
			if (outcome.kind !== 'accepted') throw new Error(`bench delivery not accepted: ${outcome.reason}`);
		});
		const duplicate = await measure('redelivery (duplicate, answered 200)', Math.min(n, 5000), async (i) => {
			await receiveDelivery({
				adapter: shopifyAdapter,
				rawBody: bodies[i],
				headers: { 'x-shopify-topic': 'orders/create', 'x-shopify-hmac-sha256': signatures[i], 'x-shopify-webhook-id': ids[i] },
				secrets: [SECRET],
				store,
				scope: 'bench',
				accept: () => true,
				clock: systemClock,
			});
		});
		const overhead = baseline.perSecond / pipeline.perSecond;
		console.log(`  overhead vs baseline: ${overhead.toFixed(1)}× (p50 ${(pipeline.p50us / baseline.p50us).toFixed(1)}×)`);
		console.log(`  target ≥ 5,000 orders/s: ${pipeline.perSecond >= 5000 ? 'met' : 'missed'} (one run of ${n} orders); duplicates ${duplicate.perSecond} req/s`);
	} finally {
		await store.close();
		rmSync(dir, { recursive: true, force: true });
	}
}

if (require.main === module) void run();
