import { DateTime } from 'luxon';
import type { SkuPurchase } from '../store';
import type { Candidate } from './candidate';
import { overdueOk } from './candidate';
import type { BirthdaySettings } from './settings';

/**
 * Product birthday: N months after each purchase of a listed durable product (calendar months, in UTC), once per
 * order line; a product returned or an order cancelled before then gets none (the history no longer counts it).
 */
export function birthdayAt(placedAt: Date, months: number): Date {
	return DateTime.fromJSDate(placedAt, { zone: 'utc' }).plus({ months }).toJSDate();
}

export function birthdayCandidates(sku: string, purchases: readonly SkuPurchase[], settings: Pick<BirthdaySettings, 'months' | 'maxOverdueDays'>, now: Date): Candidate[] {
	const out: Candidate[] = [];
	for (const p of purchases) {
		const dueAt = birthdayAt(p.placedAt, settings.months);
		if (dueAt.getTime() > now.getTime() || !overdueOk(dueAt, now, settings.maxOverdueDays)) continue;
		out.push({
			mode: 'product_birthday',
			key: `product_birthday:${p.platform}:${p.orderId}:${sku}`,
			dueAt,
			customerKey: p.customerKey,
			platform: p.platform,
			orderId: p.orderId,
			placedAt: p.placedAt,
			sku,
			quantity: p.quantity,
		});
	}
	return out;
}
