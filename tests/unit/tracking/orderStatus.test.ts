import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { Client } from 'pg';
import { applyToOrderHistory } from '../../../core/commerce/orderHistory';
import type { CanonicalEvent } from '../../../core/commerce/model';
import { openStore } from '../../../core/store';
import type { JourneyStore, StoreConfig } from '../../../core/store';
import { lookUpByForm, lookUpByLink, ORDER_LINK_PURPOSE, openOrderLink, orderStatus, sealOrderLink } from '../../../core/tracking';

/**
 * One order's status for the tracking page, on both store backends: the look-up by number + e-mail or postcode (a
 * wrong answer reads like an unknown order), the attempt limit, the signed link on a controlled clock, the steps and
 * parcel problems, and recommendations from a known order history.
 */

const pg = { host: process.env.PGHOST || '127.0.0.1', port: Number(process.env.PGPORT || 5432), database: process.env.PGDATABASE || 'test', user: process.env.PGUSER || 'postgres' };
const schema = `pp_track_${process.pid}_${Date.now().toString(36)}`;
const NOW = new Date('2026-11-26T09:00:00Z');
const DAY = 86_400_000;

const backends: Array<[string, () => Promise<StoreConfig>, string | undefined]> = [
	['sqlite', async () => ({ backend: 'sqlite', path: join(mkdtempSync(join(tmpdir(), 'pp-track-')), 's.sqlite') }), undefined],
	['postgres', async () => ({ backend: 'postgres', ...pg, schema }), process.env.PP_POSTGRES_UNAVAILABLE],
];

afterAll(async () => {
	if (process.env.PP_POSTGRES_UNAVAILABLE) return;
	const client = new Client(pg);
	await client.connect();
	await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
	await client.end();
});

const line = (sku: string, title: string, unitPrice = '9.90', quantity = 1) => ({ sku, title, quantity, unitPrice });

