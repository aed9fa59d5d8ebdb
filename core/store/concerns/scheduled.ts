import type { StoreContext } from '../context';
import type { Row } from '../dialect/Dialect';
import { checkKey, checkPositiveInt, checkTtl, fromJson, ms, num, toJson } from '../impl/values';
import type { DueItem, DueItemInput, DueKind } from '../JourneyStore';

/** Scheduled work (pending carts, consumable purchases, watched shipments) that pollers lease. */

export function dueFromRow(row: Row): DueItem {
	return {
		kind: row.kind as string,
		key: row.key as string,
		subject: (row.subject as string | null) ?? null,
		dueAt: new Date(num(row.due_at)),
		payload: fromJson(row.payload, {}),
		attempts: num(row.attempts),
		status: row.status as DueItem['status'],
	};
}

export function byDue(a: DueItem, b: DueItem): number {
	return a.dueAt.getTime() - b.dueAt.getTime() || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

export async function upsertDue(ctx: StoreContext, item: DueItemInput): Promise<void> {
	checkKey(item.kind, 'kind');
	checkKey(item.key, 'key');
	const s = item.subject ? ctx.anySubject(item.subject) : null;
	await ctx.db.run(
		`INSERT INTO due_items (kind, key, subject, subject_hash, due_at, payload, attempts, status, lease_until, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, 0, 'pending', NULL, ?)
		ON CONFLICT (kind, key) DO UPDATE SET subject = excluded.subject, subject_hash = excluded.subject_hash,
			due_at = excluded.due_at, payload = excluded.payload, attempts = 0, status = 'pending', lease_until = NULL,
			updated_at = excluded.updated_at`,
		[item.kind, item.key, s?.subject ?? null, s?.hash ?? null, ms(item.dueAt, Number.NaN), toJson(item.payload), ctx.now()],
	);
}

/**
 * Leases due items in one statement. SQLite: the UPDATE holds the one write lock for its whole run, so no other
 * process can lease the same rows in between. PostgreSQL: `FOR UPDATE SKIP LOCKED` lets a second poller pass over rows
 * the first is leasing instead of waiting and re-leasing them.
 */
export async function claimDue(ctx: StoreContext, kind: DueKind, options: { now?: Date; limit: number; leaseMs: number }): Promise<DueItem[]> {
	checkKey(kind, 'kind');
	const limit = checkPositiveInt(options.limit, 'limit');
	const lease = checkTtl(options.leaseMs, 'leaseMs') ?? 0;
	const t = ms(options.now, ctx.now());
	const { db } = ctx;
	const rows = await db.all(
		`UPDATE due_items SET status = 'leased', attempts = attempts + 1, lease_until = ?, updated_at = ?
		WHERE (kind, key) IN (
			SELECT kind, key FROM due_items WHERE kind = ?
				AND ((status = 'pending' AND due_at <= ?) OR (status = 'leased' AND lease_until <= ?))
			ORDER BY due_at, key${db.binary} LIMIT ? ${db.skipLocked})
		RETURNING *`,
		[t + lease, t, kind, t, t, limit],
	);
	return rows.map(dueFromRow).sort(byDue);
}

/** Only a leased item: one replaced (re-scheduled) while it was out stays pending with its new time. */
export async function completeDue(ctx: StoreContext, kind: DueKind, key: string): Promise<void> {
	await ctx.db.run(
		"UPDATE due_items SET status = 'done', lease_until = NULL, updated_at = ? WHERE kind = ? AND key = ? AND status = 'leased'",
		[ctx.now(), checkKey(kind, 'kind'), checkKey(key, 'key')],
	);
}

export async function cancelDue(ctx: StoreContext, kind: DueKind, key: string): Promise<boolean> {
	const changed = await ctx.db.run(
		`UPDATE due_items SET status = 'cancelled', lease_until = NULL, updated_at = ?
		WHERE kind = ? AND key = ? AND status IN ('pending', 'leased')`,
		[ctx.now(), checkKey(kind, 'kind'), checkKey(key, 'key')],
	);
	return changed > 0;
}

export async function getDue(ctx: StoreContext, kind: DueKind, key: string): Promise<DueItem | null> {
	const row = await ctx.db.get('SELECT * FROM due_items WHERE kind = ? AND key = ?', [checkKey(kind, 'kind'), checkKey(key, 'key')]);
	return row ? dueFromRow(row) : null;
}
