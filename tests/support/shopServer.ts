/**
 * A local shop on 127.0.0.1 with the order APIs the history import pages through, in the shapes of their public
 * documentation: Shopify Admin REST `orders.json` (cursor paging through the `Link` header, the call-limit header),
 * WooCommerce REST `wc/v3/orders` (page numbers, `X-WP-TotalPages`) and the Shopware 6 Admin API (`/api/oauth/token`,
 * `POST /api/search/order` with criteria). Orders are the webhook fixtures, each given its own id, customer and time.
 * Tests can make it rate-limit (`storm`: the next N calls answer 429 with `Retry-After`), fail one page (`failPage`:
 * an interruption mid-way) and read what was asked (`requests`).
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export type ShopPlatform = 'shopify' | 'woocommerce' | 'shopware';

export const SHOP_AUTH = {
	accessToken: 'shpat_test_history',
	consumerKey: 'ck_test_history',
	consumerSecret: 'cs_test_history',
	accessKeyId: 'SWIATESTHISTORY',
	secretAccessKey: 'swsecret-test-history',
};

export interface ShopServerOptions {
	/** Orders per platform (default 30), spread evenly over `from`–`to`. */
	orders?: number;
	from?: Date;
	to?: Date;
	/** Distinct customers the orders belong to (default: one per order). */
	customers?: number;
	/** Every n-th order is cancelled in the shop (0 = none). */
	cancelEvery?: number;
	/** Shopify's `X-Shopify-Shop-Api-Call-Limit` reported on every answer (default `1/40`). */
	callLimit?: string;
	/** Prefix of every generated id, so two tests sharing one store do not share orders. */
	idPrefix?: string;
}

export interface ShopRequest {
	platform: ShopPlatform | 'token';
	page: number | null;
	status: number;
}

interface Entry {
	at: number;
	raw: Record<string, unknown>;
	/** The raw order serialized once, so the shop's own JSON work does not weigh on the bench. */
	json: string;
}

const FIXTURES = join(__dirname, '..', 'fixtures');
const fixture = (path: string) => JSON.parse(readFileSync(join(FIXTURES, path), 'utf8')) as Record<string, unknown>;

export interface ShopServer {
	baseUrl: string;
	/** The generated orders of a platform, oldest first (raw, as the API returns them). */
	orders(platform: ShopPlatform): Array<Record<string, unknown>>;
	/** Replaces the `index`-th order of `platform` with whatever the shop should send instead (refunds, a broken order …). */
	replace(platform: ShopPlatform, index: number, raw: unknown): void;
	/** The next `count` order-page calls answer 429 with this `Retry-After` (seconds, default "0.05"). */
	storm(count: number, retryAfter?: string): void;
	/** Page `page` of `platform` answers `status` the next `times` times it is asked (Infinity = until `heal`); a 429 says `Retry-After: retryAfter`. */
	failPage(platform: ShopPlatform, page: number, times: number, status?: number, retryAfter?: string): void;
	heal(): void;
	requests: ShopRequest[];
	close(): Promise<void>;
}

function generate(platform: ShopPlatform, options: Required<Omit<ShopServerOptions, 'callLimit'>>): Entry[] {
	const { orders: count, from, to, customers, cancelEvery, idPrefix } = options;
	const base =
		platform === 'shopify'
			? fixture('shopify/orders-create.json')
			: platform === 'woocommerce'
				? fixture('woocommerce/order-created.json')
				: ((fixture('shopware/order-placed.json').data as Record<string, unknown>).payload as Record<string, unknown>).order as Record<string, unknown>;
	const span = to.getTime() - from.getTime();
	const out: Entry[] = [];
	for (let i = 0; i < count; i++) {
		const at = from.getTime() + Math.floor(((i + 0.5) * span) / count);
		const iso = new Date(at).toISOString();
		const email = `customer${idPrefix}-${i % customers}@example.com`;
		const cancelled = cancelEvery > 0 && (i + 1) % cancelEvery === 0;
		const raw = structuredClone(base);
		if (platform === 'shopify') {
			Object.assign(raw, { id: Number(`${idPrefix}${100000 + i}`), name: `#${1000 + i}`, order_number: 1000 + i, created_at: iso, processed_at: iso, updated_at: iso });
			Object.assign(raw, { email, contact_email: email, cancelled_at: cancelled ? iso : null, refunds: [] });
			raw.customer = { ...(raw.customer as object), id: Number(`${idPrefix}${500000 + (i % customers)}`), email };
		} else if (platform === 'woocommerce') {
			Object.assign(raw, { id: Number(`${idPrefix}${200000 + i}`), number: String(2000 + i), date_created: iso.slice(0, 19), date_created_gmt: iso.slice(0, 19), refunds: [] });
			Object.assign(raw, { status: cancelled ? 'cancelled' : 'processing', customer_id: Number(`${idPrefix}${600000 + (i % customers)}`) });
			raw.billing = { ...(raw.billing as object), email };
		} else {
			const id = `${idPrefix}${String(i).padStart(8, '0')}`.padStart(32, 'a');
			Object.assign(raw, { id, orderNumber: String(30000 + i), orderDateTime: iso, orderDate: iso.slice(0, 10) });
			raw.orderCustomer = { ...(raw.orderCustomer as object), email, customerId: `c${idPrefix}${i % customers}` };
			raw.stateMachineState = { technicalName: cancelled ? 'cancelled' : 'open', name: cancelled ? 'Cancelled' : 'Open' };
		}
		out.push({ at, raw, json: JSON.stringify(raw) });
	}
	return out;
}

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function inPeriod(entries: Entry[], from: string | undefined, to: string | undefined, exclusive: boolean): Entry[] {
	const lo = from ? Date.parse(from) : Number.NEGATIVE_INFINITY;
	const hi = to ? Date.parse(to) : Number.POSITIVE_INFINITY;
	return entries.filter((e) => (exclusive ? e.at > lo && e.at < hi : e.at >= lo && e.at <= hi));
}

