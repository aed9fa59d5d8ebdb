import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { clearTokenCache, createProviderClient, getTrackingStatus, testCarrierApi } from '../../../core/carriers';
import { RemoteError } from '../../../core/shared/errors';
import type { JourneyStore } from '../../../core/store';

type Handler = (req: IncomingMessage & { body: string }, res: ServerResponse) => void;

async function server(handler: Handler): Promise<{ url: string; calls: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: string }>; close: () => Promise<void> }> {
	const calls: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: string }> = [];
	const srv = createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			calls.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
			handler(Object.assign(req, { body }), res);
		});
	});
	await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
	const { port } = srv.address() as AddressInfo;
	return { url: `http://127.0.0.1:${port}`, calls, close: () => new Promise((r) => { srv.closeAllConnections(); srv.close(() => r()); }) };
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
	res.writeHead(status, { 'content-type': 'application/json', ...headers });
	res.end(JSON.stringify(body));
};
const fast = { backoffMs: 1, sleep: async () => {} };

const DHL_SHIPMENT = {
	shipments: [
		{
			id: '00340434525181200082',
			service: 'parcel-de',
			status: { timestamp: '2026-11-24T07:12:00+01:00', statusCode: 'transit', status: 'In Zustellung', description: 'Die Sendung wurde in das Zustellfahrzeug geladen.' },
			estimatedTimeOfDelivery: '2026-11-24T14:00:00+01:00',
			events: [
				{ timestamp: '2026-11-23T18:00:00+01:00', location: { address: { addressLocality: 'Leipzig', countryCode: 'DE' } }, statusCode: 'transit', description: 'Die Sendung wurde im Start-Paketzentrum bearbeitet.' },
				{ timestamp: '2026-11-24T07:12:00+01:00', location: { address: { addressLocality: 'München', countryCode: 'DE' } }, statusCode: 'transit', description: 'Die Sendung wurde in das Zustellfahrzeug geladen.' },
			],
		},
	],
};

test('DHL Unified: API key header, German text mapped to OutForDelivery, carrier date, 404 as Pending', async () => {
	const s = await server((req, res) => {
		if (req.headers['dhl-api-key'] !== 'k1') return json(res, 401, { title: 'Unauthorized', status: 401 });
		if (req.url!.includes('trackingNumber=00340434525181200082')) return json(res, 200, DHL_SHIPMENT);
		json(res, 404, { title: 'No shipment with given tracking number found.', status: 404, detail: 'Unknown' });
	});
	try {
		const client = createProviderClient('dhl', { dhlApiKey: 'k1', dhlBaseUrl: s.url }, fast);
		const t = await client.track({ trackingNumber: '00340434525181200082', carrier: 'dhl', service: 'parcel-de', locale: 'de-DE', postalCode: '80331' });
		assert.equal(t.status, 'OutForDelivery');
		assert.equal(t.statusGroup, 'out_for_delivery');
		assert.equal(t.progressRank, 3);
		assert.equal(t.lastEvent?.location, 'München, DE');
		assert.deepEqual(t.carrierEstimate, { earliest: '2026-11-24', latest: '2026-11-24' });
		assert.match(s.calls[0].url, /service=parcel-de/);
		assert.match(s.calls[0].url, /language=de/);
		assert.match(s.calls[0].url, /recipientPostalCode=80331/);
		const missing = await client.track({ trackingNumber: '201298452277', carrier: 'dhl' });
		assert.equal(missing.status, 'Pending');
		assert.equal(missing.subStatus, 'not_found');
		const bad = createProviderClient('dhl', { dhlApiKey: 'wrong', dhlBaseUrl: s.url }, fast);
		await assert.rejects(bad.track({ trackingNumber: '1', carrier: 'dhl' }), (e: unknown) => e instanceof RemoteError && e.httpCode === 401 && !e.retryable);
	} finally {
		await s.close();
	}
});

