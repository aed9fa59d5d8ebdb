/**
 * A local carrier stand-in on 127.0.0.1 for the Tracking Update Trigger: DHL's Unified Tracking API, 17TRACK v2.2 and
 * AfterShip's trackings list, in the payload shapes of their public documentation. Tests move a parcel with
 * `move(number, step)`; every API then reports that step in its own words. An optional rate limit per provider answers
 * 429 beyond N requests per second, and counters show what a poll spent.
 */
import { createHash, createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a parcel does, in carrier-neutral words; each API renders it its own way. */
export type ParcelStep = 'info' | 'transit' | 'out_for_delivery' | 'delivered_neighbour' | 'delivered' | 'failed_attempt' | 'pickup' | 'exception' | 'returned';

export interface ParcelState {
	step: ParcelStep;
	/** When the carrier scanned it last (ISO); default the time of the move. */
	at?: string;
	city?: string;
}

interface Rendered {
	dhl: { statusCode: string; status: string; description: string };
	seventeen: { status: string; sub?: string; description: string };
	aftership: { tag: string; subtag?: string; message: string };
}

const RENDER: Record<ParcelStep, Rendered> = {
	info: {
		dhl: { statusCode: 'pre-transit', status: 'Elektronisch angekündigt', description: 'Die Sendung wurde elektronisch angekündigt.' },
		seventeen: { status: 'InfoReceived', description: 'Shipment information received' },
		aftership: { tag: 'InfoReceived', message: 'Shipment information received' },
	},
	transit: {
		dhl: { statusCode: 'transit', status: 'In Bearbeitung', description: 'Die Sendung wurde im Paketzentrum bearbeitet.' },
		seventeen: { status: 'InTransit', description: 'Processed at sorting centre' },
		aftership: { tag: 'InTransit', message: 'Processed at sorting centre' },
	},
	out_for_delivery: {
		dhl: { statusCode: 'transit', status: 'In Zustellung', description: 'Die Sendung wurde in das Zustellfahrzeug geladen.' },
		seventeen: { status: 'OutForDelivery', description: 'Out for delivery' },
		aftership: { tag: 'OutForDelivery', message: 'Out for delivery' },
	},
	delivered_neighbour: {
		dhl: { statusCode: 'delivered', status: 'Zugestellt', description: 'Die Sendung wurde beim Nachbarn zugestellt.' },
		seventeen: { status: 'Delivered', description: 'Delivered to neighbour' },
		aftership: { tag: 'Delivered', subtag: 'Delivered_001', message: 'Delivered to neighbour' },
	},
	delivered: {
		dhl: { statusCode: 'delivered', status: 'Zugestellt', description: 'Die Sendung wurde erfolgreich zugestellt.' },
		seventeen: { status: 'Delivered', description: 'Delivered' },
		aftership: { tag: 'Delivered', subtag: 'Delivered_001', message: 'Delivered' },
	},
	failed_attempt: {
		dhl: { statusCode: 'transit', status: 'Zustellversuch', description: 'Der Empfänger wurde nicht angetroffen.' },
		seventeen: { status: 'DeliveryFailure', description: 'Delivery attempt failed' },
		aftership: { tag: 'AttemptFail', message: 'Delivery attempt failed' },
	},
	pickup: {
		dhl: { statusCode: 'transit', status: 'Abholbereit', description: 'Die Sendung liegt in der Filiale zur Abholung bereit.' },
		seventeen: { status: 'AvailableForPickup', description: 'Ready for pick up' },
		aftership: { tag: 'AvailableForPickup', message: 'Ready for pick up' },
	},
	exception: {
		dhl: { statusCode: 'failure', status: 'Beschädigt', description: 'Die Sendung wurde beschädigt.' },
		seventeen: { status: 'Exception', description: 'Damaged' },
		aftership: { tag: 'Exception', message: 'Damaged' },
	},
	returned: {
		dhl: { statusCode: 'transit', status: 'Rücksendung', description: 'Die Sendung wird zurück an den Absender gesendet.' },
		seventeen: { status: 'Exception', sub: 'Exception_Returning', description: 'Return to sender' },
		aftership: { tag: 'Exception', subtag: 'Exception_010', message: 'Returned to sender' },
	},
};

export type Provider = 'dhl' | '17track' | 'aftership';

export interface CarrierServer {
	url: string;
	/** Requests answered (incl. 429s) per provider. */
	requests: Record<Provider, number>;
	rateLimited: Record<Provider, number>;
	move(number: string, state: ParcelStep | ParcelState): void;
	/** Requests per second per provider; beyond it, 429. 0 = no limit. */
	setRateLimit(provider: Provider, perSecond: number): void;
	close(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	for await (const c of req) chunks.push(c as Buffer);
	const text = Buffer.concat(chunks).toString('utf8');
	return text ? JSON.parse(text) : null;
}

export async function startCarrierServer(): Promise<CarrierServer> {
	const parcels = new Map<string, Required<ParcelState>>();
	const requests: Record<Provider, number> = { dhl: 0, '17track': 0, aftership: 0 };
	const rateLimited: Record<Provider, number> = { dhl: 0, '17track': 0, aftership: 0 };
	const limits: Record<Provider, number> = { dhl: 0, '17track': 0, aftership: 0 };
	const windows: Record<Provider, { second: number; count: number }> = { dhl: { second: 0, count: 0 }, '17track': { second: 0, count: 0 }, aftership: { second: 0, count: 0 } };

	const event = (number: string) => {
		const p = parcels.get(number)!;
		return { p, r: RENDER[p.step] };
	};
	const server: Server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const provider: Provider = url.pathname.startsWith('/dhl') ? 'dhl' : url.pathname.startsWith('/17track') ? '17track' : 'aftership';
		requests[provider]++;
		const second = Math.floor(Date.now() / 1000);
		const w = windows[provider];
		if (w.second !== second) Object.assign(w, { second, count: 0 });
		if (limits[provider] > 0 && ++w.count > limits[provider]) {
			rateLimited[provider]++;
			res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
			res.end(JSON.stringify({ title: 'Too many requests' }));
			return;
		}
		const reply = (status: number, json: unknown) => {
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(json));
		};
		void (async () => {
			if (provider === 'dhl') {
				const number = url.searchParams.get('trackingNumber') ?? '';
				if (!parcels.has(number)) return reply(404, { title: 'No shipment with given tracking number found.', status: 404 });
				const { p, r } = event(number);
				const place = { address: { addressLocality: p.city, countryCode: 'DE' } };
				return reply(200, {
					shipments: [
						{
							id: number,
							service: 'parcel-de',
							status: { timestamp: p.at, location: place, statusCode: r.dhl.statusCode, status: r.dhl.status, description: r.dhl.description },
							events: [{ timestamp: p.at, location: place, statusCode: r.dhl.statusCode, status: r.dhl.status, description: r.dhl.description }],
						},
					],
				});
			}
			if (provider === '17track') {
				const items = ((await body(req)) as Array<{ number: string }>) ?? [];
				if (url.pathname.endsWith('/register')) return reply(200, { code: 0, data: { accepted: items.map((i) => ({ number: i.number })), rejected: [] } });
				const accepted = items.filter((i) => parcels.has(i.number)).map((i) => {
					const { p, r } = event(i.number);
					const e = { time_iso: p.at, description: r.seventeen.description, location: p.city, stage: r.seventeen.status, sub_status: r.seventeen.sub ?? r.seventeen.status };
					return {
						number: i.number,
						track_info: {
							latest_status: { status: r.seventeen.status, sub_status: r.seventeen.sub ?? `${r.seventeen.status}_Other` },
							latest_event: e,
							tracking: { providers: [{ events: [e] }] },
						},
					};
				});
				const rejected = items.filter((i) => !parcels.has(i.number)).map((i) => ({ number: i.number, error: { code: -18019902, message: 'The tracking number is not registered.' } }));
				return reply(200, { code: 0, data: { accepted, rejected } });
			}
			const numbers = (url.searchParams.get('tracking_numbers') ?? '').split(',').filter(Boolean);
			const trackings = numbers.filter((n) => parcels.has(n)).map((n) => {
				const { p, r } = event(n);
				return {
					tracking_number: n,
					tag: r.aftership.tag,
					subtag: r.aftership.subtag ?? `${r.aftership.tag}_001`,
					subtag_message: r.aftership.message,
					checkpoints: [{ checkpoint_time: p.at, city: p.city, message: r.aftership.message, tag: r.aftership.tag }],
				};
			});
			return reply(200, { meta: { code: 200 }, data: { trackings } });
		})().catch((error: unknown) => reply(500, { error: String(error) }));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		url,
		requests,
		rateLimited,
		move(number, state) {
			const s = typeof state === 'string' ? { step: state } : state;
			parcels.set(number, { step: s.step, at: s.at ?? new Date().toISOString(), city: s.city ?? 'Berlin' });
		},
		setRateLimit(provider, perSecond) {
			limits[provider] = perSecond;
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/** Base URLs of the stand-in for the Carrier API credential. */
export function carrierCredential(server: CarrierServer, aggregator: 'none' | '17track' | 'aftership' = 'none'): Record<string, string> {
	return {
		dhlApiKey: 'dhl-test-key',
		dhlBaseUrl: `${server.url}/dhl`,
		seventeenTrackApiKey: '17-test-key',
		seventeenTrackBaseUrl: `${server.url}/17track`,
		aftershipApiKey: 'as-test-key',
		aftershipWebhookSecret: 'as-webhook-secret',
		aftershipBaseUrl: `${server.url}/aftership`,
		aggregator,
	};
}

/** An AfterShip webhook push of one parcel's step, signed like AfterShip signs it (HMAC-SHA256 of the body, base64). */
export function aftershipPush(number: string, step: ParcelStep, secret: string, at = new Date().toISOString()): { body: string; headers: Record<string, string> } {
	const r = RENDER[step].aftership;
	const body = JSON.stringify({
		event: 'tracking_update',
		event_id: `evt-${number}-${step}`,
		msg: { tracking_number: number, slug: 'dhl-germany', tag: r.tag, subtag: r.subtag ?? `${r.tag}_001`, subtag_message: r.message, checkpoints: [{ checkpoint_time: at, city: 'Berlin', message: r.message, tag: r.tag }] },
		ts: Math.floor(Date.parse(at) / 1000),
	});
	return { body, headers: { 'content-type': 'application/json', 'aftership-hmac-sha256': createHmac('sha256', secret).update(body).digest('base64') } };
}

/** A 17TRACK push (`TRACKING_UPDATED`), signed like 17TRACK signs it: SHA-256 hex of `<body>/<key>`. */
export function seventeenPush(number: string, step: ParcelStep, key: string, at = new Date().toISOString()): { body: string; headers: Record<string, string> } {
	const r = RENDER[step].seventeen;
	const e = { time_iso: at, description: r.description, location: 'Berlin', stage: r.status };
	const body = JSON.stringify({
		event: 'TRACKING_UPDATED',
		data: { number, carrier: 7041, track_info: { latest_status: { status: r.status, sub_status: r.sub ?? `${r.status}_Other` }, latest_event: e, tracking: { providers: [{ events: [e] }] } } },
	});
	return { body, headers: { 'content-type': 'application/json', sign: createHash('sha256').update(`${body}/${key}`).digest('hex') } };
}
