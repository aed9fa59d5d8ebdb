/**
 * Cart recovery benchmark (`npm run bench -- cart`), SQLite and (when reachable) PostgreSQL side by side:
 * - cart events ingested per second: signed Shopify `checkouts/update` deliveries through the trigger's pipeline
 *   (signature, normalization, claim, schedule in `store.carts`), one after another;
 * - one poll with 100,000 pending carts in the store: the minute's poll when none is due (the usual case), and a poll
 *   that emits 500 reminders while all 100,000 are due (after n8n was down).
 * The issue names no targets; the ones here are ours: ingest well above a busy shop's checkout rate, and a poll far
 * inside its one-minute interval. Figures are printed, never asserted; BENCH_SCALE scales the workloads.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DatabaseSync } from 'node:sqlite';
import { recordCarts } from '../core/cart';
import type { CartEvent } from '../core/cart';
import { receiveDelivery, shopifyAdapter } from '../core/commerce';
import { systemClock } from '../core/shared/clock';
import { openStore } from '../core/store';
import type { JourneyStore } from '../core/store';
import { connectBenchPg } from './lib/postgres';
import { fixed, int, line, repeat } from './lib/report';
import type { Spread, Target } from './lib/report';

const SECRET = 'bench-secret';
const H = 3_600_000;
const SCHEDULE = [1 * H, 24 * H, 72 * H];
const SETTINGS = { schedule: SCHEDULE, maxAgeMs: 7 * 24 * H, minimumValue: 0 };
const ROUNDS = 5;
const IN_FLIGHT = 50;
const TARGETS: Record<string, Target> = {
	ingest: { op: '≥', value: 1_000 },
	idlePoll: { op: '≤', value: 50 },
	duePoll: { op: '≤', value: 1_000 },
};

interface Figures {
	backend: string;
	ingestPerSec: Spread;
	ingestConcurrentPerSec: Spread;
	idlePollMs: Spread;
	duePollMs: Spread;
}

export async function run(): Promise<void> {
	const scale = Number(process.env.BENCH_SCALE ?? '1') || 1;
	const events = Math.max(500, Math.round(5_000 * scale));
	const pending = Math.max(10_000, Math.round(100_000 * scale));
	console.log(`\n## Cart recovery (${int(events)} cart events ingested; poll over ${int(pending)} pending carts)`);
	const results: Figures[] = [];
	const dir = mkdtempSync(join(tmpdir(), 'pp-cart-bench-'));
	try {
		const path = join(dir, 'bench.sqlite');
		const store = await openStore({ backend: 'sqlite', path });
		try {
			results.push(await measure('SQLite', store, events, pending, (rows) => seedSqlite(path, rows)));
		} finally {
			await store.close();
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
	const pg = await benchPostgres(events, pending);
	if (pg) results.push(pg);
	for (const r of results) {
		console.log(`\n${r.backend}`);
		console.log(`  ${line('cart events ingested/s (one at a time)', r.ingestPerSec, int, TARGETS.ingest)}`);
		console.log(`  ${line(`cart events ingested/s (${IN_FLIGHT} in flight, as webhooks arrive)`, r.ingestConcurrentPerSec, int, TARGETS.ingest)}`);
		console.log(`  ${line(`poll, ${int(pending)} pending, none due (ms)`, r.idlePollMs, fixed(1), TARGETS.idlePoll)}`);
		console.log(`  ${line(`poll, ${int(pending)} due, emits 500 (ms)`, r.duePollMs, fixed(1), TARGETS.duePoll)}`);
	}
}

type Row = [scope: string, token: string, activityAt: number, dueAt: number];

async function measure(backend: string, store: JourneyStore, events: number, pending: number, seed: (rows: Row[]) => Promise<void>): Promise<Figures> {
	const text = readFileSync(join(__dirname, '..', 'tests', 'fixtures', 'shopify', 'checkouts-create.json'), 'utf8');
	const ingest = (inFlight: number, label: string) =>
		repeat(ROUNDS, async (round) => {
			const scope = `bench-ingest-${label}-${round}`;
			const bodies = Array.from({ length: events }, (_, i) =>
				Buffer.from(
					text
						.replace('"token": "4f8a1c2e9b7d6a5f3e2d1c0b9a8f7e6d"', `"token": "${label}${round}x${i}"`)
						.replaceAll('Anna.Schmidt@example.de', `kunde${label}${round}x${i}@example.de`)
						.replace(/"updated_at": "[^"]+"/, `"updated_at": "${new Date().toISOString()}"`),
				),
			);
			const signatures = bodies.map((b) => createHmac('sha256', SECRET).update(b).digest('base64'));
			const deliver = async (i: number) => {
				const outcome = await receiveDelivery({
					adapter: shopifyAdapter,
					rawBody: bodies[i],
					headers: { 'x-shopify-topic': 'checkouts/update', 'x-shopify-hmac-sha256': signatures[i], 'x-shopify-webhook-id': randomUUID() },
					secrets: [SECRET],
					store,
					scope,
					accept: () => true,
					clock: systemClock,
					record: async (accepted) => void (await recordCarts(store.carts, scope, accepted as CartEvent[], SETTINGS)),
				});
				if (outcome.kind !== 'accepted') throw new Error(`delivery ${i} was not accepted: ${JSON.stringify(outcome)}`);
			};
			const started = performance.now();
			let next = 0;
			await Promise.all(
				Array.from({ length: inFlight }, async () => {
					while (next < events) await deliver(next++);
				}),
			);
			return (events / (performance.now() - started)) * 1000;
		});
	const ingestPerSec = await ingest(1, 'seq');
	const ingestConcurrentPerSec = await ingest(IN_FLIGHT, 'par');

	// 100,000 carts of one trigger node, active in the last hours and not yet due; the poll finds nothing.
	const now = Date.now();
	const idleScope = 'bench-idle';
	await seed(Array.from({ length: pending }, (_, i): Row => [idleScope, `idle${i}`, now - (i % 3000) * 1000, now - (i % 3000) * 1000 + H]));
	const idlePollMs = await repeat(2 * ROUNDS - 1, async () => {
		const started = performance.now();
		const polled = await store.carts.poll(idleScope, { ...SETTINGS, limit: 500, now: new Date(now) });
		if (polled.length !== 0) throw new Error('the idle poll found due carts');
		return performance.now() - started;
	});
	// The same number of carts, all due (n8n was down for two hours): each poll emits one batch of 500.
	const dueScope = 'bench-due';
	await seed(Array.from({ length: pending }, (_, i): Row => [dueScope, `due${i}`, now - 2 * H - i, now - H - i]));
	const duePollMs = await repeat(2 * ROUNDS - 1, async () => {
		const started = performance.now();
		const polled = await store.carts.poll(dueScope, { ...SETTINGS, limit: 500, now: new Date(now) });
		if (polled.filter((c) => c.emit).length !== 500) throw new Error('the due poll did not emit 500 carts');
		return performance.now() - started;
	});
	return { backend, ingestPerSec, ingestConcurrentPerSec, idlePollMs, duePollMs };
}

const PAYLOAD = JSON.stringify({ platform: 'shopify', topic: 'checkouts/update', cart: { id: 'x', items: [{ title: 'Kaffee', quantity: 1, price: '9.90' }], total: '9.90' } });

/** Seeds rows straight into the table (100,000 `record` calls would measure the seeding, not the poll). */
async function seedSqlite(path: string, rows: Row[]): Promise<void> {
	const db = new DatabaseSync(path, { timeout: 10_000 });
	try {
		const insert = db.prepare(
			`INSERT INTO carts (scope, token, platform, email, email_hash, payload, activity_at, step, due_at, status, updated_at)
			VALUES (?, ?, 'shopify', NULL, ?, ?, ?, 0, ?, 'open', ?)`,
		);
		db.exec('BEGIN');
		for (const [scope, token, activity, due] of rows) insert.run(scope, token, `h${token}`, PAYLOAD, activity, due, activity);
		db.exec('COMMIT');
		db.exec('ANALYZE');
	} finally {
		db.close();
	}
}

async function benchPostgres(events: number, pending: number): Promise<Figures | undefined> {
	const pg = await connectBenchPg();
	if (!pg) return undefined;
	const { base, admin } = pg;
	const schema = `pp_cart_bench_${process.pid}`;
	const store = await openStore({ backend: 'postgres', ...base, schema });
	try {
		return await measure('PostgreSQL', store, events, pending, async (rows) => {
			for (let start = 0; start < rows.length; start += 10_000) {
				const chunk = rows.slice(start, start + 10_000);
				await admin.query(
					`INSERT INTO ${schema}.carts (scope, token, platform, email_hash, payload, activity_at, step, due_at, status, updated_at)
					SELECT s, t, 'shopify', 'h' || t, $5, a, 0, d, 'open', a FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[]) AS u(s, t, a, d)`,
					[chunk.map((r) => r[0]), chunk.map((r) => r[1]), chunk.map((r) => r[2]), chunk.map((r) => r[3]), PAYLOAD],
				);
			}
			await admin.query(`VACUUM ANALYZE ${schema}.carts`);
		});
	} finally {
		await store.close();
		await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
		await admin.end();
	}
}
