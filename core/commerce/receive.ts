import { createHash } from 'node:crypto';
import { CoreError } from '../shared/errors';
import type { LaneSamples } from '../journey';
import type { Clock } from '../shared/clock';
import { boundedKey } from '../shared/sendKey';
import { verifyHmac } from '../shared/signature';
import type { JourneyStore } from '../store/JourneyStore';
import { recordCommerceEvents } from '../tracking';
import type { AdaptedEvent, CommerceAdapter, HeaderMap, SignatureScheme } from './adapter';
import { header } from './adapter';
import type { CanonicalEvent } from './model';
import { applyToOrderHistory } from './orderHistory';
import { attributeOrderEvent } from '../links';
import { paymentOf, recordPayment } from './payments';
import { withOrderCustomer } from './returnCustomer';
import { withDetectedCarrier } from './shipmentCarrier';

/**
 * One webhook delivery, start to finish, without n8n: size limit → signature on the raw bytes → JSON → topic →
 * adapt (+ carrier detection and estimate) → record (payments, carts, order history, shipments) → filter → one store claim per business event (Custom JSON: its dedupe key too). The trigger node only maps the outcome to an HTTP answer
 * and items, so this is what the tests and the benchmark exercise. Answers never contain the payload, secrets or
 * personal data: only a short reason.
 */

export const MAX_BODY_BYTES = 1024 * 1024;
/** How long a delivery id or event key stays claimed; longer than any shop's retry window (Shopify: 48 h). */
export const CLAIM_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Claims for deduplication; with `cachePut`, payments the delivery reports are recorded too (see payments.ts); with
 * `carts`, orders cancel the cart reminders of their cart or customer (see cancelCarts); with `orders`, its orders,
 * refunds and returns go into the order history (see orderHistory.ts); with `shipments`, shipments are watched for the
 * Tracking Update Trigger, order stages stamped, and estimates learned from the lanes' delivered parcels; with `due`,
 * returns and refunds that name no customer get the one their stored order named (see returnCustomer.ts).
 */
export type ClaimStore = Pick<JourneyStore, 'claim' | 'release'> & Partial<Pick<JourneyStore, 'cachePut' | 'carts' | 'orders' | 'shipments' | 'links' | 'due'>>;

export interface ReceiveInput {
	adapter: CommerceAdapter;
	rawBody: Buffer | undefined | null;
	headers: HeaderMap;
	/** Signing secrets (several while rotating); empty = the trigger is misconfigured, never "skip the check". */
	secrets: string[];
	/** Custom JSON may switch the check off explicitly; platform adapters never do. */
	skipSignature?: boolean;
	/** Overrides the adapter's scheme (Custom JSON settings). */
	signature?: SignatureScheme;
	store: ClaimStore;
	/** Separates claims of different trigger nodes (and test runs), e.g. `<workflowId>:<nodeId>`. */
	scope: string;
	/** Which canonical events this trigger emits; the rest is acknowledged and dropped. */
	accept: (event: CanonicalEvent) => boolean;
	clock: Clock;
	includeRaw?: boolean;
	maxBytes?: number;
	/** Custom JSON: the evaluated mapping, called only after the signature check. */
	mapping?: () => unknown;
	/** ISO 3166-1 country the shop ships from, for carrier detection and delivery estimates of shipments. */
	shopCountry?: string | null;
	/**
	 * Keeps the accepted events instead of starting a workflow with them (the Cart Abandoned Trigger schedules carts).
	 * When it throws, the delivery's claims are given back, so the shop's retry is processed.
	 */
	record?: (events: CanonicalEvent[]) => Promise<void>;
}

export type ReceiveOutcome =
	| { kind: 'rejected'; status: 400 | 401 | 413 | 422 | 500; reason: string; detail?: string }
	| { kind: 'ignored'; status: 200; reason: 'ping' | 'unknown_topic' | 'duplicate' | 'not_for_this_trigger' | string; topic?: string; eventId?: string }
	| { kind: 'accepted'; status: 200; topic: string; eventId: string; events: CanonicalEvent[] };

