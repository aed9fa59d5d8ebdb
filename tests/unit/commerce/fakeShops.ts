/**
 * Local stand-ins for the two shop APIs the commerce triggers register webhooks with, on 127.0.0.1 and a random
 * port. They speak the documented shapes only as far as webhook management goes:
 * - Shopify Admin REST: `GET/POST /admin/api/<version>/webhooks.json`, `DELETE /admin/api/<version>/webhooks/<id>.json`,
 *   authenticated by `X-Shopify-Access-Token`; a second hook for the same topic and address is refused with 422.
 * - WooCommerce REST v3: `GET/POST /wp-json/wc/v3/webhooks`, `GET/DELETE /wp-json/wc/v3/webhooks/<id>` (DELETE needs
 *   `force=true`, webhooks cannot be trashed), authenticated by the consumer key and secret as basic auth (what
 *   WooCommerce accepts over HTTPS).
 * Every request is recorded; `fail()` makes the next matching request answer with an error status.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: IncomingMessage['headers'];
	body: unknown;
}

interface Fault {
	method: string;
	pathIncludes: string;
	status: number;
}

export interface FakeShop<Hook> {
	baseUrl: string;
	requests: RecordedRequest[];
	hooks: Map<number, Hook>;
	/** The next request with this method (and path containing `pathIncludes`) answers `status`. */
	fail(method: string, status: number, pathIncludes?: string): void;
	close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
	const text = JSON.stringify(body);
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
	res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString('utf8');
	return text ? (JSON.parse(text) as unknown) : undefined;
}

