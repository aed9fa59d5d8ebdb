import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { InputError } from '../../../core/shared/errors';
import type { Clock } from '../../../core/shared/clock';
import type { ImportKey, JourneyStore, SqlJourneyStore, StoreConfig } from '../../../core/store';
import { openStore } from '../../../core/store';
import type { ContractTarget } from './contract';

/**
 * Order-history imports (`store.imports`, migration 8) on both backends: resumed from the saved position, held by one
 * execution at a time, started over once finished, and purged with the order history.
 */

const T0 = new Date('2026-02-01T09:00:00.000Z').getTime();
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
let n = 0;
const key = (): ImportKey => ({ scope: `shopify:shop-${process.pid}-${++n}.example`, from: new Date('2025-02-01T00:00:00Z'), to: new Date('2026-02-01T00:00:00Z') });
const page = (orders: number, created: number) => ({ pages: 1, seen: orders, created, updated: orders - created, skipped: 0 });
const lease = (owner: string, minutes = 0) => ({ owner, leaseMs: 120_000, now: at(minutes) });

export function registerImportContract(target: ContractTarget): void {
	(target.unavailable ? describe.skip : describe)(`order import contract: ${target.name}`, () => {
		let store: JourneyStore;
		const opened: JourneyStore[] = [];
		const fresh = async (extra: Partial<StoreConfig> = {}) => {
			const s = await openStore({ ...(await target.freshConfig()), ...extra } as StoreConfig);
			opened.push(s);
			return s;
		};
		beforeAll(async () => {
			store = await fresh();
		});
		afterAll(async () => {
			for (const s of opened) await s.close();
		});

		it('saves the position page by page, and a later execution resumes there with the totals', async () => {
			const k = key();
			const first = await store.imports.start(k, lease('exec-1'));
			assert.ok('run' in first && !first.resumed && first.run.cursor === null && first.run.status === 'running');
			assert.equal(await store.imports.advance(k, 'page-info-2', page(250, 250), lease('exec-1', 1)), true);
			assert.equal(await store.imports.advance(k, 'page-info-3', page(250, 240), lease('exec-1', 2)), true);
			// The execution failed: it frees the import, the position stays.
			await store.imports.release(k, 'exec-1');
			const again = await store.imports.start(k, lease('exec-2', 3));
			assert.ok('run' in again);
			assert.equal(again.resumed, true);
			assert.equal(again.run.cursor, 'page-info-3');
			assert.deepEqual(again.run.counts, { pages: 2, seen: 500, created: 490, updated: 10, skipped: 0 });
			assert.equal(await store.imports.advance(k, 'page-info-2', page(1, 1), lease('exec-1', 4)), false, 'the old execution lost it');
			assert.equal(await store.imports.advance(k, null, page(10, 0), lease('exec-2', 4)), true);
			const done = await store.imports.finish(k, 'exec-2', at(5));
			assert.equal(done?.status, 'done');
			assert.equal(done?.cursor, null);
			assert.deepEqual(done?.finishedAt, at(5));
			assert.equal(done?.counts.seen, 510);
			assert.equal(await store.imports.finish(k, 'exec-2', at(6)), null, 'finished once');
		});

		it('a finished import or a restart starts from the first page with fresh counts', async () => {
			const k = key();
			await store.imports.start(k, lease('a'));
			await store.imports.advance(k, '3', page(100, 100), lease('a', 1));
			await store.imports.finish(k, 'a', at(2));
			const rerun = await store.imports.start(k, lease('b', 3));
			assert.ok('run' in rerun && !rerun.resumed && rerun.run.cursor === null && rerun.run.counts.seen === 0 && rerun.run.finishedAt === null);
			await store.imports.advance(k, '2', page(100, 0), lease('b', 4));
			await store.imports.release(k, 'b');
			const restarted = await store.imports.start(k, { ...lease('c', 5), restart: true });
			assert.ok('run' in restarted && !restarted.resumed && restarted.run.cursor === null);
		});

		it('a second execution is turned away while the lease runs, and gets the import once it expired', async () => {
			const k = key();
			await store.imports.start(k, lease('one'));
			const busy = await store.imports.start(k, lease('two', 1));
			assert.ok('busy' in busy);
			assert.equal(busy.busy.status, 'running');
			const later = await store.imports.start(k, lease('two', 3));
			assert.ok('run' in later, 'the first execution stopped renewing (crashed): after its lease the import is free');
			assert.equal(await store.imports.advance(k, 'x', page(1, 1), lease('one', 3)), false);
		});

		it('rejects bad keys and counts', async () => {
			await assert.rejects(store.imports.start({ ...key(), from: at(10), to: at(0) }, lease('x')), (e: unknown) => e instanceof InputError && e.field === 'from');
			await assert.rejects(store.imports.start({ ...key(), scope: '' }, lease('x')), InputError);
			const k = key();
			await store.imports.start(k, lease('x'));
			await assert.rejects(store.imports.advance(k, '2', { ...page(1, 1), seen: -1 }, lease('x')), (e: unknown) => e instanceof InputError && e.field === 'seen');
			assert.equal(await store.imports.get(key()), null);
		});

		it('housekeeping purges finished imports with the order history', async () => {
			let now = T0 + 40 * 86_400_000;
			const clock: Clock = { now: () => new Date(now) };
			const s = (await fresh({ clock, retention: { orderHistoryDays: 30 } })) as SqlJourneyStore;
			await s.schemaVersion();
			await s.housekeepingDone();
			const [old, running] = [key(), key()];
			await s.imports.start(old, lease('h'));
			await s.imports.finish(old, 'h', at(0));
			await s.imports.start(running, lease('h'));
			now += 2 * 3_600_000;
			await s.schemaVersion();
			assert.equal((await s.housekeepingDone())?.purged.orderHistory, 1);
			assert.equal(await s.imports.get(old), null);
			assert.notEqual(await s.imports.get(running), null, 'a running import is kept');
		});
	});
}