test('429 and 503 are retried (Retry-After honoured); a too-long Retry-After fails fast', async () => {
	let n = 0;
	const waits: number[] = [];
	const s = await server((req, res) => {
		n++;
		if (req.url!.includes('long')) return json(res, 429, { title: 'Too many requests' }, { 'retry-after': '3600' });
		if (n === 1) return json(res, 429, { title: 'Too many requests' }, { 'retry-after': '2' });
		if (n === 2) return json(res, 503, { title: 'Unavailable' });
		json(res, 200, DHL_SHIPMENT);
	});
	try {
		const client = createProviderClient('dhl', { dhlApiKey: 'k', dhlBaseUrl: s.url }, { backoffMs: 5, sleep: async (ms) => void waits.push(ms) });
		const t = await client.track({ trackingNumber: 'x', carrier: 'dhl' });
		assert.equal(t.status, 'OutForDelivery');
		assert.deepEqual(waits, [2000, 10]);
		await assert.rejects(client.track({ trackingNumber: 'long', carrier: 'dhl' }), (e: unknown) => e instanceof RemoteError && e.httpCode === 429 && e.retryable);
	} finally {
		await s.close();
	}
});

test('a server that never answers times out and is retried, then reported', async () => {
	const s = await server(() => {
		/* never answers */
	});
	try {
		// A second, not 100 ms: on a loaded machine a request can take longer than 100 ms just to reach the local server,
		// and a retry that times out before it arrives would not be counted there.
		const client = createProviderClient('dhl', { dhlApiKey: 'k', dhlBaseUrl: s.url }, { timeoutMs: 1000, retries: 1, ...fast });
		await assert.rejects(client.track({ trackingNumber: 'x', carrier: 'dhl' }), /did not answer within 1000 ms/);
		assert.equal(s.calls.length, 2, 'one try plus one retry');
		// The retry is the same request again.
		assert.deepEqual(s.calls.map((c) => c.method), ['GET', 'GET']);
		assert.match(s.calls[0].url, /trackingNumber=x(&|$)/);
		assert.equal(s.calls[1].url, s.calls[0].url);
	} finally {
		await s.close();
	}
});

test('UPS: OAuth token with Basic auth, reused, refreshed after a 401; status code mapping', async () => {
	clearTokenCache();
	let tokenCalls = 0;
	let rejectNext = false;
	const s = await server((req, res) => {
		if (req.url === '/security/v1/oauth/token') {
			assert.equal(req.headers.authorization, 'Basic ' + Buffer.from('id:secret').toString('base64'));
			assert.equal(req.body, 'grant_type=client_credentials');
			tokenCalls++;
			return json(res, 200, { token_type: 'Bearer', access_token: `tok${tokenCalls}`, expires_in: '14399', status: 'approved' });
		}
		if (rejectNext) {
			rejectNext = false;
			return json(res, 401, { response: { errors: [{ code: '250002', message: 'Invalid Authentication Information.' }] } });
		}
		assert.ok(req.headers.transid);
		assert.match(String(req.headers.transid), /^[0-9a-f]{32}$/, 'a 32-character transaction ID');
		assert.equal(req.headers.transactionsrc, 'n8n-post-purchase');
		if (req.url!.startsWith('/api/track/v1/details/1Z5R89390357567127')) {
			return json(res, 200, {
				trackResponse: {
					shipment: [
						{
							package: [
								{
									trackingNumber: '1Z5R89390357567127',
									deliveryDate: [{ type: 'SDD', date: '20261125' }],
									currentStatus: { type: 'I', code: 'OT', statusCode: '072', description: 'Loaded on Delivery Vehicle' },
									activity: [
										{ date: '20261124', time: '061500', location: { address: { city: 'Louisville', countryCode: 'US' } }, status: { type: 'I', statusCode: '072', description: 'Loaded on Delivery Vehicle' } },
										{ date: '20261123', time: '220000', location: { address: { city: 'Atlanta', countryCode: 'US' } }, status: { type: 'I', statusCode: '005', description: 'Departed from Facility' } },
									],
								},
							],
						},
					],
				},
			});
		}
		json(res, 404, { response: { errors: [{ code: '151018', message: 'Invalid tracking number' }] } });
	});
	try {
		const client = createProviderClient('ups', { upsClientId: 'id', upsClientSecret: 'secret', upsBaseUrl: s.url }, fast);
		const t = await client.track({ trackingNumber: '1Z5R89390357567127', carrier: 'ups', locale: 'de-DE' });
		assert.equal(t.status, 'OutForDelivery');
		assert.equal(t.lastEvent?.time, '2026-11-24T06:15:00');
		assert.deepEqual(t.carrierEstimate, { earliest: '2026-11-25', latest: '2026-11-25' });
		assert.match(s.calls[1].url, /locale=de_DE/);
		await client.track({ trackingNumber: '1Z5R89390357567127', carrier: 'ups' });
		assert.equal(tokenCalls, 1);
		rejectNext = true;
		await client.track({ trackingNumber: '1Z5R89390357567127', carrier: 'ups' });
		assert.equal(tokenCalls, 2);
		const gone = await client.track({ trackingNumber: '1Z0000000000000000', carrier: 'ups' });
		assert.equal(gone.subStatus, 'not_found');
	} finally {
		await s.close();
	}
});

