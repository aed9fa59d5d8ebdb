import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { importOrderHistory, nextPageInfo, shopifyCallLimitPause } from '../../../core/history';
import type { ImportOptions, ShopAccess } from '../../../core/history';
import { InputError, RemoteError } from '../../../core/shared/errors';
import { openStore } from '../../../core/store';
import type { JourneyStore } from '../../../core/store';
import { SHOP_AUTH, startShopServer } from '../../support/shopServer';
import type { ShopPlatform, ShopServer } from '../../support/shopServer';

/**
 * The history import's paging against a local shop speaking each platform's order API: every order lands once,
 * importing again adds nothing, 429s are waited out and counted, an interruption resumes at the failed page, and bad
 * settings name the field to fix. Real SQLite store, real HTTP on 127.0.0.1; times are relative to now.
 */

const DAY = 86_400_000;
const period = { from: new Date(Date.now() - 300 * DAY), to: new Date(Date.now() - DAY) };
let dir: string;
let store: JourneyStore;
const servers: ShopServer[] = [];
let prefix = 10;

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'history-import-'));
	store = await openStore({ backend: 'sqlite', path: join(dir, 'store.sqlite') });
});
afterAll(async () => {
	await store?.close();
	for (const s of servers) await s.close();
	rmSync(dir, { recursive: true, force: true });
});

async function shop(options: Parameters<typeof startShopServer>[0] = {}) {
	const server = await startShopServer({ from: period.from, to: period.to, idPrefix: String(++prefix), ...options });
	servers.push(server);
	return server;
}

function access(platform: ShopPlatform | 'custom', server: ShopServer, over: Partial<ShopAccess> = {}): ShopAccess {
	return { platform, shopUrl: server.baseUrl, ...SHOP_AUTH, ...over };
}

const run = (options: Partial<ImportOptions> & Pick<ImportOptions, 'access'>) =>
	importOrderHistory({ store, period, pageSize: 7, backoffMs: 10, ...options });

