import { wooDiscountCodes } from '../discounts';
import { InputError } from '../../shared/errors';
import { address, email, emptyCustomer, placeCustomer } from '../customer';
import { toLocale } from '../locale';
import type { Address, Customer, LineItem, Order } from '../model';
import { currencyCode, money } from '../money';
import { pickPhone } from '../phone';
import { isoTime } from '../time';
import { arr, firstStr, int, obj, str } from '../values';
import type { Json } from '../values';

/** WooCommerce order statuses that mean the money is in (`processing` = paid, waiting to ship). */
export const PAID_STATUSES = new Set(['processing', 'completed']);

export function wooAddress(value: unknown): Address | null {
	const a = obj(value);
	if (!a) return null;
	return address({
		firstName: a.first_name,
		lastName: a.last_name,
		company: a.company,
		address1: a.address_1,
		address2: a.address_2,
		city: a.city,
		postalCode: a.postcode,
		// WooCommerce 8+ writes German states as `DE-BY`; keep the part after the country.
		region: str(a.state)?.replace(/^[A-Z]{2}-/, '') ?? null,
		country: a.country,
		phone: a.phone,
	});
}

function meta(payload: Json, key: string): unknown {
	for (const entry of arr(payload.meta_data)) {
		const m = obj(entry);
		if (m && m.key === key) return m.value;
	}
	return null;
}

export function wooMeta(payload: Json, key: string): unknown {
	return meta(payload, key);
}

export function wooCustomer(payload: Json, shipping: Address | null, billing: Address | null): Customer {
	const rawBilling = obj(payload.billing) ?? {};
	const rawShipping = obj(payload.shipping) ?? {};
	const country = billing?.country ?? shipping?.country ?? null;
	// WooCommerce asks for the phone on the billing address; the shipping phone field is optional.
	const { phone, raw } = pickPhone([rawBilling.phone, rawShipping.phone], country);
	const customer = emptyCustomer();
	const id = str(payload.customer_id);
	customer.id = id && id !== '0' ? id : null; // 0 = guest checkout
	customer.email = email(rawBilling.email);
	customer.phone = phone;
	customer.phoneRaw = raw;
	customer.firstName = firstStr(billing?.firstName, shipping?.firstName);
	customer.lastName = firstStr(billing?.lastName, shipping?.lastName);
	customer.country = country;
	customer.region = (billing?.country === country ? billing?.region : null) ?? (shipping?.country === country ? shipping?.region : null);
	// Core WooCommerce has no order language; multilingual plugins (WPML, Polylang) store it as order meta.
	customer.locale = toLocale(firstStr(meta(payload, 'wpml_language'), meta(payload, '_wpml_language'), meta(payload, 'pll_language')), country);
	return placeCustomer(customer, billing, shipping);
}

export function wooLineItems(value: unknown, currency: string | null): LineItem[] {
	return arr(value).map((raw, i) => {
		const li = obj(raw) ?? {};
		const variation = str(li.variation_id);
		return {
			sku: str(li.sku),
			productId: str(li.product_id),
			variantId: variation && variation !== '0' ? variation : null,
			title: str(li.name),
			quantity: int(li.quantity, 1),
			unitPrice: money(li.price, currency, `line_items[${i}].price`),
		};
	});
}

const FINANCIAL: Record<string, string> = {
	pending: 'pending',
	'on-hold': 'pending',
	processing: 'paid',
	completed: 'paid',
	refunded: 'refunded',
	cancelled: 'voided',
	failed: 'failed',
};

export function wooOrder(payload: Json): Order {
	const id = str(payload.id);
	if (!id) throw new InputError('The WooCommerce order has no "id".', 'id');
	const currency = currencyCode(payload.currency);
	const status = str(payload.status)?.toLowerCase() ?? null;
	return {
		id,
		number: firstStr(payload.number, payload.id),
		placedAt: isoTime(payload.date_created_gmt, 'utc'),
		currency,
		total: money(payload.total, currency, 'total'),
		financialStatus: status ? (FINANCIAL[status] ?? status) : null,
		lineItems: wooLineItems(payload.line_items, currency),
		shippingAddress: wooAddress(payload.shipping),
		billingAddress: wooAddress(payload.billing),
		// Invoice plugins (e.g. PDF Invoices & Packing Slips) keep the number in order meta.
		invoiceNumber: firstStr(meta(payload, '_wcpdf_invoice_number'), meta(payload, '_invoice_number')),
		statusUrl: null,
		discountCodes: wooDiscountCodes(payload),
	};
}
