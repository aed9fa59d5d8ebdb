import type { StoreContext } from '../context';
import { InputError } from '../../shared/errors';
import { checkKey, checkPositiveInt, checkTtl, fromJson, ms, num } from '../impl/values';

/** Small shared state: the carrier cache (last-known tracking values), per-provider API quotas and send slots. */

export async function cacheGet<T>(ctx: StoreContext, namespace: string, key: string, now?: Date): Promise<T | null> {
	const row = await ctx.db.get('SELECT value FROM cache_entries WHERE namespace = ? AND key = ? AND (expires_at IS NULL OR expires_at > ?)', [
		checkKey(namespace, 'namespace'),
		checkKey(key, 'key'),
		ms(now, ctx.now()),
	]);
	return row ? fromJson<T | null>(row.value, null) : null;
}

export async function cachePut(ctx: StoreContext, namespace: string, key: string, value: unknown, ttlMs: number | null, now?: Date): Promise<void> {
	const ttl = checkTtl(ttlMs);
	const t = ms(now, ctx.now());
	await ctx.db.run(
		`INSERT INTO cache_entries (namespace, key, value, expires_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
		[checkKey(namespace, 'namespace'), checkKey(key, 'key'), JSON.stringify(value ?? null), ttl === null ? null : t + ttl],
	);
}

/** One statement: count a hit in the current fixed window, or refuse (and not count) when it is full. */
export async function takeQuota(ctx: StoreContext, name: string, limit: number, windowMs: number, now?: Date): Promise<boolean> {
	checkKey(name, 'name');
	checkPositiveInt(limit, 'limit');
	const size = checkTtl(windowMs, 'windowMs') ?? 1;
	const t = ms(now, ctx.now());
	const row = await ctx.db.get(
		`INSERT INTO quotas (name, window_start, count) VALUES (?, ?, 1)
		ON CONFLICT (name) DO UPDATE SET
			count = CASE WHEN quotas.window_start = excluded.window_start THEN quotas.count + 1 ELSE 1 END,
			window_start = excluded.window_start
		WHERE quotas.window_start <> excluded.window_start OR quotas.count < ?
		RETURNING count`,
		[name, t - (t % size), limit],
	);
	return row !== undefined;
}


/** A reservation further ahead than this is left over from a clock that jumped back (or a test clock): start afresh. */
const SLOT_HORIZON_US = 60_000_000;

/**
 * Reserves the next send slot of `name`, `intervalMs` after the previous one (or now, when the previous one has
 * passed), in one statement, so concurrent callers in any number of processes get distinct slots `intervalMs` apart.
 * Returns the slot as epoch milliseconds (fractional); the caller waits until then.
 */
export async function reserveSlot(ctx: StoreContext, name: string, intervalMs: number, now?: Date): Promise<number> {
	checkKey(name, 'name');
	if (!(intervalMs > 0) || !Number.isFinite(intervalMs)) throw new InputError('The slot interval must be a positive number of milliseconds.', 'intervalMs');
	const nowUs = ms(now, ctx.now()) * 1000;
	const stepUs = Math.ceil(intervalMs * 1000);
	const row = await ctx.db.get(
		`INSERT INTO send_slots (name, next_at) VALUES (?, ?)
		ON CONFLICT (name) DO UPDATE SET next_at = CASE
			WHEN send_slots.next_at > ? AND send_slots.next_at < ? THEN send_slots.next_at + ?
			ELSE excluded.next_at END
		RETURNING next_at`,
		[name, nowUs + stepUs, nowUs, nowUs + SLOT_HORIZON_US, stepUs],
	);
	return (num(row!.next_at) - stepUs) / 1000;
}
