import type { AdaptContext, AdaptedEvent, AdaptResult, CommerceAdapter, HeaderMap } from '../adapter';
import { header } from '../adapter';
import { carrierFromPlatform } from '../carrier';
import type { Return, Shipment } from '../model';
import { requireObject } from '../shopify/order';
import { isoTime } from '../time';
import { arr, obj, path, str } from '../values';
import type { Json } from '../values';
import { shopwareBilling, shopwareCurrency, shopwareCustomer, shopwareLineItems, shopwareOrder, shopwareAddress } from './order';

/**
 * Shopware 6 app webhooks: hex HMAC-SHA256 of the raw body with the shop secret in `shopware-shop-signature`;
 * the event name in `data.event`, the entity in `data.payload.order`; `source.eventId` (also the
 * `X-Shopware-Event-Id` header) is stable across Shopware's retries.
 */
export const SHOPWARE_TOPICS = [
	'checkout.order.placed',
	'state_enter.order_transaction.state.paid',
	'state_enter.order.state.cancelled',
	'state_enter.order_delivery.state.shipped',
	'state_enter.order_delivery.state.shipped_partially',
	'state_enter.order_delivery.state.returned',
	'state_enter.order_delivery.state.returned_partially',
] as const;

function deliveries(order: Json): Json[] {
	return arr(order.deliveries).map((d) => obj(d) ?? {});
}

function shipmentOf(order: Json, delivery: Json, currency: string | null): Shipment {
	const numbers = arr(delivery.trackingCodes).map(str).filter((n): n is string => n !== null);
	const carrier = carrierFromPlatform(path(delivery, 'shippingMethod.name'));
	const urlTemplate = str(path(delivery, 'shippingMethod.trackingUrl'));
	// Shopware shipping methods hold a tracking URL with `%s` for the code.
	const urlFor = (code: string) => (urlTemplate && urlTemplate.includes('%s') ? urlTemplate.replace('%s', encodeURIComponent(code)) : null);
	const earliest = isoTime(delivery.shippingDateEarliest);
	const latest = isoTime(delivery.shippingDateLatest);
	return {
		id: str(delivery.id),
		orderId: str(order.id),
		orderNumber: str(order.orderNumber),
		trackingNumber: numbers[0] ?? null,
		carrier,
		trackingUrl: numbers[0] ? urlFor(numbers[0]) : null,
		trackingNumbers: numbers,
		trackings: numbers.map((trackingNumber) => ({ trackingNumber, trackingUrl: urlFor(trackingNumber), carrier: { ...carrier } })),
		shippedAt: isoTime(delivery.updatedAt) ?? isoTime(order.updatedAt),
		estimatedDelivery: earliest || latest ? { earliest, latest, source: 'shop', confidence: null, text: null } : null,
		status: str(path(delivery, 'stateMachineState.technicalName')),
		lineItems: shopwareLineItems(order, currency),
		shippingAddress: shopwareAddress(delivery.shippingOrderAddress),
	};
}

export const shopwareAdapter: CommerceAdapter = {
	platform: 'shopware',
	signature: { header: 'shopware-shop-signature', algorithm: 'sha256', encoding: 'hex' },
	topics: SHOPWARE_TOPICS,

	topic(_headers: HeaderMap, body: unknown) {
		return str(path(body, 'data.event'));
	},

	eventId(headers: HeaderMap, body: unknown) {
		return str(path(body, 'source.eventId')) ?? header(headers, 'x-shopware-event-id');
	},

	adapt(topic: string, body: unknown, _headers: HeaderMap, context: AdaptContext): AdaptResult {
		const envelope = requireObject(body, `Shopware ${topic}`);
		const order = obj(path(envelope, 'data.payload.order'));
		if (!order) return { ignored: 'no_order_in_payload' };
		const shopUrl = str(path(envelope, 'source.url'));
		const currency = shopwareCurrency(order);
		const canonicalOrder = shopwareOrder(order, shopUrl);
		const customer = shopwareCustomer(order, canonicalOrder.shippingAddress, shopwareBilling(order));
		const base = { platform: 'shopware' as const, receivedAt: context.receivedAt, eventId: context.eventId, topic, customer };
		const events: AdaptedEvent[] = [];
		const state = topic.split('.').pop() ?? '';
		if (topic === 'checkout.order.placed') {
			events.push({ key: `order:${canonicalOrder.id}:placed`, event: { ...base, event: 'order.placed', order: canonicalOrder } });
		} else if (topic === 'state_enter.order_transaction.state.paid') {
			events.push({ key: `order:${canonicalOrder.id}:paid`, event: { ...base, event: 'order.paid', order: { ...canonicalOrder, financialStatus: 'paid' } } });
		} else if (topic === 'state_enter.order.state.cancelled') {
			events.push({ key: `order:${canonicalOrder.id}:cancelled`, event: { ...base, event: 'order.cancelled', order: canonicalOrder } });
		} else if (topic.startsWith('state_enter.order_delivery.state.shipped')) {
			const list = deliveries(order);
			const shipped = list.filter((d) => path(d, 'stateMachineState.technicalName') === state);
			for (const delivery of shipped.length ? shipped : list.slice(0, 1)) {
				const shipment = shipmentOf(order, delivery, currency);
				const key = `shipment:${shipment.id ?? canonicalOrder.id}:${[...shipment.trackingNumbers].sort().join(',') || 'none'}`;
				events.push({ key, event: { ...base, event: 'shipment.created', shipment } });
			}
		} else if (topic.startsWith('state_enter.order_delivery.state.returned')) {
			const delivery = deliveries(order).find((d) => path(d, 'stateMachineState.technicalName') === state) ?? deliveries(order)[0] ?? {};
			// Core Shopware records no per-item return reasons; a full return lists every product.
			const items =
				state === 'returned'
					? canonicalOrder.lineItems.map((li) => ({ sku: li.sku, productId: li.productId, title: li.title, quantity: li.quantity, reason: 'other' as const, reasonRaw: null, note: null }))
					: [];
			const ret: Return = {
				id: str(delivery.id) ?? canonicalOrder.id,
				orderId: canonicalOrder.id,
				orderNumber: canonicalOrder.number,
				status: state === 'returned' ? 'received' : 'partially_received',
				items,
				reason: 'other',
				refund: null,
				requestedAt: isoTime(delivery.updatedAt),
			};
			events.push({ key: `return:${ret.id}:${state}`, event: { ...base, event: 'return.received', return: ret } });
		} else {
			return { ignored: 'unknown_topic' };
		}
		return { events };
	},
};