export async function startShopServer(options: ShopServerOptions = {}): Promise<ShopServer> {
	const settings = {
		orders: options.orders ?? 30,
		from: options.from ?? new Date(Date.now() - 365 * 86_400_000),
		to: options.to ?? new Date(),
		customers: options.customers ?? options.orders ?? 30,
		cancelEvery: options.cancelEvery ?? 0,
		idPrefix: options.idPrefix ?? '',
	};
	const data: Record<ShopPlatform, Entry[]> = {
		shopify: generate('shopify', settings),
		woocommerce: generate('woocommerce', settings),
		shopware: generate('shopware', settings),
	};
	const requests: ShopRequest[] = [];
	let stormLeft = 0;
	let stormRetryAfter = '0.05';
	const failures = new Map<string, { times: number; status: number; retryAfter: string }>();
	const tokens = new Set<string>();
	let baseUrl = '';

	function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
		res.writeHead(status, { 'content-type': 'application/json', ...headers });
		res.end(typeof body === 'string' ? body : JSON.stringify(body));
	}

	const list = (entries: Entry[]) => `[${entries.map((e) => e.json).join(',')}]`;

	/** Rate limit and injected failures, in that order; true when the request was answered here. */
	function interfere(platform: ShopPlatform, page: number, res: ServerResponse): boolean {
		if (stormLeft > 0) {
			stormLeft--;
			requests.push({ platform, page, status: 429 });
			send(res, 429, { errors: 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.' }, { 'retry-after': stormRetryAfter });
			return true;
		}
		const failure = failures.get(`${platform}:${page}`);
		if (failure && failure.times > 0) {
			failure.times--;
			requests.push({ platform, page, status: failure.status });
			send(res, failure.status, { message: 'Service temporarily unavailable' }, failure.status === 429 ? { 'retry-after': failure.retryAfter } : {});
			return true;
		}
		return false;
	}

	function page<T>(list: T[], offset: number, limit: number) {
		return list.slice(offset, offset + limit);
	}

	async function handle(req: IncomingMessage, res: ServerResponse) {
		const url = new URL(req.url ?? '/', baseUrl);
		const q = url.searchParams;
		if (/^\/admin\/api\/[^/]+\/orders\.json$/.test(url.pathname)) {
			if (req.headers['x-shopify-access-token'] !== SHOP_AUTH.accessToken) return send(res, 401, { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
			const limit = Math.min(250, Number(q.get('limit') ?? 50));
			let cursor: { offset: number; min?: string; max?: string };
			const pageInfo = q.get('page_info');
			if (pageInfo) {
				if ([...q.keys()].some((k) => k !== 'page_info' && k !== 'limit')) return send(res, 400, { errors: { page_info: 'When page_info is set, only limit and fields may be given.' } });
				cursor = JSON.parse(Buffer.from(pageInfo, 'base64url').toString('utf8'));
			} else {
				if (q.get('status') !== 'any') return send(res, 400, { errors: 'test shop: status=any expected' });
				cursor = { offset: 0, min: q.get('created_at_min') ?? undefined, max: q.get('created_at_max') ?? undefined };
			}
			const pageNo = Math.floor(cursor.offset / limit) + 1;
			if (interfere('shopify', pageNo, res)) return;
			const found = inPeriod(data.shopify, cursor.min, cursor.max, false);
			const headers: Record<string, string> = { 'x-shopify-shop-api-call-limit': options.callLimit ?? '1/40' };
			if (cursor.offset + limit < found.length) {
				const next = Buffer.from(JSON.stringify({ ...cursor, offset: cursor.offset + limit })).toString('base64url');
				headers.link = `<${baseUrl}${url.pathname}?limit=${limit}&page_info=${next}>; rel="next"`;
				if (cursor.offset > 0) headers.link = `<${baseUrl}${url.pathname}?limit=${limit}&page_info=prev>; rel="previous", ${headers.link}`;
			}
			requests.push({ platform: 'shopify', page: pageNo, status: 200 });
			return send(res, 200, `{"orders":${list(page(found, cursor.offset, limit))}}`, headers);
		}
		if (url.pathname === '/wp-json/wc/v3/orders') {
			const expected = `Basic ${Buffer.from(`${SHOP_AUTH.consumerKey}:${SHOP_AUTH.consumerSecret}`).toString('base64')}`;
			if (req.headers.authorization !== expected) return send(res, 401, { code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot list resources.', data: { status: 401 } });
			const perPage = Math.min(100, Number(q.get('per_page') ?? 10));
			const pageNo = Number(q.get('page') ?? 1);
			if (interfere('woocommerce', pageNo, res)) return;
			const found = inPeriod(data.woocommerce, q.get('after') ?? undefined, q.get('before') ?? undefined, true);
			const totalPages = Math.max(1, Math.ceil(found.length / perPage));
			requests.push({ platform: 'woocommerce', page: pageNo, status: 200 });
			return send(res, 200, list(page(found, (pageNo - 1) * perPage, perPage)), { 'x-wp-total': String(found.length), 'x-wp-totalpages': String(totalPages) });
		}
		if (url.pathname === '/api/oauth/token' && req.method === 'POST') {
			const body = JSON.parse((await readBody(req)) || '{}');
			requests.push({ platform: 'token', page: null, status: 200 });
			if (body.grant_type !== 'client_credentials' || body.client_id !== SHOP_AUTH.accessKeyId || body.client_secret !== SHOP_AUTH.secretAccessKey) {
				return send(res, 401, { errors: [{ code: '0', status: '401', title: 'Unauthorized', detail: 'The client credentials are invalid.' }] });
			}
			const token = `sw-token-${tokens.size + 1}`;
			tokens.add(token);
			return send(res, 200, { token_type: 'Bearer', expires_in: 600, access_token: token });
		}
		if (url.pathname === '/api/search/order' && req.method === 'POST') {
			const token = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
			if (!tokens.has(token)) return send(res, 401, { errors: [{ status: '401', title: 'Unauthorized', detail: 'Access token could not be verified.' }] });
			const criteria = JSON.parse((await readBody(req)) || '{}');
			const limit = Number(criteria.limit ?? 25);
			const pageNo = Number(criteria.page ?? 1);
			if (interfere('shopware', pageNo, res)) return;
			const range = (criteria.filter ?? []).find((f: { type?: string; field?: string }) => f.type === 'range' && f.field === 'orderDateTime');
			const found = inPeriod(data.shopware, range?.parameters?.gte, range?.parameters?.lte, false);
			requests.push({ platform: 'shopware', page: pageNo, status: 200 });
			return send(res, 200, `{"total":${found.length},"data":${list(page(found, (pageNo - 1) * limit, limit))},"aggregations":[]}`);
		}
		// What the shop credential's "Test" button calls on each platform.
		if (url.pathname === '/api/_info/version' && req.method === 'GET') {
			const token = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
			if (!tokens.has(token)) return send(res, 401, { errors: [{ status: '401', title: 'Unauthorized', detail: 'Access token could not be verified.' }] });
			return send(res, 200, { version: '6.6.10.3' });
		}
		if (/^\/admin\/api\/[^/]+\/shop\.json$/.test(url.pathname)) {
			if (req.headers['x-shopify-access-token'] !== SHOP_AUTH.accessToken) return send(res, 401, { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
			return send(res, 200, { shop: { name: 'Beispiel Shop', myshopify_domain: 'beispiel-shop.myshopify.com' } });
		}
		if (url.pathname === '/wp-json/wc/v3/system_status') {
			const expected = `Basic ${Buffer.from(`${SHOP_AUTH.consumerKey}:${SHOP_AUTH.consumerSecret}`).toString('base64')}`;
			if (req.headers.authorization !== expected) return send(res, 401, { code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot list resources.', data: { status: 401 } });
			return send(res, 200, { environment: { version: '9.9.5' } });
		}
		send(res, 404, { message: `test shop: no route ${req.method} ${url.pathname}` });
	}

	const server: Server = createServer((req, res) => {
		handle(req, res).catch((error: Error) => send(res, 500, { message: error.message }));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		baseUrl,
		orders: (platform) => data[platform].map((e) => e.raw),
		replace(platform, index, raw) {
			const entry = data[platform][index];
			entry.raw = raw as Record<string, unknown>;
			entry.json = JSON.stringify(raw);
		},
		storm(count, retryAfter = '0.05') {
			stormLeft = count;
			stormRetryAfter = retryAfter;
		},
		failPage(platform, pageNo, times, status = 503, retryAfter = '0.05') {
			failures.set(`${platform}:${pageNo}`, { times, status, retryAfter });
		},
		heal() {
			failures.clear();
			stormLeft = 0;
		},
		requests,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
