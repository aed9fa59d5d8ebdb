import type { StoreContext } from '../context';
import { BATCH } from '../dialect/Dialect';
import type { RetentionSettings } from '../config';
import * as claims from './claims';

/**
 * Storage limitation (GDPR Art. 5(1)(e)): rows older than the configured ages are deleted. The store runs this on its
 * own, from ordinary use, at most once an hour per store across all processes (an hourly claim decides who); nobody
 * has to schedule anything. The consent ledger and suppressions are proof of consent and objection and are kept.
 */

export const HOUSEKEEPING_INTERVAL_MS = 3_600_000;
const DAY_MS = 86_400_000;
const HOUSEKEEPING_CLAIM = 'journey-store:housekeeping';

export interface HousekeepingReport {
	ranAt: Date;
	/** Rows deleted per kind of data. */
	purged: { messages: number; decisions: number; orderHistory: number; shipmentHistory: number; reviewAsks: number; ratings: number; links: number };
}

/** Whether any retention age is set (empty = keep for ever). */
export function hasRetention(retention: RetentionSettings | undefined): retention is RetentionSettings {
	return !!retention && [retention.messageLogDays, retention.decisionsDays, retention.orderHistoryDays].some((d) => typeof d === 'number' && d > 0);
}

/** Deletes in chunks (short transactions, so other callers are not held up) until nothing older is left. */
async function purge(ctx: StoreContext, table: string, key: string, where: string, cutoff: number): Promise<number> {
	let total = 0;
	for (;;) {
		const n = await ctx.db.run(`DELETE FROM ${table} WHERE (${key}) IN (SELECT ${key} FROM ${table} WHERE ${where} LIMIT ${BATCH})`, [cutoff]);
		total += n;
		if (n < BATCH) return total;
	}
}

function cutoff(now: number, days: number | null | undefined): number | null {
	return typeof days === 'number' && days > 0 ? now - days * DAY_MS : null;
}

/**
 * Runs one housekeeping pass if no process of this store ran one in the last hour; returns null when another did.
 * `messageLogDays` → the message log by send time; `decisionsDays` → the decision log by decision time;
 * `orderHistoryDays` → finished scheduled work (done or cancelled carts, purchases, shipments) and carts that get no
 * more reminders, by their last change, and recorded orders (`concerns/orderHistory.ts`) by the time they were placed;
 * `orderHistory` counts all of them (order attributions too). Review requests and short links with their clicks
 * (`links`) go with the message log (`messageLogDays`), ratings with the
 * order history (`orderHistoryDays`).
 */
export async function runHousekeeping(ctx: StoreContext, retention: RetentionSettings, now = ctx.now()): Promise<HousekeepingReport | null> {
	if (!(await claims.claim(ctx, HOUSEKEEPING_CLAIM, HOUSEKEEPING_INTERVAL_MS, new Date(now)))) return null;
	const purged = { messages: 0, decisions: 0, orderHistory: 0, shipmentHistory: 0, reviewAsks: 0, ratings: 0, links: 0 };
	const messages = cutoff(now, retention.messageLogDays);
	if (messages !== null) {
		purged.messages = await purge(ctx, 'messages', 'id', 'sent_at < ?', messages);
		purged.reviewAsks = await purge(ctx, 'review_asks', 'id', 'asked_at < ?', messages);
		// Short links go with the messages that carried them; their clicks first. Attributions are order history.
		purged.links = (await purge(ctx, 'link_clicks', 'id', 'at < ?', messages)) + (await purge(ctx, 'short_links', 'code', 'created_at < ?', messages));
	}
	const decisions = cutoff(now, retention.decisionsDays);
	if (decisions !== null) purged.decisions = await purge(ctx, 'decisions', 'id', 'decided_at < ?', decisions);
	const orders = cutoff(now, retention.orderHistoryDays);
	if (orders !== null) {
		purged.orderHistory = await purge(ctx, 'due_items', 'kind, key', "status IN ('done', 'cancelled') AND updated_at < ?", orders);
		purged.ratings = await purge(ctx, 'ratings', 'subject_hash, order_id', 'rated_at < ?', orders);
		purged.orderHistory += await purge(ctx, 'order_attributions', 'platform, order_id', 'placed_at < ?', orders);
		// Carts that will get no more reminders (done, ordered, expired, skipped, erased) are history too.
		purged.orderHistory += await purge(ctx, 'carts', 'scope, token', "status <> 'open' AND updated_at < ?", orders);
		// The recorded orders, by the time they were placed; each table carries that time, so no join is needed.
		await purge(ctx, 'order_lines', 'platform, order_id, line_no', 'placed_at < ?', orders);
		await purge(ctx, 'order_discounts', 'platform, order_id, code_key', 'placed_at < ?', orders);
		purged.orderHistory += await purge(ctx, 'orders', 'platform, order_id', 'placed_at < ?', orders);
		// Finished history imports (shop, period, counts; nobody's data) by when they finished.
		purged.orderHistory += await purge(ctx, 'order_imports', 'scope, period_from, period_to', 'finished_at < ?', orders);
		// Tracking history is order history too: finished watches, their events, what triggers emitted, old stages.
		purged.shipmentHistory =
			(await purge(ctx, 'shipment_deliveries', 'scope, event_id', 'delivered_at < ?', orders)) +
			(await purge(ctx, 'shipment_events', 'id', 'detected_at < ?', orders)) +
			(await purge(ctx, 'shipments', 'tracking_number', 'finished_at < ?', orders)) +
			(await purge(ctx, 'order_stages', 'order_id', 'updated_at < ?', orders)) +
			// Transit samples name a tracking number; the estimate reads only a lane's newest ones anyway.
			(await purge(ctx, 'transit_samples', 'tracking_number', 'delivered_at < ?', orders));
	}
	return { ranAt: new Date(now), purged };
}
