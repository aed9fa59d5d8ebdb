import { customDiscountCodes } from '../discounts';
import { InputError } from '../../shared/errors';
import type { AdaptContext, AdaptResult, CommerceAdapter, HeaderMap, SignatureScheme } from '../adapter';
import { carrierFromPlatform } from '../carrier';
import { address, email, emptyCustomer, placeCustomer } from '../customer';
import { countryCode, toLocale } from '../locale';
import type { Address, CanonicalEvent, Cart, CommerceEventName, Customer, LineItem, MarketingConsent, Order, Return, Shipment } from '../model';
import { currencyCode, money } from '../money';
import { pickPhone } from '../phone';
import { normalizeReturnReason } from '../reason';
import { isoTime } from '../time';
import { arr, firstStr, int, obj, str } from '../values';
import type { Json } from '../values';

/**
 * "Custom JSON": any system that can POST JSON. The node evaluates the user's field mapping (n8n expressions over
 * the request) into our canonical shape, and this adapter normalizes it exactly like the platform adapters do
 * (E.164 phones, decimal-string money, ISO timestamps, reason buckets), so downstream nodes cannot tell the
 * difference.
 */
export const CUSTOM_EVENTS: readonly CommerceEventName[] = [
	'cart.updated',
	'order.placed',
	'order.paid',
	'order.cancelled',
	'shipment.created',
	'shipment.updated',
	'return.requested',
	'return.approved',
	'return.received',
	'refund.created',
];

export interface CustomAdapterOptions {
	signature: SignatureScheme;
	/** The event when the mapping does not name one (each trigger has its own). */
	defaultEvent: CommerceEventName;
	/** Evaluates the user's mapping for this request; called only after the signature check. */
	mapping: () => unknown;
	/** Evaluates the user's dedupe key expression; null/empty falls back to a hash of the body. */
	dedupeKey?: () => unknown;
}

function addressOf(value: unknown): Address | null {
	const a = obj(value);
	if (!a) return null;
	return address({ ...a, address1: a.address1 ?? a.street, postalCode: a.postalCode ?? a.zip, region: a.region ?? a.state });
}

function consentOf(value: unknown, collectedAt: unknown): MarketingConsent {
	const c = obj(value);
	const raw = c ? c.marketing : value;
	const marketing =
		typeof raw === 'boolean' ? raw : raw === 'true' || raw === 'yes' || raw === '1' ? true : raw === 'false' || raw === 'no' || raw === '0' ? false : null;
	return {
		marketing,
		state: str(c?.state) ?? (marketing === null ? null : marketing ? 'subscribed' : 'not_subscribed'),
		optInLevel: str(c?.optInLevel),
		collectedAt: isoTime(c?.collectedAt ?? collectedAt),
		source: str(c?.source) ?? (marketing === null ? null : 'custom'),
	};
}

function customerOf(value: unknown, ...addresses: Array<Address | null>): Customer {
	const c = obj(value) ?? {};
	const customer = emptyCustomer();
	const country = countryCode(c.country) ?? addresses.find((a) => a?.country)?.country ?? null;
	const { phone, raw } = pickPhone([c.phone, ...addresses.map((a) => a?.phone)], country);
	customer.id = str(c.id);
	customer.email = email(c.email);
	customer.phone = phone;
	customer.phoneRaw = str(c.phone) ?? raw;
	customer.firstName = str(c.firstName);
	customer.lastName = str(c.lastName);
	customer.country = country;
	customer.region = str(c.region);
	customer.timezone = str(c.timezone);
	customer.locale = toLocale(c.locale, country);
	const consent = obj(c.consent) ?? {};
	customer.consent = {
		email: consentOf(consent.email ?? c.emailMarketing, c.consentCollectedAt),
		sms: consentOf(consent.sms ?? c.smsMarketing, c.consentCollectedAt),
	};
	return placeCustomer(customer, ...addresses);
}

