import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, it } from '@jest/globals';
import { runWorkflow } from '../support/harness';
import type { RunResult, WorkflowJson } from '../support/harness';
import { aftershipPush, carrierCredential, seventeenPush, startCarrierServer } from '../support/carrierServer';
import type { CarrierServer } from '../support/carrierServer';
import { resetClock, setClock } from '../support/clock';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeCachedStores, defaultStoreConfig } from '../../nodes/shared/storeFromCredential';
import { openStore } from '../../core/store';
import type { JourneyStore } from '../../core/store';
import { fixture, shopCredential, sign, triggerWorkflow } from '../unit/commerce/helpers';

/**
 * This file's own embedded store (a store credential on every node): other test files run at the same time on the
 * shared default store, and a poll there would look up (and reschedule) their parcels too.
 */
const STORE_FILE = join(mkdtempSync(join(tmpdir(), 'pp-tracking-wf-')), 'journey.sqlite');
const STORE_CREDENTIAL = { postPurchaseStoreApi: { backend: 'sqlite', sqlitePath: STORE_FILE } };
let direct: JourneyStore | undefined;
async function store(): Promise<JourneyStore> {
	direct ??= await openStore({ backend: 'sqlite', path: STORE_FILE });
	return direct;
}

let carriers: CarrierServer;
beforeAll(async () => {
	carriers = await startCarrierServer();
});
afterEach(() => resetClock());
afterAll(async () => {
	await carriers.close();
	await direct?.close();
	await closeCachedStores();
});

const OUTPUTS = ['In Transit', 'Out for Delivery', 'Delivered', 'Problem', 'Delayed', 'Stuck'];

/** Tracking Update Trigger → one No-Op per output, so a test sees which output an event left by. */
export function trackingWorkflow(parameters: Record<string, unknown> = {}, withCarrier = true, id = randomUUID()): WorkflowJson {
	return {
		id,
		name: 'tracking',
		nodes: [
			{
				id: `trigger-${id}`,
				name: 'Tracking Update',
				type: 'n8n-nodes-post-purchase.trackingUpdateTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters,
				credentials: { ...(withCarrier ? { postPurchaseCarrierApi: { id: 'c', name: 'Carriers' } } : {}), postPurchaseStoreApi: { id: 's', name: 'Store' } },
			},
			...OUTPUTS.map((name, i) => ({ id: `out-${i}-${id}`, name, type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [300, i * 100] as [number, number], parameters: {} })),
		] as WorkflowJson['nodes'],
		connections: { 'Tracking Update': { main: OUTPUTS.map((name) => [{ node: name, type: 'main', index: 0 }]) } },
	};
}

function poll(wf: WorkflowJson): Promise<RunResult> {
	return runWorkflow(wf, { poll: true, credentials: { postPurchaseCarrierApi: carrierCredential(carriers), ...STORE_CREDENTIAL } });
}

/** Items per output name (empty outputs left out). */
function emitted(run: RunResult): Record<string, Array<Record<string, unknown>>> {
	const out: Record<string, Array<Record<string, unknown>>> = {};
	for (const name of OUTPUTS) {
		const items = run.output(name);
		if (items.length) out[name] = items;
	}
	return out;
}

let seq = 0;
/** A fresh DHL parcel number (JJD + 18 digits) nobody watched before. */
const freshNumber = () => `JJD00${String(Date.now()).slice(-11)}${String(++seq).padStart(5, '0')}`;

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
		// Without a store credential on the trigger, the embedded default store is used.
		const shared = await openStore(defaultStoreConfig());
		const watched = await shared.shipments.get(number);
		assert.ok(watched, 'watched');
		assert.equal(watched.carrier, 'dhl');
		assert.equal(watched.orderId, `order-${number}`);
		assert.equal(watched.destinationCountry, 'DE');
		assert.equal(watched.originCountry, 'DE', "the shop's country");
		assert.ok(watched.promisedLatest, 'the promised day from the delivery estimate');
		assert.equal((watched.context.customer as { firstName: string }).firstName, 'Zoë');
		assert.equal((watched.context.shipment as { trackingNumber: string }).trackingNumber, number);
		const stages = await shared.shipments.orderStages(`order-${number}`);
		assert.equal(stages?.shippedAt?.toISOString(), '2025-03-15T15:30:00.000Z');
		await shared.close();
	});
});

