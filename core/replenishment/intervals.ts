/**
 * How long a unit of a consumable lasts, learned from this shop's own repeat purchases, and when a customer's next
 * refill is due. Framework-free: the Replenishment Due Trigger feeds it `store.orders.purchasesOf(sku)`.
 *
 * Each repeat customer contributes one figure, the median of their own gaps "days until the next order ÷ units
 * bought in the earlier order"; the SKU's interval is the median over customers. A customer who reorders every
 * week therefore weighs as much as one who reordered once, and a few odd gaps (a holiday, a gift) move nothing.
 * The figure is used only once enough customers have reordered; below that, the output says how many there are.
 */

const DAY_MS = 86_400_000;

export interface Purchase {
	customerKey: string;
	placedAt: Date;
	/** Units kept (ordered minus returned). */
	quantity: number;
}

export interface LearnOptions {
	/** Repeat customers needed before a learned interval is used (default 5). */
	minRepeatCustomers?: number;
	/** Gaps shorter than this are a correction or a split order, not a refill (default 1 day). */
	minGapDays?: number;
}

export type LearnedInterval =
	| { source: 'learned'; daysPerUnit: number; repeatCustomers: number; gaps: number }
	| { source: 'insufficient'; repeatCustomers: number; needed: number };

export type Interval =
	| { source: 'configured'; daysPerUnit: number }
	| { source: 'learned'; daysPerUnit: number; repeatCustomers: number; gaps: number };

export const DEFAULT_MIN_REPEAT_CUSTOMERS = 5;

export function median(values: readonly number[]): number {
	if (values.length === 0) throw new RangeError('median of no values');
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Purchases of one SKU, grouped by customer, oldest first; purchases without units are left out. */
function byCustomer(purchases: readonly Purchase[]): Map<string, Purchase[]> {
	const groups = new Map<string, Purchase[]>();
	for (const p of purchases) {
		if (!(p.quantity > 0) || Number.isNaN(p.placedAt.getTime())) continue;
		const list = groups.get(p.customerKey);
		if (list) list.push(p);
		else groups.set(p.customerKey, [p]);
	}
	for (const list of groups.values()) list.sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime());
	return groups;
}

/** Learns days per unit for one SKU from its purchases (any order, any number of customers). */
export function learnInterval(purchases: readonly Purchase[], options: LearnOptions = {}): LearnedInterval {
	const needed = options.minRepeatCustomers ?? DEFAULT_MIN_REPEAT_CUSTOMERS;
	const minGapMs = (options.minGapDays ?? 1) * DAY_MS;
	const perCustomer: number[] = [];
	let gaps = 0;
	for (const list of byCustomer(purchases).values()) {
		const own: number[] = [];
		let previous = list[0];
		for (const next of list.slice(1)) {
			const gap = next.placedAt.getTime() - previous.placedAt.getTime();
			// A too-short gap joins the two orders: the units of both last until the next real refill.
			if (gap < minGapMs) {
				previous = { ...previous, quantity: previous.quantity + next.quantity };
				continue;
			}
			own.push(gap / DAY_MS / previous.quantity);
			previous = next;
		}
		if (own.length === 0) continue;
		gaps += own.length;
		perCustomer.push(median(own));
	}
	if (perCustomer.length < needed || perCustomer.length === 0) return { source: 'insufficient', repeatCustomers: perCustomer.length, needed };
	return { source: 'learned', daysPerUnit: median(perCustomer), repeatCustomers: perCustomer.length, gaps };
}

/** The interval to use: a configured one wins; else the learned one if there is enough history; else none. */
export function chooseInterval(configuredDaysPerUnit: number | null | undefined, learned: LearnedInterval | null): Interval | null {
	if (typeof configuredDaysPerUnit === 'number' && configuredDaysPerUnit > 0) return { source: 'configured', daysPerUnit: configuredDaysPerUnit };
	if (learned?.source === 'learned') return learned;
	return null;
}

/**
 * When the refill reminder for a purchase is due: the units bought last as long as `quantity × daysPerUnit`, and the
 * reminder comes `leadDays` earlier so a new pack arrives in time. Never before the purchase itself.
 */
export function refillDueAt(purchasedAt: Date, quantity: number, daysPerUnit: number, leadDays = 0): Date {
	if (!(quantity > 0) || !(daysPerUnit > 0) || !(leadDays >= 0)) throw new RangeError('quantity and days per unit must be positive, lead days not negative');
	const lasts = quantity * daysPerUnit * DAY_MS;
	return new Date(purchasedAt.getTime() + Math.max(0, lasts - leadDays * DAY_MS));
}
