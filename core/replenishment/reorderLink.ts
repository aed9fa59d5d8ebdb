/**
 * The link that puts a purchase back in the customer's cart, so a refill reminder only needs a confirmation:
 * - Shopify: the cart permalink `/cart/<variant id>:<quantity>,…` (every line with a variant id);
 * - WooCommerce: the add-to-cart URL `/?add-to-cart=<product or variation id>&quantity=<n>` (one product: WooCommerce
 *   core adds one per request);
 * - Shopware 6: the product page `/detail/<product id>` (its storefront has no cart permalink);
 * - Custom JSON: no link of its own (the shop URL, when set, is used instead by the caller).
 */

export interface ReorderLine {
	productId: string | null;
	variantId: string | null;
	quantity: number;
}

function base(shopUrl: string): string | null {
	const trimmed = shopUrl.trim().replace(/\/+$/, '');
	if (trimmed === '') return null;
	return /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}

export function reorderUrl(platform: string, shopUrl: string | null | undefined, lines: readonly ReorderLine[]): string | null {
	const root = shopUrl ? base(shopUrl) : null;
	const kept = lines.filter((l) => l.quantity > 0);
	if (!root || kept.length === 0) return null;
	switch (platform) {
		case 'shopify': {
			const parts = kept.filter((l) => l.variantId).map((l) => `${encodeURIComponent(l.variantId as string)}:${l.quantity}`);
			return parts.length > 0 ? `${root}/cart/${parts.join(',')}` : null;
		}
		case 'woocommerce': {
			const line = kept.find((l) => l.variantId || l.productId);
			if (!line) return null;
			return `${root}/?add-to-cart=${encodeURIComponent((line.variantId ?? line.productId) as string)}&quantity=${line.quantity}`;
		}
		case 'shopware': {
			const line = kept.find((l) => l.productId);
			return line ? `${root}/detail/${encodeURIComponent(line.productId as string)}` : null;
		}
		default:
			return null;
	}
}
