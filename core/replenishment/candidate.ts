import type { Interval } from './intervals';
import type { DueMode } from './settings';

const DAY_MS = 86_400_000;

/** One reminder that fell due: whose, about which purchase, and the key that makes it once per cycle. */
export interface Candidate {
	mode: DueMode;
	/** Once per customer + SKU + cycle (replenishment), per order line (birthday), per lapse (win-back). */
	key: string;
	dueAt: Date;
	customerKey: string;
	/** The purchase (replenishment, birthday) or the last order (win-back). */
	platform: string;
	orderId: string;
	placedAt: Date;
	sku?: string;
	quantity?: number;
	interval?: Interval;
	/** `orders`: how many orders the customer has, when their rhythm was looked at (a rhythm factor is set). */
	lapse?: { basis: 'fixed' | 'own_median'; days: number; medianDays: number | null; orders: number | null };
}

/** Whether a due time is recent enough to act on (null = no limit). */
export function overdueOk(dueAt: Date, now: Date, maxOverdueDays: number | null): boolean {
	return maxOverdueDays === null || now.getTime() - dueAt.getTime() <= maxOverdueDays * DAY_MS;
}

export function byDueAt(a: Candidate, b: Candidate): number {
	return a.dueAt.getTime() - b.dueAt.getTime() || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}
