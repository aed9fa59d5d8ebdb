import { InputError } from '../shared/errors';

/** The shop address with a scheme and without a trailing slash; `https://` when none is given. */
export function shopBase(shopUrl: string): string {
	const trimmed = String(shopUrl ?? '').trim().replace(/\/+$/, '');
	if (!trimmed) throw new InputError('The shop URL is missing.', 'shopUrl', 'Enter the address of the shop in the shop credential, e.g. https://my-shop.myshopify.com.');
	const withScheme = /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
	try {
		new URL(withScheme);
	} catch {
		throw new InputError(`"${trimmed}" is not a web address.`, 'shopUrl', 'Enter the address of the shop, e.g. https://my-shop.myshopify.com.');
	}
	return withScheme;
}

/** `shopify:my-shop.myshopify.com` — the same shop gives the same scope however its URL is written. */
export function shopScope(platform: string, base: string): string {
	const url = new URL(base);
	return `${platform}:${url.host.toLowerCase()}${url.pathname.replace(/\/+$/, '')}`;
}
