import type { HmacAlgorithm, SignatureEncoding } from '../shared/signature';
import type { CanonicalEvent, Platform } from './model';

/**
 * What each shop platform folder implements: how its webhooks are signed, where the topic and the delivery id are,
 * and how a payload becomes canonical events. Adapters are pure: no I/O, no clock (the time comes in `context`).
 */

/** Request headers with lower-cased names, as Node and n8n give them. */
export type HeaderMap = Record<string, string | string[] | undefined>;

export interface SignatureScheme {
	/** Lower-case header name that carries the signature. */
	header: string;
	algorithm: HmacAlgorithm;
	encoding: SignatureEncoding;
	/** Text in front of the signature value, e.g. `sha256=`. */
	prefix?: string;
}

export interface AdaptContext {
	receivedAt: string;
	eventId: string;
	/** Custom JSON only: the field mapping, evaluated lazily after the signature check. */
	mapping?: () => unknown;
}

/** A canonical event plus the key that makes it unique across deliveries (e.g. `order:123:paid`). */
export interface AdaptedEvent {
	key: string;
	event: CanonicalEvent;
	/** Orders: the cart/checkout tokens the order came from (not part of the output; cancels cart reminders). */
	cartTokens?: string[];
}

export type AdaptResult = { events: AdaptedEvent[] } | { ignored: string };

export interface CommerceAdapter {
	readonly platform: Platform;
	readonly signature: SignatureScheme;
	/** Topics this adapter understands; anything else is answered 200 and ignored. */
	readonly topics: readonly string[];
	/** The topic of a delivery (from a header or the body); null when the request names none. */
	topic(headers: HeaderMap, body: unknown): string | null;
	/** The platform's delivery/event id, stable across redeliveries; null when the request has none. */
	eventId(headers: HeaderMap, body: unknown, context: Pick<AdaptContext, 'mapping'>): string | null;
	/** Turns one delivery into canonical events; throws an `InputError` when the payload cannot be read. */
	adapt(topic: string, payload: unknown, headers: HeaderMap, context: AdaptContext): AdaptResult;
	/** Whether an unsigned request is the platform's harmless set-up ping (WooCommerce sends one on creation). */
	isPing?(headers: HeaderMap, rawBody: Buffer): boolean;
}

export function header(headers: HeaderMap, name: string): string | null {
	const value = headers[name.toLowerCase()];
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' && first.trim() !== '' ? first.trim() : null;
}