for (const [name, config, unavailable] of backends) {
	(unavailable ? describe.skip : describe)(`tracking page data: ${name}`, () => {
		let store: JourneyStore;
		beforeAll(async () => {
			store = await openStore(await config());
			await store.orders.record({
				platform: 'shopify',
				orderId: '5001',
				number: '#1001',
				subject: 'anna@example.de',
				placedAt: new Date(NOW.getTime() - 3 * DAY),
				currency: 'EUR',
				total: '19.80',
				lineItems: [line('COFFEE', 'Espresso 1 kg', '17.90'), line('FILTER', 'Filter papers', '1.90')],
				contact: { email: 'Anna@Example.de', postalCode: '10115', locale: 'de-DE' },
			});
		});
		afterAll(async () => store?.close());

		it('finds an order by its number as customers type it, with the e-mail in any case or the postcode with spaces', async () => {
			for (const [number, answer] of [['1001', 'anna@example.de'], ['#1001', ' ANNA@example.DE '], [' # 1001', '101 15'], ['Nr. 1001', '10115']]) {
				const found = await lookUpByForm(store, { number, answer, now: NOW });
				assert.ok(found.found && found.order.orderId === '5001', `${number} / ${answer}`);
			}
		});

		it('answers a wrong e-mail, a wrong postcode and an unknown number alike', async () => {
			const wrongMail = await lookUpByForm(store, { number: '1001', answer: 'bob@example.de', now: NOW });
			const wrongCode = await lookUpByForm(store, { number: '1001', answer: '10117', now: NOW });
			const unknown = await lookUpByForm(store, { number: '999999', answer: 'anna@example.de', now: NOW });
			const empty = await lookUpByForm(store, { number: '1001', answer: '', now: NOW });
			for (const r of [wrongMail, wrongCode, unknown, empty]) assert.deepEqual(r, { found: false, reason: 'not_found' });
		});

		it('limits attempts per order number and per visitor within the hour, then lets them try again', async () => {
			const at = new Date(NOW.getTime() + 10 * DAY);
			const limits = { perOrder: 3, perClient: 100 };
			for (let i = 0; i < 3; i++) assert.equal((await lookUpByForm(store, { number: '1001', answer: `x${i}@example.de`, limits, now: at })).found, false);
			assert.deepEqual(await lookUpByForm(store, { number: '1001', answer: 'anna@example.de', limits, now: at }), { found: false, reason: 'limited' }, 'even the right answer waits');
			assert.equal((await lookUpByForm(store, { number: '1001', answer: 'anna@example.de', limits, now: new Date(at.getTime() + 3_600_000) })).found, true, 'an hour later');
			const perClient = { perOrder: 100, perClient: 2 };
			const later = new Date(at.getTime() + DAY);
			for (const n of ['1', '2']) await lookUpByForm(store, { number: n, answer: 'a@b.de', client: '203.0.113.9, 10.0.0.1', limits: perClient, now: later });
			assert.equal((await lookUpByForm(store, { number: '1001', answer: 'anna@example.de', client: '203.0.113.9', limits: perClient, now: later })).found, false);
			assert.equal((await lookUpByForm(store, { number: '1001', answer: 'anna@example.de', client: '198.51.100.7', limits: perClient, now: later })).found, true);
		});

		it('opens by a signed link until it expires; an altered link or another store’s link opens nothing', async () => {
			const key = store.derivedKey(ORDER_LINK_PURPOSE);
			const token = sealOrderLink(key, { platform: 'shopify', orderId: '5001' }, new Date(NOW.getTime() + 60 * DAY));
			assert.ok(!token.includes('5001') && !token.includes('1001'), 'opaque');
			assert.equal((await lookUpByLink(store, token, new Date(NOW.getTime() + 59 * DAY))).found, true);
			assert.deepEqual(await lookUpByLink(store, token, new Date(NOW.getTime() + 60 * DAY)), { found: false, reason: 'expired' });
			const altered = token.slice(0, 20) + (token[20] === 'A' ? 'B' : 'A') + token.slice(21);
			assert.equal(openOrderLink(key, altered, NOW), null);
			assert.equal(openOrderLink(Buffer.alloc(32, 7), token, NOW), null);
			assert.equal(openOrderLink(key, 'short', NOW), null);
			assert.notDeepEqual(store.derivedKey('other purpose'), key);
		});

		it('derives the steps from the stages and shows a parcel problem', async () => {
			await store.shipments.recordStage('5001', 'placed', new Date(NOW.getTime() - 3 * DAY));
			await store.shipments.recordStage('5001', 'shipped', new Date(NOW.getTime() - 2 * DAY));
			await store.shipments.watch({
				trackingNumber: 'TRK5001',
				carrier: 'dhl',
				orderId: '5001',
				shippedAt: new Date(NOW.getTime() - 2 * DAY),
				promisedLatest: '2026-11-27',
				estimateSource: 'learned',
				context: { shipment: { estimatedDelivery: { earliest: '2026-11-26', latest: '2026-11-27', source: 'learned', sampleSize: 42 } } },
			});
			await store.shipments.recordStatus('TRK5001', { status: 'AttemptFail', subStatus: null, group: 'failed_attempt', source: 'poll', nextCheckAt: null, lastScanAt: NOW, at: NOW });
			const order = await store.orders.get('shopify', '5001');
			const view = await orderStatus(store, order!, { recommendations: { limit: 0 } });
			assert.deepEqual(
				view.steps.map((s) => [s.id, s.done]),
				[['placed', true], ['paid', true], ['shipped', true], ['out_for_delivery', false], ['delivered', false]],
				'shipped implies paid, even without its time',
			);
			assert.equal(view.steps[1].at, null);
			assert.equal(view.current, 'shipped');
			assert.equal(view.number, '#1001');
			assert.deepEqual(view.parcels.map((p) => [p.carrierName, p.problem, p.estimate?.source, p.estimate?.sampleSize]), [['DHL Paket', 'failed_attempt', 'learned', 42]]);
			assert.match(String(view.parcels[0].trackingUrl), /^https:\/\/.*TRK5001/);
			await store.shipments.recordStatus('TRK5001', { status: 'Delivered', subStatus: null, group: 'delivered', source: 'poll', nextCheckAt: null, finishReason: 'delivered', at: NOW });
			await store.shipments.recordStage('5001', 'delivered', NOW);
			const delivered = await orderStatus(store, (await store.orders.get('shopify', '5001'))!, { recommendations: { limit: 0 } });
			assert.equal(delivered.current, 'delivered');
			assert.deepEqual(delivered.parcels.map((p) => [p.delivered, p.problem, p.estimate]), [[true, null, null]]);
		});

		it('recommends what other customers of the same items bought, most customers first, filled up from the fallback list', async () => {
			const buy = (orderId: string, subject: string, skus: Array<[string, string]>, days: number) =>
				store.orders.record({ platform: 'shopify', orderId, subject, placedAt: new Date(NOW.getTime() - days * DAY), currency: 'EUR', lineItems: skus.map(([s, t]) => line(s, t)) });
			await buy('r1', 'b1@example.de', [['GRINDER', 'Hand grinder'], ['BEANS', 'House blend']], 30);
			await buy('r2', 'b2@example.de', [['GRINDER', 'Hand grinder'], ['BEANS', 'House blend']], 20);
			await buy('r3', 'b3@example.de', [['GRINDER', 'Hand grinder'], ['SCALE', 'Coffee scale']], 10);
			await buy('r4', 'b4@example.de', [['SCALE', 'Coffee scale'], ['KETTLE', 'Kettle']], 5);
			await buy('r5', 'b5@example.de', [['GRINDER', 'Hand grinder']], 2);
			await store.orders.cancel('shopify', 'r2', 'cancelled');
			await buy('r6', 'b6@example.de', [['GRINDER', 'Hand grinder'], ['BEANS', 'House blend']], 1);
			const mine = await store.orders.record({ platform: 'shopify', orderId: 'r7', number: 'R7', subject: 'me@example.de', placedAt: NOW, lineItems: [line('GRINDER', 'Hand grinder')] });
			assert.equal(mine, true);
			const order = (await store.orders.get('shopify', 'r7'))!;
			const view = await orderStatus(store, order, {
				recommendations: {
					limit: 4,
					productUrl: 'https://shop.example/p/{sku}',
					fallback: [{ title: 'Hand grinder', url: null, imageUrl: null, price: null, currency: null }, { title: 'Gift card', url: 'https://shop.example/gift', imageUrl: null, price: '25.00', currency: 'EUR' }],
				},
			});
			assert.deepEqual(
				view.recommendations.map((r) => [r.title, r.url]),
				[
					['House blend', 'https://shop.example/p/BEANS'],
					['Coffee scale', 'https://shop.example/p/SCALE'],
					['Gift card', 'https://shop.example/gift'],
				],
				'BEANS by two customers (the cancelled order does not count), SCALE by one; KETTLE was not bought with a grinder; the fallback skips what is in the order',
			);
			assert.equal(view.recommendations[0].price, '9.90');
		});

		it('records the number and the delivery postcode from a shop event, and shows a cancelled order as cancelled', async () => {
			const event = {
				event: 'order.placed',
				platform: 'shopware',
				receivedAt: NOW.toISOString(),
				eventId: 'e1',
				customer: { id: null, email: 'carla@example.de', phone: null, phoneRaw: null, firstName: 'Carla', lastName: null, locale: 'de-DE', country: 'DE', region: null, timezone: null, consent: {} },
				order: { id: 'sw-uuid-1', number: 'SW10023', placedAt: NOW.toISOString(), currency: 'EUR', total: '5.00', financialStatus: 'paid', lineItems: [line('MUG', 'Mug', '5.00')], shippingAddress: { postalCode: '80331' }, billingAddress: null, invoiceNumber: null, statusUrl: null },
			} as unknown as CanonicalEvent;
			await applyToOrderHistory(store.orders, event);
			const found = await lookUpByForm(store, { number: 'sw10023', answer: '80331', now: NOW });
			assert.ok(found.found);
			assert.equal(found.order.number, 'SW10023');
			await store.orders.cancel('shopware', 'sw-uuid-1', 'cancelled');
			const view = await orderStatus(store, (await store.orders.get('shopware', 'sw-uuid-1'))!, { recommendations: { limit: 3 } });
			assert.equal(view.state, 'cancelled');
			assert.deepEqual(view.recommendations, []);
		});
	});
}
