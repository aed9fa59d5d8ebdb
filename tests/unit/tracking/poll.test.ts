import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { Client } from 'pg';
import { openStore } from '../../../core/store';
import type { JourneyStore, StoreConfig } from '../../../core/store';
import { pollTracking } from '../../../core/tracking';
import { carrierCredential, startCarrierServer } from '../../support/carrierServer';
import type { CarrierServer } from '../../support/carrierServer';

/**
 * The poll engine against the local carrier stand-in: batching where the API allows, budgets and 429 back-off shared
 * through the store, and exactly one event per change when two processes poll the same PostgreSQL store at once.
 */

let server: CarrierServer;
const dir = mkdtempSync(join(tmpdir(), 'pp-tracking-'));
let n = 0;
const numbers = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => `${prefix}${process.pid}X${++n}N${i}`.toUpperCase());
const fast = { retries: 0 };

beforeAll(async () => {
	server = await startCarrierServer();
});
afterAll(async () => {
	await server.close();
});

async function sqlite(): Promise<JourneyStore> {
	return openStore({ backend: 'sqlite', path: join(dir, `s${++n}.sqlite`) });
}

describe('pollTracking', () => {
	it('asks 17TRACK 40 numbers per request and records every change once', async () => {
		const store = await sqlite();
		const list = numbers(100, 'SEV');
		for (const x of list) {
			await store.shipments.watch({ trackingNumber: x, carrier: 'dpd' });
			server.move(x, 'out_for_delivery');
		}
		const before = server.requests['17track'];
		const config = carrierCredential(server, '17track');
		const report = await pollTracking({ store, config: { seventeenTrackApiKey: config.seventeenTrackApiKey, seventeenTrackBaseUrl: config.seventeenTrackBaseUrl, aggregator: '17track' }, scope: 's', now: () => new Date(), deps: fast, quotas: { '17track': [{ limit: 100, windowMs: 1000 }] } });
		assert.equal(report.requests, 3);
		assert.equal(server.requests['17track'] - before, 3, '40 + 40 + 20');
		assert.equal(report.changes, 100);
		const again = await pollTracking({ store, config: { ...config, aggregator: '17track', dhlApiKey: '' }, scope: 's', now: () => new Date(Date.now() + 3_600_000), deps: fast });
		assert.equal(again.changes, 0, 'out for delivery again: nothing new');
		await store.close();
	});

	it('a 429 pauses the provider for every workflow; the rest waits for a later poll', async () => {
		const store = await sqlite();
		const list = numbers(6, 'JJD');
		for (const x of list) {
			await store.shipments.watch({ trackingNumber: x, carrier: 'dhl' });
			server.move(x, 'transit');
		}
		server.setRateLimit('dhl', 2);
		try {
			const config = { dhlApiKey: 'k', dhlBaseUrl: `${server.url}/dhl` };
			const report = await pollTracking({ store, config, scope: 'a', now: () => new Date(), deps: fast, quotas: { dhl: [{ limit: 100, windowMs: 1000 }] } });
			// Two a second pass (four when the poll straddles a second); the first 429 stops this provider.
			assert.ok(report.checked >= 1 && report.checked <= 4, `checked ${report.checked}`);
			assert.equal(report.deferred, 6 - report.checked);
			assert.equal(report.failures.length, 1);
			assert.match(report.failures[0], /rate limit/i);
			assert.equal(await store.cacheGet('carrier-backoff', 'dhl'), true, 'the pause is in the store, for every workflow and process');
			const due = await store.shipments.leaseDue({ now: new Date(Date.now() + 16 * 60_000), limit: 10, leaseMs: 1 });
			assert.equal(due.length, 6 - report.checked, 'the deferred parcels are due again later');
		} finally {
			server.setRateLimit('dhl', 0);
			await store.close();
		}
	});
});

const pgUnavailable = process.env.PP_POSTGRES_UNAVAILABLE;
(pgUnavailable ? describe.skip : describe)('pollTracking on PostgreSQL', () => {
	const base = { host: process.env.PGHOST || '127.0.0.1', port: Number(process.env.PGPORT || 5432), database: process.env.PGDATABASE || 'test', user: process.env.PGUSER || 'postgres' };
	const schema = `pp_tracking_${process.pid}_${Date.now().toString(36)}`;
	afterAll(async () => {
		const c = new Client(base);
		await c.connect();
		await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
		await c.end();
	});

	it('two processes polling one store at once: each change recorded and emitted exactly once', async () => {
		const config: StoreConfig = { backend: 'postgres', ...base, schema };
		// Two stores = two connection pools, as two n8n processes have.
		const [a, b] = [await openStore(config), await openStore(config)];
		const list = numbers(60, 'JJD');
		for (const x of list) {
			await a.shipments.watch({ trackingNumber: x, carrier: 'dhl' });
			server.move(x, 'out_for_delivery');
		}
		const input = { config: { dhlApiKey: 'k', dhlBaseUrl: `${server.url}/dhl` }, scope: 'wf:trigger', now: () => new Date(), deps: fast, quotas: { dhl: [{ limit: 1000, windowMs: 1000 }] } };
		await a.shipments.deliver('wf:trigger', { limit: 1 });
		const [ra, rb] = await Promise.all([pollTracking({ ...input, store: a, maxShipments: 40 }), pollTracking({ ...input, store: b, maxShipments: 40 })]);
		const emitted = [...ra.events, ...rb.events].map((e) => e.trackingNumber);
		const rest = await pollTracking({ ...input, store: a });
		const all = [...emitted, ...rest.events.map((e) => e.trackingNumber)];
		assert.equal(ra.changes + rb.changes + rest.changes, 60, 'each change recorded once');
		assert.equal(all.length, 60, 'each change emitted once');
		assert.equal(new Set(all).size, 60);
		assert.equal(ra.checked + rb.checked + rest.checked, 60, 'no parcel looked up twice');
		await a.close();
		await b.close();
	});
});
