import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { runWorkflow } from '../support/harness';
import type { WorkflowJson } from '../support/harness';
import { closeCachedStores } from '../../nodes/shared/storeFromCredential';
import { computeCheck } from '../../core/carriers';

/** The Carrier Track result of each item on an output (the node keeps the input and adds `tracking`). */
const tracked = (r: { output(node: string, index?: number): Record<string, unknown>[] }, output = 0) =>
	r.output('Track', output).map((j) => j.tracking as Record<string, unknown>);

if (!process.env.N8N_USER_FOLDER) process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'carrier-wf-'));

/** A local DHL Unified API: the status depends on the last digit group of the number. */
const statuses: Record<string, { statusCode: string; status: string }> = {};
let baseUrl = '';
const server = createServer((req, res) => {
	const n = new URL(req.url ?? '/', 'http://x').searchParams.get('trackingNumber') ?? '';
	const s = statuses[n];
	res.writeHead(s ? 200 : 404, { 'content-type': 'application/json' });
	res.end(JSON.stringify(s ? { shipments: [{ id: n, status: { ...s, timestamp: '2026-11-24T08:00:00+01:00' }, events: [] }] } : { title: 'No shipment found', status: 404 }));
});

beforeAll(async () => {
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
	server.close();
	await closeCachedStores();
});

function workflow(parameters: Record<string, unknown>, withCredential = false): WorkflowJson {
	return {
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'track',
				name: 'Track',
				type: 'n8n-nodes-post-purchase.carrierTrack',
				typeVersion: 1,
				position: [200, 0],
				parameters,
				...(withCredential ? { credentials: { postPurchaseCarrierApi: { id: '1', name: 'Carriers' } } } : {}),
			},
		] as WorkflowJson['nodes'],
		connections: { Start: { main: [[{ node: 'Track', type: 'main', index: 0 }]] } },
	};
}

/** A fresh valid DHL SSCC per run, so the persisted last-known status starts empty. */
function freshSscc(): string {
	const data = '003404' + String(Date.now() % 1e13).padStart(13, '0');
	return data + computeCheck('gs1', data);
}

