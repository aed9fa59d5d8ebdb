import type { StoreContext } from '../context';
import { checkKey, checkPositiveInt, checkTtl, fromJson, ms } from '../impl/values';

/** Small shared state: the carrier cache (last-known tracking values) and per-provider API quotas. */

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

