import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import { NodeApiError } from 'n8n-workflow';
import { SHOPIFY_API_VERSION } from '../../core/commerce';
import { hookRunner } from '../support/hooks';
import { startFakeShopify, startFakeWoo } from '../unit/commerce/fakeShops';
import type { FakeShop, ShopifyHook, WooHook } from '../unit/commerce/fakeShops';
import { SECRET, triggerWorkflow } from '../unit/commerce/helpers';
import type { TriggerName } from '../unit/commerce/helpers';

/**
 * Publishing and unpublishing a workflow: the triggers' checkExists / create / delete through n8n-core's real
 * HookContext and HTTP helpers, against local Shopify and WooCommerce API stand-ins.
 */

const TOKEN = 'shpat_test_0a1b2c3d4e5f';
const WOO_KEY = 'ck_test_5e6f7a8b9c';
const WOO_SECRET = 'cs_test_1d2e3f4a5b';

function shopifyRunner(shop: FakeShop<ShopifyHook>, trigger: TriggerName, parameters: Record<string, unknown>, credential: Record<string, string> = {}) {
	return hookRunner(triggerWorkflow(trigger, { platform: 'shopify', ...parameters }), {
		credentials: { postPurchaseShopApi: { platform: 'shopify', webhookSecret: SECRET, shopUrl: shop.baseUrl, accessToken: TOKEN, ...credential } },
	});
}

function wooRunner(shop: FakeShop<WooHook>, trigger: TriggerName, parameters: Record<string, unknown>) {
	return hookRunner(triggerWorkflow(trigger, { platform: 'woocommerce', ...parameters }), {
		credentials: { postPurchaseShopApi: { platform: 'woocommerce', webhookSecret: SECRET, shopUrl: shop.baseUrl, consumerKey: WOO_KEY, consumerSecret: WOO_SECRET } },
	});
}

async function rejects(promise: Promise<unknown>, status: string): Promise<void> {
	await assert.rejects(promise, (error: unknown) => {
		assert.ok(error instanceof NodeApiError, `expected NodeApiError, got ${String(error)}`);
		assert.equal(error.httpCode, status);
		return true;
	});
}

