import type { StoreContext } from '../context';
import { BATCH } from '../dialect/Dialect';
import { checkKey, checkTtl, chunks, ms } from '../impl/values';

/**
 * Idempotency claims: one winner per key across all processes until the claim is released or expires. One
 * statement on both backends: insert, or take over an expired claim; a live claim makes the WHERE false → no row.
 */

export async function claim(ctx: StoreContext, key: string, ttlMs: number | null, now?: Date): Promise<boolean> {
	checkKey(key, 'key');
	const ttl = checkTtl(ttlMs);
	const t = ms(now, ctx.now());
	const row = await ctx.db.get(
		`INSERT INTO claims (key, claimed_at, expires_at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET claimed_at = excluded.claimed_at, expires_at = excluded.expires_at
		WHERE claims.expires_at IS NOT NULL AND claims.expires_at <= excluded.claimed_at
		RETURNING key`,
		[key, t, ttl === null ? null : t + ttl],
	);
	return row !== undefined;
}

export async function release(ctx: StoreContext, key: string): Promise<void> {
	await ctx.db.run('DELETE FROM claims WHERE key = ?', [checkKey(key, 'key')]);
}

export async function isClaimed(ctx: StoreContext, key: string, now?: Date): Promise<boolean> {
	const row = await ctx.db.get('SELECT 1 AS x FROM claims WHERE key = ? AND (expires_at IS NULL OR expires_at > ?)', [
		checkKey(key, 'key'),
		ms(now, ctx.now()),
	]);
	return row !== undefined;
}

export async function isClaimedMany(ctx: StoreContext, keys: string[], now?: Date): Promise<Set<string>> {
	const unique = [...new Set(keys)];
	for (const key of unique) checkKey(key, 'key');
	const t = ms(now, ctx.now());
	const claimed = new Set<string>();
	const { db } = ctx;
	for (const chunk of chunks(unique, BATCH)) {
		const rows = await db.all(`SELECT key FROM claims WHERE ${db.inList('key')} AND (expires_at IS NULL OR expires_at > ?)`, [
			db.listParam(chunk),
			t,
		]);
		for (const row of rows) claimed.add(row.key as string);
	}
	return claimed;
}

