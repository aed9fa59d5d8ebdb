import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { IDataObject } from 'n8n-workflow';
import { closeCachedStores, getJourneyStore } from '../../nodes/shared/storeFromCredential';
import { resetClock, setClock } from '../support/clock';
import { runWorkflow } from '../support/harness';
import type { WorkflowJson } from '../support/harness';
import { seedBoard, seedJourney } from '../unit/store/contractReports';

/**
 * Journey Data → Get Journey Report / Get Journey Board as items, through n8n's real engine: the rows a workflow
 * syncs to a Data Table or a spreadsheet, on the known dataset of the store contract. The whole process runs on the
 * dataset's clock (`setClock`), so "last days" and "time in stage" are what the test says on any day it runs.
 */

// Its own embedded store (Jest gives each test file its own process.env): the board lists every order in the store.
process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'journey-report-wf-'));
const T0 = '2026-11-10T09:00:00.000Z';

beforeAll(async () => {
	setClock(T0);
	const store = await getJourneyStore({ getNode: () => ({ credentials: undefined }) } as unknown as Parameters<typeof getJourneyStore>[0]);
	await seedJourney(store, (to) => setClock(to));
	await seedBoard(store, (to) => setClock(to));
	setClock('2026-11-15T09:00:00.000Z');
});
afterAll(async () => {
	resetClock();
	await closeCachedStores();
});

function workflow(parameters: IDataObject): WorkflowJson {
	return {
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'jd', name: 'Journey Data', type: 'n8n-nodes-post-purchase.journeyData', typeVersion: 1, position: [200, 0], parameters },
		] as WorkflowJson['nodes'],
		connections: { Start: { main: [[{ node: 'Journey Data', type: 'main', index: 0 }]] } },
	};
}

async function run(parameters: IDataObject) {
	const result = await runWorkflow(workflow(parameters));
	return result;
}

describe('Journey Data: report and board as items', () => {
	it('Get Journey Report: one item per step and channel, with the currencies named', async () => {
		const r = await run({ operation: 'getJourneyReport', period: 'lastDays', days: 7, output: 'items', options: { timeZone: 'Europe/Berlin' } });
		assert.equal(r.status, 'success', String(r.error?.message));
		const items = r.output('Journey Data');
		assert.deepEqual(
			items.map((i) => [i.journeyStep, i.channel, i.sent, i.clicked, i.optedOut, i.orders, i.revenue, i.revenueCurrency, i.smsCost, i.smsCostCurrency, i.smsCostSource]),
			[
				['order_received', 'sms', 2, 0, 1, 0, '0.00', 'EUR', '0.2949', 'USD', 'estimate'],
				['order_received', 'email', 1, 1, 0, 1, '20.10', 'EUR', null, null, null],
				['shipped', 'sms', 1, 1, 0, 2, '49.90', 'EUR', '0.0983', 'USD', 'estimate'],
			],
		);
		assert.deepEqual([items[0].from, items[0].to], ['2026-11-08T23:00:00.000Z', '2026-11-15T23:00:00.000Z']);
		assert.deepEqual(r.items('Journey Data').map((i) => i.pairedItem), [{ item: 0 }, { item: 0 }, { item: 0 }]);
	});

	it('split by day, a custom period and own SMS prices in EUR', async () => {
		const days = await run({ operation: 'getJourneyReport', period: 'custom', from: '2026-11-10T00:00:00Z', to: '2026-11-12T00:00:00Z', output: 'items', byDay: true });
		assert.deepEqual(days.output('Journey Data').map((d) => [d.day, d.journeyStep, d.sent, d.clicked, d.orders]), [
			['2026-11-10', 'order_received', 3, 1, 1],
			['2026-11-11', 'shipped', 1, 1, 2],
		]);
		const eur = await run({ operation: 'getJourneyReport', period: 'custom', from: '2026-11-10T00:00:00Z', to: '2026-11-12T00:00:00Z', output: 'items', options: { prices: '{"DE": 0.07}', priceCurrency: 'eur' } });
		assert.deepEqual(eur.output('Journey Data').map((i) => [i.smsCost, i.smsCostCurrency]), [['0.2100', 'EUR'], [null, null], ['0.0700', 'EUR']]);
		const usd = await run({ operation: 'getJourneyReport', period: 'custom', from: '2026-11-10T00:00:00Z', to: '2026-11-12T00:00:00Z', output: 'items', options: { prices: { DE: 0.05 } } });
		assert.deepEqual(usd.output('Journey Data').map((i) => i.smsCost), ['0.1500', null, '0.0500']);
	});

	it('a period that ends before it starts is refused, naming the field', async () => {
		const r = await run({ operation: 'getJourneyReport', period: 'custom', from: '2026-11-12T00:00:00Z', to: '2026-11-10T00:00:00Z', output: 'items' });
		assert.equal(r.status, 'error');
		assert.match(String(r.error?.message), /"To" must be after "From"/);
	});

	// The moved clock keeps running while the test runs: limits are set away from the dataset's exact 4 days.
	it('Get Journey Board: one item per order with stage, time in stage and flags; contact only when asked, search', async () => {
		const r = await run({ operation: 'getJourneyBoard', output: 'items', thresholds: { unpaidDays: 3, unshippedDays: 2, noScanDays: 5 } });
		const items = r.output('Journey Data');
		assert.deepEqual(items.map((i) => [i.orderNumber, i.stage, i.hoursInStage, i.stuck, i.delayed]).sort(), [
			['#1001', 'placed', 120, true, false],
			['#1002', 'paid', 23, false, false],
			['#1003', 'paid', 119, true, false],
			['#1004', 'shipped', 96, false, true],
			['#1005', 'delivered', 48, false, false],
			['#1006', 'returned', 24, false, false],
		]);
		assert.ok(items.every((i) => String(i.contact).includes('***')), 'masked by default');
		const found = await run({ operation: 'getJourneyBoard', output: 'items', search: 'gustav@example.com', thresholds: { noScanDays: 5 }, options: { includeContact: true, maxOrders: 50, days: 30, finishedDays: 7 } });
		assert.deepEqual(found.output('Journey Data').map((i) => [i.orderNumber, i.contact, i.flags]), [['#1004', 'gustav@example.com', ['past_promised_day']]]);
		const csv = await run({ operation: 'getJourneyBoard', output: 'csv' });
		assert.match(String(csv.output('Journey Data')[0].fileName), /^journey-board-2026-11-15\.csv$/);
	});
});