describe('commerce webhooks: Shopify lifecycle', () => {
	let shop: FakeShop<ShopifyHook>;
	beforeAll(async () => {
		shop = await startFakeShopify(TOKEN);
	});
	afterAll(() => shop.close());
	beforeEach(() => {
		shop.hooks.clear();
		shop.requests.length = 0;
	});

	it('registers one webhook per topic with our URL, then finds them', async () => {
		const hooks = shopifyRunner(shop, 'shippedTrigger', {});
		assert.equal(await hooks.run('checkExists'), false);
		assert.equal(await hooks.run('create'), true);
		const posts = shop.requests.filter((r) => r.method === 'POST');
		assert.deepEqual(
			posts.map((r) => r.body),
			[
				{ webhook: { topic: 'fulfillments/create', address: hooks.webhookUrl, format: 'json' } },
				{ webhook: { topic: 'fulfillments/update', address: hooks.webhookUrl, format: 'json' } },
			],
		);
		for (const r of shop.requests) {
			assert.equal(r.path.startsWith(`/admin/api/${SHOPIFY_API_VERSION}/`), true, r.path);
			assert.equal(r.headers['x-shopify-access-token'], TOKEN);
		}
		const ids = [...shop.hooks.values()].map((h) => String(h.id));
		assert.deepEqual(Object.values(hooks.nodeStaticData().webhookIds as object).sort(), ids.sort());
		assert.equal(await hooks.run('checkExists'), true);
		// The look-up asks only for hooks at our address.
		assert.equal(shop.requests.at(-1)?.query.address, hooks.webhookUrl);
	});

	it('the Cart Abandoned Trigger registers the checkout topics, and deletes them on unpublish', async () => {
		const hooks = shopifyRunner(shop, 'cartAbandonedTrigger', {});
		assert.equal(await hooks.run('checkExists'), false);
		assert.equal(await hooks.run('create'), true);
		assert.deepEqual(
			shop.requests.filter((r) => r.method === 'POST').map((r) => (r.body as { webhook: { topic: string } }).webhook.topic),
			['checkouts/create', 'checkouts/update'],
		);
		assert.equal(await hooks.run('checkExists'), true);
		assert.equal(await hooks.run('delete'), true);
		assert.equal(shop.hooks.size, 0);
	});

	it('finds a webhook that already exists at the shop and creates nothing', async () => {
		const hooks = shopifyRunner(shop, 'orderPlacedTrigger', { events: 'paid' });
		shop.hooks.set(7, { id: 7, address: hooks.webhookUrl, topic: 'orders/paid', format: 'json', api_version: SHOPIFY_API_VERSION, created_at: '', updated_at: '', fields: [], metafield_namespaces: [] });
		shop.hooks.set(8, { id: 8, address: 'https://other.example/hook', topic: 'orders/paid', format: 'json', api_version: SHOPIFY_API_VERSION, created_at: '', updated_at: '', fields: [], metafield_namespaces: [] });
		// Cancellations are registered too: they take orders out of the order history.
		shop.hooks.set(9, { id: 9, address: hooks.webhookUrl, topic: 'orders/cancelled', format: 'json', api_version: SHOPIFY_API_VERSION, created_at: '', updated_at: '', fields: [], metafield_namespaces: [] });
		assert.equal(await hooks.run('checkExists'), true);
		assert.deepEqual(hooks.nodeStaticData().webhookIds, { 'orders/cancelled': '9', 'orders/paid': '7' });
		assert.equal(shop.requests.filter((r) => r.method !== 'GET').length, 0);
	});

	it('deletes its webhooks, treats one already deleted in the admin (404) as gone', async () => {
		const hooks = shopifyRunner(shop, 'shippedTrigger', {});
		await hooks.run('create');
		const ids = [...shop.hooks.keys()];
		shop.hooks.delete(ids[0]);
		assert.equal(await hooks.run('delete'), true);
		assert.equal(shop.hooks.size, 0);
		assert.deepEqual(hooks.nodeStaticData().webhookIds, {});
		// Both were asked for: the first answered 404, the second was deleted.
		assert.deepEqual(
			shop.requests.filter((r) => r.method === 'DELETE').map((r) => r.path),
			ids.map((id) => `/admin/api/${SHOPIFY_API_VERSION}/webhooks/${id}.json`),
		);
	});

	it('throws NodeApiError when the shop fails (500) and keeps what is left to delete', async () => {
		const hooks = shopifyRunner(shop, 'shippedTrigger', {});
		await hooks.run('create');
		shop.fail('DELETE', 500);
		await rejects(hooks.run('delete'), '500');
		// Nothing was deleted, so both ids are kept for the next attempt.
		assert.equal(Object.keys(hooks.nodeStaticData().webhookIds as object).length, 2);
		assert.equal(shop.hooks.size, 2);
		assert.equal(await hooks.run('delete'), true);
		assert.equal(shop.hooks.size, 0);
	});

	it('reports a failed registration as NodeApiError', async () => {
		const hooks = shopifyRunner(shop, 'orderPlacedTrigger', { events: 'any' }, { accessToken: 'shpat_wrong' });
		await rejects(hooks.run('checkExists'), '401');
		await rejects(hooks.run('create'), '401');
		assert.equal(shop.hooks.size, 0);
	});
});

