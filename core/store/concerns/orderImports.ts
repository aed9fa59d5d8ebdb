import { InputError } from '../../shared/errors';
import type { StoreCall, StoreContext } from '../context';
import type { Queryable, Row } from '../dialect/Dialect';
import { checkKey, checkText, checkTtl, ms, num, numOrNull } from '../impl/values';

/**
 * Order-history imports (migration 8): where an import of one shop and period stands, so an interrupted import
 * continues from its last saved page instead of starting over, and how much it has done so far. One row per
 * shop + period. A running import belongs to one execution at a time (a lease, renewed with every page); a finished
 * import starts over when it is run again, which adds nothing new (the order history records each order once).
 */

export interface ImportKey {
	/** The shop, e.g. `shopify:my-shop.myshopify.com`. */
	scope: string;
	from: Date;
	to: Date;
}

export interface ImportCounts {
	pages: number;
	seen: number;
	created: number;
	updated: number;
	skipped: number;
}

export interface OrderImport extends ImportKey {
	status: 'running' | 'done';
	/** The shop's paging position to continue from; null = from the start (or finished). */
	cursor: string | null;
	/** Totals over every execution of this import. */
	counts: ImportCounts;
	startedAt: Date;
	updatedAt: Date;
	finishedAt: Date | null;
}

export type ImportStart = { run: OrderImport; resumed: boolean } | { busy: OrderImport };

export interface LeaseOptions {
	/** Who runs the import (one id per execution). */
	owner: string;
	/** How long the import stays this owner's without a new page. */
	leaseMs: number;
	now?: Date;
}

export interface OrderImportStore {
	/**
	 * Takes the import for `owner`: a running one is resumed (cursor and counts kept) unless `restart`, a finished or
	 * restarted one starts from the first page. `busy` when another owner renewed its lease less than `leaseMs` ago.
	 */
	start(key: ImportKey, options: LeaseOptions & { restart?: boolean }): Promise<ImportStart>;
	/** Saves the position after a page and adds its counts; false when the import is no longer this owner's. */
	advance(key: ImportKey, cursor: string | null, add: ImportCounts, options: LeaseOptions): Promise<boolean>;
	/** Marks the import done and frees it; null when it is no longer this owner's. */
	finish(key: ImportKey, owner: string, now?: Date): Promise<OrderImport | null>;
	/** Frees the import after a failure; cursor and counts stay for the next run. */
	release(key: ImportKey, owner: string): Promise<void>;
	get(key: ImportKey): Promise<OrderImport | null>;
}

const WHERE = 'scope = ? AND period_from = ? AND period_to = ?';
const COUNT_FIELDS = ['pages', 'seen', 'created', 'updated', 'skipped'] as const;

function keyParams(key: ImportKey): [string, number, number] {
	const from = ms(key?.from, Number.NaN);
	const to = ms(key.to, Number.NaN);
	if (from > to) throw new InputError('The period starts after it ends.', 'from');
	return [checkKey(key.scope, 'scope'), from, to];
}

function checkCounts(add: ImportCounts): number[] {
	return COUNT_FIELDS.map((f) => {
		const n = add?.[f];
		if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new InputError(`The ${f} count must be a whole number of 0 or more.`, f);
		return n;
	});
}

function importFromRow(row: Row): OrderImport {
	const finishedAt = numOrNull(row.finished_at);
	return {
		scope: String(row.scope),
		from: new Date(num(row.period_from)),
		to: new Date(num(row.period_to)),
		status: row.status === 'done' ? 'done' : 'running',
		cursor: row.cursor === null || row.cursor === undefined ? null : String(row.cursor),
		counts: { pages: num(row.pages), seen: num(row.seen), created: num(row.created), updated: num(row.updated), skipped: num(row.skipped) },
		startedAt: new Date(num(row.started_at)),
		updatedAt: new Date(num(row.updated_at)),
		finishedAt: finishedAt === null ? null : new Date(finishedAt),
	};
}

async function read(q: Queryable, params: readonly unknown[]): Promise<OrderImport | null> {
	const row = await q.get(`SELECT * FROM order_imports WHERE ${WHERE}`, params);
	return row ? importFromRow(row) : null;
}

