import assert from 'node:assert/strict';
import { afterAll, describe, it } from '@jest/globals';
import { subjectHash } from '../../../core/store';
import { ofSubject, subjectParams } from '../../../core/store/concerns/decisions';
import { MIGRATIONS } from '../../../core/store/migrations/index';
import { SqlJourneyStore } from '../../../core/store/SqlJourneyStore';
import type { ContractTarget } from './contract';
import { openAt } from './openAt';

/**
 * Migration 17 (the decision log's subject index on the hash's 8-byte prefix): a store at version 16 with decisions
 * upgrades in place, export and erasure still find exactly the subject's decisions, and both read them through the new
 * index (the plan names it), so a subject's export never scans the whole log.
 */

let n = 0;
const email = (label: string) => `${label}-v17-${process.pid}-${++n}@example.com`;


export function registerStoreV17Tests(target: ContractTarget): void {
	(target.unavailable ? describe.skip : describe)(`journey store migration 17: ${target.name}`, () => {
		const open: Array<{ close(): Promise<void> }> = [];
		afterAll(async () => {
			for (const s of open) await s.close();
		});

		it('a store at version 16 upgrades; export and erasure find the subject’s decisions through the prefix index', async () => {
			const config = await target.freshConfig();
			const old = new SqlJourneyStore(await openAt(config, 16));
			const [anna, ben] = [email('anna'), email('ben')];
			const at = (s: number) => new Date(Date.UTC(2026, 5, 1, 12, 0, s));
			const decision = (subject: string, journeyStep: string, s: number) =>
				({ subject, channel: 'email', purpose: 'marketing', journeyStep, decision: 'send', reason: 'ok', policyVersion: 'p1', decidedAt: at(s), detail: { s } }) as const;
			await old.appendDecisions([decision(anna, 'a1', 2), decision(ben, 'b1', 1), decision(anna, 'a0', 1)]);
			await old.close();

			const dialect = await openAt(config, Number.POSITIVE_INFINITY);
			const store = new SqlJourneyStore(dialect);
			open.push(store);
			assert.equal(await store.schemaVersion(), MIGRATIONS.at(-1)!.version);
			await store.appendDecisions([decision(anna, 'a2', 3)]);
			assert.deepEqual((await store.exportSubject(anna)).decisions.map((d) => d.journeyStep), ['a0', 'a1', 'a2'], 'in time order, only Anna’s');

			const sql = `SELECT * FROM decisions WHERE ${ofSubject(dialect)} ORDER BY decided_at, id`;
			const params = subjectParams(subjectHash(dialect.salt, anna));
			const plan =
				dialect.backend === 'sqlite'
					? (await dialect.all(`EXPLAIN QUERY PLAN ${sql}`, params)).map((r) => String(r.detail)).join('\n')
					: // A table of four rows is cheaper to scan; with scans priced out the planner shows whether the index matches.
						await dialect.tx(async (t) => {
							await t.run('SET LOCAL enable_seqscan = off');
							return (await t.all(`EXPLAIN ${sql}`, params)).map((r) => String(r['QUERY PLAN'])).join('\n');
						});
			assert.match(plan, /decisions_subject_prefix/, plan);

			const report = await store.eraseSubject(anna);
			assert.equal(report.removed.decisions, 3);
			const after = await store.exportSubject(anna);
			assert.deepEqual(after.decisions.map((d) => d.detail), [{ erased: true }, { erased: true }, { erased: true }]);
			assert.deepEqual((await store.exportSubject(ben)).decisions.map((d) => [d.journeyStep, d.detail]), [['b1', { s: 1 }]], 'Ben’s untouched');
		});
	});
}
