import type { JourneyStore } from '../store/JourneyStore';
import { emptyCustomer, UNKNOWN_CONSENT } from './customer';
import type { CanonicalEvent, Customer, CustomerConsent, MarketingConsent } from './model';

/**
 * Shopify's return and refund webhooks (returns/request, returns/approve, refunds/create) name the order but no
 * customer, so a return template would reach no one. The order history keeps the contact each order named: a return
 * or refund without any contact gets the customer of its stored order. An order the store never saw leaves it empty.
 */
export async function withOrderCustomer(due: Pick<JourneyStore['due'], 'orders'> | undefined, event: CanonicalEvent): Promise<CanonicalEvent> {
	if (!due || !('return' in event) || !event.return.orderId) return event;
	const known = event.customer;
	if (known.id || known.email || known.phone || known.phoneRaw) return event;
	const [order] = await due.orders([{ platform: event.platform, orderId: event.return.orderId }]);
	if (!order) return event;
	const c = order.contact;
	const customer: Customer = {
		...emptyCustomer(),
		id: order.customerId,
		email: c.email ?? null,
		phone: c.phone ?? null,
		phoneRaw: c.phone ?? null,
		firstName: c.firstName ?? null,
		lastName: c.lastName ?? null,
		locale: c.locale ?? null,
		country: c.country ?? null,
		timezone: c.timezone ?? null,
		consent: consentOf(c.consent),
	};
	return { ...event, customer };
}

/** The consent as stored with the order (the canonical shape), each channel checked; unknown where it is not. */
function consentOf(stored: Record<string, unknown> | null | undefined): CustomerConsent {
	const channel = (value: unknown): MarketingConsent =>
		value && typeof value === 'object' && !Array.isArray(value) ? { ...UNKNOWN_CONSENT, ...(value as Partial<MarketingConsent>) } : { ...UNKNOWN_CONSENT };
	return { email: channel(stored?.email), sms: channel(stored?.sms) };
}