describe('commerce webhooks: WooCommerce lifecycle', () => {
	let shop: FakeShop<WooHook>;
	beforeAll(async () => {
		shop = await startFakeWoo(WOO_KEY, WOO_SECRET);
	});
	afterAll(() => shop.close());
	beforeEach(() => {
		shop.hooks.clear();
		shop.requests.length = 0;
	});

	it('registers the order topics with our URL and the signing secret', async () => {
		const hooks = wooRunner(shop, 'orderPlacedTrigger', { events: 'paid' });
		// Nothing remembered yet: nothing to look up.
		assert.equal(await hooks.run('checkExists'), false);
		assert.equal(shop.requests.length, 0);
		assert.equal(await hooks.run('create'), true);
		const created = [...shop.hooks.values()];
		assert.deepEqual(
			created.map((h) => ({ topic: h.topic, delivery_url: h.delivery_url, secret: h.secret, status: h.status, name: h.name })),
			[
				{ topic: 'order.created', delivery_url: hooks.webhookUrl, secret: SECRET, status: 'active', name: 'n8n Shop Trigger (order.created)' },
				{ topic: 'order.updated', delivery_url: hooks.webhookUrl, secret: SECRET, status: 'active', name: 'n8n Shop Trigger (order.updated)' },
			],
		);
		assert.equal(shop.requests[0].headers.authorization, `Basic ${Buffer.from(`${WOO_KEY}:${WOO_SECRET}`).toString('base64')}`);
		assert.equal(await hooks.run('checkExists'), true);
	});

	it('notices a webhook deleted or paused in the shop admin and registers it again', async () => {
		const hooks = wooRunner(shop, 'returnReceivedTrigger', {});
		await hooks.run('create');
		assert.equal(shop.hooks.size, 1);
		const [hook] = [...shop.hooks.values()];
		hook.status = 'paused';
		assert.equal(await hooks.run('checkExists'), false);
		shop.hooks.clear();
		assert.equal(await hooks.run('checkExists'), false);
		assert.deepEqual(hooks.nodeStaticData().webhookIds, {});
		await hooks.run('create');
		assert.equal(shop.hooks.size, 1);
	});

	it('deletes with force=true, treats 404 as gone and throws NodeApiError on 500', async () => {
		const hooks = wooRunner(shop, 'orderPlacedTrigger', { events: 'paid' });
		await hooks.run('create');
		shop.fail('DELETE', 500);
		await rejects(hooks.run('delete'), '500');
		assert.equal(shop.hooks.size, 2);
		shop.hooks.delete([...shop.hooks.keys()][0]);
		assert.equal(await hooks.run('delete'), true);
		assert.equal(shop.hooks.size, 0);
		const deletes = shop.requests.filter((r) => r.method === 'DELETE');
		assert.equal(deletes.length, 3);
		for (const r of deletes) assert.equal(r.query.force, 'true');
		assert.deepEqual(hooks.nodeStaticData().webhookIds, {});
	});
});

describe('commerce webhooks: without API access', () => {
	let shopify: FakeShop<ShopifyHook>;
	let woo: FakeShop<WooHook>;
	beforeAll(async () => {
		shopify = await startFakeShopify(TOKEN);
		woo = await startFakeWoo(WOO_KEY, WOO_SECRET);
	});
	afterAll(async () => {
		await shopify.close();
		await woo.close();
	});

	it('treats the pasted URL as existing and calls nothing', async () => {
		const runners = [
			// Shop URL but no token: the marketer pastes the URL into Shopify.
			shopifyRunner(shopify, 'orderPlacedTrigger', { events: 'any' }, { accessToken: '' }),
			hookRunner(triggerWorkflow('shippedTrigger', { platform: 'woocommerce' }), {
				credentials: { postPurchaseShopApi: { platform: 'woocommerce', webhookSecret: SECRET, shopUrl: woo.baseUrl, consumerKey: '', consumerSecret: '' } },
			}),
			// Shopware 6 declares webhooks in its app manifest; Custom JSON senders are set up by hand.
			hookRunner(triggerWorkflow('shippedTrigger', { platform: 'shopware' }), {
				credentials: { postPurchaseShopApi: { platform: 'shopware', webhookSecret: SECRET, shopUrl: shopify.baseUrl } },
			}),
			hookRunner(triggerWorkflow('returnReceivedTrigger', { platform: 'custom' }), { credentials: { postPurchaseShopApi: { platform: 'custom', webhookSecret: SECRET } } }),
		];
		for (const hooks of runners) {
			assert.equal(await hooks.run('checkExists'), true);
			assert.equal(await hooks.run('create'), true);
			assert.equal(await hooks.run('delete'), true);
		}
		assert.equal(shopify.requests.length, 0);
		assert.equal(woo.requests.length, 0);
	});
});
