import { InputError } from '../../shared/errors';
import type { StoreContext } from '../context';
import type { Queryable, Row } from '../dialect/Dialect';
import { checkKey, checkPositiveInt, checkText, fromJson, ms, num } from '../impl/values';
import type { AlsoBought, CustomerRef, LastOrder, OrderContact, OrderRecord, OrderStatus, SkuPurchase } from './orderHistory';
import { ORDER_KEY, codeKey, lineFromRow } from './orderLines';
import type { OrderLine } from './orderLines';

/** The reads of the order history (`orderHistory.ts`). The queries answer only orders that still count ("placed"); the GDPR export reads every status through `withLines`. */

export function orderFromRow(row: Row, lines: OrderLine[]): OrderRecord {
	return {
		platform: row.platform as string,
		orderId: row.order_id as string,
		number: (row.order_number as string | null) ?? null,
		customerKey: row.customer_key as string,
		subject: (row.subject as string | null) ?? null,
		customerId: (row.customer_id as string | null) ?? null,
		placedAt: new Date(num(row.placed_at)),
		currency: (row.currency as string | null) ?? null,
		total: (row.total as string | null) ?? null,
		status: row.status as OrderStatus,
		discountCodes: fromJson<string[]>(row.discount_codes, []),
		contact: fromJson<OrderContact>(row.contact, {}),
		lines,
	};
}

/** Orders with their lines, in the order of `rows`. */
export async function withLines(q: Queryable, rows: Row[]): Promise<OrderRecord[]> {
	const out: OrderRecord[] = [];
	for (const row of rows) {
		const lines = await q.all(`SELECT * FROM order_lines WHERE ${ORDER_KEY} ORDER BY line_no`, [row.platform, row.order_id]);
		out.push(orderFromRow(row, lines.map(lineFromRow)));
	}
	return out;
}

/** The SQL condition and parameters that select one customer's orders. */
function customerWhere(ctx: StoreContext, customer: CustomerRef, p = ''): { where: string; params: unknown[] } {
	if (customer && 'subject' in customer) return { where: `${p}subject_hash = ?`, params: [ctx.anySubject(customer.subject).hash] };
	const platform = checkKey(customer?.platform, 'platform');
	return { where: `${p}platform = ? AND ${p}customer_id = ?`, params: [platform, checkKey(customer.customerId, 'customerId')] };
}

export async function ofCustomer(ctx: StoreContext, customer: CustomerRef, options: { limit?: number } = {}): Promise<OrderRecord[]> {
	const { where, params } = customerWhere(ctx, customer);
	const limit = checkPositiveInt(options.limit ?? 50, 'limit');
	return ctx.db.tx(
		async (tx) => {
			const rows = await tx.all(
				`SELECT * FROM orders WHERE ${where} AND status = 'placed' ORDER BY placed_at DESC, order_id${ctx.db.binary} DESC LIMIT ${limit}`,
				params,
			);
			return withLines(tx, rows);
		},
		{ readOnly: true },
	);
}

export async function purchasesOf(ctx: StoreContext, sku: string, options: { since?: Date } = {}): Promise<SkuPurchase[]> {
	checkKey(sku, 'sku');
	const since = options.since ? ms(options.since, Number.NaN) : Number.MIN_SAFE_INTEGER;
	const b = ctx.db.binary;
	const rows = await ctx.db.values(
		`SELECT customer_key, platform, order_id, placed_at, SUM(quantity - returned) FROM order_lines
		WHERE sku = ? AND active = 1 AND placed_at >= ?
		GROUP BY customer_key, platform, order_id, placed_at HAVING SUM(quantity - returned) > 0
		ORDER BY customer_key${b}, placed_at, platform${b}, order_id${b}`,
		[sku, since],
	);
	return rows.map((r) => ({
		customerKey: r[0] as string,
		platform: r[1] as string,
		orderId: r[2] as string,
		placedAt: new Date(num(r[3])),
		quantity: num(r[4]),
	}));
}

export async function lastOrders(ctx: StoreContext, options: { before: Date; limit: number; after?: string }): Promise<LastOrder[]> {
	const before = ms(options?.before, Number.NaN);
	const limit = checkPositiveInt(options.limit, 'limit');
	const b = ctx.db.binary;
	// A newer order of the same customer hides an order; ties on time go to the greater order id (deterministic).
	const rows = await ctx.db.all(
		`SELECT o.customer_key, o.subject, o.customer_id, o.platform, o.order_id, o.placed_at FROM orders AS o
		WHERE o.status = 'placed' AND o.customer_key${b} > ? AND NOT EXISTS (
			SELECT 1 FROM orders AS n WHERE n.customer_key = o.customer_key AND n.status = 'placed'
				AND (n.placed_at > o.placed_at OR (n.placed_at = o.placed_at
					AND (n.platform${b} > o.platform${b} OR (n.platform = o.platform AND n.order_id${b} > o.order_id${b})))))
			AND o.placed_at < ?
		ORDER BY o.customer_key${b} LIMIT ${limit}`,
		[options.after ?? '', before],
	);
	return rows.map((r) => ({
		customerKey: r.customer_key as string,
		subject: (r.subject as string | null) ?? null,
		customerId: (r.customer_id as string | null) ?? null,
		platform: r.platform as string,
		orderId: r.order_id as string,
		lastOrderAt: new Date(num(r.placed_at)),
	}));
}

