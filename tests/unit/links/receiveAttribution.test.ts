import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { receiveDelivery, shopifyAdapter } from '../../../core/commerce';
import { fixedClock } from '../../../core/shared/clock';
import { openSqliteStore } from '../../../core/store';
import type { JourneyStore } from '../../../core/store';
import { fixtureText, shopifyHeaders } from '../commerce/helpers';

/** The one place orders come in (the shared receive path) attributes each order once, whichever trigger receives it. */
describe('attribution from the commerce receive path', () => {
	let dir: string;
	let store: JourneyStore;
	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'attribution-'));
		store = await openSqliteStore({ path: join(dir, 'store.sqlite') });
	});
	afterAll(async () => {
		await store.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('a Shopify order two days after a click on the cart reminder is attributed to it, once under redelivery', async () => {
		const body = fixtureText('shopify', 'orders-create.json');
		const expected = (JSON.parse(fixtureText('shopify', 'orders-create.expected.json')) as Array<{ order: { id: string; placedAt: string; total: string } }>)[0].order;
		await store.links.create({ code: 'CartLink01', url: 'https://shop.example/cart', subject: 'anna.schmidt@example.de', messageKey: 'send:email:cart_reminder:x', channel: 'email', journeyStep: 'cart_reminder' });
		await store.links.recordClick('CartLink01', { at: new Date(Date.parse(expected.placedAt) - 2 * 86_400_000) });
		const deliver = (id: string) =>
			receiveDelivery({
				adapter: shopifyAdapter,
				rawBody: Buffer.from(body),
				headers: shopifyHeaders('orders/create', body, id),
				secrets: ['shpss_test_4f1c2e9a7b3d5f60'],
				store,
				scope: 'attribution',
				accept: () => true,
				clock: fixedClock('2025-03-14T09:00:00Z'),
			});
		assert.equal((await deliver('d1')).kind, 'accepted');
		const attribution = await store.links.getAttribution('shopify', expected.id);
		assert.deepEqual([attribution?.journeyStep, attribution?.touch, attribution?.code, attribution?.total], ['cart_reminder', 'click', 'CartLink01', expected.total]);
		await store.links.recordClick('CartLink01', { at: new Date(Date.parse(expected.placedAt) - 1000) });
		await deliver('d2');
		assert.deepEqual(await store.links.getAttribution('shopify', expected.id), attribution, 'stored once');
	});
});