test('FedEx: OAuth form body, POST track, derived codes and error results', async () => {
	clearTokenCache();
	const s = await server((req, res) => {
		if (req.url === '/oauth/token') {
			assert.match(req.body, /grant_type=client_credentials&client_id=fid&client_secret=fsecret/);
			return json(res, 200, { access_token: 'ftok', token_type: 'bearer', expires_in: 3599, scope: 'CXS' });
		}
		assert.equal(req.headers.authorization, 'Bearer ftok');
		const n = JSON.parse(req.body).trackingInfo[0].trackingNumberInfo.trackingNumber;
		if (n === '986578788855') {
			return json(res, 200, {
				transactionId: 't1',
				output: {
					completeTrackResults: [
						{
							trackingNumber: n,
							trackResults: [
								{
									latestStatusDetail: { code: 'DE', derivedCode: 'DE', statusByLocale: 'Delivery exception', description: 'Customer not available or business closed' },
									dateAndTimes: [{ type: 'ESTIMATED_DELIVERY', dateTime: '2026-11-26T00:00:00-06:00' }],
									scanEvents: [{ date: '2026-11-25T14:02:00-06:00', eventType: 'DE', derivedStatusCode: 'DE', eventDescription: 'Delivery exception', scanLocation: { city: 'MEMPHIS', countryCode: 'US' } }],
								},
							],
						},
					],
				},
			});
		}
		json(res, 200, {
			output: { completeTrackResults: [{ trackingNumber: n, trackResults: [{ error: { code: 'TRACKING.TRACKINGNUMBER.NOTFOUND', message: 'Tracking number cannot be found.' } }] }] },
		});
	});
	try {
		const client = createProviderClient('fedex', { fedexClientId: 'fid', fedexClientSecret: 'fsecret', fedexBaseUrl: s.url }, fast);
		const t = await client.track({ trackingNumber: '986578788855', carrier: 'fedex' });
		assert.equal(t.status, 'AttemptFail');
		assert.equal(t.statusGroup, 'problem');
		assert.deepEqual(t.carrierEstimate, { earliest: '2026-11-26', latest: '2026-11-26' });
		const nf = await client.track({ trackingNumber: '477179081230', carrier: 'fedex' });
		assert.equal(nf.status, 'Pending');
		assert.equal(nf.carrierStatusCode, 'TRACKING.TRACKINGNUMBER.NOTFOUND');
	} finally {
		await s.close();
	}
});

test('USPS v3: OAuth with the tracking scope, status categories, predicted window', async () => {
	clearTokenCache();
	const s = await server((req, res) => {
		if (req.url === '/oauth2/v3/token') {
			assert.equal(JSON.parse(req.body).scope, 'tracking');
			return json(res, 200, { access_token: 'utok', token_type: 'Bearer', expires_in: 28799 });
		}
		json(res, 200, {
			trackingNumber: '9400111201080805483016',
			statusCategory: 'Delivered',
			status: 'Delivered, In/At Mailbox',
			statusSummary: 'Your item was delivered in or at the mailbox at 1:04 pm on November 24, 2026 in AUSTIN, TX 78701.',
			trackingEvents: [{ eventType: 'Delivered, In/At Mailbox', eventTimestamp: '2026-11-24T13:04:00-06:00', eventCode: '01', eventCity: 'AUSTIN', eventState: 'TX', eventCountry: '' }],
		});
	});
	try {
		const client = createProviderClient('usps', { uspsClientId: 'u', uspsClientSecret: 'v', uspsBaseUrl: s.url }, fast);
		const t = await client.track({ trackingNumber: '9400111201080805483016', carrier: 'usps' });
		assert.equal(t.status, 'Delivered');
		assert.equal(t.isTerminal, true);
		assert.equal(t.lastEvent?.location, 'AUSTIN, TX');
		assert.match(s.calls[1].url, /expand=DETAIL/);
	} finally {
		await s.close();
	}
});