export async function discountRedeemed(ctx: StoreContext, code: string, since: Date, customer?: CustomerRef): Promise<boolean> {
	const key = codeKey(checkText(String(code ?? ''), 'code'));
	if (key === '') throw new InputError('The discount code is empty.', 'code');
	const t = ms(since, Number.NaN);
	const who = customer ? customerWhere(ctx, customer, 'o.') : null;
	const row = await ctx.db.get(
		`SELECT 1 AS found FROM order_discounts AS d ${who ? 'JOIN orders AS o ON o.platform = d.platform AND o.order_id = d.order_id' : ''}
		WHERE d.code_key = ? AND d.placed_at >= ? AND d.active = 1 ${who ? `AND ${who.where}` : ''} LIMIT 1`,
		[key, t, ...(who?.params ?? [])],
	);
	return !!row;
}


/** The spelling an order number is looked up by: no spaces, no leading "#" or "No.", lower case ("# 1001" → "1001"). */
export function numberKey(number: string): string {
	return String(number ?? '')
		.replace(/\s+/g, '')
		.replace(/^(#|no\.?|nr\.?)+/i, '')
		.toLowerCase();
}

export async function byNumber(ctx: StoreContext, number: string): Promise<OrderRecord[]> {
	const key = numberKey(checkText(String(number ?? ''), 'number'));
	if (key === '') return [];
	const b = ctx.db.binary;
	return ctx.db.tx(
		async (tx) => withLines(tx, await tx.all(`SELECT * FROM orders WHERE number_key = ? ORDER BY placed_at DESC, platform${b}, order_id${b} LIMIT 5`, [key])),
		{ readOnly: true },
	);
}

export async function getOrder(ctx: StoreContext, platform: string, orderId: string): Promise<OrderRecord | null> {
	const params = [checkKey(platform, 'platform'), checkKey(orderId, 'orderId')];
	return ctx.db.tx(async (tx) => (await withLines(tx, await tx.all(`SELECT * FROM orders WHERE ${ORDER_KEY}`, params)))[0] ?? null, { readOnly: true });
}

/** The most recent buyers of the SKUs looked at: bounds the work for a best-seller bought by a hundred thousand. */
const ALSO_BOUGHT_BUYERS = 500;

export async function alsoBought(ctx: StoreContext, skus: string[], options: { limit: number; exceptCustomer?: string | null }): Promise<AlsoBought[]> {
	const wanted = [...new Set((Array.isArray(skus) ? skus : []).filter((s) => typeof s === 'string' && s !== '').map((s) => checkKey(s, 'skus')))];
	const limit = checkPositiveInt(options?.limit, 'limit');
	if (wanted.length === 0) return [];
	const b = ctx.db.binary;
	const marks = wanted.map(() => '?').join(', ');
	// Buyers through the SKU index, their orders through the customer index, lines by primary key: no scan of all lines.
	const rows = await ctx.db.values(
		`WITH buyers AS (
			SELECT customer_key FROM order_lines WHERE sku IN (${marks}) AND active = 1 AND quantity > returned AND customer_key <> ?
			GROUP BY customer_key ORDER BY MAX(placed_at) DESC LIMIT ${ALSO_BOUGHT_BUYERS})
		SELECT l.sku, COUNT(DISTINCT l.customer_key), MAX(l.placed_at) FROM buyers AS k
			JOIN orders AS o ON o.customer_key = k.customer_key AND o.status = 'placed'
			JOIN order_lines AS l ON l.platform = o.platform AND l.order_id = o.order_id
		WHERE l.sku IS NOT NULL AND l.active = 1 AND l.quantity > l.returned AND l.sku NOT IN (${marks})
		GROUP BY l.sku ORDER BY COUNT(DISTINCT l.customer_key) DESC, MAX(l.placed_at) DESC, l.sku${b} LIMIT ${limit}`,
		[...wanted, options.exceptCustomer ?? '', ...wanted],
	);
	const out: AlsoBought[] = [];
	for (const [sku, customers] of rows) {
		const last = await ctx.db.get(
			`SELECT l.product_id, l.title, l.unit_price, o.currency FROM order_lines AS l JOIN orders AS o ON o.platform = l.platform AND o.order_id = l.order_id
			WHERE l.sku = ? AND l.active = 1 ORDER BY l.placed_at DESC LIMIT 1`,
			[sku],
		);
		out.push({
			sku: String(sku),
			productId: (last?.product_id as string | null) ?? null,
			title: (last?.title as string | null) ?? null,
			unitPrice: (last?.unit_price as string | null) ?? null,
			currency: (last?.currency as string | null) ?? null,
			customers: num(customers),
		});
	}
	return out;
}
