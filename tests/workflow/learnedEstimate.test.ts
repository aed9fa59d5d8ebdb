import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { Client } from 'pg';
import { LEARN_MIN_SAMPLES } from '../../core/journey';
import { openStore } from '../../core/store';
import type { JourneyStore, StoreConfig } from '../../core/store';
import { closeCachedStores, defaultStoreConfig } from '../../nodes/shared/storeFromCredential';
import { runWorkflow } from '../support/harness';
import type { WorkflowJson } from '../support/harness';
import { fixture, shopCredential, sign, triggerWorkflow } from '../unit/commerce/helpers';

/**
 * The learned estimate in the nodes: the Shipped Trigger and Carrier Track state p50 … p90 of the lane once it has
 * enough delivered parcels (source `learned`, with the sample size), and the Shipped Trigger records into the store its
 * credential names (PostgreSQL here), the same window the Tracking Update Trigger later judges "delayed" by.
 */

const TIMEOUT = 60_000;
const PG = {
	host: process.env.PGHOST || '127.0.0.1',
	port: Number(process.env.PGPORT || 5432),
	database: process.env.PGDATABASE || 'test',
	user: process.env.PGUSER || 'postgres',
	password: process.env.PGPASSWORD || undefined,
};
const SCHEMA = `pp_learn_${process.pid}_${Date.now().toString(36)}`;
const pgUnavailable = process.env.PP_POSTGRES_UNAVAILABLE;
if (pgUnavailable) console.warn(`learned estimate on PostgreSQL skipped: ${pgUnavailable}`);

let pg: JourneyStore | undefined;
let sqlite: JourneyStore;
const SQLITE_FILE = join(mkdtempSync(join(tmpdir(), 'pp-learn-wf-')), 'journey.sqlite');