async function start<Hook>(handle: (req: RecordedRequest, res: ServerResponse, shop: FakeShop<Hook>) => void): Promise<FakeShop<Hook>> {
	const faults: Fault[] = [];
	// eslint-disable-next-line prefer-const -- assigned once the server is listening.
	let shop: FakeShop<Hook>;
	const server: Server = createServer((req, res) => {
		void (async () => {
			const url = new URL(req.url ?? '/', 'http://127.0.0.1');
			let body: unknown;
			try {
				body = await readJson(req);
			} catch {
				return send(res, 400, { errors: 'Malformed JSON' });
			}
			const recorded: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body };
			shop.requests.push(recorded);
			const i = faults.findIndex((f) => f.method === recorded.method && recorded.path.includes(f.pathIncludes));
			if (i >= 0) {
				const [fault] = faults.splice(i, 1);
				return send(res, fault.status, { errors: 'Internal Server Error' });
			}
			handle(recorded, res, shop);
		})();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	shop = {
		baseUrl: `http://127.0.0.1:${port}`,
		requests: [],
		hooks: new Map(),
		fail: (method, status, pathIncludes = '') => faults.push({ method, status, pathIncludes }),
		close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
	};
	return shop;
}

export interface ShopifyHook {
	id: number;
	address: string;
	topic: string;
	format: string;
	api_version: string;
	created_at: string;
	updated_at: string;
	fields: string[];
	metafield_namespaces: string[];
}

export async function startFakeShopify(accessToken: string): Promise<FakeShop<ShopifyHook>> {
	let nextId = 1_100_000_001;
	return start<ShopifyHook>((req, res, shop) => {
		if (req.headers['x-shopify-access-token'] !== accessToken) {
			return send(res, 401, { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
		}
		const list = /^\/admin\/api\/([0-9]{4}-[0-9]{2})\/webhooks\.json$/.exec(req.path);
		const one = /^\/admin\/api\/([0-9]{4}-[0-9]{2})\/webhooks\/([0-9]+)\.json$/.exec(req.path);
		if (list && req.method === 'GET') {
			const all = [...shop.hooks.values()].filter((h) => !req.query.address || h.address === req.query.address);
			return send(res, 200, { webhooks: all.slice(0, Number(req.query.limit ?? 50)) });
		}
		if (list && req.method === 'POST') {
			const w = ((req.body as { webhook?: Partial<ShopifyHook> } | undefined)?.webhook ?? {}) as Partial<ShopifyHook>;
			if (!w.topic || !w.address) return send(res, 422, { errors: { topic: ["can't be blank"] } });
			if ([...shop.hooks.values()].some((h) => h.topic === w.topic && h.address === w.address)) {
				return send(res, 422, { errors: { address: ['for this topic has already been taken'] } });
			}
			const now = '2025-03-14T09:00:00-04:00';
			const hook: ShopifyHook = {
				id: nextId++,
				address: w.address,
				topic: w.topic,
				format: w.format ?? 'json',
				api_version: list[1],
				created_at: now,
				updated_at: now,
				fields: [],
				metafield_namespaces: [],
			};
			shop.hooks.set(hook.id, hook);
			return send(res, 201, { webhook: hook });
		}
		if (one && req.method === 'DELETE') {
			if (!shop.hooks.delete(Number(one[2]))) return send(res, 404, { errors: 'Not Found' });
			return send(res, 200, {});
		}
		return send(res, 404, { errors: 'Not Found' });
	});
}

export interface WooHook {
	id: number;
	name: string;
	status: string;
	topic: string;
	resource: string;
	event: string;
	hooks: string[];
	delivery_url: string;
	secret: string;
	date_created_gmt: string;
}

export async function startFakeWoo(consumerKey: string, consumerSecret: string): Promise<FakeShop<WooHook>> {
	let nextId = 31;
	const expected = `Basic ${Buffer.from(`${consumerKey}:${consumerSecret}`).toString('base64')}`;
	return start<WooHook>((req, res, shop) => {
		if (req.headers.authorization !== expected) {
			return send(res, 401, { code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot list resources.', data: { status: 401 } });
		}
		const invalidId = () => send(res, 404, { code: 'woocommerce_rest_webhook_invalid_id', message: 'Invalid ID.', data: { status: 404 } });
		// The secret is write-only in our stand-in: responses never echo it.
		const view = ({ secret: _secret, ...hook }: WooHook) => hook;
		const one = /^\/wp-json\/wc\/v3\/webhooks\/([0-9]+)$/.exec(req.path);
		if (req.path === '/wp-json/wc/v3/webhooks' && req.method === 'GET') return send(res, 200, [...shop.hooks.values()].map(view));
		if (req.path === '/wp-json/wc/v3/webhooks' && req.method === 'POST') {
			const b = (req.body ?? {}) as Partial<WooHook>;
			if (!b.topic || !b.delivery_url) return send(res, 400, { code: 'rest_missing_callback_param', message: 'Missing parameter(s): topic, delivery_url', data: { status: 400 } });
			const [resource, event] = b.topic.split('.');
			const hook: WooHook = {
				id: nextId++,
				name: b.name ?? '',
				status: b.status ?? 'active',
				topic: b.topic,
				resource,
				event,
				hooks: [`woocommerce_${resource}_${event}`],
				delivery_url: b.delivery_url,
				secret: b.secret ?? '',
				date_created_gmt: '2025-03-14T08:00:00',
			};
			shop.hooks.set(hook.id, hook);
			return send(res, 201, view(hook));
		}
		if (one && req.method === 'GET') {
			const hook = shop.hooks.get(Number(one[1]));
			return hook ? send(res, 200, view(hook)) : invalidId();
		}
		if (one && req.method === 'DELETE') {
			if (req.query.force !== 'true') {
				return send(res, 501, { code: 'woocommerce_rest_trash_not_supported', message: 'Webhooks do not support trashing.', data: { status: 501 } });
			}
			const hook = shop.hooks.get(Number(one[1]));
			if (!hook) return invalidId();
			shop.hooks.delete(hook.id);
			return send(res, 200, view(hook));
		}
		return send(res, 404, { code: 'rest_no_route', message: 'No route was found matching the URL and request method.', data: { status: 404 } });
	});
}