test('AfterShip: looks the number up, creates it when unknown; tags and subtags mapped', async () => {
	const created: unknown[] = [];
	const s = await server((req, res) => {
		assert.equal(req.headers['as-api-key'], 'ak');
		if (req.method === 'GET' && req.url!.includes('tracking_numbers=09133131530724')) {
			return json(res, 200, {
				meta: { code: 200 },
				data: {
					trackings: [
						{
							id: 'a1',
							tracking_number: '09133131530724',
							slug: 'hermes-de',
							tag: 'Exception',
							subtag: 'Exception_010',
							subtag_message: 'Returned to sender',
							checkpoints: [{ checkpoint_time: '2026-11-20T10:00:00+01:00', city: 'Hamburg', country_region: 'DEU', message: 'Rücksendung an den Absender', tag: 'Exception', subtag: 'Exception_010' }],
						},
					],
				},
			});
		}
		if (req.method === 'GET') return json(res, 200, { meta: { code: 200 }, data: { trackings: [] } });
		created.push(JSON.parse(req.body));
		json(res, 201, { meta: { code: 201 }, data: { id: 'a2', tracking_number: '01015026003653', slug: 'dpd-de', tag: 'Pending', subtag: 'Pending_001', checkpoints: [] } });
	});
	try {
		const client = createProviderClient('aftership', { aftershipApiKey: 'ak', aftershipBaseUrl: s.url }, fast);
		const t = await client.track({ trackingNumber: '09133131530724', carrier: 'hermes' });
		assert.equal(t.status, 'Exception');
		assert.equal(t.subStatus, 'returned');
		assert.equal(t.isTerminal, true);
		const n = await client.track({ trackingNumber: '01015026003653', carrier: 'dpd' });
		assert.equal(n.status, 'Pending');
		assert.deepEqual(created, [{ tracking_number: '01015026003653', slug: 'dpd-de' }]);
	} finally {
		await s.close();
	}
});

test('17TRACK: gettrackinfo, registers rejected numbers, surfaces API-level errors', async () => {
	const s = await server((req, res) => {
		assert.equal(req.headers['17token'], 'st');
		const items = JSON.parse(req.body);
		if (req.url === '/gettrackinfo' && items[0].number === 'RR123456785DE') {
			return json(res, 200, {
				code: 0,
				data: {
					accepted: [
						{
							number: 'RR123456785DE',
							carrier: 7041,
							track_info: {
								latest_status: { status: 'AvailableForPickup', sub_status: 'AvailableForPickup_Other' },
								latest_event: { time_iso: '2026-11-24T09:00:00+01:00', description: 'Zur Abholung in der Filiale bereit', location: 'Köln' },
								time_metrics: { estimated_delivery_date: { source: '17TRACK', from: null, to: null } },
								tracking: { providers: [{ events: [{ time_iso: '2026-11-24T09:00:00+01:00', description: 'Zur Abholung in der Filiale bereit', location: 'Köln', stage: 'AvailableForPickup' }] }] },
							},
						},
					],
					rejected: [],
				},
			});
		}
		if (req.url === '/gettrackinfo' && items[0].number === 'BAD') return json(res, 200, { code: -18010002, data: { errors: [{ code: -18010002, message: 'Invalid access key.' }] } });
		if (req.url === '/gettrackinfo') return json(res, 200, { code: 0, data: { accepted: [], rejected: [{ number: items[0].number, error: { code: -18019902, message: 'The tracking number does not register, please register first.' } }] } });
		json(res, 200, { code: 0, data: { accepted: [{ number: items[0].number, carrier: 100003 }], rejected: [] } });
	});
	try {
		const client = createProviderClient('17track', { seventeenTrackApiKey: 'st', seventeenTrackBaseUrl: s.url }, fast);
		const t = await client.track({ trackingNumber: 'RR123456785DE', carrier: 'deutsche_post' });
		assert.equal(t.status, 'AvailableForPickup');
		assert.equal(t.lastEvent?.location, 'Köln');
		const r = await client.track({ trackingNumber: '986578788855', carrier: 'fedex' });
		assert.equal(r.status, 'Pending');
		assert.deepEqual(JSON.parse(s.calls.at(-1)!.body), [{ number: '986578788855', carrier: 100003 }]);
		await assert.rejects(client.track({ trackingNumber: 'BAD', carrier: 'dpd' }), /Invalid access key/);
	} finally {
		await s.close();
	}
});

