import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The one webhook-signature helper for every trigger: HMAC over the raw request bytes, compared in constant time.
 * It never throws, so a malformed header can only ever mean "not verified".
 */

export type HmacAlgorithm = 'sha1' | 'sha256' | 'sha512';
export type SignatureEncoding = 'hex' | 'base64';

export function hmac(algorithm: HmacAlgorithm, secret: string | Buffer, data: string | Buffer, encoding: SignatureEncoding): string {
	return createHmac(algorithm, secret).update(data).digest(encoding);
}

/** Constant-time comparison of two strings; different lengths are compared against themselves to keep timing flat. */
export function safeEqual(expected: string, actual: string): boolean {
	const a = Buffer.from(String(expected), 'utf8');
	const b = Buffer.from(String(actual), 'utf8');
	if (a.length !== b.length) {
		timingSafeEqual(a, a);
		return false;
	}
	return timingSafeEqual(a, b);
}

export interface VerifyHmacOptions {
	algorithm: HmacAlgorithm;
	encoding: SignatureEncoding;
	/** One or more secrets; several allow rotating a secret without downtime. */
	secrets: Array<string | Buffer>;
	/** The exact bytes that were signed. */
	payload: Buffer | string;
	/** The signature header value; may hold several comma- or space-separated signatures. */
	signature: string | undefined | null;
	/** Optional prefix in front of the signature value, e.g. `sha256=`. */
	prefix?: string;
	/** Unix seconds of the signed timestamp, when the scheme has one. */
	timestamp?: number;
	/** Reject signatures whose timestamp is older or newer than this many seconds (replay window). */
	maxAgeSeconds?: number;
	nowMs?: number;
}

export type VerifyResult = { valid: true } | { valid: false; reason: 'missing_secret' | 'missing_signature' | 'mismatch' | 'expired' };

/** Verifies an HMAC signature. Fails closed: no secret or no signature is never valid. */
export function verifyHmac(options: VerifyHmacOptions): VerifyResult {
	const secrets = options.secrets.filter((s) => s !== undefined && s !== null && String(s).length > 0);
	if (secrets.length === 0) return { valid: false, reason: 'missing_secret' };
	const header = typeof options.signature === 'string' ? options.signature.trim() : '';
	if (!header) return { valid: false, reason: 'missing_signature' };
	if (options.maxAgeSeconds !== undefined && options.timestamp !== undefined) {
		const ageSeconds = Math.abs((options.nowMs ?? Date.now()) / 1000 - options.timestamp);
		if (!Number.isFinite(ageSeconds) || ageSeconds > options.maxAgeSeconds) return { valid: false, reason: 'expired' };
	}
	const candidates = header
		.split(/[\s,]+/)
		.filter(Boolean)
		.map((value) => (options.prefix && value.startsWith(options.prefix) ? value.slice(options.prefix.length) : value));
	for (const secret of secrets) {
		const expected = hmac(options.algorithm, secret, options.payload, options.encoding);
		for (const candidate of candidates) {
			const normalized = options.encoding === 'hex' ? candidate.toLowerCase() : candidate;
			if (safeEqual(expected, normalized)) return { valid: true };
		}
	}
	return { valid: false, reason: 'mismatch' };
}

/**
 * Schemes that hash the body together with the key instead of an HMAC (17TRACK's push: SHA-256 hex of
 * `<raw body>/<key>`): same fail-closed rules and constant-time compare as `verifyHmac`.
 */
export function verifyKeyedDigest(options: { secrets: string[]; payload: Buffer | string; signature: string | undefined | null; join: (payload: string, secret: string) => string }): VerifyResult {
	const secrets = options.secrets.filter((s) => typeof s === 'string' && s.length > 0);
	if (secrets.length === 0) return { valid: false, reason: 'missing_secret' };
	const header = typeof options.signature === 'string' ? options.signature.trim().toLowerCase() : '';
	if (!header) return { valid: false, reason: 'missing_signature' };
	const body = Buffer.isBuffer(options.payload) ? options.payload.toString('utf8') : options.payload;
	for (const secret of secrets) {
		if (safeEqual(createHash('sha256').update(options.join(body, secret)).digest('hex'), header)) return { valid: true };
	}
	return { valid: false, reason: 'mismatch' };
}
