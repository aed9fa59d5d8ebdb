import { randomBytes } from 'node:crypto';

/**
 * Short link codes: random, unguessable, URL-safe. Ten characters of base62 are about 59.5 bits: at a million links,
 * a guess hits one of them with a chance of about 1 in 800 billion, and every guess is a request to the shop's n8n.
 */

export const CODE_LENGTH = 10;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Bytes at or above this are dropped, so every character is equally likely (248 = 4 × 62). */
const LIMIT = 248;

export function newCode(length = CODE_LENGTH, random: (n: number) => Buffer = randomBytes): string {
	let out = '';
	while (out.length < length) {
		for (const byte of random(length * 2)) {
			if (byte >= LIMIT) continue;
			out += ALPHABET[byte % 62];
			if (out.length === length) break;
		}
	}
	return out;
}

/** Whether a value has the shape of a code (so a request with anything else never reaches the store). */
export function isCode(value: string): boolean {
	return /^[A-Za-z0-9]{6,32}$/.test(value);
}

/** A code of the right length for previews: the text has the length it will have when sent. */
export const PREVIEW_CODE = 'x'.repeat(CODE_LENGTH);
