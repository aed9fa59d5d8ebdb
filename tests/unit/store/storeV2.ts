import assert from 'node:assert/strict';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, it } from '@jest/globals';
import { Client } from 'pg';
import type { Clock } from '../../../core/shared/clock';
import type { JourneyStore, RetentionSettings, SqlJourneyStore, StoreConfig } from '../../../core/store';
import { openStore, subjectHash } from '../../../core/store';
import type { Dialect, Queryable } from '../../../core/store/dialect/Dialect';
import { MIGRATIONS } from '../../../core/store/migrations/index';
import { SqliteDialect } from '../../../core/store/dialect/sqlite';
import { PostgresDialect } from '../../../core/store/dialect/postgres';
import { SqlJourneyStore as StoreClass } from '../../../core/store/SqlJourneyStore';
import type { ContractTarget } from './contract';
import { POSTGRES_V1 } from './legacy/postgresV1';
import { SQLITE_V1 } from './legacy/sqliteV1';

/**
 * Store v2 cases beside the unchanged contract: a store made by the v1 code opens and upgrades; the drift cases of
 * issue 14 (message status updates transactional on both backends, one consent column list, one row mapping);
 * retention housekeeping with a fixed clock.
 */

const DAY = 86_400_000;
const T0 = new Date('2026-06-01T12:00:00.000Z').getTime();
let n = 0;
const email = (label: string) => `${label}-${process.pid}-${++n}@example.com`;

