import { InputError } from '../../shared/errors';
import type { Cart, CartItem } from '../model';
import { currencyCode, money } from '../money';
import { isoTime } from '../time';
import { arr, firstStr, int, obj, str } from '../values';
import type { Json } from '../values';

/**
 * A Shopify checkout (`checkouts/create`, `checkouts/update`) as a cart. The checkout `token` is the id: the order
 * made from it names the same value as `checkout_token`, which is how the order cancels the reminders.
 */
export function shopifyCart(payload: Json): Cart {
	const id = firstStr(payload.token, payload.cart_token, payload.id);
	if (!id) throw new InputError('The Shopify checkout has no "token".', 'token');
	const currency = currencyCode(payload.presentment_currency ?? payload.currency);
	return {
		id,
		items: arr(payload.line_items).map((raw, i): CartItem => {
			const li = obj(raw) ?? {};
			return {
				title: firstStr(li.presentment_title, li.title, li.name),
				image: firstStr(li.image_url, obj(li.image)?.src),
				quantity: int(li.quantity, 1),
				price: money(li.presentment_price ?? li.price, currency, `line_items[${i}].price`),
				sku: str(li.sku),
				productId: str(li.product_id),
				variantId: str(li.variant_id),
			};
		}),
		total: money(payload.total_price, currency, 'total_price'),
		currency,
		recoveryUrl: str(payload.abandoned_checkout_url),
		abandonedAt: isoTime(payload.updated_at) ?? isoTime(payload.created_at),
		test: payload.test === true,
	};
}

/** The cart and checkout tokens an order names, so an order cancels the reminders of the cart it came from. */
export function shopifyOrderCartTokens(payload: Json): string[] {
	return [payload.checkout_token, payload.cart_token].map(str).filter((t): t is string => t !== null);
}
