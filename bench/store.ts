/**
 * Journey store benchmark: claims/s, consent look-ups/s, single consent-check latency (p50/p99) and a batched
 * look-up of 10,000 subjects with 1,000,000 subjects in the store, plus storage per million subjects, for SQLite
 * and (when reachable) PostgreSQL side by side. Scale the subject count with BENCH_SCALE (e.g. 0.1).
 * Figures are printed, never asserted. Subjects are synthetic numbers; nothing personal is printed.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DatabaseSync } from 'node:sqlite';
import { Client } from 'pg';
import { openStore } from '../core/store';
import type { JourneyStore, StoreConfig } from '../core/store';

const FULL = 1_000_000;
const SEED_BATCH = 10_000;

interface Figures {
	backend: string;
	subjects: number;
	seedSeconds: number;
	claimsPerSec: number;
	claimsConcurrentPerSec: number;
	lookupsPerSec: number;
	p50Ms: number;
	p99Ms: number;
	batch10kMs: number;
	bytesPerMillion: number;
}

/** Synthetic German mobile numbers in E.164: +4915 followed by 9 digits. */
const phone = (i: number) => `+4915${String(i).padStart(9, '0')}`;
const hashOf = (salt: string, subject: string) => createHmac('sha256', salt).update(subject, 'utf8').digest('hex');

