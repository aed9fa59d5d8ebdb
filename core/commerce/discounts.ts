import type { Json } from './values';
import { arr, firstStr, obj, path, str } from './values';

/**
 * The discount codes an order used, as each platform names them: Shopify `discount_codes[].code`, WooCommerce
 * `coupon_lines[].code`, Shopware 6 promotion line items (`type: "promotion"`, `payload.code`, else the order's
 * `promotionCode`), Custom JSON `order.discountCodes` (a list or one code). Codes are kept as the shop spelled them,
 * trimmed, each once regardless of case (shops match codes case-insensitively); automatic discounts without a code
 * are left out.
 */

function unique(codes: Array<string | null>): string[] {
	const seen = new Set<string>();
	const out: string[] = [];
	for (const code of codes) {
		if (!code || seen.has(code.toLowerCase())) continue;
		seen.add(code.toLowerCase());
		out.push(code);
	}
	return out;
}

export function shopifyDiscountCodes(payload: Json): string[] {
	return unique(arr(payload.discount_codes).map((d) => str(obj(d)?.code)));
}

export function wooDiscountCodes(payload: Json): string[] {
	return unique(arr(payload.coupon_lines).map((c) => str(obj(c)?.code)));
}

export function shopwareDiscountCodes(order: Json): string[] {
	const promotions = arr(order.lineItems)
		.map((li) => obj(li) ?? {})
		.filter((li) => str(li.type) === 'promotion')
		.map((li) => firstStr(path(li, 'payload.code'), li.promotionCode));
	return unique([...promotions, str(order.promotionCode)]);
}

export function customDiscountCodes(value: unknown): string[] {
	const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
	return unique(list.map((v) => str(obj(v)?.code) ?? str(v)));
}
