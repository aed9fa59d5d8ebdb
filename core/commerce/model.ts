/**
 * The canonical commerce model: what every commerce trigger outputs and every action reads, whatever shop sent the
 * event. Field names here are a public contract (templates and users' expressions read them): add fields, never
 * rename. Money is a decimal string next to an ISO 4217 currency; timestamps are ISO 8601 with an offset.
 */

export type Platform = 'shopify' | 'woocommerce' | 'shopware' | 'custom';

/** A decimal amount as text, e.g. `"59.90"`; never a float, so cents never drift. */
export type Money = string;

export interface Address {
	firstName: string | null;
	lastName: string | null;
	company: string | null;
	address1: string | null;
	address2: string | null;
	city: string | null;
	postalCode: string | null;
	/** US state / German Bundesland / province code when the shop sends one. */
	region: string | null;
	/** ISO 3166-1 alpha-2. */
	country: string | null;
	/** E.164 when it could be normalized, else null. */
	phone: string | null;
}

/** One channel's marketing consent exactly as the shop reported it (the shop's record, not our ledger). */
export interface MarketingConsent {
	/** True = subscribed, false = explicitly not (or no longer) subscribed, null = the shop did not say. */
	marketing: boolean | null;
	/** The shop's own state word, e.g. Shopify `subscribed`, `pending`, `unsubscribed`. */
	state: string | null;
	/** `single_opt_in`, `confirmed_opt_in` or `unknown` (Shopify), when known. */
	optInLevel: string | null;
	/** When the consent was last changed, ISO 8601. */
	collectedAt: string | null;
	/** Where it was collected, e.g. `shopify`, `other`, or the platform name. */
	source: string | null;
}

export interface CustomerConsent {
	email: MarketingConsent;
	sms: MarketingConsent;
}

export interface Customer {
	id: string | null;
	email: string | null;
	/** E.164, e.g. `+4915112345678`; null when missing or not a valid number. */
	phone: string | null;
	/** The phone number as the shop sent it, for when it could not be normalized. */
	phoneRaw: string | null;
	firstName: string | null;
	lastName: string | null;
	/** BCP 47, e.g. `de-DE`. */
	locale: string | null;
	/** ISO 3166-1 alpha-2. */
	country: string | null;
	region: string | null;
	/** IANA time zone, when known or derivable from a single-zone country. */
	timezone: string | null;
	consent: CustomerConsent;
}

export interface LineItem {
	sku: string | null;
	productId: string | null;
	variantId: string | null;
	title: string | null;
	quantity: number;
	unitPrice: Money | null;
}

export interface Order {
	id: string;
	number: string | null;
	placedAt: string | null;
	currency: string | null;
	total: Money | null;
	/** `paid`, `pending`, `authorized`, `refunded`, `partially_refunded`, `voided` … (platform words normalized). */
	financialStatus: string | null;
	lineItems: LineItem[];
	shippingAddress: Address | null;
	billingAddress: Address | null;
	invoiceNumber: string | null;
	/** The customer's order status page, when the shop has one. */
	statusUrl: string | null;
	/** Discount codes the customer used, as the shop spelled them (each once); empty when none. Set by every adapter. */
	discountCodes?: string[];
}

/**
 * The carrier of a parcel. `code` is one of the carrier codes of `core/carriers` (`dhl`, `ups`, `austrian_post` …)
 * or null when neither detection nor the shop's carrier name gave one; `name` is the shop's own name when it agrees
 * with detection, else the carrier's name.
 */
export interface Carrier {
	code: string | null;
	name: string | null;
	/**
	 * 0 … 1: how sure detection from the tracking number is. null = the number matched no carrier format, so code
	 * and name are only what the shop said.
	 */
	confidence: number | null;
}

export interface EstimatedDelivery {
	/** ISO 8601: a date (`2025-03-18`) from our transit table, or what the shop sent. */
	earliest: string | null;
	latest: string | null;
	/**
	 * Who estimated it: `shop` (the shop's own promise), `carrier` (the carrier's date), `learned` (p50 … p90 of the
	 * lane's delivered parcels) or `table` (our transit-time table).
	 */
	source: string;
	/** 0 … 1 for our own estimates; null for the shop's promise, which we do not rate. */
	confidence: number | null;
	/** The window as a sentence in the customer's language, e.g. "Dienstag, 18. März - Mittwoch, 19. März". */
	text: string | null;
	/** `learned` only: how many delivered parcels of the lane the window rests on. */
	sampleSize?: number;
}

