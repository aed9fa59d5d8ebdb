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
	return `send:${channel}:${journeyStep}:${digest}`;
}

/**
 * The journey step as claimed: "Send Once Per" (an order id, a tracking number) narrows "this step, once ever" to
 * "this step, once per order". Used by both senders so the Consent Gate can name the same step.
 */
export function onceStep(journeyStep: string, dedupeId?: string | null): string {
	return dedupeId ? `${journeyStep}:${dedupeId}` : journeyStep;
}
