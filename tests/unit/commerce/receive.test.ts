import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { createCustomAdapter, receiveDelivery, shopwareAdapter, wooAdapter } from '../../../core/commerce';
import type { CanonicalEvent, ReceiveInput } from '../../../core/commerce';
import { fixedClock } from '../../../core/shared/clock';
import { openSqliteStore } from '../../../core/store';
import type { JourneyStore } from '../../../core/store';
import { fixtureText, shopwareHeaders, wooHeaders } from './helpers';

/** The core pipeline against the real SQLite store (no n8n). */
describe('receiveDelivery', () => {
	let dir: string;
	let store: JourneyStore;
	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'commerce-'));
		store = await openSqliteStore({ path: join(dir, 'store.sqlite') });
	});
	afterAll(async () => {
		await store.close();
		rmSync(dir, { recursive: true, force: true });
	});

	const input = (over: Partial<ReceiveInput>): ReceiveInput => ({
		adapter: wooAdapter,
		rawBody: Buffer.alloc(0),
		headers: {},
		secrets: ['shpss_test_4f1c2e9a7b3d5f60'],
		store,
		scope: 'unit',
		accept: () => true,
		clock: fixedClock('2025-03-16T12:00:00Z'),
		...over,
	});

	it('emits each shipment of a WooCommerce order once, even when a later update repeats them', async () => {
		const body = fixtureText('woocommerce', 'order-updated-shipped.json');
		const accept = (e: CanonicalEvent) => e.event === 'shipment.created';
		const first = await receiveDelivery(input({ rawBody: Buffer.from(body), headers: wooHeaders('order.updated', body, 'd1'), accept, scope: 'woo-ship' }));
		assert.equal(first.kind, 'accepted');
		assert.equal(first.kind === 'accepted' && first.events.length, 2);
		assert.deepEqual(
			first.kind === 'accepted' && first.events.map((e) => ('shipment' in e ? [e.event, e.shipment.trackingNumber, e.shipment.carrier?.code] : [e.event])),
			[
				['shipment.created', 'CA123456785AT', 'austrian_post'],
				['shipment.created', 'H1002345678901234', 'hermes'],
			],
		);
		assert.equal(first.kind === 'accepted' && first.events[0].receivedAt, '2025-03-16T12:00:00Z');
		const refunded = fixtureText('woocommerce', 'order-updated-refunded.json');
		const second = await receiveDelivery(input({ rawBody: Buffer.from(refunded), headers: wooHeaders('order.updated', refunded, 'd2'), accept, scope: 'woo-ship' }));
		assert.deepEqual(second, { kind: 'ignored', status: 200, reason: 'duplicate', topic: 'order.updated', eventId: 'd2' });
	});

	it('accepts a Custom JSON delivery whose dedupe key is longer than the store allows, once', async () => {
		// Before: the claim key went over the store's 512 characters, the store refused it, and the shop got a 500 and
		// retried the same delivery for ever.
		const custom = (dedupeKey: string) =>
			createCustomAdapter({
				signature: { header: 'x-signature', algorithm: 'sha256', encoding: 'hex' },
				defaultEvent: 'order.placed',
				mapping: () => ({ order: { id: dedupeKey.slice(-12), number: '1001', currency: 'EUR', total: '10.00' }, customer: { email: 'anna@example.de' } }),
				dedupeKey: () => dedupeKey,
			});
		const long = 'checkout-'.padEnd(700, 'x');
		const otherLong = `${long.slice(0, -1)}y`;
		const deliver = (key: string) => receiveDelivery(input({ adapter: custom(key), skipSignature: true, rawBody: Buffer.from('{}'), scope: 'long-key' }));
		const first = await deliver(long);
		assert.equal(first.kind, 'accepted');
		assert.deepEqual(await deliver(long), { kind: 'ignored', status: 200, reason: 'duplicate', topic: 'order.placed', eventId: long });
		// Two long keys that differ only at the end are two deliveries.
		assert.equal((await deliver(otherLong)).kind, 'accepted');
	});

	it('uses the Shopware event id from the payload and rejects its signature in base64', async () => {
		const body = fixtureText('shopware', 'order-placed.json');
		const ok = await receiveDelivery(input({ adapter: shopwareAdapter, rawBody: Buffer.from(body), headers: shopwareHeaders(body), scope: 'sw' }));
		assert.equal(ok.kind === 'accepted' && ok.eventId, '7b04ebe416db4ebc93de4d791325e1d9');
		const headers = { 'shopware-shop-signature': Buffer.from(shopwareHeaders(body)['shopware-shop-signature'], 'hex').toString('base64') };
		const bad = await receiveDelivery(input({ adapter: shopwareAdapter, rawBody: Buffer.from(body), headers, scope: 'sw2' }));
		assert.equal(bad.kind === 'rejected' && bad.status, 401);
	});

	it('ignores Shopware events it does not handle', async () => {
		const envelope = JSON.parse(fixtureText('shopware', 'order-placed.json'));
		envelope.data.event = 'product.written';
		const body = JSON.stringify(envelope);
		const outcome = await receiveDelivery(input({ adapter: shopwareAdapter, rawBody: Buffer.from(body), headers: shopwareHeaders(body), scope: 'sw3' }));
		assert.deepEqual(outcome, { kind: 'ignored', status: 200, reason: 'unknown_topic', topic: 'product.written' });
	});
	it('watches the shipments of every delivery, even those this trigger does not emit; a store failure there throws (500), so the shop retries', async () => {
		const body = fixtureText('woocommerce', 'order-updated-shipped.json');
		const none = await receiveDelivery(input({ rawBody: Buffer.from(body), headers: wooHeaders('order.updated', body, 'w1'), accept: () => false, scope: 'woo-watch', shopCountry: 'AT' }));
		assert.equal(none.kind, 'ignored');
		const watched = await store.shipments.get('CA123456785AT');
		assert.equal(watched?.carrier, 'austrian_post');
		assert.equal(watched?.originCountry, 'AT');
		assert.equal(watched?.estimateSource, 'table');

		const down = new Error('shipments table unreachable');
		const failing = {
			claim: store.claim.bind(store),
			release: store.release.bind(store),
			shipments: { ...store.shipments, watch: async () => Promise.reject(down) },
		} as unknown as ReceiveInput['store'];
		const accept = (e: CanonicalEvent) => e.event === 'shipment.created';
		await assert.rejects(receiveDelivery(input({ rawBody: Buffer.from(body), headers: wooHeaders('order.updated', body, 'w2'), accept, store: failing, scope: 'woo-fail' })), /shipments table unreachable/);
		// Nothing was claimed: the shop's retry is processed once the store is back.
		const retry = await receiveDelivery(input({ rawBody: Buffer.from(body), headers: wooHeaders('order.updated', body, 'w2'), accept, scope: 'woo-fail' }));
		assert.equal(retry.kind === 'accepted' && retry.events.length, 2);
	});
});