export interface Tracking {
	trackingNumber: string;
	trackingUrl: string | null;
	carrier: Carrier;
}

export interface Shipment {
	id: string | null;
	orderId: string | null;
	orderNumber: string | null;
	/** The first tracking number (most shipments have exactly one); all of them are in `trackings`. */
	trackingNumber: string | null;
	carrier: Carrier;
	trackingUrl: string | null;
	trackingNumbers: string[];
	trackings: Tracking[];
	shippedAt: string | null;
	estimatedDelivery: EstimatedDelivery | null;
	status: string | null;
	lineItems: LineItem[];
	shippingAddress: Address | null;
}

export type ReturnReason = 'damaged' | 'defective' | 'wrong_item' | 'not_as_described' | 'size_fit' | 'changed_mind' | 'late' | 'other';

export interface ReturnItem {
	sku: string | null;
	productId: string | null;
	title: string | null;
	quantity: number;
	reason: ReturnReason;
	/** The shop's own reason word or text, untouched. */
	reasonRaw: string | null;
	note: string | null;
}

export interface Return {
	id: string;
	orderId: string | null;
	orderNumber: string | null;
	/** `requested`, `approved` (open), `received`, `refunded` … */
	status: string;
	items: ReturnItem[];
	/** The reason of the first item, or of the whole return when the shop gives one for all. */
	reason: ReturnReason;
	/** `paymentGateway`: the shop's word for how the order was paid (Shopify gateway, WooCommerce payment method), when it says. */
	refund: { amount: Money; currency: string | null; paymentGateway?: string | null } | null;
	requestedAt: string | null;
}

/** One product in a cart, as a reminder shows it. */
export interface CartItem {
	title: string | null;
	/** Product image URL, when the shop sends one. */
	image: string | null;
	quantity: number;
	/** Unit price. */
	price: Money | null;
	sku: string | null;
	productId: string | null;
	variantId: string | null;
}

/**
 * A cart or checkout the customer has not turned into an order (yet). `id` is the platform's cart/checkout token, the
 * value an order names when it comes from this cart; `abandonedAt` is the time of the last activity.
 */
export interface Cart {
	id: string;
	items: CartItem[];
	total: Money | null;
	currency: string | null;
	/** The link that brings the customer back to this cart. */
	recoveryUrl: string | null;
	abandonedAt: string | null;
	/** Whether the shop marked it as a test checkout. */
	test: boolean;
}

export type CommerceEventName =
	| 'cart.updated'
	| 'order.placed'
	| 'order.paid'
	| 'order.cancelled'
	| 'shipment.created'
	| 'shipment.updated'
	| 'return.requested'
	| 'return.approved'
	| 'return.received'
	| 'refund.created';

export type CommerceEntity = 'cart' | 'order' | 'shipment' | 'return';

interface EventBase {
	event: CommerceEventName;
	platform: Platform;
	/** When we received the webhook, ISO 8601. */
	receivedAt: string;
	/** The platform's delivery/event id (what redeliveries are deduplicated by). */
	eventId: string;
	/** The platform's own topic, e.g. `orders/create`, `order.updated`, `checkout.order.placed`. */
	topic: string;
	customer: Customer;
	/** The untouched webhook body, only when "Include Raw Payload" is on. */
	raw?: unknown;
}

export type CanonicalEvent =
	| (EventBase & { event: 'cart.updated'; cart: Cart })
	| (EventBase & { event: 'order.placed' | 'order.paid'; order: Order })
	/**
	 * The shop cancelled the order or refunded it in full (`order.financialStatus` says which: `refunded`, else a
	 * cancellation). No trigger emits it; the shared receive path takes the order out of the order history.
	 */
	| (EventBase & { event: 'order.cancelled'; order: Order })
	| (EventBase & { event: 'shipment.created' | 'shipment.updated'; shipment: Shipment })
	| (EventBase & { event: 'return.requested' | 'return.approved' | 'return.received' | 'refund.created'; return: Return });

export function entityOf(event: CommerceEventName): CommerceEntity {
	if (event.startsWith('cart.')) return 'cart';
	if (event.startsWith('order.')) return 'order';
	if (event.startsWith('shipment.')) return 'shipment';
	return 'return';
}
