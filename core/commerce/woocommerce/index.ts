import type { AdaptContext, AdaptedEvent, AdaptResult, CommerceAdapter, HeaderMap } from '../adapter';
import { header } from '../adapter';
import type { Customer } from '../model';
import { requireObject } from '../shopify/order';
import { str } from '../values';
import { wooRefunds, wooShipments } from './events';
import { PAID_STATUSES, wooCustomer, wooOrder } from './order';

export { WOO_API_BASE, wooTopicsFor, wooWebhookRequests } from './api';

/**
 * WooCommerce webhooks: base64 HMAC-SHA256 of the raw body with the webhook's secret in `X-WC-Webhook-Signature`;
 * topic in `X-WC-Webhook-Topic`; `X-WC-Webhook-Delivery-ID` identifies one delivery. WooCommerce has no separate
 * paid/shipped/refunded topics, so `order.updated` is read as a status transition, and each transition gets its
 * own key (`order:<id>:paid`, `shipment:<id>:<tracking>`, `refund:<id>`) so later updates do not fire it again.
 */
export const WOO_TOPICS = ['order.created', 'order.updated'] as const;

export const wooAdapter: CommerceAdapter = {
	platform: 'woocommerce',
	signature: { header: 'x-wc-webhook-signature', algorithm: 'sha256', encoding: 'base64' },
	topics: WOO_TOPICS,

	topic(headers: HeaderMap) {
		return header(headers, 'x-wc-webhook-topic')?.toLowerCase() ?? null;
	},

	eventId(headers: HeaderMap) {
		return header(headers, 'x-wc-webhook-delivery-id');
	},

	isPing(headers: HeaderMap, rawBody: Buffer) {
		// On creation WooCommerce posts `webhook_id=<n>` unsigned and disables the hook unless it gets a 2xx.
		return !header(headers, 'x-wc-webhook-signature') && /^webhook_id=\d+$/.test(rawBody.toString('utf8').trim());
	},

	adapt(topic: string, body: unknown, _headers: HeaderMap, context: AdaptContext): AdaptResult {
		const payload = requireObject(body, `WooCommerce ${topic}`);
		if (topic !== 'order.created' && topic !== 'order.updated') return { ignored: 'unknown_topic' };
		const order = wooOrder(payload);
		const customer = wooCustomer(payload, order.shippingAddress, order.billingAddress);
		const base = (c: Customer) => ({ platform: 'woocommerce' as const, receivedAt: context.receivedAt, eventId: context.eventId, topic, customer: c });
		const events: AdaptedEvent[] = [];
		if (topic === 'order.created') events.push({ key: `order:${order.id}:placed`, event: { ...base(customer), event: 'order.placed', order } });
		const status = str(payload.status)?.toLowerCase() ?? '';
		if (PAID_STATUSES.has(status)) {
			events.push({ key: `order:${order.id}:paid`, event: { ...base(customer), event: 'order.paid', order } });
		}
		// A cancelled or fully refunded order leaves the order history (one event per order and state).
		if (status === 'cancelled' || status === 'refunded') {
			events.push({ key: `order:${order.id}:${status}`, event: { ...base(customer), event: 'order.cancelled', order } });
		}
		for (const { key, shipment } of wooShipments(payload)) {
			events.push({ key, event: { ...base(customer), event: 'shipment.created', shipment } });
		}
		for (const { key, ret } of wooRefunds(payload)) {
			events.push({ key, event: { ...base(customer), event: 'refund.created', return: ret } });
		}
		return events.length ? { events } : { ignored: 'no_relevant_change' };
	},
};
