import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from '@jest/globals';
import { closeCachedStores, getJourneyStore } from '../../nodes/shared/storeFromCredential';
import { runWorkflow } from '../support/harness';
import { fixture, shopCredential, shopifyHeaders, shopwareHeaders, SECRET, sign, triggerWorkflow, wooHeaders } from '../unit/commerce/helpers';

/**
 * Discount codes and cancellations reach the order history through the Order Placed Trigger, per platform: the
 * codes an order used are recorded with it (win-back asks whether our voucher was redeemed), and a cancellation (or
 * a WooCommerce order turning "refunded") takes the order back without starting the workflow: it is no new order.
 */

if (!process.env.N8N_USER_FOLDER) process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'order-cancel-wf-'));
afterAll(async () => {
	await closeCachedStores();
});

const store = () => getJourneyStore({ getNode: () => ({ credentials: undefined }) } as unknown as Parameters<typeof getJourneyStore>[0]);
let seq = 0;
const orderId = (base: string) => `${base}${process.pid}${(Date.now() % 100_000) + ++seq}`;

async function deliver(platform: string, body: string, headers: Record<string, string>, parameters: Record<string, unknown> = {}) {
	const run = await runWorkflow(triggerWorkflow('orderPlacedTrigger', { platform, events: 'any', ...parameters }), { credentials: shopCredential(platform), webhook: { headers, body } });
	assert.equal(run.webhookResponse?.statusCode, 200);
	return run;
}

async function historyOf(subject: string, id: string) {
	const exported = await (await store()).exportSubject(subject);
	return exported.orders?.find((o) => o.orderId === id);
}

describe('discount codes and cancellations in the order history', () => {
	it('Shopify: discount_codes are recorded; orders/cancelled takes the order back and starts nothing', async () => {
		const id = orderId('61');
		const order = JSON.stringify({ ...fixture('shopify', 'orders-create.json'), id: Number(id), discount_codes: [{ code: 'WILLKOMMEN10', amount: '5.98', type: 'percentage' }] });
		const placed = await deliver('shopify', order, shopifyHeaders('orders/create', order));
		assert.equal(placed.output('Shop Trigger').length, 1);
		assert.deepEqual((placed.output('Shop Trigger')[0].order as { discountCodes: string[] }).discountCodes, ['WILLKOMMEN10']);
		assert.deepEqual((await historyOf('anna.schmidt@example.de', id))?.discountCodes, ['WILLKOMMEN10']);
		assert.equal(await (await store()).orders.discountRedeemed('willkommen10', new Date(0), { subject: 'anna.schmidt@example.de' }), true);

		const cancelled = JSON.stringify({ ...JSON.parse(order), cancelled_at: '2025-03-15T10:00:00+01:00', cancel_reason: 'customer', financial_status: 'voided' });
		const run = await deliver('shopify', cancelled, shopifyHeaders('orders/cancelled', cancelled));
		assert.equal(run.webhookResponse?.statusCode, 200);
		assert.equal(run.output('Shop Trigger').length, 0, 'a cancellation is no new order');
		assert.equal((await historyOf('anna.schmidt@example.de', id))?.status, 'cancelled');
		assert.equal(await (await store()).orders.discountRedeemed('WILLKOMMEN10', new Date(0), { subject: 'anna.schmidt@example.de' }), false);
	});

	it('WooCommerce: coupon_lines are recorded; status cancelled takes the order back', async () => {
		const id = orderId('62');
		const created = JSON.stringify({ ...fixture('woocommerce', 'order-created.json'), id: Number(id), coupon_lines: [{ id: 3, code: 'sommer15', discount: '4.50' }] });
		await deliver('woocommerce', created, wooHeaders('order.created', created));
		assert.deepEqual((await historyOf('juergen.weiss@example.at', id))?.discountCodes, ['sommer15']);
		const cancelled = JSON.stringify({ ...JSON.parse(created), status: 'cancelled' });
		const run = await deliver('woocommerce', cancelled, wooHeaders('order.updated', cancelled));
		assert.equal(run.output('Shop Trigger').length, 0);
		assert.equal((await historyOf('juergen.weiss@example.at', id))?.status, 'cancelled');
	});

	it('Shopware 6: promotion line items are recorded; the cancelled state takes the order back', async () => {
		const id = `sw${orderId('63')}`;
		const envelope = fixture('shopware', 'order-placed.json') as { data: { payload: { order: Record<string, unknown> } }; source: Record<string, unknown> };
		envelope.data.payload.order.id = id;
		envelope.source.eventId = `ev-${id}`;
		const body = JSON.stringify(envelope);
		await deliver('shopware', body, shopwareHeaders(body));
		const email = String((envelope.data.payload.order.orderCustomer as { email: string }).email);
		assert.deepEqual((await historyOf(email, id))?.discountCodes, ['WINTER']);
		const cancel = { ...envelope, data: { ...envelope.data, event: 'state_enter.order.state.cancelled' }, source: { ...envelope.source, eventId: `ev-c-${id}` } };
		const cancelBody = JSON.stringify(cancel);
		const run = await deliver('shopware', cancelBody, shopwareHeaders(cancelBody));
		assert.equal(run.output('Shop Trigger').length, 0);
		assert.equal((await historyOf(email, id))?.status, 'cancelled');
	});

	it('Custom JSON: order.discountCodes are recorded; the event order.cancelled with financialStatus refunded takes it back as refunded', async () => {
		const id = orderId('64');
		const mapping =
			'={{ { event: $json.body.event, order: { id: $json.body.id, currency: "EUR", total: "20.00", financialStatus: $json.body.status, discountCodes: $json.body.codes, lineItems: [{ sku: "TEE", quantity: 1 }] }, customer: { email: "custom.kunde@example.de" } } }}';
		const parameters = { customMapping: mapping, customSignature: { header: 'x-signature' } };
		const send = (payload: Record<string, unknown>) => {
			const body = JSON.stringify(payload);
			return deliver('custom', body, { 'content-type': 'application/json', 'x-signature': sign(body, SECRET, 'hex'), 'x-event-id': `${id}-${String(payload.event)}` }, parameters);
		};
		await send({ event: 'order.placed', id, status: 'paid', codes: ['GUTSCHEIN-7', 'gutschein-7'] });
		assert.deepEqual((await historyOf('custom.kunde@example.de', id))?.discountCodes, ['GUTSCHEIN-7']);
		const run = await send({ event: 'order.cancelled', id, status: 'refunded', codes: [] });
		assert.equal(run.output('Shop Trigger').length, 0);
		assert.equal((await historyOf('custom.kunde@example.de', id))?.status, 'refunded');
	});
});