export async function run(): Promise<void> {
	const scale = Number(process.env.BENCH_SCALE ?? '1');
	const subjects = Math.max(10_000, Math.round(FULL * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
	console.log(`\n## Journey store (${subjects.toLocaleString('en')} subjects${subjects === FULL ? '' : `, BENCH_SCALE=${scale}`})`);

	const results: Figures[] = [];
	const dir = mkdtempSync(join(tmpdir(), 'pp-store-bench-'));
	try {
		results.push(await benchSqlite(join(dir, 'bench.sqlite'), subjects));
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}

	// PostgreSQL seeds at ~40k rows/s here, so by default it gets a quarter of the subjects to keep the run near a
	// minute; an explicit BENCH_SCALE applies to both backends.
	const pgSubjects = process.env.BENCH_SCALE ? subjects : Math.round(FULL / 4);
	if (pgSubjects !== subjects) console.log(`PostgreSQL seeded with ${pgSubjects.toLocaleString('en')} subjects (set BENCH_SCALE=1 for the full million).`);
	const pg = await benchPostgres(pgSubjects);
	if (pg) results.push(pg);

	const rows: Array<[string, (f: Figures) => string]> = [
		['subjects in store', (f) => fmt(f.subjects)],
		['seed (s)', (f) => f.seedSeconds.toFixed(1)],
		['claims/s (sequential)', (f) => fmt(f.claimsPerSec)],
		['claims/s (100 in flight)', (f) => fmt(f.claimsConcurrentPerSec)],
		['consent look-ups/s', (f) => fmt(f.lookupsPerSec)],
		['consent check p50 (ms)', (f) => f.p50Ms.toFixed(3)],
		['consent check p99 (ms)', (f) => f.p99Ms.toFixed(3)],
		['batched look-up, 10,000 subjects (ms)', (f) => f.batch10kMs.toFixed(1)],
		['storage per 1M subjects (MB)', (f) => (f.bytesPerMillion / 1e6).toFixed(0)],
	];
	console.log(['| figure |', ...results.map((r) => ` ${r.backend} |`)].join(''));
	console.log(['|---|', ...results.map(() => '---|')].join(''));
	for (const [label, get] of rows) console.log(`| ${label} |${results.map((r) => ` ${get(r)} |`).join('')}`);
	if (results.length === 2) {
		const [s, p] = results;
		console.log(
			`SQLite vs PostgreSQL: look-ups ×${(s.lookupsPerSec / p.lookupsPerSec).toFixed(1)}, claims ×${(s.claimsPerSec / p.claimsPerSec).toFixed(1)}, ` +
				`batch ×${(p.batch10kMs / s.batch10kMs).toFixed(1)} faster.`,
		);
	}
	console.log('Targets: SQLite consent check p99 < 1 ms with 1M subjects; batched look-up of 10,000 subjects < 50 ms.');
}

async function benchSqlite(path: string, subjects: number): Promise<Figures> {
	const config: StoreConfig = { backend: 'sqlite', path };
	const store = await openStore(config);
	const seedStart = performance.now();
	// Seeding through the API would measure the seeding; batched INSERTs in one connection are the honest shortcut.
	const db = new DatabaseSync(path);
	const salt = String((db.prepare("SELECT value FROM store_meta WHERE key = 'subject_salt'").get() as { value: string }).value);
	const insert = db.prepare(
		`INSERT INTO consent_ledger (subject, subject_hash, channel, purpose, status, legal_basis, source, consent_text_version,
			consent_text_hash, evidence, recorded_at, created_at)
		VALUES (?, ?, 'sms', 'marketing', ?, 'consent', 'checkout', 'v1', NULL, ?, ?, ?)`,
	);
	const t = Date.now();
	for (let start = 0; start < subjects; start += SEED_BATCH) {
		db.exec('BEGIN');
		for (let i = start; i < Math.min(subjects, start + SEED_BATCH); i++) {
			const s = phone(i);
			insert.run(s, hashOf(salt, s), i % 10 === 0 ? 'opted_out' : 'opted_in', '{"ip":"192.0.2.1"}', t - i, t);
		}
		db.exec('COMMIT');
	}
	db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
	db.close();
	const seedSeconds = (performance.now() - seedStart) / 1000;
	const bytes = statSync(path).size;
	const figures = await measure('SQLite', store, subjects, seedSeconds, (bytes / subjects) * FULL);
	await store.close();
	return figures;
}

async function benchPostgres(subjects: number): Promise<Figures | undefined> {
	const base = {
		host: process.env.PGHOST || '127.0.0.1',
		port: Number(process.env.PGPORT || 5432),
		database: process.env.PGDATABASE || 'test',
		user: process.env.PGUSER || 'postgres',
		password: process.env.PGPASSWORD || undefined,
	};
	const schema = `pp_bench_${process.pid}`;
	const admin = new Client({ ...base, connectionTimeoutMillis: 3000 });
	try {
		await admin.connect();
	} catch (error) {
		console.log(`PostgreSQL skipped: ${base.host}:${base.port}/${base.database} not reachable (${(error as Error).message}).`);
		return undefined;
	}
	const store = await openStore({ backend: 'postgres', ...base, schema });
	try {
		const seedStart = performance.now();
		const salt = String((await admin.query(`SELECT value FROM ${schema}.store_meta WHERE key = 'subject_salt'`)).rows[0].value);
		const t = Date.now();
		for (let start = 0; start < subjects; start += SEED_BATCH) {
			const list: string[] = [];
			const hashes: string[] = [];
			const statuses: string[] = [];
			const times: number[] = [];
			for (let i = start; i < Math.min(subjects, start + SEED_BATCH); i++) {
				const s = phone(i);
				list.push(s);
				hashes.push(hashOf(salt, s));
				statuses.push(i % 10 === 0 ? 'opted_out' : 'opted_in');
				times.push(t - i);
			}
			await admin.query(
				`INSERT INTO ${schema}.consent_ledger (subject, subject_hash, channel, purpose, status, legal_basis, source,
					consent_text_version, evidence, recorded_at, created_at)
				SELECT s, h, 'sms', 'marketing', st, 'consent', 'checkout', 'v1', '{"ip":"192.0.2.1"}', r, $5
				FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) AS u(s, h, st, r)`,
				[list, hashes, statuses, times, t],
			);
		}
		await admin.query(`VACUUM ANALYZE ${schema}.consent_ledger`);
		const seedSeconds = (performance.now() - seedStart) / 1000;
		const size = await admin.query(
			`SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) AS bytes FROM pg_class c
			JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'`,
			[schema],
		);
		return await measure('PostgreSQL', store, subjects, seedSeconds, (Number(size.rows[0].bytes) / subjects) * FULL);
	} finally {
		await store.close();
		await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
		await admin.end();
	}
}

async function measure(backend: string, store: JourneyStore, subjects: number, seedSeconds: number, bytesPerMillion: number): Promise<Figures> {
	const rand = () => Math.floor(Math.random() * subjects);
	// Warm-up so the first figures do not include statement preparation and cold pages.
	for (let i = 0; i < 500; i++) await store.currentConsent(phone(rand()), 'sms', 'marketing');

	const lookups = backend === 'SQLite' ? 50_000 : 5_000;
	const latencies = new Float64Array(lookups);
	const lookStart = performance.now();
	for (let i = 0; i < lookups; i++) {
		const s = performance.now();
		await store.currentConsent(phone(rand()), 'sms', 'marketing');
		latencies[i] = performance.now() - s;
	}
	const lookupsPerSec = lookups / ((performance.now() - lookStart) / 1000);
	latencies.sort();

	const claims = backend === 'SQLite' ? 20_000 : 1_000;
	const runId = Date.now().toString(36);
	let start = performance.now();
	for (let i = 0; i < claims; i++) await store.claim(`bench:${runId}:seq:${i}`, 86_400_000);
	const claimsPerSec = claims / ((performance.now() - start) / 1000);
	start = performance.now();
	for (let i = 0; i < claims; i += 100) {
		await Promise.all(Array.from({ length: 100 }, (_, j) => store.claim(`bench:${runId}:par:${i + j}`, 86_400_000)));
	}
	const claimsConcurrentPerSec = claims / ((performance.now() - start) / 1000);

	const batchTimes: number[] = [];
	for (let r = 0; r < 5; r++) {
		const batch = Array.from({ length: 10_000 }, () => phone(rand()));
		const s = performance.now();
		await store.currentConsentMany(batch, 'sms', 'marketing');
		batchTimes.push(performance.now() - s);
	}
	batchTimes.sort((a, b) => a - b);

	return {
		backend,
		subjects,
		seedSeconds,
		claimsPerSec,
		claimsConcurrentPerSec,
		lookupsPerSec,
		p50Ms: latencies[Math.floor(lookups * 0.5)],
		p99Ms: latencies[Math.floor(lookups * 0.99)],
		batch10kMs: batchTimes[2],
		bytesPerMillion,
	};
}

function fmt(n: number): string {
	return Math.round(n).toLocaleString('en');
}

if (require.main === module) void run();
