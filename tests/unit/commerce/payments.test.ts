import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { findPayment, receiveDelivery, shopifyAdapter, shopwareAdapter, wooAdapter } from '../../../core/commerce';
import type { CanonicalEvent, CommerceAdapter, HeaderMap, ReceiveInput } from '../../../core/commerce';
import { fixedClock } from '../../../core/shared/clock';
import { openSqliteStore } from '../../../core/store';
import type { JourneyStore } from '../../../core/store';
import { fixture, fixtureText, shopifyHeaders, shopwareHeaders, wooHeaders } from './helpers';

/**
 * Payments the shop reports are recorded in the journey store by every commerce trigger, whatever events the trigger
 * itself emits, so a payment reminder (Payment Check after its wait) can see that the order was paid meanwhile.
 */
describe('payments reported by the shop', () => {
	let dir: string;
	let store: JourneyStore;
	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'payments-'));
		store = await openSqliteStore({ path: join(dir, 'store.sqlite') });
	});
	afterAll(async () => {
		await store.close();
		rmSync(dir, { recursive: true, force: true });
	});

	/** The order id the adapter reads from a fixture (its expected canonical event). */
	const expectedOrderId = (platform: string, file: string) => String((JSON.parse(fixtureText(platform, file)) as Array<{ order: { id: string } }>)[0].order.id);

	// An "Any New Order" trigger: it emits only order.placed, yet must record the payment of a paid event.
	const onlyPlaced = (e: CanonicalEvent) => e.event === 'order.placed';
	const deliver = (adapter: CommerceAdapter, body: string, headers: HeaderMap, scope: string) =>
		receiveDelivery({
			adapter,
			rawBody: Buffer.from(body),
			headers,
			secrets: ['shpss_test_4f1c2e9a7b3d5f60'],
			store,
			scope,
			accept: onlyPlaced,
			clock: fixedClock('2025-03-16T12:00:00Z'),
		} satisfies ReceiveInput);

	it('Shopify orders/paid is recorded for the order, though an "Any New Order" trigger does not emit it', async () => {
		const body = fixtureText('shopify', 'orders-paid.json');
		const orderId = String(fixture('shopify', 'orders-paid.json').id);
		assert.equal(await findPayment(store, 'shopify', orderId), null, 'nothing recorded before');
		const outcome = await deliver(shopifyAdapter, body, shopifyHeaders('orders/paid', body), 'pay-shopify');
		assert.equal(outcome.kind, 'ignored');
		const payment = await findPayment(store, 'shopify', orderId);
		assert.equal(payment?.orderId, orderId);
		assert.equal(payment?.paidAt, '2025-03-16T12:00:00Z');
		// A redelivery is harmless: still one payment, same order.
		await deliver(shopifyAdapter, body, shopifyHeaders('orders/paid', body), 'pay-shopify');
		assert.equal((await findPayment(store, 'shopify', orderId))?.orderId, orderId);
	});

	it('a Shopify order that is created unpaid records no payment', async () => {
		const order = { ...fixture('shopify', 'orders-create.json'), id: 990001, financial_status: 'pending' };
		const body = JSON.stringify(order);
		const outcome = await deliver(shopifyAdapter, body, shopifyHeaders('orders/create', body), 'pay-shopify-2');
		assert.equal(outcome.kind, 'accepted');
		assert.equal(await findPayment(store, 'shopify', '990001'), null);
	});

	it('WooCommerce: an order updated to paid is recorded', async () => {
		const body = fixtureText('woocommerce', 'order-updated-paid.json');
		const orderId = expectedOrderId('woocommerce', 'order-updated-paid.expected.json');
		await deliver(wooAdapter, body, wooHeaders('order.updated', body), 'pay-woo');
		assert.equal((await findPayment(store, 'woocommerce', orderId))?.orderId, orderId);
	});

	it('Shopware 6: the payment state "paid" is recorded', async () => {
		const body = fixtureText('shopware', 'transaction-paid.json');
		const outcome = await deliver(shopwareAdapter, body, shopwareHeaders(body), 'pay-sw');
		assert.notEqual(outcome.kind, 'rejected', JSON.stringify(outcome));
		const orderId = expectedOrderId('shopware', 'transaction-paid.expected.json');
		assert.equal((await findPayment(store, 'shopware', orderId))?.orderId, orderId);
	});
});