describe('order history import', () => {
	for (const platform of ['shopify', 'woocommerce', 'shopware'] as const) {
		it(`${platform}: pages through the period, records every order once, and a second import adds nothing`, async () => {
			const server = await shop({ orders: 30, customers: 10 });
			const progress: number[] = [];
			const first = await run({ access: access(platform, server), progressEvery: 2, onProgress: (p) => progress.push(p.page) });
			assert.equal(first.platform, platform);
			assert.deepEqual([first.ordersSeen, first.new, first.updated, first.skipped, first.pages], [30, 30, 0, 0, 5]);
			assert.equal(first.resumed, false);
			assert.deepEqual(progress, [2, 4], 'progress every 2 pages');
			const customer = server.orders(platform)[3];
			const email = platform === 'shopify' ? customer.email : platform === 'woocommerce' ? (customer.billing as { email: string }).email : (customer.orderCustomer as { email: string }).email;
			const recorded = await store.orders.ofCustomer({ subject: String(email) });
			assert.equal(recorded.length, 3, 'orders 3, 13 and 23 belong to the same customer');
			assert.ok(recorded.every((o) => o.platform === platform && o.lines.length > 0));

			const second = await run({ access: access(platform, server) });
			assert.deepEqual([second.ordersSeen, second.new, second.updated], [30, 0, 30]);
			assert.equal((await store.orders.ofCustomer({ subject: String(email) })).length, 3);
		});
	}

	it('orders the shop cancelled are recorded and taken back', async () => {
		const server = await shop({ orders: 20, cancelEvery: 5 });
		const summary = await run({ access: access('woocommerce', server) });
		assert.equal(summary.cancelled, 4);
		const cancelledEmail = (server.orders('woocommerce')[4].billing as { email: string }).email;
		assert.deepEqual(await store.orders.ofCustomer({ subject: cancelledEmail }), [], 'no longer counts');
	});

	it('refunds and returns the orders carry take their items back; an unreadable order is skipped with the reason', async () => {
		const server = await shop({ orders: 6 });
		const shopify = server.orders('shopify')[1];
		const item = (shopify.line_items as Array<Record<string, unknown>>)[0];
		const refund = { id: Number(`${shopify.id}9`), created_at: shopify.created_at, note: 'damaged', transactions: [], refund_line_items: [{ quantity: item.quantity, line_item: item }] };
		server.replace('shopify', 1, { ...shopify, refunds: [refund] });
		server.replace('shopify', 2, { id: null, line_items: [] });
		server.replace('shopify', 3, 'not an order');
		const summary = await run({ access: access('shopify', server) });
		assert.deepEqual([summary.new, summary.skipped, summary.skippedReasons], [4, 2, { unreadable: 2 }]);
		const [refunded] = await store.orders.ofCustomer({ subject: String(shopify.email) });
		assert.deepEqual(refunded.lines.filter((l) => l.sku === item.sku).map((l) => l.quantity), [0], 'the refunded line counts no more');

		const shopware = server.orders('shopware')[0];
		const deliveries = (shopware.deliveries as Array<Record<string, unknown>>).map((d) => ({ ...d, stateMachineState: { technicalName: 'returned' } }));
		server.replace('shopware', 0, { ...shopware, deliveries });
		await run({ access: access('shopware', server) });
		const [returned] = await store.orders.ofCustomer({ subject: (shopware.orderCustomer as { email: string }).email });
		assert.ok(returned.lines.length > 0 && returned.lines.every((l) => l.quantity === 0), 'a returned delivery takes every item back');
	});

	it('waits out a 429 storm (Retry-After) and counts the waits', async () => {
		const server = await shop({ orders: 20 });
		server.storm(4, '0.05');
		const summary = await run({ access: access('shopify', server) });
		assert.equal(summary.new, 20);
		assert.ok(summary.waits >= 4, `${summary.waits} waits`);
		assert.ok(summary.waitedMs >= 200);
		assert.equal(server.requests.filter((r) => r.status === 429).length, 4);
	});

	it('pauses before Shopify says no when the call-limit bucket is nearly full', async () => {
		assert.equal(shopifyCallLimitPause('10/40'), 0);
		assert.equal(shopifyCallLimitPause('39/40'), 9500);
		assert.equal(shopifyCallLimitPause(undefined), 0);
		assert.equal(shopifyCallLimitPause('garbage'), 0);
		const server = await shop({ orders: 8, callLimit: '36/40' });
		const waits: number[] = [];
		const summary = await run({ access: access('shopify', server), sleep: async (ms) => void waits.push(ms) });
		assert.equal(summary.pages, 2);
		assert.deepEqual(waits, [8000, 8000], 'one pause after each page, none taken for real');
	});

	it('an interruption stops at the failed page; the next run resumes there and ends with every order once', async () => {
		const server = await shop({ orders: 35 });
		server.failPage('shopware', 3, Infinity, 503);
		await assert.rejects(run({ access: access('shopware', server), retries: 1 }), (e: unknown) => {
			assert.ok(e instanceof RemoteError);
			assert.match(e.message, /HTTP 503.*page 3 of the order history/);
			assert.match(String(e.hint), /continue from page 3/);
			return true;
		});
		server.heal();
		const asked = server.requests.length;
		const resumed = await run({ access: access('shopware', server) });
		assert.equal(resumed.resumed, true);
		assert.equal(resumed.resumedAtPage, 3);
		assert.deepEqual([resumed.pages, resumed.ordersSeen, resumed.new], [3, 21, 21]);
		assert.deepEqual(resumed.total, { pages: 5, ordersSeen: 35, new: 35, updated: 0, skipped: 0 });
		const pagesAsked = server.requests.slice(asked).filter((r) => r.platform === 'shopware').map((r) => r.page);
		assert.deepEqual(pagesAsked, [3, 4, 5], 'pages 1 and 2 are not fetched again');
		const again = await run({ access: access('shopware', server) });
		assert.deepEqual([again.resumed, again.new, again.updated], [false, 0, 35]);
	});

	it('a Retry-After longer than the cap fails the page at once, naming it', async () => {
		const server = await shop({ orders: 10 });
		server.storm(1, '120');
		await assert.rejects(run({ access: access('woocommerce', server), maxWaitMs: 1000 }), /rate limit reached \(HTTP 429\).*page 1 of the order history/);
	});

	it('a wrong token says to check the shop credential', async () => {
		const server = await shop({ orders: 3 });
		await assert.rejects(run({ access: access('shopify', server, { accessToken: 'wrong' }) }), (e: unknown) => e instanceof RemoteError && e.httpCode === 401 && /Shop API credential/.test(String(e.hint)));
	});

	it('bad settings name the field', async () => {
		const server = await shop({ orders: 1 });
		const field = (f: string) => (e: unknown) => e instanceof InputError && e.field === f;
		await assert.rejects(run({ access: access('shopify', server), period: { from: period.to, to: period.from } }), field('from'));
		await assert.rejects(run({ access: access('shopify', server), period: { from: new Date('x'), to: period.to } }), field('from'));
		await assert.rejects(run({ access: access('custom', server) }), field('platform'));
		await assert.rejects(run({ access: access('shopify', server, { accessToken: '' }) }), field('accessToken'));
		await assert.rejects(run({ access: access('woocommerce', server, { consumerSecret: '' }) }), field('consumerSecret'));
		await assert.rejects(run({ access: access('shopware', server, { accessKeyId: '' }) }), field('accessKeyId'));
		await assert.rejects(run({ access: access('shopify', server, { shopUrl: ' ' }) }), field('shopUrl'));
	});

	it('reads the next page from a Link header defensively', () => {
		assert.equal(nextPageInfo(undefined), null);
		assert.equal(nextPageInfo(''), null);
		assert.equal(nextPageInfo('<https://s.myshopify.com/admin/api/2025-07/orders.json?limit=250&page_info=abc>; rel="next"'), 'abc');
		assert.equal(nextPageInfo('<https://s/a?page_info=p>; rel="previous", <https://s/a?page_info=n&limit=5>; rel="next"'), 'n');
		assert.equal(nextPageInfo('<https://s/a?page_info=p>; rel="previous"'), null);
		assert.equal(nextPageInfo('<not a url>; rel="next"'), null);
	});
});
