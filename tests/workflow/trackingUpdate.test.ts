import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, it } from '@jest/globals';
import { runWorkflow } from '../support/harness';
import { closeCachedStores, defaultStoreConfig } from '../../nodes/shared/storeFromCredential';
import { openStore } from '../../core/store';
import type { JourneyStore } from '../../core/store';
import { fixture, shopCredential, sign, triggerWorkflow } from '../unit/commerce/helpers';

let direct: JourneyStore | undefined;
/** The same embedded store the nodes use (the harness's n8n user folder), opened beside them to look inside. */
async function store(): Promise<JourneyStore> {
	direct ??= await openStore(defaultStoreConfig());
	return direct;
}

afterAll(async () => {
	await direct?.close();
	await closeCachedStores();
});

/** A custom-JSON shipment of a fresh tracking number. */
export function customShipment(trackingNumber: string, overrides: Record<string, unknown> = {}): Buffer {
	const body = fixture('custom', 'shipment.json') as { id: string; shipment: Record<string, unknown>; customer: Record<string, unknown> };
	body.id = `evt_${randomUUID()}`;
	body.shipment = { ...body.shipment, id: `shp-${trackingNumber}`, orderId: `order-${trackingNumber}`, trackingNumber, trackingUrl: null, ...overrides };
	return Buffer.from(JSON.stringify(body));
}

describe('shipments are watched for tracking updates', () => {
	it('a Shipped Trigger in any workflow watches each tracking number, with customer and shipment for later events, and stamps the order as shipped', async () => {
		const number = `JJD000${Date.now()}`.slice(0, 19);
		const body = customShipment(number);
		const wf = triggerWorkflow('shippedTrigger', { platform: 'custom', events: ['shipment.created'] });
		const run = await runWorkflow(wf, { credentials: shopCredential('custom'), webhook: { body, headers: { 'content-type': 'application/json', 'x-signature': sign(body, undefined, 'hex') } } });
		assert.equal(run.status, 'success', String(run.error?.message ?? JSON.stringify(run.webhookResponse)));
		const watched = await (await store()).shipments.get(number);
		assert.ok(watched, 'watched');
		assert.equal(watched.carrier, 'dhl');
		assert.equal(watched.orderId, `order-${number}`);
		assert.equal(watched.destinationCountry, 'DE');
		assert.equal(watched.originCountry, 'DE', "the shop's country");
		assert.ok(watched.promisedLatest, 'the promised day from the delivery estimate');
		assert.equal((watched.context.customer as { firstName: string }).firstName, 'Zoë');
		assert.equal((watched.context.shipment as { trackingNumber: string }).trackingNumber, number);
		const stages = await (await store()).shipments.orderStages(`order-${number}`);
		assert.equal(stages?.shippedAt?.toISOString(), '2025-03-15T15:30:00.000Z');
	});
});
