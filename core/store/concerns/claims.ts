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


/**
 * A lease claim, for work that must happen once but may be cut off half-way (a process killed while sending): the
 * claim runs out `leaseMs` after it was taken or last renewed unless it is settled for good, so a retry can take it
 * over instead of finding it "done" for ever. `claimedAt` is the holder's token: renewing and settling only touch a
 * claim still holding it, so a holder whose lease ran out and was taken over cannot extend or settle the new one.
 */
export type LeaseClaim =
	| { state: 'claimed'; claimedAt: number; takenOverFrom: Date | null }
	| { state: 'held'; until: Date }
	| { state: 'done' };

export async function claimLease(ctx: StoreContext, key: string, leaseMs: number, now?: Date): Promise<LeaseClaim> {
	checkKey(key, 'key');
	const lease = checkTtl(leaseMs, 'leaseMs') as number;
	const t = ms(now, ctx.now());
	// Read first: a lease that ran out can only be taken over (never removed) in the few milliseconds between this
	// read and the claim, so the winner of the claim knows whether it took over someone's unfinished send.
	const before = await ctx.db.get('SELECT claimed_at, expires_at FROM claims WHERE key = ?', [key]);
	if (await claim(ctx, key, lease, new Date(t))) {
		const lapsed = before && before.expires_at !== null ? new Date(Number(before.claimed_at)) : null;
		return { state: 'claimed', claimedAt: t, takenOverFrom: lapsed };
	}
	const row = await ctx.db.get('SELECT expires_at FROM claims WHERE key = ?', [key]);
	if (!row) return claimLease(ctx, key, leaseMs, now);
	return row.expires_at === null ? { state: 'done' } : { state: 'held', until: new Date(Number(row.expires_at)) };
}

/** Extends a lease still held with `claimedAt`; false when it was settled, released or taken over meanwhile. */
export async function renewLease(ctx: StoreContext, key: string, claimedAt: number, leaseMs: number, now?: Date): Promise<boolean> {
	const lease = checkTtl(leaseMs, 'leaseMs') as number;
	const row = await ctx.db.get('UPDATE claims SET expires_at = ? WHERE key = ? AND claimed_at = ? AND expires_at IS NOT NULL RETURNING key', [
		ms(now, ctx.now()) + lease,
		checkKey(key, 'key'),
		claimedAt,
	]);
	return row !== undefined;
}

/** Makes a lease held with `claimedAt` permanent: the work is done. False when the lease was lost meanwhile. */
export async function settleLease(ctx: StoreContext, key: string, claimedAt: number): Promise<boolean> {
	const row = await ctx.db.get('UPDATE claims SET expires_at = NULL WHERE key = ? AND claimed_at = ? RETURNING key', [checkKey(key, 'key'), claimedAt]);
	return row !== undefined;
}

/** Gives back a lease held with `claimedAt` (nothing was done), so the next attempt can claim it at once. */
export async function releaseLease(ctx: StoreContext, key: string, claimedAt: number): Promise<void> {
	await ctx.db.run('DELETE FROM claims WHERE key = ? AND claimed_at = ?', [checkKey(key, 'key'), claimedAt]);
}
