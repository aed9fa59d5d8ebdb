import type { CommerceEventName } from '../model';

/**
 * Shopify Admin REST calls for registering our webhooks. The API version is a named constant (Shopify retires
 * versions after a year; bump it here, in one place). The node sends these through n8n's HTTP helper with the
 * credential's access token.
 */
export const SHOPIFY_API_VERSION = '2025-07';

const TOPIC_FOR_EVENT: Partial<Record<CommerceEventName, string | string[]>> = {
	'cart.updated': ['checkouts/create', 'checkouts/update'],
	'order.placed': 'orders/create',
	'order.paid': 'orders/paid',
	'order.cancelled': 'orders/cancelled',
	'shipment.created': 'fulfillments/create',
	'shipment.updated': 'fulfillments/update',
	'return.requested': 'returns/request',
	'return.approved': 'returns/approve',
	'refund.created': 'refunds/create',
};

export function shopifyTopicsFor(events: CommerceEventName[]): string[] {
	return [...new Set(events.flatMap((e) => TOPIC_FOR_EVENT[e] ?? []))].sort();
}

export interface ApiRequest {
	method: 'GET' | 'POST' | 'DELETE';
	url: string;
	body?: Record<string, unknown>;
	qs?: Record<string, string>;
}

function adminBase(shopUrl: string): string {
	const trimmed = shopUrl.trim().replace(/\/+$/, '');
	const withScheme = /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
	return `${withScheme}/admin/api/${SHOPIFY_API_VERSION}`;
}

export const shopifyWebhookRequests = {
	list(shopUrl: string, address: string): ApiRequest {
		return { method: 'GET', url: `${adminBase(shopUrl)}/webhooks.json`, qs: { address, limit: '250' } };
	},
	create(shopUrl: string, topic: string, address: string): ApiRequest {
		return { method: 'POST', url: `${adminBase(shopUrl)}/webhooks.json`, body: { webhook: { topic, address, format: 'json' } } };
	},
	delete(shopUrl: string, id: string): ApiRequest {
		return { method: 'DELETE', url: `${adminBase(shopUrl)}/webhooks/${encodeURIComponent(id)}.json` };
	},
};

/**
 * A discount code under an existing price rule (the rule sets the value, e.g. 10 %, and how often a code may be used;
 * the shop owner creates it once in the Shopify admin). Each cart gets its own code.
 */
export const shopifyDiscountRequests = {
	create(shopUrl: string, priceRuleId: string, code: string): ApiRequest {
		return { method: 'POST', url: `${adminBase(shopUrl)}/price_rules/${encodeURIComponent(priceRuleId)}/discount_codes.json`, body: { discount_code: { code } } };
	},
};