function lineItemsOf(value: unknown, currency: string | null, field: string): LineItem[] {
	return arr(value).map((raw, i) => {
		const li = obj(raw) ?? {};
		return {
			sku: str(li.sku),
			productId: str(li.productId),
			variantId: str(li.variantId),
			title: str(li.title),
			quantity: int(li.quantity, 1),
			unitPrice: money(li.unitPrice, currency, `${field}[${i}].unitPrice`),
		};
	});
}

function orderOf(value: unknown): Order {
	const o = obj(value);
	const id = str(o?.id);
	if (!o || !id) throw new InputError('The field mapping gives no order ID ("order.id").', 'order.id');
	const currency = currencyCode(o.currency);
	return {
		id,
		number: str(o.number) ?? id,
		placedAt: isoTime(o.placedAt),
		currency,
		total: money(o.total, currency, 'order.total'),
		financialStatus: str(o.financialStatus)?.toLowerCase() ?? null,
		lineItems: lineItemsOf(o.lineItems, currency, 'order.lineItems'),
		shippingAddress: addressOf(o.shippingAddress),
		billingAddress: addressOf(o.billingAddress),
		invoiceNumber: str(o.invoiceNumber),
		statusUrl: str(o.statusUrl),
		discountCodes: customDiscountCodes(o.discountCodes),
	};
}

/** A cart from the mapping: `cart.id`, `items`, `total`, `currency`, `recoveryUrl`, `updatedAt` (the last activity). */
function cartOf(value: unknown, receivedAt: string): Cart {
	const c = obj(value);
	const id = str(c?.id);
	if (!c || !id) throw new InputError('The field mapping gives no cart ID ("cart.id").', 'cart.id');
	const currency = currencyCode(c.currency);
	return {
		id,
		items: arr(c.items).map((raw, i) => {
			const it = obj(raw) ?? {};
			return {
				title: firstStr(it.title, it.name),
				image: firstStr(it.image, it.imageUrl),
				quantity: int(it.quantity, 1),
				price: money(it.price ?? it.unitPrice, currency, `cart.items[${i}].price`),
				sku: str(it.sku),
				productId: str(it.productId),
				variantId: str(it.variantId),
			};
		}),
		total: money(c.total, currency, 'cart.total'),
		currency,
		recoveryUrl: str(c.recoveryUrl),
		// Without a time of its own, the cart was active when it was sent.
		abandonedAt: isoTime(c.updatedAt ?? c.abandonedAt) ?? receivedAt,
		test: c.test === true || c.test === 'true',
	};
}

/** The cart an order came from, when the mapping names it (`order.cartId`, `order.cartToken`, `order.checkoutToken`). */
function orderCartTokens(value: unknown): string[] {
	const o = obj(value) ?? {};
	return [o.cartId, o.cartToken, o.checkoutToken].map(str).filter((t): t is string => t !== null);
}

function shipmentOf(value: unknown): Shipment {
	const s = obj(value);
	if (!s) throw new InputError('The field mapping gives no shipment ("shipment").', 'shipment');
	const numbers = [...new Set([str(s.trackingNumber), ...arr(s.trackingNumbers).map(str)].filter((n): n is string => n !== null))];
	const carrier = carrierFromPlatform(typeof s.carrier === 'string' ? s.carrier : obj(s.carrier)?.name);
	const trackingUrl = str(s.trackingUrl);
	const estimated = obj(s.estimatedDelivery);
	return {
		id: str(s.id),
		orderId: str(s.orderId),
		orderNumber: str(s.orderNumber),
		trackingNumber: numbers[0] ?? null,
		carrier,
		trackingUrl,
		trackingNumbers: numbers,
		trackings: numbers.map((trackingNumber, i) => ({ trackingNumber, trackingUrl: i === 0 ? trackingUrl : null, carrier: { ...carrier } })),
		shippedAt: isoTime(s.shippedAt),
		estimatedDelivery: estimated
			? {
					earliest: isoTime(estimated.earliest),
					latest: isoTime(estimated.latest),
					source: str(estimated.source) ?? 'shop',
					confidence: typeof estimated.confidence === 'number' && estimated.confidence >= 0 && estimated.confidence <= 1 ? estimated.confidence : null,
					text: null,
				}
			: null,
		status: str(s.status),
		lineItems: lineItemsOf(s.lineItems, null, 'shipment.lineItems'),
		shippingAddress: addressOf(s.shippingAddress),
	};
}