describe('Tracking Update Trigger: polling', () => {
	it('emits each change once, on the output of its group, following the parcel at its cadence; in-transit is noted, not emitted', async () => {
		const start = new Date(Date.now() + 86_400_000);
		setClock(start);
		const number = freshNumber();
		const s = await store();
		const wf = trackingWorkflow();
		// The first look starts this trigger listening (parcels of other tests may be due for their own events).
		await poll(wf);
		await s.shipments.watch({ trackingNumber: number, carrier: 'dhl', orderId: `o-${number}`, context: { customer: { firstName: 'Zoë', locale: 'de-DE' }, shipment: { trackingNumber: number, trackingUrl: 'https://t.example/1' } } });
		carriers.move(number, 'transit');
		const first = await poll(wf);
		assert.equal(first.executed, false, 'in transit is not among the default groups');
		assert.equal((await s.shipments.get(number))?.status, 'InTransit');

		carriers.move(number, 'out_for_delivery');
		setClock(new Date(start.getTime() + 60_000));
		assert.equal((await poll(wf)).executed, false, 'not due again yet: a parcel in transit is looked at every few hours');
		setClock(new Date(start.getTime() + 4 * 3_600_000 + 60_000));
		const ofd = await poll(wf);
		const out = emitted(ofd);
		assert.deepEqual(Object.keys(out), ['Out for Delivery']);
		const item = out['Out for Delivery'][0];
		assert.equal(item.event, 'tracking.out_for_delivery');
		assert.deepEqual((item.customer as { firstName: string }).firstName, 'Zoë');
		const tracking = item.tracking as Record<string, unknown>;
		assert.equal(tracking.trackingNumber, number);
		assert.equal(tracking.previousStatus, 'in_transit');
		assert.equal(tracking.trackingUrl, 'https://t.example/1');
		assert.equal((await poll(wf)).executed, false, 'the same status again: nothing');

		carriers.move(number, { step: 'delivered_neighbour', city: 'Leipzig' });
		setClock(new Date(start.getTime() + 4 * 3_600_000 + 32 * 60_000));
		const delivered = emitted(await poll(wf));
		assert.deepEqual(Object.keys(delivered), ['Delivered']);
		const d = delivered.Delivered[0].tracking as Record<string, unknown>;
		assert.equal(d.deliveredTo, 'neighbour');
		assert.equal(d.location, 'Leipzig, DE');
		const watched = await s.shipments.get(number);
		assert.equal(watched?.finishReason, 'delivered', 'never looked up again');
		assert.ok((await s.shipments.orderStages(`o-${number}`))?.deliveredAt);
		setClock(new Date(start.getTime() + 30 * 3_600_000));
		const checks = watched?.checks;
		await poll(wf);
		assert.equal((await s.shipments.get(number))?.checks, checks, 'a delivered parcel costs no more calls');
	});

	it('a missed promise emits Delayed once', async () => {
		const start = new Date(Date.now() + 3 * 86_400_000);
		setClock(start);
		const number = freshNumber();
		const s = await store();
		const wf = trackingWorkflow();
		await poll(wf);
		const yesterday = new Date(start.getTime() - 2 * 86_400_000).toISOString().slice(0, 10);
		await s.shipments.watch({ trackingNumber: number, carrier: 'dhl', promisedLatest: yesterday, context: { customer: { firstName: 'Ben' } } });
		carriers.move(number, 'transit');
		// Other test files share the embedded store: only this parcel's events are looked at.
		const mine = (r: RunResult) => (emitted(r).Delayed ?? []).filter((i) => (i.tracking as { trackingNumber: string }).trackingNumber === number);
		const run = mine(await poll(wf));
		assert.equal(run.length, 1);
		assert.equal((run[0].tracking as { promisedLatest: string }).promisedLatest, yesterday);
		setClock(new Date(start.getTime() + 5 * 3_600_000));
		assert.equal(mine(await poll(wf)).length, 0, 'once');
	});

	it('without a carrier credential it looks nothing up and emits nothing', async () => {
		const number = freshNumber();
		await (await store()).shipments.watch({ trackingNumber: number, carrier: 'dhl' });
		carriers.move(number, 'out_for_delivery');
		const before = carriers.requests.dhl;
		const run = await runWorkflow(trackingWorkflow({}, false), { poll: true, credentials: STORE_CREDENTIAL });
		assert.equal(run.executed, false);
		assert.equal(carriers.requests.dhl, before);
		assert.equal((await (await store()).shipments.get(number))?.status, 'unknown');
	});
});

