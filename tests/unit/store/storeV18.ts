import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, it } from '@jest/globals';
import { subjectHash } from '../../../core/store';
import { CURRENT_MANY, CURRENT_ONE } from '../../../core/store/concerns/consentLedger';
import { pick } from '../../../core/store/dialect/Dialect';
import type { Dialect } from '../../../core/store/dialect/Dialect';
import { MIGRATIONS } from '../../../core/store/migrations/index';
import { SqlJourneyStore } from '../../../core/store/SqlJourneyStore';
import type { ConsentRecordInput } from '../../../core/store/JourneyStore';
import type { ContractTarget } from './contract';
import { openAt } from './openAt';

/**
 * Migration 18 (PostgreSQL reads the current consent from an index alone; records too long to index whole from a
 * second index and the table): a store at version 17 upgrades and answers every consent read as before, records on
 * either side of the size limit are found single and batched, also when a subject's newest record crosses the limit,
 * and each backend reads from the index it should.
 */

const T0 = new Date('2026-06-01T12:00:00.000Z').getTime();
let n = 0;
const email = (label: string) => `${label}-v18-${process.pid}-${++n}@example.com`;
/** Evidence no compression shrinks below a B-tree entry's limit (~2.7 kB): random bytes, 5,400 characters of base64. */
const hugeEvidence = () => ({ screenshot: randomBytes(4_000).toString('base64') });

/** The plan of the batched and the single consent read for `subjects`, as the backend prints it. */
async function plans(dialect: Dialect, subjects: string[]): Promise<string> {
	const keys = Buffer.concat(subjects.map((s) => Buffer.from(subjectHash(dialect.salt, s), 'hex')));
	const explain = async (sql: string, params: unknown[]) =>
		dialect.backend === 'sqlite'
			? (await dialect.all(`EXPLAIN QUERY PLAN ${sql}`, params)).map((r) => String(r.detail)).join('\n')
			: // A table of a few rows is cheaper to scan; with scans priced out the planner shows which index it reads.
				dialect.tx(async (t) => {
					await t.run('SET LOCAL enable_seqscan = off');
					await t.run('SET LOCAL enable_bitmapscan = off');
					return (await t.all(`EXPLAIN ${sql}`, params)).map((r) => String(r['QUERY PLAN'])).join('\n');
				});
	return `${await explain(pick(dialect, CURRENT_MANY), [keys, 'email', 'marketing'])}\n${await explain(pick(dialect, CURRENT_ONE), [keys.subarray(0, 32), 'email', 'marketing'])}`;
}

