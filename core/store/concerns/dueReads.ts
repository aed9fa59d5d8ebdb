import { InputError } from '../../shared/errors';
import type { StoreCall, StoreContext } from '../context';
import { BATCH } from '../dialect/Dialect';
import { checkKey, chunks, fromJson, ms, num } from '../impl/values';
import type { OrderRecord } from './orderHistory';
import { ORDER_KEY } from './orderLines';
import { withLines } from './orderQueries';

/**
 * The reads behind refill reminders, product birthdays and win-back (`core/replenishment`), as `store.due`: orders by
 * id (the purchase a reminder is about, with its contact and lines), every customer's order times (their own reorder
 * rhythm) and the vouchers the message log says we sent. Reads only: what was emitted is kept as claims.
 */

export interface SentVoucher {
	code: string;
	sentAt: Date;
	channel: string;
	journeyStep: string;
}

export interface DueReadStore {
	/** The orders (any status) with their lines, in the order asked; unknown ids are left out. */
	orders(refs: ReadonlyArray<{ platform: string; orderId: string }>): Promise<OrderRecord[]>;
	/** The times of each customer's orders that count, oldest first, by customer key. */
	orderTimes(customerKeys: readonly string[]): Promise<Map<string, Date[]>>;
	/** Vouchers (`meta.couponCode` of a sent message) sent to these subjects since `since`, newest first. */
	vouchersSent(subjects: readonly string[], since: Date): Promise<SentVoucher[]>;
}

async function orders(ctx: StoreContext, refs: ReadonlyArray<{ platform: string; orderId: string }>): Promise<OrderRecord[]> {
	const out: OrderRecord[] = [];
	for (const ref of refs) {
		const row = await ctx.db.get(`SELECT * FROM orders WHERE ${ORDER_KEY}`, [checkKey(ref.platform, 'platform'), checkKey(ref.orderId, 'orderId')]);
		if (row) out.push(...(await withLines(ctx.db, [row])));
	}
	return out;
}

async function orderTimes(ctx: StoreContext, customerKeys: readonly string[]): Promise<Map<string, Date[]>> {
	const out = new Map<string, Date[]>();
	const { db } = ctx;
	for (const chunk of chunks([...new Set(customerKeys)], BATCH)) {
		const rows = await db.values(`SELECT customer_key, placed_at FROM orders WHERE ${db.inList('customer_key')} AND status = 'placed' ORDER BY customer_key, placed_at`, [
			db.listParam(chunk),
		]);
		for (const [key, at] of rows) {
			const list = out.get(key as string);
			if (list) list.push(new Date(num(at)));
			else out.set(key as string, [new Date(num(at))]);
		}
	}
	return out;
}

async function vouchersSent(ctx: StoreContext, subjects: readonly string[], since: Date): Promise<SentVoucher[]> {
	const hashes: string[] = [];
	for (const subject of subjects) {
		try {
			hashes.push(ctx.anySubject(subject).hash);
		} catch (error) {
			// A value that is no phone or e-mail address has no messages.
			if (!(error instanceof InputError)) throw error;
		}
	}
	if (hashes.length === 0) return [];
	const { db } = ctx;
	const rows = await db.all(
		`SELECT channel, journey_step, sent_at, meta FROM messages WHERE ${db.inList('subject_hash')} AND sent_at >= ?
			AND status NOT IN ('failed', 'undelivered', 'bounced') ORDER BY sent_at DESC, id DESC`,
		[db.listParam(hashes), ms(since, Number.NaN)],
	);
	const out: SentVoucher[] = [];
	for (const row of rows) {
		const code = fromJson<Record<string, unknown>>(row.meta, {}).couponCode;
		if (typeof code !== 'string' || code.trim() === '') continue;
		out.push({ code: code.trim(), sentAt: new Date(num(row.sent_at)), channel: row.channel as string, journeyStep: row.journey_step as string });
	}
	return out;
}

export function createDueReadStore(call: StoreCall, ctx: StoreContext): DueReadStore {
	return {
		orders: (refs) => call('read orders', () => orders(ctx, refs)),
		orderTimes: (keys) => call("read customers' order times", () => orderTimes(ctx, keys)),
		vouchersSent: (subjects, since) => call('read sent vouchers', () => vouchersSent(ctx, subjects, since)),
	};
}
