import type { JourneyStore } from '../store/JourneyStore';
import type { CanonicalEvent, Platform } from './model';

/**
 * Payments the shop reported (Shopify `orders/paid`, WooCommerce orders turning processing/completed, Shopware
 * `state_enter.order_transaction.state.paid`, Custom JSON `order.paid`), kept in the journey store so that a
 * journey started by the unpaid order (a payment reminder after a wait) can look again before it sends. Every
 * commerce trigger records the payments it receives, whether or not it emits them, so one shop webhook for paid
 * orders is enough for all workflows. Kept in the store's small shared state (`cachePut`), keyed by platform and order id.
 */

export const PAYMENT_NAMESPACE = 'order_paid';
/** Longer than any reminder wait; a reminder for an order over a year old is not sent anyway. */
export const PAYMENT_TTL_MS = 400 * 24 * 3_600_000;

export interface RecordedPayment {
	platform: string;
	orderId: string;
	/** When the shop reported the payment (the event's receive time). */
	paidAt: string;
	/** The delivery that reported it. */
	eventId: string;
}

export type PaymentStore = Pick<JourneyStore, 'cachePut' | 'cacheGet'>;

function keyOf(platform: string, orderId: string): string {
	return `${platform}:${orderId}`;
}

/** The payment an event reports, or null for every other event. */
export function paymentOf(event: CanonicalEvent): RecordedPayment | null {
	if (event.event !== 'order.paid' || !('order' in event) || !event.order?.id) return null;
	return { platform: event.platform, orderId: String(event.order.id), paidAt: event.receivedAt, eventId: event.eventId };
}

export async function recordPayment(store: Pick<JourneyStore, 'cachePut'>, payment: RecordedPayment): Promise<void> {
	await store.cachePut(PAYMENT_NAMESPACE, keyOf(payment.platform, payment.orderId), payment, PAYMENT_TTL_MS);
}

/** The payment recorded for an order, or null when the shop has not reported one. */
export async function findPayment(store: Pick<JourneyStore, 'cacheGet'>, platform: Platform | string, orderId: string): Promise<RecordedPayment | null> {
	return store.cacheGet<RecordedPayment>(PAYMENT_NAMESPACE, keyOf(String(platform), String(orderId)));
}