describe('Tracking Update Trigger: carrier pushes on the same node', () => {
	const creds = () => ({ postPurchaseCarrierApi: carrierCredential(carriers, 'aftership'), ...STORE_CREDENTIAL });
	const push = (wf: WorkflowJson, p: { body: string; headers: Record<string, string> }) => runWorkflow(wf, { credentials: creds(), webhook: { body: p.body, headers: p.headers } });

	it('an AfterShip push emits at once; the poll of the same change emits nothing more', async () => {
		const number = freshNumber();
		const s = await store();
		const wf = trackingWorkflow();
		await runWorkflow(wf, { poll: true, credentials: creds() });
		await s.shipments.watch({ trackingNumber: number, carrier: 'dpd', context: { customer: { firstName: 'Ida' } } });
		const pushed = await push(wf, aftershipPush(number, 'out_for_delivery', 'as-webhook-secret'));
		assert.equal(pushed.webhookResponse?.statusCode, 200);
		assert.deepEqual(Object.keys(emitted(pushed)), ['Out for Delivery']);
		assert.equal((emitted(pushed)['Out for Delivery'][0].tracking as { source: string }).source, 'push:aftership');
		carriers.move(number, 'out_for_delivery');
		const polled = await runWorkflow(wf, { poll: true, credentials: creds() });
		assert.equal(emitted(polled)['Out for Delivery'], undefined, 'the poll finds nothing new');
		const again = await push(wf, aftershipPush(number, 'out_for_delivery', 'as-webhook-secret'));
		assert.equal(again.executed, false, 'a redelivered push starts nothing');
		assert.deepEqual((await s.shipments.history(number)).map((e) => e.group), ['out_for_delivery']);
	});

	it('a 17TRACK push is verified with its sign header; forged and unsigned pushes are refused with 401', async () => {
		const number = freshNumber();
		const s = await store();
		const wf = trackingWorkflow();
		await runWorkflow(wf, { poll: true, credentials: creds() });
		await s.shipments.watch({ trackingNumber: number, carrier: 'gls' });
		const forged = await push(wf, seventeenPush(number, 'delivered', 'wrong-key'));
		assert.equal(forged.webhookResponse?.statusCode, 401);
		assert.equal(forged.executed, false);
		const unsigned = await push(wf, { body: '{}', headers: { 'content-type': 'application/json' } });
		assert.equal(unsigned.webhookResponse?.statusCode, 401);
		const forgedAs = await push(wf, aftershipPush(number, 'delivered', 'not-the-secret'));
		assert.equal(forgedAs.webhookResponse?.statusCode, 401);
		assert.equal((await s.shipments.get(number))?.status, 'unknown', 'nothing recorded');
		const real = await push(wf, seventeenPush(number, 'delivered', '17-test-key'));
		assert.equal(real.webhookResponse?.statusCode, 200);
		assert.deepEqual(Object.keys(emitted(real)), ['Delivered']);
	});

	it('push and poll of the same change at the same moment: one event', async () => {
		const number = freshNumber();
		const s = await store();
		const wf = trackingWorkflow();
		await runWorkflow(wf, { poll: true, credentials: creds() });
		await s.shipments.watch({ trackingNumber: number, carrier: 'dpd' });
		carriers.move(number, 'delivered');
		const [a, b] = await Promise.all([push(wf, aftershipPush(number, 'delivered', 'as-webhook-secret')), runWorkflow(wf, { poll: true, credentials: creds() })]);
		const all = [...(emitted(a).Delivered ?? []), ...(emitted(b).Delivered ?? [])];
		assert.equal(all.length, 1);
		assert.equal((await s.shipments.history(number)).length, 1);
	});
});
