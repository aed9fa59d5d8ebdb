import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { hookRunner } from '../support/hooks';
import { startFakeShopify } from '../unit/commerce/fakeShops';
import type { FakeShop, ShopifyHook } from '../unit/commerce/fakeShops';
import { SECRET, triggerWorkflow } from '../unit/commerce/helpers';

/**
 * An Order Placed Trigger for new orders (the payment reminder's) also subscribes to the shop's payment webhook when
 * it registers its webhooks, so the payments it records for Payment Check arrive without extra set-up.
 */
const TOKEN = 'shpat_test_9a8b7c6d5e4f';

describe('Order Placed Trigger, "Any New Order": webhooks for payments too', () => {
	let shop: FakeShop<ShopifyHook>;
	beforeAll(async () => {
		shop = await startFakeShopify(TOKEN);
	});
	afterAll(() => shop.close());

	it('publishing registers orders/create, orders/paid and orders/cancelled (taken out of the order history) at Shopify', async () => {
		const hooks = hookRunner(triggerWorkflow('orderPlacedTrigger', { platform: 'shopify', events: 'any' }), {
			credentials: { postPurchaseShopApi: { platform: 'shopify', webhookSecret: SECRET, shopUrl: shop.baseUrl, accessToken: TOKEN } },
		});
		assert.equal(await hooks.run('create'), true);
		const topics = shop.requests.filter((r) => r.method === 'POST').map((r) => (r.body as { webhook: { topic: string; address: string } }).webhook);
		assert.deepEqual(topics.map((w) => w.topic).sort(), ['orders/cancelled', 'orders/create', 'orders/paid']);
		for (const w of topics) assert.equal(w.address, hooks.webhookUrl);
	});
});
