import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from '@jest/globals';
import { closeCachedStores, getJourneyStore } from '../../nodes/shared/storeFromCredential';
import { runWorkflow } from '../support/harness';
import { fixture, shopCredential, shopifyHeaders, triggerWorkflow, wooHeaders } from '../unit/commerce/helpers';

/**
 * The order history fills itself from the shop's webhooks as the triggers receive them: an order delivered (and
 * redelivered) through the Order Placed Trigger lands once, a refund through the Return Received Trigger takes its
 * items back. Real engine, real signed deliveries, the embedded store the nodes open.
 */

if (!process.env.N8N_USER_FOLDER) process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'order-history-wf-'));
afterAll(async () => {
	await closeCachedStores();
});

const store = () => getJourneyStore({ getNode: () => ({ credentials: undefined }) } as unknown as Parameters<typeof getJourneyStore>[0]);
/** Fixture ids are shared with other test files running at the same time: every run gets its own order id. */
const orderId = (base: string) => `${base}${process.pid}${Date.now() % 100_000}`;

async function deliver(trigger: 'orderPlacedTrigger' | 'returnReceivedTrigger', platform: string, parameters: Record<string, unknown>, body: string, headers: Record<string, string>) {
	const run = await runWorkflow(triggerWorkflow(trigger, { platform, ...parameters }), { credentials: shopCredential(platform), webhook: { headers, body } });
	assert.equal(run.webhookResponse?.statusCode, 200);
	return run;
}

describe('order history from the commerce triggers', () => {
	it('Shopify: an order redelivered (and sent again under a new webhook id) is recorded once; a refund takes its item back', async () => {
		const id = orderId('59');
		const order = JSON.stringify({ ...fixture('shopify', 'orders-create.json'), id: Number(id) });
		const webhookId = `wh-${id}`;
		await deliver('orderPlacedTrigger', 'shopify', { events: 'any' }, order, shopifyHeaders('orders/create', order, webhookId));
		await deliver('orderPlacedTrigger', 'shopify', { events: 'any' }, order, shopifyHeaders('orders/create', order, webhookId));
		await deliver('orderPlacedTrigger', 'shopify', { events: 'any' }, order, shopifyHeaders('orders/create', order, `${webhookId}-again`));
		const s = await store();
		const [recorded, ...more] = await s.orders.ofCustomer({ subject: 'anna.schmidt@example.de' }).then((all) => all.filter((o) => o.orderId === id));
		assert.equal(more.length, 0, 'once');
		assert.equal(recorded.platform, 'shopify');
		assert.deepEqual(recorded.lines.map((l) => [l.sku, l.quantity]), [['KAF-HAUS-500', 2], ['MUE-CLASSIC', 1]]);

		const refund = JSON.stringify({ ...fixture('shopify', 'refunds-create.json'), id: Number(`98${id}`), order_id: Number(id) });
		const events = { events: ['return.requested', 'return.approved', 'return.received', 'refund.created'] };
		for (let i = 0; i < 2; i++) await deliver('returnReceivedTrigger', 'shopify', events, refund, shopifyHeaders('refunds/create', refund, `wh-r-${id}`));
		const [after] = (await s.orders.ofCustomer({ subject: 'anna.schmidt@example.de' })).filter((o) => o.orderId === id);
		assert.deepEqual(after.lines.map((l) => [l.sku, l.quantity, l.returned]), [['KAF-HAUS-500', 2, 0], ['MUE-CLASSIC', 0, 1]], 'taken back once');
		assert.deepEqual((await s.orders.purchasesOf('MUE-CLASSIC')).filter((p) => p.orderId === id), []);
		assert.deepEqual((await s.orders.purchasesOf('KAF-HAUS-500')).filter((p) => p.orderId === id).map((p) => p.quantity), [2]);
	});

	it('WooCommerce: the created order and its paid update are one order; a full refund takes it back', async () => {
		const id = orderId('48');
		const created = JSON.stringify({ ...fixture('woocommerce', 'order-created.json'), id: Number(id) });
		const paid = JSON.stringify({ ...fixture('woocommerce', 'order-updated-paid.json'), id: Number(id) });
		await deliver('orderPlacedTrigger', 'woocommerce', { events: 'any' }, created, wooHeaders('order.created', created));
		await deliver('orderPlacedTrigger', 'woocommerce', { events: 'any' }, paid, wooHeaders('order.updated', paid));
		const s = await store();
		const mine = async () => (await s.orders.ofCustomer({ subject: 'juergen.weiss@example.at' })).filter((o) => o.orderId === id);
		const recorded = await mine();
		assert.equal(recorded.length, 1);
		assert.deepEqual(recorded[0].lines.map((l) => [l.sku, l.quantity]), [['TEE-KAM-100', 3], ['SIEB-ES', 1]]);

		// Refunded without a refund list: WooCommerce's whole-order refund.
		const refunded = JSON.stringify({ ...fixture('woocommerce', 'order-updated-refunded.json'), id: Number(id), refunds: [] });
		await deliver('returnReceivedTrigger', 'woocommerce', { events: ['refund.created'] }, refunded, wooHeaders('order.updated', refunded));
		assert.deepEqual(await mine(), []);
		assert.deepEqual((await s.exportSubject('juergen.weiss@example.at')).orders?.filter((o) => o.orderId === id).map((o) => o.status), ['refunded']);
	});
});
