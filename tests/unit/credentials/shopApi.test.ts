import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';
import { PostPurchaseShopApi } from '../../../credentials/PostPurchaseShopApi.credentials';
import { SHOP_AUTH, startShopServer } from '../../support/shopServer';
import type { ShopServer } from '../../support/shopServer';

/**
 * The shop credential's own request logic, against the local shop: Shopware's token exchange (preAuthentication)
 * and the header each platform's API calls carry. The editor's Test button runs the same through n8n in
 * tests/e2e/replenishment.test.ts.
 */
let shop: ShopServer;
const credential = new PostPurchaseShopApi();

// What n8n hands preAuthentication: an HTTP helper. A JSON POST with fetch stands in for it here.
const helper = {
	helpers: {
		async httpRequest(options: IHttpRequestOptions) {
			const res = await fetch(String(options.url), { method: options.method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(options.body) });
			if (!res.ok) throw new Error(`HTTP ${res.status}`);
			return res.json();
		},
	},
} as unknown as IHttpRequestHelper;

beforeAll(async () => {
	shop = await startShopServer({ orders: 1 });
}, 20_000);
afterAll(async () => {
	await shop?.close();
});

describe('Post-Purchase Shop API credential', () => {
	it('Shopware: exchanges the integration key pair for an Admin API token and sends it as a bearer token', async () => {
		const fetched = await credential.preAuthentication.call(helper, { platform: 'shopware', shopUrl: `${shop.baseUrl}/`, accessKeyId: SHOP_AUTH.accessKeyId, secretAccessKey: SHOP_AUTH.secretAccessKey });
		const token = String(fetched.shopwareToken);
		assert.match(token, /^sw-token-\d+$/);
		const request = await credential.authenticate({ platform: 'shopware', shopwareToken: token }, { url: '/api/_info/version', headers: { accept: 'application/json' } });
		assert.deepEqual(request.headers, { accept: 'application/json', Authorization: `Bearer ${token}` });
		const version = await fetch(`${shop.baseUrl}/api/_info/version`, { headers: request.headers as Record<string, string> });
		assert.equal(version.status, 200);
	}, 20_000);

	it('Shopware with a wrong secret fails the exchange; other platforms and Shopware without keys fetch nothing', async () => {
		await assert.rejects(credential.preAuthentication.call(helper, { platform: 'shopware', shopUrl: shop.baseUrl, accessKeyId: SHOP_AUTH.accessKeyId, secretAccessKey: 'wrong' }), /HTTP 401/);
		const before = shop.requests.length;
		assert.deepEqual(await credential.preAuthentication.call(helper, { platform: 'shopify', shopUrl: shop.baseUrl, accessToken: SHOP_AUTH.accessToken }), {});
		assert.deepEqual(await credential.preAuthentication.call(helper, { platform: 'shopware', shopUrl: shop.baseUrl }), {});
		assert.equal(shop.requests.length, before, 'no request made');
	}, 20_000);

	it('Shopify sends its token header, WooCommerce basic auth, Custom JSON nothing', async () => {
		const shopify = await credential.authenticate({ platform: 'shopify', accessToken: 'shpat_x' }, { url: '/x' });
		assert.equal((shopify.headers as Record<string, string>)['X-Shopify-Access-Token'], 'shpat_x');
		const woo = await credential.authenticate({ platform: 'woocommerce', consumerKey: 'ck', consumerSecret: 'cs' }, { url: '/x' });
		assert.deepEqual(woo.auth, { username: 'ck', password: 'cs' });
		const custom = await credential.authenticate({ platform: 'custom' }, { url: '/x' });
		assert.deepEqual(custom, { url: '/x' });
	});
});
