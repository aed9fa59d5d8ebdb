/**
 * When to ask for a review: some days after the parcel arrived (or, without tracking, after it shipped plus the
 * usual transit time), later for products that take longer to try, never for returned or refunded items, never twice
 * in a short time, and never again for products the customer already rated. Pure: the caller passes the clock's now
 * and what the store knows.
 */

const DAY_MS = 86_400_000;

export interface TimingItem {
	sku?: string | null;
	productId?: string | null;
	title?: string | null;
	category?: string | null;
	quantity?: number | null;
	/** Whether the shop reports this line returned or refunded (in full). */
	returned?: boolean;
}

export interface TimingOverride {
	/** A SKU, product ID or category, matched exactly (case-insensitive). */
	match: string;
	delayDays: number;
}

export interface TimingRules {
	/** Days after delivery before asking. */
	delayDays: number;
	/** Without a delivery date: days a parcel usually travels after it shipped. */
	transitDays: number;
	overrides: TimingOverride[];
	/** One ask per order (naming up to `maxItems` products) or one per line item (up to `maxItems` asks). */
	per: 'order' | 'line_item';
	maxItems: number;
	/** Do not ask a customer who was asked within this many days (0 = no limit). */
	cooldownDays: number;
	/** Do not ask about deliveries older than this many days (0 = no limit): an imported order from last year is no moment. */
	maxAgeDays: number;
}

export const DEFAULT_TIMING_RULES: TimingRules = {
	delayDays: 5,
	transitDays: 3,
	overrides: [],
	per: 'order',
	maxItems: 3,
	cooldownDays: 30,
	maxAgeDays: 60,
};

export interface TimingInput {
	now: Date;
	deliveredAt?: Date | null;
	shippedAt?: Date | null;
	/** The whole order is returned or refunded. */
	orderReturned?: boolean;
	items: TimingItem[];
	/** When the customer last got a review request on any channel (message log, journey step `review_request`). */
	lastAskedAt?: Date | null;
	/** Product IDs and SKUs the customer already rated. */
	ratedProducts?: ReadonlySet<string>;
}

export type SkipReason = 'no_delivery_date' | 'returned' | 'already_rated' | 'asked_recently' | 'too_late' | 'no_items';

export type TimingDecision =
	| { decision: 'ask_now'; askAt: Date; basis: 'delivered' | 'shipped'; items: TimingItem[] }
	| { decision: 'ask_later'; askAt: Date; basis: 'delivered' | 'shipped'; items: TimingItem[] }
	| { decision: 'skip'; reason: SkipReason; items: TimingItem[] };

function keysOf(item: TimingItem): string[] {
	return [item.productId, item.sku].filter((k): k is string => typeof k === 'string' && k !== '');
}

function delayFor(item: TimingItem, rules: TimingRules): number {
	const names = [item.sku, item.productId, item.category].filter(Boolean).map((n) => String(n).toLowerCase());
	const override = rules.overrides.find((o) => names.includes(o.match.trim().toLowerCase()));
	return override ? override.delayDays : rules.delayDays;
}

/** Decides for one order (or one line item, when the caller splits per line item). */
export function checkTiming(input: TimingInput, rules: TimingRules = DEFAULT_TIMING_RULES): TimingDecision {
	const now = input.now.getTime();
	if (input.orderReturned) return { decision: 'skip', reason: 'returned', items: [] };
	const kept = input.items.filter((item) => !item.returned);
	if (input.items.length > 0 && kept.length === 0) return { decision: 'skip', reason: 'returned', items: [] };
	const rated = input.ratedProducts ?? new Set<string>();
	const unrated = kept.filter((item) => !keysOf(item).some((k) => rated.has(k)));
	if (kept.length > 0 && unrated.length === 0) return { decision: 'skip', reason: 'already_rated', items: [] };

	const basis = input.deliveredAt ? 'delivered' : 'shipped';
	const arrived = input.deliveredAt
		? input.deliveredAt.getTime()
		: input.shippedAt
			? input.shippedAt.getTime() + rules.transitDays * DAY_MS
			: Number.NaN;
	if (Number.isNaN(arrived)) return { decision: 'skip', reason: 'no_delivery_date', items: [] };
	if (rules.maxAgeDays > 0 && now - arrived > rules.maxAgeDays * DAY_MS) return { decision: 'skip', reason: 'too_late', items: [] };

	// The products that take longest to try come first; an order is asked about when the slowest one is due.
	const items = unrated
		.map((item, index) => ({ item, index, delay: delayFor(item, rules) }))
		.sort((a, b) => b.delay - a.delay || a.index - b.index)
		.slice(0, Math.max(1, rules.maxItems));
	const delay = items.length ? items[0].delay : rules.delayDays;
	const askAt = new Date(arrived + delay * DAY_MS);
	const chosen = items.map((x) => x.item);

	const last = input.lastAskedAt?.getTime();
	if (last !== undefined && rules.cooldownDays > 0 && Math.max(now, askAt.getTime()) - last < rules.cooldownDays * DAY_MS) {
		return { decision: 'skip', reason: 'asked_recently', items: chosen };
	}
	if (askAt.getTime() <= now) return { decision: 'ask_now', askAt, basis, items: chosen };
	return { decision: 'ask_later', askAt, basis, items: chosen };
}

/** Per line item: one decision per product (up to `maxItems`), each with its own delay. */
export function checkTimingPerItem(input: TimingInput, rules: TimingRules = DEFAULT_TIMING_RULES): TimingDecision[] {
	const whole = checkTiming(input, { ...rules, maxItems: Math.max(1, rules.maxItems) });
	if (whole.decision === 'skip' && whole.reason !== 'asked_recently') return [whole];
	const rated = input.ratedProducts ?? new Set<string>();
	const eligible = input.items.filter((item) => !item.returned && !keysOf(item).some((k) => rated.has(k))).slice(0, Math.max(1, rules.maxItems));
	return eligible.map((item) => checkTiming({ ...input, items: [item] }, { ...rules, maxItems: 1 }));
}
