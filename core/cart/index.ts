import { createHash } from 'node:crypto';
import type { CanonicalEvent, Cart, Customer, Platform } from '../commerce/model';
import { InputError } from '../shared/errors';
import type { CartStore, PolledCart } from '../store';

/**
 * Cart recovery without n8n: which carts are worth a reminder, when the reminders are due, and what a due reminder
 * emits. The Cart Abandoned Trigger records each cart activity here and polls for what fell due.
 */

export type CartEvent = Extract<CanonicalEvent, { event: 'cart.updated' }>;

export interface CartSettings {
	/** When each reminder is due after the last activity, ms, ascending. */
	schedule: number[];
	/** Carts idle longer get no reminder; null = no limit. */
	maxAgeMs: number | null;
	/** Carts below this total are not reminded (0 = all). */
	minimumValue: number;
}

export type SkipReason = 'test_checkout' | 'empty_cart' | 'no_contact' | 'below_minimum';

/** Why a cart gets no reminder, or null when it gets them. */
export function skipReasonOf(cart: Cart, customer: Customer, minimumValue: number): SkipReason | null {
	if (cart.test) return 'test_checkout';
	if (cart.items.length === 0 || cart.items.every((i) => i.quantity <= 0)) return 'empty_cart';
	if (!customer.email && !customer.phone) return 'no_contact';
	if (minimumValue > 0 && !(Number(cart.total ?? 0) >= minimumValue)) return 'below_minimum';
	return null;
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Reads durations such as `1h, 24h, 72h` (s, m, h, d; a bare number is hours) into ms, ascending. Throws an
 * `InputError` naming `field` for anything else.
 */
export function parseDurations(text: string, field: string): number[] {
	const parts = String(text ?? '')
		.split(/[,;\s]+/)
		.filter((p) => p !== '');
	const values = parts.map((part) => {
		const m = /^(\d+(?:\.\d+)?)\s*([smhd]?)$/i.exec(part);
		if (!m) throw new InputError(`"${part}" is not a duration. Write e.g. 1h, 24h, 72h (s, m, h or d).`, field);
		return Math.round(Number(m[1]) * UNIT_MS[(m[2] || 'h').toLowerCase()]);
	});
	if (values.length === 0) throw new InputError('Give at least one time, e.g. 1h, 24h, 72h.', field);
	for (let i = 1; i < values.length; i++) {
		if (values[i] <= values[i - 1]) throw new InputError('The reminder times must grow from one reminder to the next, e.g. 1h, 24h, 72h.', field);
	}
	return values;
}

export interface RecordedCart {
	token: string;
	skipped: SkipReason | null;
}

/** Records the cart activities of one delivery for one trigger node (`scope`). */
export async function recordCarts(store: Pick<CartStore, 'record'>, scope: string, events: CartEvent[], settings: CartSettings): Promise<RecordedCart[]> {
	const out: RecordedCart[] = [];
	for (const event of events) {
		const { cart, customer } = event;
		const skipped = skipReasonOf(cart, customer, settings.minimumValue);
		await store.record({
			scope,
			token: cart.id,
			platform: event.platform,
			email: customer.email,
			phone: customer.phone,
			payload: { platform: event.platform, topic: event.topic, cart, customer },
			activityAt: new Date(cart.abandonedAt ?? event.receivedAt),
			schedule: settings.schedule,
			skipReason: skipped,
		});
		out.push({ token: cart.id, skipped });
	}
	return out;
}

/** What the trigger emits for one due reminder. */
export interface CartReminder {
	event: 'cart.abandoned';
	platform: Platform;
	receivedAt: string;
	/** Unique per cart and step, for deduplication downstream (e.g. the send claims of the compose nodes). */
	eventId: string;
	topic: string;
	cart: Cart;
	customer: Customer;
	reminder: { step: number; of: number };
	/** On the discount step: the code to show, made in the shop (`shop`) or the fixed one of the node (`fixed`). */
	coupon?: { code: string; source: 'shop' | 'fixed' };
}

/** A code per cart for the shop's price rule: the same cart always gets the same code (a retry cannot make two). */
export function discountCodeFor(cartId: string, prefix = 'BACK'): string {
	return `${prefix}-${createHash('sha256').update(cartId).digest('hex').slice(0, 8).toUpperCase()}`;
}

export function reminderOf(polled: PolledCart, of: number, now: Date): CartReminder {
	const p = polled.payload as { platform: Platform; topic: string; cart: Cart; customer: Customer };
	return {
		event: 'cart.abandoned',
		platform: p.platform,
		receivedAt: now.toISOString(),
		eventId: `cart:${polled.token}:${polled.step}`,
		topic: p.topic,
		cart: { ...p.cart, abandonedAt: p.cart.abandonedAt ?? polled.activityAt.toISOString() },
		customer: p.customer,
		reminder: { step: polled.step, of },
	};
}

/** Polls one trigger node's due carts: the reminders to emit and the carts that expired (for the log). */
export async function pollCarts(store: Pick<CartStore, 'poll'>, scope: string, settings: CartSettings, now: Date, limit = 500) {
	const polled = await store.poll(scope, { schedule: settings.schedule, maxAgeMs: settings.maxAgeMs, limit, now });
	return {
		reminders: polled.filter((c) => c.emit).map((c) => reminderOf(c, settings.schedule.length, now)),
		expired: polled.filter((c) => c.status === 'expired').map((c) => c.token),
	};
}
