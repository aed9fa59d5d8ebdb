import { shopifyDiscountCodes } from '../discounts';
import { InputError } from '../../shared/errors';
import type { LineItem, Order } from '../model';
import { currencyCode, money } from '../money';
import { isoTime } from '../time';
import { arr, firstStr, int, obj, str } from '../values';
import type { Json } from '../values';
import { shopifyAddress } from './customer';

export function shopifyLineItems(value: unknown, currency: string | null): LineItem[] {
	return arr(value).map((raw, i) => {
		const li = obj(raw) ?? {};
		return {
			sku: str(li.sku),
			productId: str(li.product_id),
			variantId: str(li.variant_id),
			title: firstStr(li.title, li.name),
			quantity: int(li.quantity, 1),
			unitPrice: money(li.price, currency, `line_items[${i}].price`),
		};
	});
}

export function shopifyOrder(payload: Json): Order {
	const id = str(payload.id);
	if (!id) throw new InputError('The Shopify order has no "id".', 'id');
	const currency = currencyCode(payload.currency);
	return {
		id,
		number: firstStr(payload.name, payload.order_number),
		placedAt: isoTime(payload.processed_at) ?? isoTime(payload.created_at),
		currency,
		total: money(payload.total_price, currency, 'total_price'),
		financialStatus: str(payload.financial_status)?.toLowerCase() ?? null,
		lineItems: shopifyLineItems(payload.line_items, currency),
		shippingAddress: shopifyAddress(payload.shipping_address),
		billingAddress: shopifyAddress(payload.billing_address),
		// Shopify has no invoice numbers of its own; apps usually keep them elsewhere.
		invoiceNumber: null,
		statusUrl: str(payload.order_status_url),
		discountCodes: shopifyDiscountCodes(payload),
	};
}

/** `#1001.2` (fulfillment) or `#1001-R1` (return) → `#1001`. */
export function orderNumberFromName(name: unknown): string | null {
	const text = str(name);
	return text ? text.replace(/(\.\d+|-R\d+)$/, '') : null;
}

export function requireObject(payload: unknown, what: string): Json {
	const o = obj(payload);
	if (!o) throw new InputError(`The ${what} payload is not a JSON object.`);
	return o;
}
