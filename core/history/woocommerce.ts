import { WOO_API_BASE, wooAdapter } from '../commerce';
import { InputError } from '../shared/errors';
import { ordersIn, rawObject } from './raw';
import type { ImportPeriod, OrderSource, SourceDeps } from './types';

/**
 * WooCommerce REST `wc/v3/orders`: created in the period (GMT), oldest first, up to 100 a page, page by page until
 * `X-WP-TotalPages`. Oldest first keeps the pages stable while new orders arrive during the import.
 */
export const WOO_MAX_PAGE = 100;
const CANCELLED = new Set(['cancelled', 'failed', 'trash']);

export function wooSource(access: { consumerKey?: string; consumerSecret?: string }, period: ImportPeriod, scope: string, deps: SourceDeps): OrderSource {
	if (!access.consumerKey) throw new InputError('The WooCommerce consumer key is missing.', 'consumerKey', 'Create a REST API key with read rights (WooCommerce → Settings → Advanced → REST API) and add it to the shop credential.');
	if (!access.consumerSecret) throw new InputError('The WooCommerce consumer secret is missing.', 'consumerSecret', 'Add the consumer secret shown with the REST API key to the shop credential.');
	const perPage = Math.min(WOO_MAX_PAGE, deps.pageSize ?? WOO_MAX_PAGE);
	const authorization = `Basic ${Buffer.from(`${access.consumerKey}:${access.consumerSecret}`).toString('base64')}`;
	return {
		platform: 'woocommerce',
		service: 'WooCommerce',
		scope,
		async fetchPage(cursor) {
			const page = cursor ? Math.max(1, Number.parseInt(cursor, 10) || 1) : 1;
			const res = await deps.http.request<unknown>({
				path: `${WOO_API_BASE}/orders`,
				query: { after: period.from.toISOString(), before: period.to.toISOString(), dates_are_gmt: 'true', per_page: perPage, page, orderby: 'date', order: 'asc' },
				headers: { authorization },
				exposeHeaders: ['x-wp-totalpages'],
			});
			const orders = ordersIn(res.body, null, 'WooCommerce');
			const totalPages = Number(res.headers['x-wp-totalpages']);
			const more = Number.isFinite(totalPages) && res.headers['x-wp-totalpages'] !== undefined ? page < totalPages : orders.length === perPage;
			return { orders, next: more ? String(page + 1) : null };
		},
		eventsOf(raw, receivedAt) {
			const order = rawObject(raw);
			// As an `order.created` delivery: the placement, then what the order already carries (refunds).
			const adapted = wooAdapter.adapt('order.created', order, {}, { receivedAt, eventId: `import:woocommerce:${String(order.id)}` });
			return 'events' in adapted ? adapted.events.map((e) => e.event) : [];
		},
		cancelled(raw) {
			return CANCELLED.has(String(rawObject(raw).status ?? '').toLowerCase());
		},
	};
}
