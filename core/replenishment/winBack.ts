import type { LastOrder } from '../store';
import type { Candidate } from './candidate';
import { overdueOk } from './candidate';
import { median } from './intervals';
import type { WinBackSettings } from './settings';

const DAY_MS = 86_400_000;

/** Orders needed before a customer's own rhythm is trusted (two gaps between them). */
export const MIN_ORDERS_FOR_OWN_RHYTHM = 3;

/**
 * Win-back: a customer has lapsed `afterDays` after their last order, or, with a factor k, after k × the median gap
 * between their own orders (at least `minDays`; customers with fewer than three orders use `afterDays`). Once per
 * lapse: the lapse is named by the last order, so only a new order (and a new lapse after it) brings another.
 */
export function lapseOf(last: LastOrder, times: readonly Date[] | undefined, settings: Pick<WinBackSettings, 'afterDays' | 'medianFactor' | 'minDays'>): Candidate['lapse'] & object {
	const orders = times?.length ?? null;
	if (settings.medianFactor > 0 && times && times.length >= MIN_ORDERS_FOR_OWN_RHYTHM) {
		const gaps = times.slice(1).map((t, i) => (t.getTime() - times[i].getTime()) / DAY_MS);
		const medianDays = median(gaps);
		return { basis: 'own_median', days: Math.max(settings.minDays, settings.medianFactor * medianDays), medianDays, orders };
	}
	return { basis: 'fixed', days: settings.afterDays, medianDays: null, orders };
}

export function winBackCandidate(last: LastOrder, times: readonly Date[] | undefined, settings: WinBackSettings, now: Date): Candidate | null {
	const lapse = lapseOf(last, times, settings);
	const dueAt = new Date(last.lastOrderAt.getTime() + lapse.days * DAY_MS);
	if (dueAt.getTime() > now.getTime() || !overdueOk(dueAt, now, settings.maxOverdueDays)) return null;
	return {
		mode: 'win_back',
		key: `win_back:${last.customerKey}:${last.platform}:${last.orderId}`,
		dueAt,
		customerKey: last.customerKey,
		platform: last.platform,
		orderId: last.orderId,
		placedAt: last.lastOrderAt,
		lapse,
	};
}

/** The earliest a lapse can be due: customers whose last order is newer than this need no look. */
export function earliestLapseDays(settings: Pick<WinBackSettings, 'afterDays' | 'medianFactor' | 'minDays'>): number {
	return settings.medianFactor > 0 ? Math.min(settings.afterDays, settings.minDays) : settings.afterDays;
}
