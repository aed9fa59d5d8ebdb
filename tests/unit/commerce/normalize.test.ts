import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { carrierFromPlatform, normalizeReturnReason, shopifyTopicsFor, shopifyWebhookRequests, SHOPIFY_API_VERSION, toE164, wooTopicsFor, wooWebhookRequests } from '../../../core/commerce';
import { money } from '../../../core/commerce/money';
import { isoTime } from '../../../core/commerce/time';
import { toLocale } from '../../../core/commerce/locale';

describe('commerce normalization', () => {
	it('maps Shopify return reasons and free text (en/de) to the eight buckets', () => {
		const cases: Array<[string | null, string]> = [
			['SIZE_TOO_SMALL', 'size_fit'],
			['size_too_large', 'size_fit'],
			['DEFECTIVE', 'defective'],
			['NOT_AS_DESCRIBED', 'not_as_described'],
			['WRONG_ITEM', 'wrong_item'],
			['UNWANTED', 'changed_mind'],
			['STYLE', 'changed_mind'],
			['COLOR', 'changed_mind'],
			['OTHER', 'other'],
			['UNKNOWN', 'other'],
			[null, 'other'],
			['Paket kam beschädigt an', 'damaged'],
			['Arrived broken', 'damaged'],
			['Gerät funktioniert nicht', 'defective'],
			['Falscher Artikel geliefert', 'wrong_item'],
			['Schuhe zu klein', 'size_fit'],
			['Lieferung kam zu spät', 'late'],
			['Changed my mind', 'changed_mind'],
			['Sonstiges', 'other'],
		];
		for (const [input, expected] of cases) assert.equal(normalizeReturnReason(input), expected, String(input));
	});

	it('normalizes phones to E.164 with the address country as default region', () => {
		assert.equal(toE164('0151 23456789', 'DE'), '+4915123456789');
		assert.equal(toE164('(415) 555-0132', 'US'), '+14155550132');
		assert.equal(toE164('+43 664 1234567', 'DE'), '+436641234567');
		assert.equal(toE164('0043 664 1234567', null), '+436641234567');
		assert.equal(toE164('0151 23456789', null), null);
		assert.equal(toE164('12', 'DE'), null);
		assert.equal(toE164('', 'DE'), null);
	});

	it('keeps money as decimal strings with the currency minor units', () => {
		assert.equal(money('59.90', 'EUR', 'x'), '59.90');
		assert.equal(money(17.9, 'EUR', 'x'), '17.90');
		assert.equal(money(1500, 'JPY', 'x'), '1500');
		assert.equal(money(null, 'EUR', 'x'), null);
		assert.throws(() => money('12,50', 'EUR', 'total'), /total/);
	});

	it('writes timestamps as ISO 8601 with offset, keeping the shop offset', () => {
		assert.equal(isoTime('2025-03-14T09:41:25+01:00'), '2025-03-14T09:41:25+01:00');
		assert.equal(isoTime('2025-03-14T09:15:02'), '2025-03-14T09:15:02Z');
		assert.equal(isoTime('1742083200'), '2025-03-16T00:00:00Z');
		assert.equal(isoTime('not a date'), null);
	});

	it('completes locales with the country', () => {
		assert.equal(toLocale('de', 'AT'), 'de-AT');
		assert.equal(toLocale('en_us', 'DE'), 'en-US');
		assert.equal(toLocale('de-CH', null), 'de-CH');
		assert.equal(toLocale('???', 'DE'), null);
	});

	it('passes the shop carrier through with our carrier code and no detection confidence yet', () => {
		assert.deepEqual(carrierFromPlatform('Hermes Österreich'), { code: 'hermes', name: 'Hermes Österreich', confidence: null });
		assert.deepEqual(carrierFromPlatform('Kurier Müller'), { code: null, name: 'Kurier Müller', confidence: null });
		assert.deepEqual(carrierFromPlatform(''), { code: null, name: null, confidence: null });
	});
});

describe('commerce webhook registration requests', () => {
	it('builds Shopify REST calls with the pinned API version', () => {
		assert.deepEqual(shopifyTopicsFor(['shipment.created', 'shipment.updated']), ['fulfillments/create', 'fulfillments/update']);
		assert.deepEqual(shopifyWebhookRequests.create('my-shop.myshopify.com/', 'orders/create', 'https://n8n.example/webhook/abc/webhook'), {
			method: 'POST',
			url: `https://my-shop.myshopify.com/admin/api/${SHOPIFY_API_VERSION}/webhooks.json`,
			body: { webhook: { topic: 'orders/create', address: 'https://n8n.example/webhook/abc/webhook', format: 'json' } },
		});
		assert.equal(shopifyWebhookRequests.delete('https://s.myshopify.com', '42').url, `https://s.myshopify.com/admin/api/${SHOPIFY_API_VERSION}/webhooks/42.json`);
	});

	it('builds WooCommerce calls and subscribes to the topics that carry each event', () => {
		assert.deepEqual(wooTopicsFor(['order.placed']), ['order.created']);
		assert.deepEqual(wooTopicsFor(['order.paid']), ['order.created', 'order.updated']);
		assert.deepEqual(wooTopicsFor(['refund.created']), ['order.updated']);
		const create = wooWebhookRequests.create('https://tee-example.at', 'order.updated', 'https://n8n.example/webhook/x/webhook', 's3cret', 'n8n Shipped');
		assert.equal(create.url, 'https://tee-example.at/wp-json/wc/v3/webhooks');
		assert.deepEqual(create.body, { name: 'n8n Shipped', topic: 'order.updated', delivery_url: 'https://n8n.example/webhook/x/webhook', secret: 's3cret', status: 'active' });
		assert.deepEqual(wooWebhookRequests.delete('https://tee-example.at', '7').qs, { force: 'true' });
	});
});