export function registerStoreV18Tests(target: ContractTarget): void {
	(target.unavailable ? describe.skip : describe)(`journey store migration 18: ${target.name}`, () => {
		const open: Array<{ close(): Promise<void> }> = [];
		afterAll(async () => {
			for (const s of open) await s.close();
		});

		it('a store at version 17 upgrades; records short and too long to index whole are read alike, single and batched', async () => {
			const config = await target.freshConfig();
			const old = new SqlJourneyStore(await openAt(config, 17));
			const [small, large, both, growing, shrinking] = ['small', 'large', 'both', 'growing', 'shrinking'].map(email);
			const record = (subject: string, s: number, extra: Partial<ConsentRecordInput> = {}): ConsentRecordInput => ({
				subject,
				channel: 'email',
				purpose: 'marketing',
				status: 'opted_in',
				legalBasis: 'consent',
				source: `form-${s}`,
				recordedAt: new Date(T0 + s * 1000),
				...extra,
			});
			await old.appendConsentMany([
				record(small, 1, { evidence: { ip: '192.0.2.1' }, consentTextVersion: 'v1', consentTextHash: 'abc' }),
				record(large, 1, { evidence: hugeEvidence() }),
				record(both, 1, { evidence: hugeEvidence(), purpose: 'transactional' }),
				record(both, 2, { evidence: { ip: '192.0.2.2' } }),
				record(growing, 1, { evidence: { ip: '192.0.2.3' } }),
				record(shrinking, 1, { evidence: hugeEvidence() }),
			]);
			const subjects = [small, large, both, growing, shrinking];
			const before = await old.currentConsentMany(subjects, 'email', 'marketing');
			const beforeTx = await old.currentConsent(both, 'email', 'transactional');
			assert.equal(before.size, 5);
			await old.close();

			const dialect = await openAt(config, Number.POSITIVE_INFINITY);
			const store = new SqlJourneyStore(dialect);
			open.push(store);
			assert.equal(await store.schemaVersion(), MIGRATIONS.at(-1)!.version);
			assert.deepEqual(await store.currentConsentMany(subjects, 'email', 'marketing'), before, 'the batch answers as before');
			for (const s of subjects) assert.deepEqual(await store.currentConsent(s, 'email', 'marketing'), before.get(s), s);
			assert.deepEqual(await store.currentConsent(both, 'email', 'transactional'), beforeTx);

			// Newer records cross the limit both ways: the read must follow the newest, never an older row of the other index.
			const grown = hugeEvidence();
			await store.appendConsent(record(growing, 5, { status: 'opted_out', evidence: grown }));
			await store.appendConsent(record(shrinking, 5, { status: 'pending', evidence: { ip: '192.0.2.9' } }));
			await store.appendConsent(record(large, 5, { status: 'opted_out', evidence: hugeEvidence(), source: 'x'.repeat(3_000) }));
			const none = email('none');
			const after = await store.currentConsentMany([...subjects, none, growing.toUpperCase()], 'email', 'marketing');
			assert.equal(after.size, 6, 'five subjects and one other spelling; no record for the sixth subject');
			assert.deepEqual(
				subjects.map((s) => [after.get(s)?.status, after.get(s)?.source.length]),
				[
					['opted_in', 6],
					['opted_out', 3_000],
					['opted_in', 6],
					['opted_out', 6],
					['pending', 6],
				],
			);
			assert.deepEqual(after.get(growing)?.evidence, grown);
			assert.deepEqual(after.get(shrinking)?.evidence, { ip: '192.0.2.9' });
			assert.equal(after.get(growing.toUpperCase()), after.get(growing));
			for (const s of subjects) assert.deepEqual(await store.currentConsent(s, 'email', 'marketing'), after.get(s), s);
			assert.equal(await store.currentConsent(none, 'email', 'marketing'), null);

			// Erasure rewrites the evidence of the current row in place (the huge one shrinks to the erasure marker).
			await store.eraseSubject(large);
			const erased = await store.currentConsent(large, 'email', 'marketing');
			assert.equal(erased?.status, 'opted_out');
			assert.deepEqual((await store.currentConsentMany([large], 'email', 'marketing')).get(large), erased);
		});

		it('reads the current consent from one index: SQLite its primary key, PostgreSQL the whole-row index alone', async () => {
			const dialect = await openAt(await target.freshConfig(), Number.POSITIVE_INFINITY);
			const store = new SqlJourneyStore(dialect);
			open.push(store);
			const subjects = [email('plan'), email('plan')];
			await store.appendConsentMany(subjects.map((subject) => ({ subject, channel: 'email', purpose: 'marketing', status: 'opted_in', legalBasis: 'consent', source: 'f' })));
			if (dialect.backend === 'postgres') await dialect.run('VACUUM consent_current'); // what autovacuum does: marks the pages all-visible
			const plan = await plans(dialect, subjects);
			if (dialect.backend === 'sqlite') {
				assert.equal(plan.match(/SEARCH c USING PRIMARY KEY \(subject_key=\? AND channel=\? AND purpose=\?\)/g)?.length, 1, plan);
				assert.match(plan, /SEARCH consent_current USING PRIMARY KEY \(subject_key=\? AND channel=\? AND purpose=\?\)/, plan);
			} else {
				assert.equal(plan.match(/Index Only Scan using consent_current_inline/g)?.length, 2, plan);
				assert.equal(plan.match(/using consent_current_large/g)?.length, 2, plan);
				assert.doesNotMatch(plan, /consent_current_pkey/, plan);
			}
		});
	});
}