/** Runs raw SQL on a store's database, the way the v1 code's migrations did. */
async function raw(config: StoreConfig, fn: (exec: (sql: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>) => Promise<void>): Promise<void> {
	if (config.backend === 'sqlite') {
		const db = new DatabaseSync(config.path);
		try {
			await fn(async (sql, params) => (params ? Array.from(db.prepare(sql).all(...(params as never[])) as never[]) : (db.exec(sql), [])));
		} finally {
			db.close();
		}
		return;
	}
	const client = new Client({ host: config.host, port: config.port, database: config.database, user: config.user, password: config.password });
	await client.connect();
	try {
		const schema = config.schema ?? 'public';
		await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
		await client.query(`SET search_path = ${schema}`);
		await fn(async (sql, params) => (await client.query(sql, params)).rows);
	} finally {
		await client.end();
	}
}

/** A dialect that records which statements ran inside a transaction and which outside. */
function spy(db: Dialect): { dialect: Dialect; log: Array<{ sql: string; inTx: boolean }>; txs: () => number } {
	const log: Array<{ sql: string; inTx: boolean }> = [];
	let txs = 0;
	const wrap = (q: Queryable, inTx: boolean): Queryable => ({
		get: (sql, p) => (log.push({ sql, inTx }), q.get(sql, p)),
		all: (sql, p) => (log.push({ sql, inTx }), q.all(sql, p)),
		values: (sql, p) => (log.push({ sql, inTx }), q.values(sql, p)),
		run: (sql, p) => (log.push({ sql, inTx }), q.run(sql, p)),
		insertMany: (table, c, rows) => (log.push({ sql: `insertMany ${table} (${c.map((x) => x.name).join(', ')})`, inTx }), q.insertMany(table, c, rows)),
	});
	const outside = wrap(db, false);
	const dialect = Object.assign(Object.create(db) as Dialect, outside, {
		tx: <T>(fn: (t: Queryable) => Promise<T>, o?: { readOnly?: boolean }) => (txs++, db.tx((t) => fn(wrap(t, true)), o)),
	});
	return { dialect, log, txs: () => txs };
}

async function openDialect(config: StoreConfig): Promise<Dialect> {
	return config.backend === 'sqlite' ? SqliteDialect.open(config, MIGRATIONS) : PostgresDialect.open(config, MIGRATIONS);
}

export function registerStoreV2Tests(target: ContractTarget): void {
	(target.unavailable ? describe.skip : describe)(`journey store v2: ${target.name}`, () => {
		const open: JourneyStore[] = [];
		const track = <S extends JourneyStore>(s: S) => (open.push(s), s);
		afterAll(async () => {
			for (const s of open) await s.close();
		});

		it('a store created by the v1 code (its exact DDL) opens, upgrades and answers from its old rows', async () => {
			assert.equal(MIGRATIONS[0].sqlite, SQLITE_V1, 'released step 1 unchanged (SQLite)');
			assert.equal(MIGRATIONS[0].postgres, POSTGRES_V1, 'released step 1 unchanged (PostgreSQL)');
			const config = await target.freshConfig();
			const pg = config.backend === 'postgres';
			const a = email('legacy');
			const b = email('legacy');
			let salt = '';
			await raw(config, async (exec) => {
				await exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at ${pg ? 'BIGINT' : 'INTEGER'} NOT NULL)`);
				await exec((pg ? POSTGRES_V1 : SQLITE_V1).replace('{salt}', 'legacy-salt'));
				await exec(`INSERT INTO schema_migrations (version, applied_at) VALUES (1, ${T0})`);
				salt = 'legacy-salt';
				const insert = `INSERT INTO consent_ledger (subject, subject_hash, channel, purpose, status, legal_basis, source, evidence, recorded_at, created_at)
					VALUES (${pg ? '$1, $2, $3, $4, $5, $6, $7, $8, $9, $10' : '?, ?, ?, ?, ?, ?, ?, ?, ?, ?'})`;
				const row = (s: string, status: string, source: string, at: number) => [s, subjectHash(salt, s), 'email', 'marketing', status, 'consent', source, '{"ip":"192.0.2.1"}', at, T0];
				await exec(insert, row(a, 'opted_in', 'first', T0));
				await exec(insert, row(a, 'opted_out', 'newest', T0 + 5000));
				await exec(insert, row(a, 'pending', 'older', T0 + 1000));
				await exec(insert, row(b, 'opted_in', 'tie-a', T0));
				await exec(insert, row(b, 'opted_out', 'tie-b', T0));
			});
			const store = track(await openStore(config));
			assert.equal(await store.schemaVersion(), Math.max(...MIGRATIONS.map((m) => m.version)));
			assert.equal((await store.exportSubject(a)).subjectHash, subjectHash(salt, a), 'the salt is kept');
			assert.equal((await store.currentConsent(a, 'email', 'marketing'))?.source, 'newest');
			const many = await store.currentConsentMany([a, b], 'email', 'marketing');
			assert.deepEqual([many.get(a)?.source, many.get(b)?.source], ['newest', 'tie-b']);
			assert.deepEqual(many.get(a), await store.currentConsent(a, 'email', 'marketing'));
			// Appends after the upgrade keep the current table right.
			await store.appendConsent({ subject: a, channel: 'email', purpose: 'marketing', status: 'opted_in', legalBasis: 'consent', source: 'after', recordedAt: new Date(T0 + 9000) });
			assert.equal((await store.currentConsent(a, 'email', 'marketing'))?.source, 'after');
			assert.equal((await store.exportSubject(a)).consent.length, 4);
		});

		it('updates a message status inside one transaction, on both backends', async () => {
			const { dialect, log, txs } = spy(await openDialect(await target.freshConfig()));
			const store = track(new StoreClass(dialect));
			await store.logMessage({ subject: email('tx'), channel: 'email', purpose: 'marketing', journeyStep: 'x', status: 'sent', providerId: 'SM-tx' });
			log.length = 0;
			const before = txs();
			assert.equal(await store.updateMessageStatus('SM-tx', 'delivered'), true);
			assert.equal(await store.updateMessageStatus('SM-tx', 'sent'), true, 'late callback: no change, id known');
			assert.equal(await store.updateMessageStatus('SM-unknown', 'sent'), false);
			assert.equal(txs() - before, 3, 'one transaction per update');
			assert.ok(log.length >= 5 && log.every((entry) => entry.inTx), 'every statement of an update runs inside its transaction');
			assert.equal((await store.findMessageByProviderId('SM-tx'))?.status, 'delivered');
		});

		it('builds the consent columns once and maps every consent row the same way', async () => {
			const { dialect, log } = spy(await openDialect(await target.freshConfig()));
			const store = track(new StoreClass(dialect));
			const subject = email('cols');
			const input = { subject, channel: 'email' as const, purpose: 'marketing' as const, status: 'opted_in' as const, legalBasis: 'consent' as const, source: 'form', consentTextVersion: 'v3', consentTextHash: 'h', evidence: { ip: '192.0.2.9' }, recordedAt: new Date(T0) };
			const appended = await store.appendConsent(input);
			await store.appendConsentMany([{ ...input, subject: email('cols'), source: 'import' }]);
			const single = await store.currentConsent(subject, 'email', 'marketing');
			const batch = (await store.currentConsentMany([subject], 'email', 'marketing')).get(subject);
			const exported = (await store.exportSubject(subject)).consent[0];
			assert.deepEqual(single, appended);
			assert.deepEqual(batch, appended);
			assert.deepEqual(exported, appended);
			const columns = (sql: string) => /\(([^)]*)\)/.exec(sql.slice(sql.indexOf('consent_ledger')))?.[1].replace(/\s+/g, ' ').trim();
			const inserts = log.filter((e) => /INSERT INTO consent_ledger|insertMany consent_ledger/.test(e.sql)).map((e) => columns(e.sql));
			assert.equal(inserts.length, 2);
			assert.equal(inserts[0], inserts[1], 'single and bulk append write the same column list');
		});

		it('housekeeping purges old messages, decisions and finished work once an hour, and keeps ledger and suppressions', async () => {
			const config = await target.freshConfig();
			let now = T0;
			const clock: Clock = { now: () => new Date(now) };
			const retention: RetentionSettings = { messageLogDays: 30, decisionsDays: 7, orderHistoryDays: 90 };
			const store = track((await openStore({ ...config, clock, retention } as StoreConfig)) as SqlJourneyStore);
			await store.schemaVersion();
			assert.deepEqual((await store.housekeepingDone())?.purged, { messages: 0, decisions: 0, orderHistory: 0, shipmentHistory: 0, reviewAsks: 0, ratings: 0, links: 0 }, 'first use runs it');
			const s = email('ret');
			const ago = (days: number) => new Date(now - days * DAY);
			const log = (days: number) => store.logMessage({ subject: s, channel: 'email', purpose: 'marketing', journeyStep: `d${days}`, status: 'sent', sentAt: ago(days) });
			await log(40);
			await log(10);
			// Review requests go with the message log, ratings with the order history.
			for (const d of [40, 10]) await store.ratings.recordAsk({ subject: s, channel: 'email', orderId: `o${d}`, scale: 'stars_1_5', language: 'en', askedAt: ago(d) });
			for (const d of [100, 10]) await store.ratings.recordRating({ subject: s, orderId: `o${d}`, scale: 'stars_1_5', value: 4, score: 0.75, sentiment: 'happy', ratedAt: ago(d) });
			// Transit samples of the learning estimate go with the order history too.
			for (const d of [100, 10]) await store.shipments.addTransitSample({ trackingNumber: `HK${d}`, lane: 'hk|DE>DE', workingDays: d, deliveredAt: ago(d) });
			await store.appendDecisions([7.5, 1].map((d) => ({ subject: s, channel: 'email' as const, purpose: 'marketing' as const, journeyStep: `d${d}`, decision: 'send' as const, reason: 'ok', policyVersion: '1', decidedAt: ago(d) })));
			await store.appendConsent({ subject: s, channel: 'email', purpose: 'marketing', status: 'opted_in', legalBasis: 'consent', source: 'old', recordedAt: ago(900) });
			await store.suppress({ subject: s, channel: 'email', reason: 'complaint', source: 'fbl', at: ago(900) });
			for (const [key, status] of [['done-old', 'done'], ['open-old', 'pending']] as const) {
				now = T0 - 100 * DAY;
				await store.upsertDue({ kind: 'purchase', key, subject: s, dueAt: new Date(now), payload: {} });
				if (status === 'done') {
					await store.claimDue('purchase', { limit: 1, leaseMs: 1000, now: new Date(now) });
					await store.completeDue('purchase', key);
				}
			}
			now = T0 + 30 * 60_000;
			await store.schemaVersion();
			assert.equal(await store.housekeepingDone().then((r) => r?.purged.messages ?? 0), 0, 'not again within the hour');
			assert.equal((await store.exportSubject(s)).messages.length, 2);
			now = T0 + 2 * 3_600_000;
			await store.schemaVersion();
			assert.deepEqual((await store.housekeepingDone())?.purged, { messages: 1, decisions: 1, orderHistory: 1, shipmentHistory: 1, reviewAsks: 1, ratings: 1, links: 0 });
			assert.deepEqual(await store.shipments.transitSamples('hk|DE>DE', 10), [10]);
			const left = await store.exportSubject(s);
			assert.deepEqual(left.messages.map((m) => m.journeyStep), ['d10']);
			assert.deepEqual(left.decisions.map((d) => d.journeyStep), ['d1']);
			assert.deepEqual(left.scheduled?.map((d) => d.key), ['open-old'], 'pending work is never purged');
			assert.deepEqual(left.reviewAsks?.map((a) => a.orderId), ['o10']);
			assert.deepEqual(left.ratings?.map((r) => r.orderId), ['o10']);
			assert.equal(left.consent.length, 1, 'the consent ledger is kept as proof');
			assert.equal(left.suppressions.length, 1, 'suppressions are kept as proof');
			// Another process of the same store in the same hour does not run it again.
			await log(40);
			const other = track((await openStore({ ...config, clock, retention } as StoreConfig)) as SqlJourneyStore);
			await other.schemaVersion();
			assert.equal(await other.housekeepingDone(), null, 'another process ran it this hour');
			assert.equal((await other.exportSubject(s)).messages.length, 2);
			// Without retention settings nothing is ever purged.
			const keep = track((await openStore({ ...config, clock: { now: () => new Date(T0 + 400 * DAY) } } as StoreConfig)) as SqlJourneyStore);
			await keep.schemaVersion();
			assert.equal(await keep.housekeepingDone(), null);
			assert.equal((await keep.exportSubject(s)).messages.length, 2);
		});
	});
}