export async function receiveDelivery(input: ReceiveInput): Promise<ReceiveOutcome> {
	const { adapter, headers } = input;
	const raw = input.rawBody ?? Buffer.alloc(0);
	if (raw.length > (input.maxBytes ?? MAX_BODY_BYTES)) return { kind: 'rejected', status: 413, reason: 'Payload too large' };
	if (adapter.isPing?.(headers, raw)) return { kind: 'ignored', status: 200, reason: 'ping' };

	if (!input.skipSignature) {
		const scheme = input.signature ?? adapter.signature;
		const verified = verifyHmac({
			algorithm: scheme.algorithm,
			encoding: scheme.encoding,
			secrets: input.secrets,
			payload: raw,
			signature: header(headers, scheme.header),
			prefix: scheme.prefix,
		});
		if (!verified.valid) {
			if (verified.reason === 'missing_secret') return { kind: 'rejected', status: 500, reason: 'Webhook secret not configured' };
			return { kind: 'rejected', status: 401, reason: verified.reason === 'missing_signature' ? 'Missing signature' : 'Invalid signature' };
		}
	}

	if (raw.length === 0) return { kind: 'rejected', status: 400, reason: 'Empty body' };
	let body: unknown;
	try {
		body = JSON.parse(raw.toString('utf8'));
	} catch {
		return { kind: 'rejected', status: 400, reason: 'Malformed JSON' };
	}
	// An array or a bare value is no shop event: 400, like malformed JSON (not 422 from an adapter that cannot read it).
	if (body === null || typeof body !== 'object' || Array.isArray(body)) return { kind: 'rejected', status: 400, reason: 'Body is not a JSON object' };

	let topic: string | null;
	let eventId: string;
	try {
		topic = adapter.topic(headers, body);
		if (!topic) return { kind: 'rejected', status: 400, reason: 'Missing topic' };
		if (!adapter.topics.includes(topic)) return { kind: 'ignored', status: 200, reason: 'unknown_topic', topic };
		// Without a delivery id, identical bodies are treated as the same delivery (a retry resends the same bytes).
		eventId = adapter.eventId(headers, body, { mapping: input.mapping }) ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`;
	} catch (error) {
		return unreadable(error);
	}

	const { store } = input;
	let adapted: AdaptedEvent[];
	let wanted: AdaptedEvent[];
	try {
		const result = adapter.adapt(topic, body, headers, { receivedAt: receivedAtOf(input.clock), eventId, mapping: input.mapping });
		if ('ignored' in result) return { kind: 'ignored', status: 200, reason: result.ignored, topic, eventId };
		// Shipments get their carrier and estimate (learned from the store's lanes) before anything is recorded, so the
		// watch keeps the window the trigger emits: the Tracking Update Trigger's "delayed" uses the same promise.
		const samples = store.shipments ? store.shipments.transitSamples.bind(store.shipments) : undefined;
		adapted = [];
		// Returns and refunds without a customer (Shopify's) get the one their stored order named.
		for (const a of result.events) adapted.push({ ...a, event: await withOrderCustomer(store.due, await withCarrier(a.event, input.shopCountry, samples)) });
		wanted = adapted.filter((a) => input.accept(a.event)).map((a) => ({ key: a.key, event: a.event }));
	} catch (error) {
		// Nothing is claimed yet, so a redelivery (after the shop or our mapping is fixed) is processed.
		return unreadable(error);
	}
	// A payment is recorded whatever this trigger emits (a payment reminder looks it up before it sends), on every
	// redelivery too: recording twice is harmless, and a store failure answers 500 so the shop retries.
	if (store.cachePut) {
		for (const payment of adapted.map((a) => paymentOf(a.event)).filter((p) => p !== null)) {
			await recordPayment({ cachePut: store.cachePut.bind(store) }, payment);
		}
	}
	// Likewise every order cancels the reminders of the cart it came from, whichever trigger receives it.
	if (store.carts) await cancelCarts(store.carts, adapted);
	// The order history likewise, from every delivery: replacing an order or a return id seen before changes nothing.
	if (store.orders) for (const a of adapted) await applyToOrderHistory(store.orders, a.event);
	// Shipments are watched and order stages stamped likewise (a second sighting only fills gaps).
	if (store.shipments) await recordCommerceEvents({ shipments: store.shipments }, adapted.map((a) => a.event), input.shopCountry ?? null);
	// And each order is attributed once to the journey step that brought it (core/links/attribution.ts).
	if (store.links) for (const a of adapted) await attributeOrderEvent(store.links, a.event);
	if (wanted.length === 0) return { kind: 'ignored', status: 200, reason: 'not_for_this_trigger', topic, eventId };

	// Platform events carry business keys (`order:<id>:paid`) that already make a redelivery a duplicate, so one claim
	// per event is enough. Custom JSON also honours the user's Deduplication Key, claimed first.
	const claimed: string[] = [];
	const deliveryKey = boundedKey(`webhook:${adapter.platform}:${input.scope}:${eventId}`);
	if (adapter.platform === 'custom') {
		if (!(await input.store.claim(deliveryKey, CLAIM_TTL_MS, input.clock.now()))) return { kind: 'ignored', status: 200, reason: 'duplicate', topic, eventId };
		claimed.push(deliveryKey);
	}

	const events: CanonicalEvent[] = [];
	for (const { key, event } of wanted) {
		// The same business event can arrive in several deliveries (WooCommerce sends every order update).
		const eventKey = boundedKey(`webhook:${adapter.platform}:${input.scope}:event:${key}`);
		if (!(await input.store.claim(eventKey, CLAIM_TTL_MS, input.clock.now()))) continue;
		claimed.push(eventKey);
		// `event` first: it is what a marketer looks for in the output panel.
		const { event: name, ...rest } = event;
		events.push((input.includeRaw ? { event: name, ...rest, raw: body } : { event: name, ...rest }) as CanonicalEvent);
	}
	if (events.length === 0) {
		return { kind: 'ignored', status: 200, reason: 'duplicate', topic, eventId };
	}
	if (input.record) {
		try {
			await input.record(events);
		} catch (error) {
			for (const key of claimed) await input.store.release(key);
			throw error;
		}
	}
	return { kind: 'accepted', status: 200, topic, eventId, events };
}

/** An order cancels its cart (by the cart/checkout token it names) and its customer's carts active before it. */
async function cancelCarts(carts: NonNullable<ClaimStore['carts']>, adapted: AdaptedEvent[]): Promise<void> {
	for (const { event, cartTokens } of adapted) {
		if (event.event !== 'order.placed' && event.event !== 'order.paid') continue;
		const orderedAt = new Date(event.order.placedAt ?? event.receivedAt);
		await carts.cancelForOrder({ tokens: cartTokens ?? [], email: event.customer.email, phone: event.customer.phone, orderedAt });
	}
}

/** `toIso(clock.now())` without luxon on the hot path: UTC, milliseconds only when there are any. */
function receivedAtOf(clock: Clock): string {
	const text = clock.now().toISOString();
	return text.endsWith('.000Z') ? `${text.slice(0, -5)}Z` : text;
}

async function withCarrier(event: CanonicalEvent, shopCountry: string | null | undefined, samples: LaneSamples | undefined): Promise<CanonicalEvent> {
	if (!('shipment' in event)) return event;
	return { ...event, shipment: await withDetectedCarrier(event.shipment, event.customer, { shopCountry, receivedAt: event.receivedAt, samples }) };
}

function unreadable(error: unknown): ReceiveOutcome {
	// The reason names a field at most, never a value from the payload.
	const detail = error instanceof CoreError ? (error.field ?? undefined) : undefined;
	if (error instanceof CoreError) return { kind: 'rejected', status: 422, reason: 'Payload could not be read', detail };
	throw error;
}
