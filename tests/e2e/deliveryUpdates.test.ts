/**
 * The delivery-updates template end to end in real n8n (2.40.7): a Shopify fulfilment reaches the Shipped Trigger of
 * the shipping template, which watches the parcel; a local carrier stand-in (DHL's Unified Tracking API) moves it;
 * the Tracking Update Trigger, polled by n8n itself and with its push webhook registered beside the poll, sends the
 * out-for-delivery SMS once and the delivered e-mail once.
 */
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeCheck } from '../../core/carriers';
import { openSqliteStore } from '../../core/store';
import { carrierCredential, startCarrierServer } from '../support/carrierServer';
import type { CarrierServer } from '../support/carrierServer';
import { eventually, settle, SHOP_SECRET, startSandbox } from './sandbox';
import type { E2eSandbox } from './sandbox';

const ROOT = join(__dirname, '..', '..');
const template = (file: string) => JSON.parse(readFileSync(join(ROOT, 'workflows', file), 'utf8'));
const webhookIdOf = (file: string, node: string) => (template(file).nodes as Array<{ name: string; webhookId: string }>).find((n) => n.name === node)!.webhookId;

let sandbox: E2eSandbox;
let carriers: CarrierServer;
let pushWebhookId: string;

beforeAll(async () => {
	carriers = await startCarrierServer();
	const { file, webhookId } = deliveryUpdatesEveryMinute();
	pushWebhookId = webhookId;
	const credential = { id: 'ppCarrierE2e', name: 'Carrier API (e2e stand-in)', type: 'postPurchaseCarrierApi', data: carrierCredential(carriers) };
	sandbox = await startSandbox([file], [credential]);
});
afterAll(async () => {
	await sandbox?.stop();
	await carriers?.close();
});

/**
 * The template as shipped, with three changes for a test that must finish in minutes at any time of day: n8n polls
 * every minute, each parcel is looked up every minute, and the out-for-delivery SMS is not held at night.
 */
function deliveryUpdatesEveryMinute() {
	const workflow = template('delivery-updates.json');
	workflow.id = 'ppE2eDeliveryUpdates';
	workflow.name = 'E2E delivery updates (every minute)';
	const webhookId = randomUUID();
	for (const node of workflow.nodes as Array<{ name: string; webhookId?: string; parameters: Record<string, unknown>; credentials?: Record<string, unknown> }>) {
		if (node.webhookId) node.webhookId = node.name === 'Tracking Update' ? webhookId : randomUUID();
		if (node.name === 'Tracking Update') {
			node.parameters.pollTimes = { item: [{ mode: 'everyMinute' }] };
			node.parameters.options = { ...(node.parameters.options as object), checkEveryMinutes: 1 };
			node.credentials = { postPurchaseCarrierApi: { id: 'ppCarrierE2e', name: 'Carrier API (e2e stand-in)' } };
		}
		if (node.name === 'SMS Allowed?') node.parameters.options = { holdTransactionalOvernight: false };
	}
	const file = join(mkdtempSync(join(tmpdir(), 'pp-e2e-wf-')), 'delivery-updates-every-minute.json');
	writeFileSync(file, JSON.stringify(workflow, null, 2));
	return { file, webhookId };
}

function freshSscc(): string {
	const data = '003404' + String(Date.now() % 1e13).padStart(13, '0');
	return data + computeCheck('gs1', data);
}

async function watched(number: string): Promise<boolean> {
	const store = await openSqliteStore({ path: join(sandbox.n8n.userFolder, '.n8n', 'post-purchase-journey.sqlite') });
	try {
		return (await store.shipments.get(number)) !== null;
	} finally {
		await store.close();
	}
}

describe('real n8n: delivery updates', () => {
	it('the push webhook is registered beside the poll and refuses an unsigned push', async () => {
		const res = await fetch(`${sandbox.n8n.url}/webhook/${pushWebhookId}/push`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
		assert.equal(res.status, 401);
	});

	it('shipment → the carrier moves the parcel → out-for-delivery SMS once → delivered e-mail once', async () => {
		const { twilio, smtp } = sandbox.outbox;
		const number = freshSscc();
		const phone = `+49151${String(50000000 + (Date.now() % 1_000_000)).slice(0, 8)}`;
		const email = `parcel-${Date.now()}@example.de`;
		const fulfillment = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/shopify/fulfillments-create.json'), 'utf8'));
		Object.assign(fulfillment, {
			id: 9_300_000_000 + (Date.now() % 1_000_000),
			email,
			created_at: new Date().toISOString(),
			updated_at: new Date().toISOString(),
			tracking_number: number,
			tracking_numbers: [number],
			tracking_url: null,
			tracking_urls: [],
		});
		fulfillment.destination.phone = phone;
		const raw = JSON.stringify(fulfillment);
		const response = await fetch(`${sandbox.n8n.url}/webhook/${webhookIdOf('shipping-notification.json', 'Shipped Trigger')}/webhook`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'x-shopify-topic': 'fulfillments/create',
				'x-shopify-hmac-sha256': createHmac('sha256', SHOP_SECRET).update(raw).digest('base64'),
				'x-shopify-shop-domain': 'beispiel-shop.myshopify.com',
				'x-shopify-api-version': '2025-07',
				'x-shopify-webhook-id': randomUUID(),
			},
			body: raw,
		});
		assert.equal(response.status, 200);
		for (let tries = 0; !(await watched(number)); tries++) {
			assert.ok(tries < 60, 'the Shipped Trigger watches the parcel');
			await settle(500);
		}

		carriers.move(number, 'out_for_delivery');
		const ofd = await eventually(() => twilio.messages.find((m) => m.to === phone && /wird zugestellt/.test(m.body)), 180_000, 'the out-for-delivery SMS');
		assert.match(ofd.body, /Sendung verfolgen: https?:\/\//);

		carriers.move(number, 'delivered_neighbour');
		const delivered = await eventually(() => smtp.messages.find((m) => m.to.includes(email) && /angekommen/.test(String(m.parsed.subject))), 180_000, 'the delivered e-mail');
		assert.ok(delivered);
		// One more poll round: nothing is sent twice.
		await settle(75_000);
		assert.equal(twilio.messages.filter((m) => m.to === phone && /wird zugestellt/.test(m.body)).length, 1, 'one out-for-delivery SMS');
		assert.equal(smtp.messages.filter((m) => m.to.includes(email) && /angekommen/.test(String(m.parsed.subject))).length, 1, 'one delivered e-mail');
	});
});
