import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../../core/store';
import { markStuckOrders, workingDaysBefore } from '../../../core/tracking';

/** Stuck orders on a controlled clock: working days skip weekends and the shop country's public holidays. */
describe('stuck orders', () => {
	it('counts working days back over a weekend and a public holiday', () => {
		// Tuesday 2026-12-29 10:00 Berlin; 24 Dec is a working day, 25/26 Dec are holidays, 26/27 a weekend.
		const now = new Date('2026-12-29T09:00:00Z');
		assert.equal(workingDaysBefore(now, 1, 'DE').toISOString(), '2026-12-28T23:00:00.000Z', 'paid any time Monday is one working day old on Tuesday');
		assert.equal(workingDaysBefore(now, 2, 'DE').toISOString(), '2026-12-24T23:00:00.000Z', 'Christmas and the weekend do not count');
		assert.equal(workingDaysBefore(now, 2, 'US').toISOString(), '2026-12-24T23:00:00.000Z', 'in the US only the 25th is a holiday, the 24th counts');
	});

	it('reports an order paid but not shipped after two working days once, and not one that shipped', async () => {
		const store = await openStore({ backend: 'sqlite', path: join(mkdtempSync(join(tmpdir(), 'pp-stuck-')), 's.sqlite') });
		try {
			await store.shipments.recordStage('late', 'paid', new Date('2026-12-23T15:00:00Z'));
			await store.shipments.recordStage('fine', 'paid', new Date('2026-12-23T15:00:00Z'));
			await store.shipments.recordStage('fine', 'shipped', new Date('2026-12-24T09:00:00Z'));
			await store.shipments.recordStage('fresh', 'paid', new Date('2026-12-28T09:00:00Z'));
			const settings = { paidNotShippedDays: 2, noScanDays: 0, shopCountry: 'DE' };
			await store.shipments.deliver('trigger', { limit: 10, now: new Date('2026-12-20T00:00:00Z') });
			assert.equal(await markStuckOrders(store, settings, new Date('2026-12-24T12:00:00Z')), 0, 'one working day only');
			assert.equal(await markStuckOrders(store, settings, new Date('2026-12-29T09:00:00Z')), 1);
			const events = await store.shipments.deliver('trigger', { limit: 10 });
			assert.deepEqual(events.map((e) => [e.group, e.orderId, e.detail.reason]), [['stuck', 'late', 'not_shipped']]);
			assert.equal(await markStuckOrders(store, settings, new Date('2026-12-30T09:00:00Z')), 1, '"fresh" is now two working days old; "late" is not reported again');
		} finally {
			await store.close();
		}
	});
});
