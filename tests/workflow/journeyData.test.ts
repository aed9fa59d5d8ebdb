import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from '@jest/globals';
import type { IDataObject } from 'n8n-workflow';
import { closeCachedStores, getJourneyStore } from '../../nodes/shared/storeFromCredential';
import { runWorkflow } from '../support/harness';
import type { WorkflowJson } from '../support/harness';
import { clearLogs, logged } from '../support/logs';
import { SHOP_AUTH, startShopServer } from '../support/shopServer';
import type { ShopPlatform, ShopServer } from '../support/shopServer';

/**
 * Journey Data → Import Order History through n8n's real engine: a manual start, the shop credential, the embedded
 * store the node opens. The shop is the local fake shop; periods are relative to now.
 */

if (!process.env.N8N_USER_FOLDER) process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'journey-data-wf-'));
const servers: ShopServer[] = [];
afterAll(async () => {
	await closeCachedStores();
	for (const s of servers) await s.close();
});

const DAY = 86_400_000;
const from = new Date(Date.now() - 200 * DAY);
const to = new Date(Date.now() - DAY);
let prefix = 70;

async function shop(orders: number) {
	const server = await startShopServer({ orders, customers: 40, from, to, idPrefix: `${++prefix}${process.pid % 1000}` });
	servers.push(server);
	return server;
}

function workflow(parameters: IDataObject): WorkflowJson {
	return {
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'jd',
				name: 'Import History',
				type: 'n8n-nodes-post-purchase.journeyData',
				typeVersion: 1,
				position: [200, 0],
				parameters: { operation: 'importOrderHistory', period: 'custom', from: from.toISOString(), to: to.toISOString(), ...parameters },
				credentials: { postPurchaseShopApi: { id: 'shop', name: 'Shop' } },
			},
		] as WorkflowJson['nodes'],
		connections: { Start: { main: [[{ node: 'Import History', type: 'main', index: 0 }]] } },
	};
}

const credential = (platform: ShopPlatform | 'custom', server: ShopServer, over: IDataObject = {}) => ({
	postPurchaseShopApi: { platform, shopUrl: server.baseUrl, webhookSecret: 'x', ...SHOP_AUTH, ...over },
});
const store = () => getJourneyStore({ getNode: () => ({ credentials: undefined }) } as unknown as Parameters<typeof getJourneyStore>[0]);

async function importRun(platform: ShopPlatform | 'custom', server: ShopServer, parameters: IDataObject = {}, over: IDataObject = {}) {
	return runWorkflow(workflow(parameters), { credentials: credential(platform, server, over) });
}

describe('Journey Data: Import Order History', () => {
	it('imports every order into the store with progress in the log; importing again adds nothing', async () => {
		const server = await shop(250);
		clearLogs();
		const r = await importRun('shopware', server, { options: { progressEvery: 1 } });
		assert.equal(r.status, 'success', String(r.error?.message));
		const [item] = r.items('Import History');
		const summary = item.json as IDataObject;
		assert.deepEqual(item.pairedItem, { item: 0 });
		assert.deepEqual([summary.ordersSeen, summary.new, summary.updated, summary.skipped, summary.pages, summary.resumed], [250, 250, 0, 0, 3, false]);
		assert.match(String(summary.message), /Imported 250 orders from 127\.0\.0\.1:\d+ in 3 pages .*250 new, 0 already known/);
		const progress = logged().filter((l) => /order history import at page/.test(l.message));
		assert.deepEqual(progress.map((l) => /page (\d+)/.exec(l.message)?.[1]), ['1', '2', '3']);

		const someone = server.orders('shopware')[7].orderCustomer as { email: string };
		const orders = await (await store()).orders.ofCustomer({ subject: someone.email });
		assert.ok(orders.length >= 6 && orders.every((o) => o.platform === 'shopware'), `${orders.length} orders of one customer`);

		const again = await importRun('shopware', server);
		assert.equal(again.status, 'success', String(again.error?.message));
		const second = again.output('Import History')[0];
		assert.deepEqual([second.ordersSeen, second.new, second.updated], [250, 0, 250]);
		assert.equal((await (await store()).orders.ofCustomer({ subject: someone.email })).length, orders.length);
	});

	it('an interrupted import names the page it stopped at, and the next run continues there', async () => {
		const server = await shop(250);
		server.failPage('woocommerce', 2, Infinity, 429, '600');
		const failed = await importRun('woocommerce', server, { options: { maxWaitSeconds: 5 } });
		assert.equal(failed.status, 'error');
		assert.match(String(failed.error?.message), /WooCommerce rate limit reached \(HTTP 429\).*page 2 of the order history/);
		server.heal();
		const resumed = await importRun('woocommerce', server);
		assert.equal(resumed.status, 'success', String(resumed.error?.message));
		const summary = resumed.output('Import History')[0];
		assert.deepEqual([summary.resumed, summary.resumedAtPage, summary.pages, summary.new], [true, 2, 2, 150]);
		assert.deepEqual(summary.total, { pages: 3, ordersSeen: 250, new: 250, updated: 0, skipped: 0 });
		assert.match(String(summary.message), /Continued an interrupted import at page 2/);
	});

	it('a relative period imports whole UTC days up to today', async () => {
		const server = await shop(12);
		const r = await importRun('woocommerce', server, { period: 'last12Months' });
		assert.equal(r.status, 'success', String(r.error?.message));
		const summary = r.output('Import History')[0];
		assert.equal(summary.new, 12);
		const period = summary.period as { from: string; to: string };
		assert.match(period.from, /T00:00:00\.000Z$/);
		assert.ok(Date.parse(period.to) > Date.now() && Date.parse(period.to) - Date.now() <= DAY);
		const ninety = await importRun('woocommerce', server, { period: 'last90Days' });
		assert.equal(ninety.status, 'success', String(ninety.error?.message));
		assert.equal(ninety.output('Import History')[0].new, 0, 'the last 90 days are part of the year already imported');
	});

	it('bad settings stop with an error naming the field', async () => {
		const server = await shop(1);
		const backwards = await importRun('shopify', server, { from: to.toISOString(), to: from.toISOString() });
		assert.equal(backwards.status, 'error');
		assert.match(String(backwards.error?.message), /period starts .* after it ends .*field "from"/);
		const custom = await importRun('custom', server);
		assert.match(String(custom.error?.message), /not from "custom".*field "platform"/);
		const noToken = await importRun('shopify', server, {}, { accessToken: '' });
		assert.match(String(noToken.error?.message), /access token is missing.*field "accessToken"/);
	});
});
