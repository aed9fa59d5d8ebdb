import { shopwareAdapter } from '../commerce';
import type { CanonicalEvent } from '../commerce';
import { InputError, RemoteError } from '../shared/errors';
import type { HttpClient } from '../shared/http';
import { ordersIn, rawObject } from './raw';
import type { ImportPeriod, OrderSource, SourceDeps } from './types';

/**
 * Shopware 6 Admin API: an OAuth client-credentials token from the integration's access key (`POST /api/oauth/token`,
 * valid ten minutes, fetched again on a 401), then `POST /api/search/order` page by page with a criteria object:
 * placed in the period, oldest first, with what the order adapter reads (line items, customer, addresses,
 * deliveries, transactions, states).
 */
export const SHOPWARE_MAX_PAGE = 100;

const ASSOCIATIONS = {
	lineItems: {},
	orderCustomer: {},
	currency: {},
	language: { associations: { locale: {} } },
	billingAddress: { associations: { country: {}, countryState: {} } },
	deliveries: { associations: { shippingOrderAddress: { associations: { country: {}, countryState: {} } }, shippingMethod: {}, stateMachineState: {} } },
	transactions: { associations: { stateMachineState: {} } },
	stateMachineState: {},
};

async function fetchToken(http: HttpClient, clientId: string, clientSecret: string): Promise<string> {
	const res = await http.request<{ access_token?: unknown }>({
		method: 'POST',
		path: '/api/oauth/token',
		json: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret },
	});
	const token = res.body?.access_token;
	if (typeof token !== 'string' || !token) throw new RemoteError('Shopware', 'Shopware did not return an access token', { hint: 'Check the access key ID and secret of the integration.' });
	return token;
}

export function shopwareSource(access: { accessKeyId?: string; secretAccessKey?: string }, period: ImportPeriod, scope: string, shopUrl: string, deps: SourceDeps): OrderSource {
	if (!access.accessKeyId) throw new InputError('The Shopware access key ID is missing.', 'accessKeyId', 'Create an integration (Settings → System → Integrations) and add its access key ID to the shop credential.');
	if (!access.secretAccessKey) throw new InputError('The Shopware secret access key is missing.', 'secretAccessKey', 'Add the secret access key shown when the integration was created to the shop credential.');
	const limit = Math.min(SHOPWARE_MAX_PAGE, deps.pageSize ?? SHOPWARE_MAX_PAGE);
	let token: string | null = null;
	const search = async (page: number, fresh: boolean) => {
		if (!token || fresh) token = await fetchToken(deps.http, access.accessKeyId as string, access.secretAccessKey as string);
		return deps.http.request<{ data?: unknown; total?: unknown }>({
			method: 'POST',
			path: '/api/search/order',
			headers: { authorization: `Bearer ${token}` },
			json: {
				page,
				limit,
				'total-count-mode': 1,
				filter: [{ type: 'range', field: 'orderDateTime', parameters: { gte: period.from.toISOString(), lte: period.to.toISOString() } }],
				sort: [
					{ field: 'orderDateTime', order: 'ASC' },
					{ field: 'id', order: 'ASC' },
				],
				associations: ASSOCIATIONS,
			},
		});
	};
	return {
		platform: 'shopware',
		service: 'Shopware',
		scope,
		async fetchPage(cursor) {
			const page = cursor ? Math.max(1, Number.parseInt(cursor, 10) || 1) : 1;
			// Tokens last ten minutes; a long import outlives one.
			const res = await search(page, false).catch((error: unknown) =>
				error instanceof RemoteError && error.httpCode === 401 ? search(page, true) : Promise.reject(error),
			);
			const orders = ordersIn(res.body, 'data', 'Shopware');
			const total = Number(res.body?.total);
			const more = Number.isFinite(total) && res.body?.total !== undefined ? page * limit < total : orders.length === limit;
			return { orders, next: more ? String(page + 1) : null };
		},
		eventsOf(raw, receivedAt) {
			const order = rawObject(raw);
			const context = { receivedAt, eventId: `import:shopware:${String(order.id)}` };
			const envelope = (event: string) => ({ data: { event, payload: { order } }, source: { url: shopUrl } });
			const events: CanonicalEvent[] = [];
			const placed = shopwareAdapter.adapt('checkout.order.placed', envelope('checkout.order.placed'), {}, context);
			if ('events' in placed) events.push(...placed.events.map((e) => e.event));
			const deliveries = Array.isArray(order.deliveries) ? order.deliveries : [];
			if (deliveries.some((d) => rawObject(d).stateMachineState && (rawObject(d).stateMachineState as { technicalName?: unknown }).technicalName === 'returned')) {
				const topic = 'state_enter.order_delivery.state.returned';
				const returned = shopwareAdapter.adapt(topic, envelope(topic), {}, context);
				if ('events' in returned) events.push(...returned.events.map((e) => e.event));
			}
			return events;
		},
		cancelled(raw) {
			const state = rawObject(raw).stateMachineState;
			return Boolean(state && typeof state === 'object' && (state as { technicalName?: unknown }).technicalName === 'cancelled');
		},
	};
}
