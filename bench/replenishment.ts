/**
 * Replenishment Due Trigger benchmark (`npm run bench -- replenishment`), SQLite and (when reachable) PostgreSQL:
 * one poll over an order history of 1,000,000 line items (100,000 customers, five orders of two lines each, 50
 * consumable SKUs), every SKU's interval learned from the history, emitting one batch of 500 reminders while
 * thousands are due. Time of the poll and the process's peak memory during it (RSS and JS heap, sampled every 5 ms).
 * Targets (ours; the issue names none): a poll far inside the hourly schedule of the template, ≤ 15 s; peak RSS
 * ≤ 1 GB, so the trigger fits next to n8n in a small container. Printed, never asserted; BENCH_SCALE scales it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DatabaseSync } from 'node:sqlite';
import { pollDue } from '../core/replenishment';
import type { RefillSettings } from '../core/replenishment';
import { openStore } from '../core/store';
import type { JourneyStore } from '../core/store';
import { connectBenchPg } from './lib/postgres';
import { fixed, int, line, repeat, spread } from './lib/report';
import type { Spread, Target } from './lib/report';

const DAY = 86_400_000;
const SKUS = 50;
const ORDERS_PER_CUSTOMER = 5;
const ROUNDS = 3;
const TARGETS: Record<string, Target> = {
	pollMs: { op: '≤', value: 15_000 },
	rssMb: { op: '≤', value: 1_024 },
};

interface Figures {
	backend: string;
	pollMs: Spread;
	peakRssMb: Spread;
	peakHeapMb: Spread;
	due: number;
}

type OrderRow = [orderId: string, customerKey: string, placedAt: number];
type LineRow = [orderId: string, lineNo: number, customerKey: string, placedAt: number, sku: string];

/** The history of customers `from` … `to` − 1, made on the fly so no seed data stays in memory during the poll. */
function history(from: number, to: number, now: number): { orders: OrderRow[]; lines: LineRow[] } {
	const orders: OrderRow[] = [];
	const lines: LineRow[] = [];
	for (let c = from; c < to; c++) {
		const key = `cust${c}`;
		for (let k = 0; k < ORDERS_PER_CUSTOMER; k++) {
			// Every customer reorders about every 25 days; their last order was 0–39 days ago.
			const placedAt = now - ((ORDERS_PER_CUSTOMER - 1 - k) * 25 + (c % 40)) * DAY;
			const id = `o${c}x${k}`;
			orders.push([id, key, placedAt]);
			lines.push([id, 1, key, placedAt, `SKU-${c % SKUS}`], [id, 2, key, placedAt, `SKU-${(c * 7 + 3) % SKUS}`]);
		}
	}
	return { orders, lines };
}

const settings = (): RefillSettings => ({
	mode: 'replenishment',
	products: [{ skus: Array.from({ length: SKUS }, (_, i) => `SKU-${i}`), daysPerUnit: null }],
	leadDays: 3,
	minRepeatCustomers: 5,
	shopUrl: 'https://shop.example',
	maxOverdueDays: 30,
	limit: 500,
});

