import type { CommerceEventName } from '../model';
import type { ApiRequest } from '../shopify/api';

/** WooCommerce REST (`/wp-json/wc/v3`) calls for registering our webhooks; auth is the consumer key + secret. */
export const WOO_API_BASE = '/wp-json/wc/v3';

export function wooTopicsFor(events: CommerceEventName[]): string[] {
	const topics = new Set<string>();
	for (const e of events) {
		if (e === 'order.placed') topics.add('order.created');
		// Paid, shipped and refunded are status changes that arrive as order updates; a paid-at-checkout order
		// is already `processing` when it is created.
		else if (e === 'order.paid') topics.add('order.created').add('order.updated');
		// WooCommerce has no cart webhook: carts come through Custom JSON (docs/setup-shops.md).
		else if (e !== 'cart.updated') topics.add('order.updated');
	}
	return [...topics].sort();
}

function apiBase(shopUrl: string): string {
	const trimmed = shopUrl.trim().replace(/\/+$/, '');
	return `${/^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`}${WOO_API_BASE}`;
}

export const wooWebhookRequests = {
	get(shopUrl: string, id: string): ApiRequest {
		return { method: 'GET', url: `${apiBase(shopUrl)}/webhooks/${encodeURIComponent(id)}` };
	},
	create(shopUrl: string, topic: string, deliveryUrl: string, secret: string, name: string): ApiRequest {
		return { method: 'POST', url: `${apiBase(shopUrl)}/webhooks`, body: { name, topic, delivery_url: deliveryUrl, secret, status: 'active' } };
	},
	delete(shopUrl: string, id: string): ApiRequest {
		return { method: 'DELETE', url: `${apiBase(shopUrl)}/webhooks/${encodeURIComponent(id)}`, qs: { force: 'true' } };
	},
};
