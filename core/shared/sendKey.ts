import { createHash } from 'node:crypto';
/** The two channels a journey message can go out on. */
type Channel = 'sms' | 'email';

/**
 * The idempotency key for "one message per customer + journey step + channel", shared by the Consent Gate (which reads
 * it for `already_sent`) and the SMS and e-mail senders (claim it right before sending). The subject is hashed so
 * claims hold no personal data; it is canonicalized first (trimmed, e-mail lower-cased, phone separators dropped),
 * so `+49 151 1234 5678` and `+4915112345678` give the same key. Shape: `send:<channel>:<journeyStep>:<32 hex>`.
 */
export function sendKey(subject: string, journeyStep: string, channel: Channel): string {
	const raw = String(subject ?? '').trim();
	const canonical = raw.includes('@') ? raw.normalize('NFC').toLowerCase() : raw.replace(/[\s\-()./]/g, '');
	const digest = createHash('sha256').update(canonical, 'utf8').digest('hex').slice(0, 32);
	return boundedKey(`send:${channel}:${journeyStep}:${digest}`);
}

/** The store's limit on key length (`MAX_KEY_LENGTH` in `core/store/impl/values.ts`). */
const KEY_LIMIT = 512;

/**
 * A claim key that always fits the store. Keys built from the shop's or the marketer's values (a Custom JSON dedupe
 * key, a long "Send Once Per" value) can exceed the limit; a refused claim would answer 500 and the shop would retry
 * for ever. A long key keeps its readable start and ends in a digest of the whole key, so two long keys that share the
 * start still differ.
 */
export function boundedKey(key: string): string {
	if (key.length <= KEY_LIMIT) return key;
	return `${key.slice(0, KEY_LIMIT - 72)}…sha256:${createHash('sha256').update(key, 'utf8').digest('hex')}`;
}

/**
 * The journey step as claimed: "Send Once Per" (an order id, a tracking number) narrows "this step, once ever" to
 * "this step, once per order". Used by both senders so the Consent Gate can name the same step.
 */
export function onceStep(journeyStep: string, dedupeId?: string | null): string {
	return dedupeId ? `${journeyStep}:${dedupeId}` : journeyStep;
}