export async function run(): Promise<void> {
	const scale = Number(process.env.BENCH_SCALE ?? '1') || 1;
	const customers = Math.max(1_000, Math.round(100_000 * scale));
	const now = Date.now();
	const lineItems = customers * ORDERS_PER_CUSTOMER * 2;
	console.log(`\n## Replenishment poll (${int(lineItems)} line items, ${int(customers)} customers, ${SKUS} SKUs, intervals learned)`);
	const dir = mkdtempSync(join(tmpdir(), 'pp-refill-bench-'));
	try {
		const path = join(dir, 'bench.sqlite');
		const store = await openStore({ backend: 'sqlite', path });
		try {
			seedSqlite(path, customers, now);
			print(await measure('SQLite', store, now));
		} finally {
			await store.close();
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
	const pg = await benchPostgres(customers, now);
	if (pg) print(pg);
}

/** Each backend's figures as soon as they are measured (seeding a million rows takes a while). */
function print(r: Figures): void {
	console.log(`\n${r.backend} (${int(r.due)} reminders due; each poll emits 500)`);
	console.log(`  ${line('one poll (ms)', r.pollMs, fixed(0), TARGETS.pollMs)}`);
	console.log(`  ${line('peak RSS during the poll (MB)', r.peakRssMb, fixed(0), TARGETS.rssMb)}`);
	console.log(`  ${line('peak JS heap during the poll (MB)', r.peakHeapMb, fixed(0))}`);
}

async function measure(backend: string, store: JourneyStore, now: number): Promise<Figures> {
	let due = 0;
	const rss: number[] = [];
	const heap: number[] = [];
	const pollMs = await repeat(ROUNDS, async (round) => {
		let peakRss = 0;
		let peakHeap = 0;
		const sample = () => {
			const m = process.memoryUsage();
			peakRss = Math.max(peakRss, m.rss);
			peakHeap = Math.max(peakHeap, m.heapUsed);
		};
		const timer = setInterval(sample, 5);
		const started = performance.now();
		// Each round is another trigger node (its own claims), so every round is a first poll.
		const report = await pollDue({ store, settings: settings(), scope: `bench-${round}`, now: new Date(now) });
		const ms = performance.now() - started;
		clearInterval(timer);
		sample();
		if (report.items.length !== 500) throw new Error(`the poll emitted ${report.items.length}, not 500`);
		due = report.due;
		rss.push(peakRss / 1_048_576);
		heap.push(peakHeap / 1_048_576);
		return ms;
	});
	return { backend, pollMs, peakRssMb: spread(rss), peakHeapMb: spread(heap), due };
}

/** Seeds rows straight into the tables (a million `record` calls would measure the seeding, not the poll). */
function seedSqlite(path: string, customers: number, now: number): void {
	const db = new DatabaseSync(path, { timeout: 10_000 });
	try {
		const order = db.prepare(
			`INSERT INTO orders (platform, order_id, customer_key, subject, subject_hash, customer_id, placed_at, currency, total, discount_codes, returns, status, updated_at, contact)
			VALUES ('shopify', ?, ?, NULL, ?, NULL, ?, 'EUR', '17.90', '[]', '{}', 'placed', ?, ?)`,
		);
		const lineStmt = db.prepare(
			`INSERT INTO order_lines (platform, order_id, line_no, customer_key, placed_at, active, sku, product_id, variant_id, title, quantity, returned, unit_price)
			VALUES ('shopify', ?, ?, ?, ?, 1, ?, 'p1', 'v1', 'Coffee', 1, 0, '17.90')`,
		);
		db.exec('BEGIN');
		for (let from = 0; from < customers; from += 10_000) {
			const data = history(from, Math.min(customers, from + 10_000), now);
			for (const [id, key, at] of data.orders) order.run(id, key, key, at, at, JSON.stringify({ email: `${key}@example.com`, firstName: 'Anna' }));
			for (const [id, no, key, at, sku] of data.lines) lineStmt.run(id, no, key, at, sku);
		}
		db.exec('COMMIT');
		db.exec('ANALYZE');
	} finally {
		db.close();
	}
}

async function benchPostgres(customers: number, now: number): Promise<Figures | undefined> {
	const pg = await connectBenchPg();
	if (!pg) return undefined;
	const { base, admin } = pg;
	const schema = `pp_refill_bench_${process.pid}`;
	const store = await openStore({ backend: 'postgres', ...base, schema });
	try {
		for (let from = 0; from < customers; from += 5_000) {
			const data = history(from, Math.min(customers, from + 5_000), now);
			const chunk = data.orders;
			await admin.query(
				`INSERT INTO ${schema}.orders (platform, order_id, customer_key, subject_hash, placed_at, currency, total, discount_codes, returns, status, updated_at, contact)
				SELECT 'shopify', o, k, k, t, 'EUR', '17.90', '[]', '{}', 'placed', t, '{"email":"' || k || '@example.com","firstName":"Anna"}'
				FROM unnest($1::text[], $2::text[], $3::bigint[]) AS u(o, k, t)`,
				[chunk.map((r) => r[0]), chunk.map((r) => r[1]), chunk.map((r) => r[2])],
			);
			const lines = data.lines;
			await admin.query(
				`INSERT INTO ${schema}.order_lines (platform, order_id, line_no, customer_key, placed_at, active, sku, product_id, variant_id, title, quantity, returned, unit_price)
				SELECT 'shopify', o, n, k, t, 1, s, 'p1', 'v1', 'Coffee', 1, 0, '17.90' FROM unnest($1::text[], $2::int[], $3::text[], $4::bigint[], $5::text[]) AS u(o, n, k, t, s)`,
				[lines.map((r) => r[0]), lines.map((r) => r[1]), lines.map((r) => r[2]), lines.map((r) => r[3]), lines.map((r) => r[4])],
			);
		}
		await admin.query(`VACUUM ANALYZE ${schema}.orders`);
		await admin.query(`VACUUM ANALYZE ${schema}.order_lines`);
		return await measure('PostgreSQL', store, now);
	} finally {
		await store.close();
		await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
		await admin.end();
	}
}
