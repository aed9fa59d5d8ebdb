import { SHOPIFY_API_VERSION, shopifyAdapter } from '../commerce';
import type { CanonicalEvent } from '../commerce';
import { InputError } from '../shared/errors';
import { shopifyCallLimitPause } from './pacing';
import { ordersIn, rawObject } from './raw';
import type { ImportPeriod, OrderSource, SourceDeps } from './types';

/**
 * Shopify Admin REST `orders.json`: all statuses, created in the period, oldest first, up to 250 a page. The next
 * page is the `page_info` of the `rel="next"` link in the `Link` header; a page_info request carries only `limit`
 * (Shopify rejects the filters next to it).
 */
export const SHOPIFY_MAX_PAGE = 250;
const CALL_LIMIT = 'x-shopify-shop-api-call-limit';

/** The `page_info` of the next page from a `Link` header; null when there is none or it cannot be read. */
export function nextPageInfo(link: string | undefined | null): string | null {
	for (const part of String(link ?? '').split(',')) {
		const match = /<([^>]+)>\s*;\s*rel="?next"?/i.exec(part);
		if (!match) continue;
		try {
			return new URL(match[1]).searchParams.get('page_info');
		} catch {
			return null;
		}
	}
	return null;
}

export function shopifySource(access: { accessToken?: string }, period: ImportPeriod, scope: string, deps: SourceDeps): OrderSource {
	if (!access.accessToken) {
		throw new InputError('The Shopify Admin API access token is missing.', 'accessToken', 'Add the access token of a custom app with the read_orders scope (read_all_orders for orders older than 60 days) to the shop credential.');
	}
	const limit = Math.min(SHOPIFY_MAX_PAGE, deps.pageSize ?? SHOPIFY_MAX_PAGE);
	return {
		platform: 'shopify',
		service: 'Shopify',
		scope,
		async fetchPage(cursor) {
			const query = cursor
				? { limit, page_info: cursor }
				: { status: 'any', created_at_min: period.from.toISOString(), created_at_max: period.to.toISOString(), limit, order: 'created_at asc' };
			const res = await deps.http.request<unknown>({
				path: `/admin/api/${SHOPIFY_API_VERSION}/orders.json`,
				query,
				headers: { 'x-shopify-access-token': access.accessToken as string },
				exposeHeaders: ['link', CALL_LIMIT],
			});
			await deps.pause(shopifyCallLimitPause(res.headers[CALL_LIMIT]));
			return { orders: ordersIn(res.body, 'orders', 'Shopify'), next: nextPageInfo(res.headers.link) };
		},
		eventsOf(raw, receivedAt) {
			const order = rawObject(raw);
			const context = { receivedAt, eventId: `import:shopify:${String(order.id)}` };
			const events: CanonicalEvent[] = [];
			const placed = shopifyAdapter.adapt('orders/create', order, {}, context);
			if ('events' in placed) events.push(...placed.events.map((e) => e.event));
			// The order lists its refunds; each is what a refunds/create webhook would have delivered.
			for (const refund of Array.isArray(order.refunds) ? order.refunds : []) {
				const adapted = shopifyAdapter.adapt('refunds/create', { order_id: order.id, ...rawObject(refund) }, {}, context);
				if ('events' in adapted) events.push(...adapted.events.map((e) => e.event));
			}
			return events;
		},
		cancelled(raw) {
			return Boolean(rawObject(raw).cancelled_at);
		},
	};
}
