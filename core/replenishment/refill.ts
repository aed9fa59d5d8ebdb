import type { SkuPurchase } from '../store';
import { chooseInterval, learnInterval, refillDueAt } from './intervals';
import type { Interval, LearnedInterval } from './intervals';
import type { Candidate } from './candidate';
import { overdueOk } from './candidate';
import type { RefillSettings } from './settings';

const DAY_MS = 86_400_000;

/**
 * Replenishment: per SKU, each customer's latest purchase (orders within a day of it count with it) lasts
 * `quantity × days per unit`; the reminder is due `leadDays` before that. The cycle is the latest purchase, so a
 * new purchase of the SKU starts a new cycle and moves the reminder (the old cycle is never due again).
 */

export interface SkuOutcome {
	sku: string;
	/** The interval used, or why none: too few repeat customers to learn one. */
	interval: Interval | null;
	learned: LearnedInterval | null;
	customers: number;
}

export function refillCandidates(
	sku: string,
	purchases: readonly SkuPurchase[],
	configured: number | null,
	settings: Pick<RefillSettings, 'leadDays' | 'minRepeatCustomers' | 'maxOverdueDays'>,
	now: Date,
): { outcome: SkuOutcome; candidates: Candidate[] } {
	const learned = configured === null ? learnInterval(purchases, { minRepeatCustomers: settings.minRepeatCustomers }) : null;
	const interval = chooseInterval(configured, learned);
	const latest = latestPerCustomer(purchases);
	const outcome: SkuOutcome = { sku, interval, learned, customers: latest.length };
	if (!interval) return { outcome, candidates: [] };
	const candidates: Candidate[] = [];
	for (const p of latest) {
		const dueAt = refillDueAt(p.placedAt, p.quantity, interval.daysPerUnit, settings.leadDays);
		if (dueAt.getTime() > now.getTime() || !overdueOk(dueAt, now, settings.maxOverdueDays)) continue;
		candidates.push({
			mode: 'replenishment',
			key: `replenishment:${p.customerKey}:${sku}:${p.platform}:${p.orderId}`,
			dueAt,
			customerKey: p.customerKey,
			platform: p.platform,
			orderId: p.orderId,
			placedAt: p.placedAt,
			sku,
			quantity: p.quantity,
			interval,
		});
	}
	return { outcome, candidates };
}

/** Each customer's latest purchase, with the units of purchases less than a day before it added (a split order). */
export function latestPerCustomer(purchases: readonly SkuPurchase[]): SkuPurchase[] {
	const byCustomer = new Map<string, SkuPurchase[]>();
	for (const p of purchases) {
		const list = byCustomer.get(p.customerKey);
		if (list) list.push(p);
		else byCustomer.set(p.customerKey, [p]);
	}
	const out: SkuPurchase[] = [];
	for (const list of byCustomer.values()) {
		let last = list[0];
		for (const p of list) if (p.placedAt.getTime() > last.placedAt.getTime() || (p.placedAt.getTime() === last.placedAt.getTime() && p.orderId > last.orderId)) last = p;
		let quantity = 0;
		for (const p of list) if (last.placedAt.getTime() - p.placedAt.getTime() < DAY_MS) quantity += p.quantity;
		out.push({ ...last, quantity });
	}
	return out;
}