test('credential test: reports auth failures, accepts "not found" answers', async () => {
	clearTokenCache();
	const s = await server((req, res) => {
		if (req.headers['dhl-api-key'] === 'good') return json(res, 404, { title: 'No shipment found', status: 404 });
		json(res, 401, { title: 'Unauthorized' });
	});
	try {
		assert.deepEqual(await testCarrierApi({ dhlApiKey: 'good', dhlBaseUrl: s.url }), { ok: true, message: 'Connected: dhl' });
		const bad = await testCarrierApi({ dhlApiKey: 'nope', dhlBaseUrl: s.url });
		assert.equal(bad.ok, false);
		assert.match(bad.message, /HTTP 401/);
		assert.equal((await testCarrierApi({})).ok, false);
	} finally {
		await s.close();
	}
});

/** A minimal in-memory store slice for cache/quota semantics (the real SQLite store is used in track.store.test.ts). */
function memoryStore(): JourneyStore {
	const cache = new Map<string, { v: unknown; exp: number | null }>();
	const quota = new Map<string, { start: number; n: number }>();
	return {
		async cacheGet(ns: string, key: string, now = new Date()) {
			const e = cache.get(`${ns}|${key}`);
			return e && (e.exp === null || e.exp > now.getTime()) ? structuredClone(e.v) : null;
		},
		async cachePut(ns: string, key: string, v: unknown, ttl: number | null, now = new Date()) {
			cache.set(`${ns}|${key}`, { v: structuredClone(v), exp: ttl === null ? null : now.getTime() + ttl });
		},
		async takeQuota(name: string, limit: number, windowMs: number, now = new Date()) {
			const t = now.getTime();
			const q = quota.get(name);
			if (!q || t - q.start >= windowMs) {
				quota.set(name, { start: t, n: 1 });
				return limit > 0;
			}
			if (q.n >= limit) return false;
			q.n++;
			return true;
		},
	} as unknown as JourneyStore;
}

test('getTrackingStatus: provider routing, cache, change detection and daily quota', async () => {
	let hits = 0;
	let code = 'transit';
	const s = await server((req, res) => {
		hits++;
		json(res, 200, { shipments: [{ id: 'x', status: { statusCode: code, status: code === 'delivered' ? 'Zugestellt' : 'Unterwegs', timestamp: `2026-11-2${hits}T10:00:00+01:00` }, events: [] }] });
	});
	try {
		const store = memoryStore();
		let t = new Date('2026-11-23T10:00:00Z');
		const opts = { config: { dhlApiKey: 'k', dhlBaseUrl: s.url }, store, deps: fast, now: () => t, quotas: { dhl: [{ limit: 2, windowMs: 86_400_000 }] } };
		const first = await getTrackingStatus({ trackingNumber: '0034 0434 5251 8120 0082', shopCountry: 'DE', locale: 'de-DE' }, opts);
		assert.equal(first.provider, 'dhl');
		assert.equal(first.carrier?.code, 'dhl');
		assert.equal(first.status, 'InTransit');
		assert.equal(first.changed, true);
		assert.equal(first.previousStatus, null);
		assert.equal(first.trackingUrl, 'https://www.dhl.de/de/privatkunden/dhl-sendungsverfolgung.html?piececode=00340434525181200082');
		const cached = await getTrackingStatus({ trackingNumber: '00340434525181200082', shopCountry: 'DE' }, opts);
		assert.equal(cached.fromCache, true);
		assert.equal(cached.changed, false);
		assert.equal(cached.previousStatus, 'InTransit');
		assert.equal(hits, 1);
		t = new Date('2026-11-23T11:00:00Z');
		code = 'delivered';
		const second = await getTrackingStatus({ trackingNumber: '00340434525181200082', shopCountry: 'DE' }, opts);
		assert.equal(second.status, 'Delivered');
		assert.equal(second.changed, true);
		assert.equal(second.previousStatus, 'InTransit');
		t = new Date('2026-11-23T12:00:00Z');
		await assert.rejects(getTrackingStatus({ trackingNumber: '00340434525181200082', shopCountry: 'DE' }, opts), /call budget \(2 per 1 day\(s\)\) is used up/);
		assert.equal(hits, 2);
		// Hermes without an aggregator: link only, status unknown, no call.
		const hermes = await getTrackingStatus({ trackingNumber: '09133131530724', shopCountry: 'DE' }, opts);
		assert.equal(hermes.status, 'unknown');
		assert.equal(hermes.provider, null);
		assert.equal(hermes.changed, false);
		assert.match(hermes.trackingUrl!, /myhermes\.de.*#09133131530724$/);
	} finally {
		await s.close();
	}
});
