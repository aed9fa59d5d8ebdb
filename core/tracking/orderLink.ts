import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * The tracking page's signed link: `?t=<token>` opens one order's page without the form, so an SMS or e-mail can link
 * straight to it. The token is the order's platform and id plus an expiry, sealed with AES-256-GCM under a key the
 * journey store derives from its own secret (`store.derivedKey`): authenticated like an HMAC signature (any change
 * fails), and opaque, so the link shows neither order id nor anything about the customer. Every process that opens
 * the same store accepts the links the others made.
 */

export const ORDER_LINK_PURPOSE = 'tracking-page-link';

export interface OrderRef {
	platform: string;
	orderId: string;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The token for `ref`, valid until `expiresAt`. */
export function sealOrderLink(key: Buffer, ref: OrderRef, expiresAt: Date): string {
	const iv = randomBytes(IV_BYTES);
	const cipher = createCipheriv('aes-256-gcm', key, iv);
	const plain = Buffer.from(JSON.stringify([ref.platform, ref.orderId, Math.floor(expiresAt.getTime() / 1000)]), 'utf8');
	const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
	return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
}

/** The order a token names, or null when it is malformed, altered, made by another store, or expired at `now`. */
export function openOrderLink(key: Buffer, token: string | null | undefined, now: Date): OrderRef | null {
	if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{40,400}$/.test(token)) return null;
	const bytes = Buffer.from(token, 'base64url');
	if (bytes.length <= IV_BYTES + TAG_BYTES) return null;
	try {
		const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
		decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
		const plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
		const [platform, orderId, expires] = JSON.parse(plain.toString('utf8')) as [unknown, unknown, unknown];
		if (typeof platform !== 'string' || typeof orderId !== 'string' || typeof expires !== 'number') return null;
		return expires * 1000 > now.getTime() ? { platform, orderId } : null;
	} catch {
		// A wrong tag (altered, or another store's key) is simply no link.
		return null;
	}
}

/** `pageUrl` with the token as its `t` parameter (the page URL may carry its own query). */
export function orderLinkUrl(pageUrl: string, token: string): string {
	return `${pageUrl}${pageUrl.includes('?') ? '&' : '?'}t=${token}`;
}
