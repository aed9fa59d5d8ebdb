import type { AdaptContext, AdaptedEvent, AdaptResult, CommerceAdapter, HeaderMap } from '../adapter';
import { header } from '../adapter';
import type { CanonicalEvent, Customer } from '../model';
import { emptyCustomer } from '../customer';
import { currencyCode } from '../money';
import { str } from '../values';
import { shopifyCart, shopifyOrderCartTokens } from './checkout';
import { shopifyAddress, shopifyCustomer } from './customer';
import { shopifyShipment } from './fulfillment';
import { requireObject, shopifyOrder } from './order';
import { shopifyRefund, shopifyReturn } from './returns';

export { SHOPIFY_API_VERSION, shopifyDiscountRequests, shopifyTopicsFor, shopifyWebhookRequests } from './api';

/**
 * Shopify webhooks: base64 HMAC-SHA256 of the raw body with the app's secret in `X-Shopify-Hmac-Sha256`; the topic
 * in `X-Shopify-Topic`; `X-Shopify-Webhook-Id` stays the same across Shopify's retries of one delivery.
 */
export const SHOPIFY_TOPICS = [
	'checkouts/create',
	'checkouts/update',
	'orders/create',
	'orders/paid',
	'orders/cancelled',
	'fulfillments/create',
	'fulfillments/update',
	'returns/request',
	'returns/approve',
	'refunds/create',
] as const;

function base(topic: string, context: AdaptContext, customer: Customer) {
	return { platform: 'shopify' as const, receivedAt: context.receivedAt, eventId: context.eventId, topic, customer };
}

export const shopifyAdapter: CommerceAdapter = {
	platform: 'shopify',
	signature: { header: 'x-shopify-hmac-sha256', algorithm: 'sha256', encoding: 'base64' },
	topics: SHOPIFY_TOPICS,

	topic(headers: HeaderMap) {
		return header(headers, 'x-shopify-topic')?.toLowerCase() ?? null;
	},

	eventId(headers: HeaderMap) {
		return header(headers, 'x-shopify-webhook-id') ?? header(headers, 'x-shopify-event-id');
	},

	adapt(topic: string, body: unknown, _headers: HeaderMap, context: AdaptContext): AdaptResult {
		const payload = requireObject(body, `Shopify ${topic}`);
		const events: AdaptedEvent[] = [];
		switch (topic) {
			case 'checkouts/create':
			case 'checkouts/update': {
				const cart = shopifyCart(payload);
				const customer = shopifyCustomer(payload, shopifyAddress(payload.shipping_address), shopifyAddress(payload.billing_address));
				// A completed checkout is an order: the order webhook cancels the reminders, this update starts none.
				if (str(payload.completed_at)) return { ignored: 'checkout_completed' };
				// One claim per state of the cart: a redelivery of the same update is a duplicate, a new update is not.
				events.push({ key: `cart:${cart.id}:${cart.abandonedAt ?? context.eventId}`, event: { ...base(topic, context, customer), event: 'cart.updated', cart } });
				break;
			}
			case 'orders/create':
			case 'orders/paid': {
				const order = shopifyOrder(payload);
				const customer = shopifyCustomer(payload, order.shippingAddress, order.billingAddress);
				const name = topic === 'orders/create' ? 'order.placed' : 'order.paid';
				events.push({
					key: `order:${order.id}:${name === 'order.placed' ? 'placed' : 'paid'}`,
					event: { ...base(topic, context, customer), event: name, order },
					cartTokens: shopifyOrderCartTokens(payload),
				});
				break;
			}
			case 'orders/cancelled': {
				// Shopify cancels with `financial_status` "refunded" when the money went back, else "voided" or unchanged.
				const order = shopifyOrder(payload);
				const customer = shopifyCustomer(payload, order.shippingAddress, order.billingAddress);
				events.push({ key: `order:${order.id}:cancelled`, event: { ...base(topic, context, customer), event: 'order.cancelled', order } });
				break;
			}
			case 'fulfillments/create':
			case 'fulfillments/update': {
				if (str(payload.status) === 'cancelled' || str(payload.status) === 'error' || str(payload.status) === 'failure') {
					return { ignored: 'fulfillment_not_shipped' };
				}
				const shipment = shopifyShipment(payload, currencyCode(payload.currency));
				const destination = shopifyAddress(payload.destination);
				const customer = shopifyCustomer(payload, destination, null);
				const name = topic === 'fulfillments/create' ? 'shipment.created' : 'shipment.updated';
				// Keyed by the tracking numbers: an update that adds tracking fires once more, a repeat does not.
				const key = `shipment:${shipment.id ?? context.eventId}:${[...shipment.trackingNumbers].sort().join(',') || 'none'}`;
				events.push({ key, event: { ...base(topic, context, customer), event: name, shipment } });
				break;
			}
			case 'returns/request':
			case 'returns/approve': {
				const status = topic === 'returns/request' ? 'requested' : 'approved';
				const ret = shopifyReturn(payload, status);
				// Return webhooks carry no customer; look the order up by `return.orderId` when you need one.
				events.push({
					key: `return:${ret.id}:${status}`,
					event: { ...base(topic, context, emptyCustomer()), event: status === 'requested' ? 'return.requested' : 'return.approved', return: ret },
				});
				break;
			}
			case 'refunds/create': {
				const ret = shopifyRefund(payload);
				events.push({ key: `refund:${ret.id}`, event: { ...base(topic, context, emptyCustomer()), event: 'refund.created', return: ret } as CanonicalEvent });
				break;
			}
			default:
				return { ignored: 'unknown_topic' };
		}
		return { events };
	},
};