describe('Carrier Track node', () => {
	it('detects carrier, validity and a localized link per item, keeping pairedItem', async () => {
		const items = [
			{ shipment: { trackingNumber: '0034 0434 5251 8120 0082' }, customer: { locale: 'de-DE' } },
			{ shipment: { trackingNumber: '1Z5R89390357567127' }, customer: { locale: 'en-US' } },
			{ shipment: { trackingNumber: '201298452278' }, customer: { locale: 'de-DE' } },
		];
		const r = await runWorkflow(workflow({ operation: 'detect', options: { shopCountry: 'DE' } }), { items });
		assert.equal(r.status, 'success', String(r.error?.message));
		const out = tracked(r);
		assert.equal(out.length, 3);
		assert.deepEqual(out[0].carrier, { code: 'dhl', name: 'DHL Paket', confidence: (out[0].carrier as { confidence: number }).confidence });
		// A German shop reads the SSCC as DHL with a valid check digit, USPS 20 as the runner-up.
		assert.deepEqual(
			{ trackingNumber: out[0].trackingNumber, valid: out[0].valid, format: out[0].format, checkDigitValid: out[0].checkDigitValid, confidence: (out[0].carrier as { confidence: number }).confidence },
			{ trackingNumber: '00340434525181200082', valid: true, format: 'dhl_paket_sscc', checkDigitValid: true, confidence: 0.74 },
		);
		assert.deepEqual((out[0].candidates as Array<{ carrier: string }>).map((c) => c.carrier), ['dhl', 'usps', 'fedex']);
		assert.equal(out[0].trackingUrl, 'https://www.dhl.de/de/privatkunden/dhl-sendungsverfolgung.html?piececode=00340434525181200082');
		assert.equal((out[1].carrier as { code: string }).code, 'ups');
		assert.equal(out[1].trackingUrl, 'https://www.ups.com/track?loc=en_US&tracknum=1Z5R89390357567127');
		assert.equal(out[2].valid, false);
		// A wrong check digit: still shown as the likely format, marked invalid, with the lowest confidence.
		assert.deepEqual(
			{ trackingNumber: out[2].trackingNumber, format: out[2].format, checkDigitValid: out[2].checkDigitValid, carrier: out[2].carrier },
			{ trackingNumber: '201298452278', format: 'dhl_paket_identcode', checkDigitValid: false, carrier: { code: 'dhl', name: 'DHL Paket', confidence: 0.05 } },
		);
		assert.deepEqual(r.output('Track')[1].customer, { locale: 'en-US' }, 'the incoming item is kept beside the result');
		assert.deepEqual(r.items('Track', 0).map((i) => i.pairedItem), [{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('same number, American shop: USPS', async () => {
		const r = await runWorkflow(workflow({ operation: 'detect', trackingNumber: '00340434525181200082', options: { shopCountry: 'US' } }), { items: [{}] });
		assert.equal((tracked(r)[0].carrier as { code: string }).code, 'usps');
	});

	it('estimates delivery with a German sentence', async () => {
		const r = await runWorkflow(
			workflow({ operation: 'estimateDelivery', trackingNumber: '00340434525181200082', options: { shopCountry: 'DE', locale: 'de-DE', shippedAt: '2026-11-26T10:00:00+01:00' } }),
			{ items: [{}] },
		);
		assert.equal(r.status, 'success', String(r.error?.message));
		const e = tracked(r)[0].estimatedDelivery as Record<string, unknown>;
		assert.equal(e.earliest, '2026-11-27');
		assert.equal(e.latest, '2026-11-28');
		assert.equal(e.text, 'Freitag, 27. November - Samstag, 28. November');
		const hidden = await runWorkflow(
			workflow({ operation: 'estimateDelivery', trackingNumber: '00340434525181200082', options: { minConfidence: 0.9, shippedAt: '2026-11-26T10:00:00+01:00' } }),
			{ items: [{}] },
		);
		assert.equal(tracked(hidden)[0].estimatedDelivery, null);
	});

	it('gets live status through the DHL API, routes by status group and reports changes', async () => {
		const inTransit = freshSscc();
		const delivered = String(BigInt(inTransit.slice(0, 19)) + 1n).padStart(19, '0');
		const deliveredN = delivered + computeCheck('gs1', delivered);
		statuses[inTransit] = { statusCode: 'transit', status: 'Die Sendung wurde im Paketzentrum bearbeitet.' };
		statuses[deliveredN] = { statusCode: 'delivered', status: 'Die Sendung wurde zugestellt.' };
		const credentials = { postPurchaseCarrierApi: { dhlApiKey: 'key', dhlBaseUrl: baseUrl, aggregator: 'none' } };
		const wf = workflow({ operation: 'getStatus', routeByStatus: true, options: { shopCountry: 'DE', cacheMinutes: 0 } }, true);
		const items = [{ trackingNumber: inTransit }, { trackingNumber: deliveredN }, { trackingNumber: '09133131530724' }];
		const r = await runWorkflow(wf, { credentials, items });
		assert.equal(r.status, 'success', String(r.error?.message));
		const transit = tracked(r, 0);
		assert.deepEqual(transit.map((t) => [t.trackingNumber, t.status]), [[inTransit, 'InTransit'], ['09133131530724', 'unknown']]);
		assert.equal(transit[0].changed, true);
		assert.equal(tracked(r, 2)[0].status, 'Delivered');
		assert.deepEqual(r.items('Track', 2)[0].pairedItem, { item: 1 });
		statuses[inTransit] = { statusCode: 'transit', status: 'Die Sendung wird zugestellt (in Zustellung).' };
		const again = await runWorkflow(wf, { credentials, items: [{ trackingNumber: inTransit }] });
		const ofd = tracked(again, 1)[0];
		assert.equal(ofd.status, 'OutForDelivery');
		assert.equal(ofd.changed, true);
		assert.equal(ofd.previousStatus, 'InTransit');
	});
});