function returnOf(value: unknown, status: string): Return {
	const r = obj(value);
	const id = str(r?.id);
	if (!r || !id) throw new InputError('The field mapping gives no return ID ("return.id").', 'return.id');
	const refund = obj(r.refund);
	const currency = currencyCode(refund?.currency ?? r.currency);
	const amount = money(refund?.amount ?? r.refundAmount, currency, 'return.refund.amount');
	const reason = normalizeReturnReason(r.reason);
	const items = arr(r.items).map((raw) => {
		const it = obj(raw) ?? {};
		const reasonRaw = str(it.reason) ?? str(r.reason);
		return { sku: str(it.sku), productId: str(it.productId), title: str(it.title), quantity: int(it.quantity, 1), reason: normalizeReturnReason(reasonRaw), reasonRaw, note: str(it.note) };
	});
	return {
		id,
		orderId: str(r.orderId),
		orderNumber: str(r.orderNumber),
		status: str(r.status) ?? status,
		items,
		reason: str(r.reason) ? reason : (items[0]?.reason ?? 'other'),
		refund: amount ? { amount, currency, paymentGateway: firstStr(refund?.paymentMethod, r.paymentMethod) } : null,
		requestedAt: isoTime(r.requestedAt),
	};
}

const STATUS_FOR: Partial<Record<CommerceEventName, string>> = {
	'return.requested': 'requested',
	'return.approved': 'approved',
	'return.received': 'received',
	'refund.created': 'refunded',
};

export function createCustomAdapter(options: CustomAdapterOptions): CommerceAdapter {
	let cached: { value: Json } | null = null;
	const mapped = (): Json => {
		if (!cached) {
			const value = options.mapping();
			const o = obj(typeof value === 'string' ? safeParse(value) : value);
			if (!o) throw new InputError('The field mapping must produce a JSON object.', 'mapping');
			cached = { value: o };
		}
		return cached.value;
	};
	return {
		platform: 'custom',
		signature: options.signature,
		topics: CUSTOM_EVENTS,
		topic() {
			return str(mapped().event) ?? options.defaultEvent;
		},
		eventId() {
			return firstStr(options.dedupeKey?.(), mapped().eventId);
		},
		adapt(topic: string, _body: unknown, _headers: HeaderMap, context: AdaptContext): AdaptResult {
			const m = mapped();
			const event = topic as CommerceEventName;
			const baseOf = (customer: Customer) => ({ platform: 'custom' as const, receivedAt: context.receivedAt, eventId: context.eventId, topic, customer });
			let result: CanonicalEvent;
			let key: string;
			if (event === 'cart.updated') {
				const cart = cartOf(m.cart, context.receivedAt);
				result = { ...baseOf(customerOf(m.customer)), event, cart };
				key = `cart:${cart.id}:${cart.abandonedAt}`;
			} else if (event === 'order.placed' || event === 'order.paid' || event === 'order.cancelled') {
				const order = orderOf(m.order);
				result = { ...baseOf(customerOf(m.customer, order.shippingAddress, order.billingAddress)), event, order };
				return { events: [{ key: `order:${order.id}:${event}`, event: result, cartTokens: orderCartTokens(m.order) }] };
			} else if (event === 'shipment.created' || event === 'shipment.updated') {
				const shipment = shipmentOf(m.shipment);
				result = { ...baseOf(customerOf(m.customer, shipment.shippingAddress)), event, shipment };
				key = `shipment:${shipment.id ?? shipment.orderId}:${[...shipment.trackingNumbers].sort().join(',') || 'none'}`;
			} else {
				const ret = returnOf(m.return, STATUS_FOR[event] ?? 'requested');
				result = { ...baseOf(customerOf(m.customer)), event, return: ret };
				key = `return:${ret.id}:${event}`;
			}
			return { events: [{ key, event: result }] };
		},
	};
}

function safeParse(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return null;
	}
}