beforeAll(async () => {
	sqlite = await openStore({ backend: 'sqlite', path: SQLITE_FILE });
	if (!pgUnavailable) pg = await openStore({ backend: 'postgres', ...PG, schema: SCHEMA } as StoreConfig);
}, TIMEOUT);
afterAll(async () => {
	await pg?.close();
	await sqlite.close();
	await closeCachedStores();
	if (pgUnavailable) return;
	const admin = new Client(PG);
	await admin.connect();
	await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`).finally(() => admin.end());
}, TIMEOUT);

/** 60 % one delivery day, 30 % two, 10 % four: p50 = 1, p90 = 2. */
async function teach(store: JourneyStore, lane: string, count: number): Promise<void> {
	for (let i = 0; i < count; i++) {
		await store.shipments.addTransitSample({ trackingNumber: `LEARN${randomUUID()}`, lane, workingDays: [1, 1, 1, 1, 1, 1, 2, 2, 2, 4][i % 10], deliveredAt: new Date(Date.now() - (i + 1) * 3_600_000) });
	}
}

let seq = 0;
const freshNumber = () => `JJD01${String(Date.now()).slice(-10)}${String(process.pid % 1000).padStart(3, '0')}${++seq}`.slice(0, 21);

function shipmentBody(trackingNumber: string): Buffer {
	const body = fixture('custom', 'shipment.json') as { id: string; shipment: Record<string, unknown> };
	body.id = `evt_${randomUUID()}`;
	// Saturday 15 March 2025, 16:30 in Berlin: counting starts Monday 17 March.
	body.shipment = { ...body.shipment, id: `shp-${trackingNumber}`, orderId: `order-${trackingNumber}`, trackingNumber, trackingUrl: null };
	return Buffer.from(JSON.stringify(body));
}

function withStore(wf: WorkflowJson): WorkflowJson {
	wf.nodes[0].credentials = { ...wf.nodes[0].credentials, postPurchaseStoreApi: { id: 's', name: 'Store' } };
	return wf;
}

describe('Shipped Trigger: learned estimate and its configured store', () => {
	(pgUnavailable ? it.skip : it)(
		'states p50 … p90 of the lane with source "learned" and the sample size, and watches the shipment in the PostgreSQL store its credential names',
		async () => {
			// The custom fixture ships DHL to a German customer without a postcode: the lane is the country.
			await teach(pg!, 'dhl|DE>DE', LEARN_MIN_SAMPLES);
			const number = freshNumber();
			const body = shipmentBody(number);
			const wf = withStore(triggerWorkflow('shippedTrigger', { platform: 'custom', events: ['shipment.created'] }));
			const run = await runWorkflow(wf, {
				credentials: { ...shopCredential('custom'), postPurchaseStoreApi: { backend: 'postgres', ...PG, password: PG.password ?? '', schema: SCHEMA } },
				webhook: { body, headers: { 'content-type': 'application/json', 'x-signature': sign(body, undefined, 'hex') } },
			});
			assert.equal(run.status, 'success', String(run.error?.message ?? JSON.stringify(run.webhookResponse)));
			const [item] = run.output('Shop Trigger');
			const estimate = (item.shipment as { estimatedDelivery: Record<string, unknown> }).estimatedDelivery;
			// Monday 17 March is day 0: p50 = 1 → Tuesday 18, p90 = 2 → Wednesday 19.
			assert.deepEqual(estimate, {
				earliest: '2025-03-18',
				latest: '2025-03-19',
				source: 'learned',
				confidence: 0.9,
				text: 'Tuesday, March 18 - Wednesday, March 19',
				sampleSize: LEARN_MIN_SAMPLES,
			});

			const watched = await pg!.shipments.get(number);
			assert.ok(watched, 'the shipment is watched in the configured PostgreSQL store');
			assert.equal(watched.promisedLatest, '2025-03-19', 'the "delayed" check uses the window the trigger emitted');
			assert.equal(watched.estimateSource, 'learned');
			assert.equal(watched.context.lane, 'dhl|DE>DE');
			assert.ok((await pg!.shipments.orderStages(`order-${number}`))?.shippedAt, 'order stage stamped there too');
			const embedded = await openStore(defaultStoreConfig());
			try {
				assert.equal(await embedded.shipments.get(number), null, 'nothing went to the embedded SQLite file');
			} finally {
				await embedded.close();
			}
		},
		TIMEOUT,
	);

	it(
		'uses the static table while the lane has too few samples, and says so',
		async () => {
			await teach(sqlite, 'dhl|DE>DE', LEARN_MIN_SAMPLES - 1);
			const number = freshNumber();
			const body = shipmentBody(number);
			const wf = withStore(triggerWorkflow('shippedTrigger', { platform: 'custom', events: ['shipment.created'] }));
			const run = await runWorkflow(wf, {
				credentials: { ...shopCredential('custom'), postPurchaseStoreApi: { backend: 'sqlite', sqlitePath: SQLITE_FILE } },
				webhook: { body, headers: { 'content-type': 'application/json', 'x-signature': sign(body, undefined, 'hex') } },
			});
			assert.equal(run.status, 'success', String(run.error?.message ?? JSON.stringify(run.webhookResponse)));
			const estimate = (run.output('Shop Trigger')[0].shipment as { estimatedDelivery: Record<string, unknown> }).estimatedDelivery;
			assert.equal(estimate.source, 'table');
			assert.equal(estimate.sampleSize, undefined);
			assert.equal((await sqlite.shipments.get(number))?.estimateSource, 'table');
		},
		TIMEOUT,
	);
});

describe('Carrier Track: learned estimate', () => {
	it(
		'Estimate Delivery states the lane p50 … p90 with the sample size once the lane has enough parcels',
		async () => {
			// DHL from Germany to Munich (postcode zone 8).
			await teach(sqlite, 'dhl|DE>DE:8', LEARN_MIN_SAMPLES + 5);
			const id = randomUUID();
			const wf: WorkflowJson = {
				id,
				name: 'estimate',
				nodes: [
					{ id: `m-${id}`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
					{
						id: `c-${id}`,
						name: 'Carrier Track',
						type: 'n8n-nodes-post-purchase.carrierTrack',
						typeVersion: 1,
						position: [200, 0],
						parameters: {
							operation: 'estimateDelivery',
							trackingNumber: '00340434525181200082',
							options: { shopCountry: 'DE', destinationCountry: 'DE', postalCode: '80331', shippedAt: '2026-12-01T10:00:00+01:00', locale: 'de-DE' },
						},
						credentials: { postPurchaseStoreApi: { id: 's', name: 'Store' } },
					},
				] as WorkflowJson['nodes'],
				connections: { Start: { main: [[{ node: 'Carrier Track', type: 'main', index: 0 }]] } },
			};
			const run = await runWorkflow(wf, { credentials: { postPurchaseStoreApi: { backend: 'sqlite', sqlitePath: SQLITE_FILE } } });
			assert.equal(run.status, 'success', String(run.error?.message));
			const estimate = (run.output('Carrier Track')[0].tracking as { estimatedDelivery: Record<string, unknown> }).estimatedDelivery;
			// Tuesday 1 December 2026: p50 = 1 → Wednesday 2, p90 = 2 → Thursday 3.
			assert.equal(estimate.source, 'learned');
			assert.equal(estimate.sampleSize, LEARN_MIN_SAMPLES + 5);
			assert.deepEqual([estimate.earliest, estimate.latest], ['2026-12-02', '2026-12-03']);
			assert.equal(estimate.text, 'Mittwoch, 2. Dezember - Donnerstag, 3. Dezember');
		},
		TIMEOUT,
	);
});
