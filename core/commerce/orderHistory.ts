import { InputError } from '../shared/errors';
import type { OrderContact, OrderHistoryStore, ReturnedItem } from '../store/concerns/orderHistory';
import { normalizeSubject } from '../store/subject';
import type { CanonicalEvent, Customer } from './model';

/**
 * Keeps the journey store's order history (`store.orders`) in step with what the shop reports, for refill reminders
 * and win-back. Called from the shared receive path for every delivery, whichever trigger receives it, like the
 * payment record: placed and paid orders are recorded (a redelivery or update replaces the order), refunds and
 * received returns take their items back, a full refund without items takes the whole order back, and a cancelled
 * order (`order.cancelled`: Shopify `orders/cancelled`, WooCommerce status cancelled or refunded, Shopware's
 * cancelled state) leaves the history. Discount codes are recorded with the order, for win-back's "was our voucher
 * redeemed?". The contact (e-mail, phone, name, language) is kept with the order for the reminders it leads to.
 *
 * A refund and a return of the same goods are different entities at the shop, so a platform that reports both for
 * one return would take the units back twice; the adapters report one of them (Shopify and WooCommerce refunds,
 * Shopware returns), Custom JSON users should map one.
 */

/** The customer's e-mail, else phone, in store form; null when neither is a usable subject (then the customer id keys). */
function subjectOf(customer: Customer): string | null {
	for (const [channel, value] of [['email', customer.email], ['sms', customer.phone]] as const) {
		if (!value) continue;
		try {
			return normalizeSubject(channel, value);
		} catch (error) {
			if (!(error instanceof InputError)) throw error;
		}
	}
	return null;
}

function contactOf(c: Customer, postalCode: string | null | undefined): OrderContact {
	return {
		email: c.email,
		phone: c.phone,
		firstName: c.firstName,
		lastName: c.lastName,
		locale: c.locale,
		country: c.country,
		timezone: c.timezone,
		postalCode,
		consent: c.consent as unknown as Record<string, unknown>,
	};
}

function returnedItems(items: ReadonlyArray<{ sku: string | null; productId: string | null; quantity: number }>): ReturnedItem[] {
	return items.filter((i) => (i.sku || i.productId) && Number.isInteger(i.quantity) && i.quantity > 0).map((i) => ({ sku: i.sku, productId: i.productId, quantity: i.quantity }));
}

/**
 * Applies one event to the history. Data the history cannot hold (an over-long SKU …) is left out rather than
 * failing the delivery: the history serves reminders, it is no record the shop relies on. Store failures propagate,
 * so the shop retries. For an order: true when the history did not know it yet, false when it replaced it, and
 * undefined when it was left out (the history import counts these).
 */
export async function applyToOrderHistory(orders: OrderHistoryStore, event: CanonicalEvent): Promise<boolean | undefined> {
	try {
		if (event.event === 'order.cancelled') {
			await orders.cancel(event.platform, event.order.id, event.order.financialStatus === 'refunded' ? 'refunded' : 'cancelled', new Date(event.receivedAt));
			return;
		}
		if ('order' in event) {
			const { order, customer } = event;
			return await orders.record({
				platform: event.platform,
				orderId: order.id,
				number: order.number,
				subject: subjectOf(customer),
				customerId: customer.id,
				placedAt: new Date(order.placedAt ?? event.receivedAt),
				currency: order.currency,
				total: order.total,
				lineItems: order.lineItems,
				discountCodes: order.discountCodes ?? [],
				contact: contactOf(customer, order.shippingAddress?.postalCode),
			});
		}
		if (!('return' in event) || (event.event !== 'refund.created' && event.event !== 'return.received')) return undefined;
		const ret = event.return;
		if (!ret.orderId) return undefined;
		const items = returnedItems(ret.items);
		if (items.length > 0) {
			await orders.takeBack(event.platform, ret.orderId, ret.id, items, new Date(event.receivedAt));
		} else if (event.platform === 'woocommerce' && ret.items.length === 0 && ret.id === `${ret.orderId}-refund`) {
			// WooCommerce reports a full refund as the order turning "refunded", without items.
			await orders.cancel(event.platform, ret.orderId, 'refunded', new Date(event.receivedAt));
		}
	} catch (error) {
		if (!(error instanceof InputError)) throw error;
	}
	return undefined;
}