export async function startImport(ctx: StoreContext, key: ImportKey, options: LeaseOptions & { restart?: boolean }): Promise<ImportStart> {
	const params = keyParams(key);
	const owner = checkKey(options?.owner, 'owner');
	const lease = checkTtl(options.leaseMs, 'leaseMs') ?? 1;
	const t = ms(options.now, ctx.now());
	return ctx.db.tx(async (tx) => {
		await tx.run(
			`INSERT INTO order_imports (scope, period_from, period_to, status, cursor, pages, seen, created, updated, skipped, owner, lease_until,
				started_at, updated_at, finished_at) VALUES (?, ?, ?, 'running', NULL, 0, 0, 0, 0, 0, NULL, NULL, ?, ?, NULL)
			ON CONFLICT (scope, period_from, period_to) DO NOTHING`,
			[...params, t, t],
		);
		// Taking the lease locks the row, so two executions starting at once cannot both get it.
		const taken = await tx.run(
			`UPDATE order_imports SET owner = ?, lease_until = ? WHERE ${WHERE} AND (owner IS NULL OR owner = ? OR lease_until IS NULL OR lease_until <= ?)`,
			[owner, t + lease, ...params, owner, t],
		);
		const row = (await read(tx, params)) as OrderImport;
		if (taken === 0) return { busy: row };
		if (row.status === 'running' && !options.restart) return { run: row, resumed: row.counts.pages > 0 };
		await tx.run(
			`UPDATE order_imports SET status = 'running', cursor = NULL, pages = 0, seen = 0, created = 0, updated = 0, skipped = 0,
				started_at = ?, updated_at = ?, finished_at = NULL WHERE ${WHERE}`,
			[t, t, ...params],
		);
		return { run: (await read(tx, params)) as OrderImport, resumed: false };
	});
}

export async function advanceImport(ctx: StoreContext, key: ImportKey, cursor: string | null, add: ImportCounts, options: LeaseOptions): Promise<boolean> {
	const params = keyParams(key);
	const owner = checkKey(options?.owner, 'owner');
	const lease = checkTtl(options.leaseMs, 'leaseMs') ?? 1;
	const counts = checkCounts(add);
	const position = cursor === null ? null : checkText(String(cursor), 'cursor');
	const t = ms(options.now, ctx.now());
	const changed = await ctx.db.run(
		`UPDATE order_imports SET cursor = ?, pages = pages + ?, seen = seen + ?, created = created + ?, updated = updated + ?, skipped = skipped + ?,
			lease_until = ?, updated_at = ? WHERE ${WHERE} AND owner = ? AND status = 'running'`,
		[position, ...counts, t + lease, t, ...params, owner],
	);
	return changed > 0;
}

export async function finishImport(ctx: StoreContext, key: ImportKey, owner: string, now?: Date): Promise<OrderImport | null> {
	const params = keyParams(key);
	checkKey(owner, 'owner');
	const t = ms(now, ctx.now());
	return ctx.db.tx(async (tx) => {
		const changed = await tx.run(
			`UPDATE order_imports SET status = 'done', cursor = NULL, owner = NULL, lease_until = NULL, updated_at = ?, finished_at = ?
			WHERE ${WHERE} AND owner = ? AND status = 'running'`,
			[t, t, ...params, owner],
		);
		return changed > 0 ? read(tx, params) : null;
	});
}

export async function releaseImport(ctx: StoreContext, key: ImportKey, owner: string): Promise<void> {
	const params = keyParams(key);
	await ctx.db.run(`UPDATE order_imports SET owner = NULL, lease_until = NULL WHERE ${WHERE} AND owner = ?`, [...params, checkKey(owner, 'owner')]);
}

/** The sub-store `store.imports`: each method through the store's `call` (open check, housekeeping, error wrapping). */
export function createOrderImportStore(call: StoreCall, ctx: StoreContext): OrderImportStore {
	return {
		start: (key, options) => call('start an order import', () => startImport(ctx, key, options)),
		advance: (key, cursor, add, options) => call('save the order import position', () => advanceImport(ctx, key, cursor, add, options)),
		finish: (key, owner, now) => call('finish an order import', () => finishImport(ctx, key, owner, now)),
		release: (key, owner) => call('release an order import', () => releaseImport(ctx, key, owner)),
		get: (key) => call('read an order import', () => read(ctx.db, keyParams(key))),
	};
}
