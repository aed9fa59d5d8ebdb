import { InputError } from '../../shared/errors';
import type { StoreCall, StoreContext } from '../context';
import type { BulkColumn, Queryable } from '../dialect/Dialect';
import { checkKey, checkText, ms, toJson } from '../impl/values';
import { ORDER_KEY, applyReturn, checkLine, checkReturnedItems, codeKey, lineFromRow, returnsOf } from './orderLines';
import { alsoBought, byNumber, discountRedeemed, getOrder, lastOrders, numberKey, ofCustomer, purchasesOf } from './orderQueries';
import type { OrderLine, OrderLineInput, ReturnedItem } from './orderLines';

export type { OrderLine, OrderLineInput, ReturnedItem } from './orderLines';
export { numberKey, withLines } from './orderQueries';

/**
 * The shop's order history (migration 7): what refill reminders, product birthdays and win-back are computed from.
 * An order is recorded once per platform + order id: a redelivery or a later update replaces it (and its lines),
 * cancellations and full refunds take it back, returns take units back. Only orders that still count ("placed")
 * appear in the queries. An order can be cancelled or returned before its placement arrives (webhooks race): it is
 * then kept as a stub that the placement fills in without bringing it back.
 */

export type OrderStatus = 'placed' | 'cancelled' | 'refunded';

export interface OrderInput {
	platform: string;
	orderId: string;
	/** The order number the customer sees ("#1001"); the tracking page looks orders up by it. Default: the order id. */
	number?: string | null;
	/** The customer's phone or e-mail; stored like every subject (normalized and hashed). */
	subject?: string | null;
	/** The shop's customer id (guests have none). */
	customerId?: string | null;
	placedAt: Date;
	currency?: string | null;
	/** Decimal string, e.g. "59.90". */
	total?: string | null;
	lineItems: OrderLineInput[];
	discountCodes?: string[];
	/** How to reach the customer about this order (migration 9): what reminders computed from the history address. */
	contact?: OrderContact | null;
}

/** The customer's contact as the order named it; every field optional. */
export interface OrderContact {
	email?: string | null;
	phone?: string | null;
	firstName?: string | null;
	lastName?: string | null;
	locale?: string | null;
	country?: string | null;
	timezone?: string | null;
	/** The shipping address's postcode: what the tracking page accepts instead of the e-mail address. */
	postalCode?: string | null;
	/** Marketing consent as the shop reported it with the order (`customer.consent` of the canonical model). */
	consent?: Record<string, unknown> | null;
}

export interface OrderRecord {
	platform: string;
	orderId: string;
	/** The order number as the shop spells it (null for orders recorded before migration 16). */
	number: string | null;
	/** Whose order: the subject hash, else `c:<platform>:<customer id>`, else `o:<platform>:<order id>`. */
	customerKey: string;
	subject: string | null;
	customerId: string | null;
	placedAt: Date;
	currency: string | null;
	total: string | null;
	status: OrderStatus;
	discountCodes: string[];
	/** The contact the order named (empty for orders recorded before migration 9). */
	contact: OrderContact;
	lines: OrderLine[];
}

/** One purchase of a SKU: a line of an order that counts, with the units kept. */
export interface SkuPurchase {
	customerKey: string;
	platform: string;
	orderId: string;
	placedAt: Date;
	quantity: number;
}

/** A customer's newest order that counts. */
export interface LastOrder {
	customerKey: string;
	subject: string | null;
	customerId: string | null;
	platform: string;
	orderId: string;
	lastOrderAt: Date;
}

export type CustomerRef = { subject: string } | { platform: string; customerId: string };

export interface OrderHistoryStore {
	/** Records or replaces an order; returns false when it only replaced an earlier delivery of the same order. */
	record(order: OrderInput): Promise<boolean>;
	/** Takes a whole order back (cancelled or fully refunded). Returns whether it counted until now. */
	cancel(platform: string, orderId: string, status: 'cancelled' | 'refunded', at?: Date): Promise<boolean>;
	/** Takes returned units back, once per return id (a redelivered return changes nothing). Returns the units taken. */
	takeBack(platform: string, orderId: string, returnId: string, items: ReturnedItem[], at?: Date): Promise<number>;
	/** A customer's orders that count, newest first. */
	ofCustomer(customer: CustomerRef, options?: { limit?: number }): Promise<OrderRecord[]>;
	/** Every kept purchase of a SKU, by customer, oldest first per customer (for repeat intervals). */
	purchasesOf(sku: string, options?: { since?: Date }): Promise<SkuPurchase[]>;
	/** Customers whose newest order is older than `before`, by customer key, in pages (`after` = last key seen). */
	lastOrders(options: { before: Date; limit: number; after?: string }): Promise<LastOrder[]>;
	/** Whether an order that counts used the discount code at or after `since` (optionally: this customer's). */
	discountRedeemed(code: string, since: Date, customer?: CustomerRef): Promise<boolean>;
	/** Orders of any status with this order number (`numberKey` spelling; several platforms may share a number). */
	byNumber(number: string): Promise<OrderRecord[]>;
	/** One order of any status, or null. */
	get(platform: string, orderId: string): Promise<OrderRecord | null>;
	/**
	 * Products bought by the customers who bought any of `skus` (orders that count), by how many of those customers
	 * bought each, most first; the given SKUs and the customer `exceptCustomer` are left out.
	 */
	alsoBought(skus: string[], options: { limit: number; exceptCustomer?: string | null }): Promise<AlsoBought[]>;
}

/** A product other customers of the same SKUs bought, with the newest title and price the history has. */
export interface AlsoBought {
	sku: string;
	productId: string | null;
	title: string | null;
	unitPrice: string | null;
	currency: string | null;
	/** How many distinct customers bought it. */
	customers: number;
}

const LINE_COLUMNS: readonly BulkColumn[] = [
	...['platform', 'order_id'].map((name) => ({ name, type: 'text' as const })),
	{ name: 'line_no', type: 'bigint' },
	{ name: 'customer_key', type: 'text' },
	{ name: 'placed_at', type: 'bigint' },
	{ name: 'active', type: 'bigint' },
	...['sku', 'product_id', 'variant_id', 'title'].map((name) => ({ name, type: 'text' as const })),
	{ name: 'quantity', type: 'bigint' },
	{ name: 'returned', type: 'bigint' },
	{ name: 'unit_price', type: 'text' },
];
const DISCOUNT_COLUMNS: readonly BulkColumn[] = [
	...['platform', 'order_id', 'code_key', 'customer_key'].map((name) => ({ name, type: 'text' as const })),
	{ name: 'placed_at', type: 'bigint' },
	{ name: 'active', type: 'bigint' },
];

function optional(value: unknown, field: string): string | null {
	return value === null || value === undefined || value === '' ? null : checkKey(String(value), field);
}

const CONTACT_FIELDS = ['email', 'phone', 'firstName', 'lastName', 'locale', 'country', 'timezone', 'postalCode'] as const;

/** The contact as stored: only the fields with a value, each checked like any text; null when there is none. */
function contactOf(contact: OrderContact | null | undefined): string | null {
	if (!contact || typeof contact !== 'object') return null;
	const kept: OrderContact = {};
	for (const field of CONTACT_FIELDS) {
		const value = contact[field];
		if (value !== null && value !== undefined && value !== '') kept[field] = checkText(String(value), `contact.${field}`);
	}
	if (contact.consent && typeof contact.consent === 'object') kept.consent = contact.consent;
	return Object.keys(kept).length > 0 ? toJson(kept) : null;
}

/** The hash of the contact's phone when it is not already the order's subject (GDPR requests by phone find it). */
function phoneHashOf(ctx: StoreContext, phone: string | null | undefined, subjectHash: string | null): string | null {
	if (!phone) return null;
	try {
		const hash = ctx.anySubject(phone).hash;
		return hash === subjectHash ? null : hash;
	} catch (error) {
		if (error instanceof InputError) return null;
		throw error;
	}
}

export async function recordOrder(ctx: StoreContext, order: OrderInput): Promise<boolean> {
	const platform = checkKey(order?.platform, 'platform');
	const orderId = checkKey(order.orderId, 'orderId');
	const placedAt = ms(order.placedAt, Number.NaN);
	const s = order.subject ? ctx.anySubject(order.subject) : null;
	const customerId = optional(order.customerId, 'customerId');
	const customerKey = s?.hash ?? (customerId ? `c:${platform}:${customerId}` : `o:${platform}:${orderId}`);
	if (!Array.isArray(order.lineItems)) throw new InputError('The lineItems are missing.', 'lineItems');
	const checked = order.lineItems.map(checkLine);
	const codes = [...new Set((order.discountCodes ?? []).map((c) => checkText(String(c), 'discountCodes').trim()).filter((c) => c !== ''))];
	const total = order.total === null || order.total === undefined || order.total === '' ? null : checkText(String(order.total), 'total');
	const currency = optional(order.currency, 'currency');
	const contact = contactOf(order.contact);
	const number = order.number === null || order.number === undefined || String(order.number).trim() === '' ? orderId : checkKey(String(order.number).trim(), 'number');
	const phoneHash = phoneHashOf(ctx, order.contact?.phone, s?.hash ?? null);
	const t = ctx.now();
	return ctx.db.tx(async (tx) => {
		const existed = !!(await tx.get(`SELECT 1 AS x FROM orders WHERE ${ORDER_KEY}`, [platform, orderId]));
		// The upsert locks the row first (a second process recording or taking back the same order waits), and only then
		// are status and returns read. A cancellation or refund that arrived first stays in force; a stub waiting for its
		// placement becomes placed; returns are kept.
		await tx.run(
			`INSERT INTO orders (platform, order_id, customer_key, subject, subject_hash, customer_id, placed_at, currency, total,
				discount_codes, returns, status, updated_at, contact, phone_hash, order_number, number_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', 'placed', ?, ?, ?, ?, ?)
			ON CONFLICT (platform, order_id) DO UPDATE SET customer_key = excluded.customer_key, subject = excluded.subject,
				contact = excluded.contact, phone_hash = excluded.phone_hash, order_number = excluded.order_number, number_key = excluded.number_key,
				subject_hash = excluded.subject_hash, customer_id = excluded.customer_id, placed_at = excluded.placed_at,
				currency = excluded.currency, total = excluded.total, discount_codes = excluded.discount_codes,
				status = CASE WHEN orders.status = 'awaiting' THEN 'placed' ELSE orders.status END, updated_at = excluded.updated_at`,
			[platform, orderId, customerKey, s?.subject ?? null, s?.hash ?? null, customerId, placedAt, currency, total, JSON.stringify(codes), t, contact, phoneHash, number, numberKey(number)],
		);
		const row = await tx.get(`SELECT status, returns FROM orders WHERE ${ORDER_KEY}`, [platform, orderId]);
		const status = row?.status as string;
		const returns = returnsOf(row);
		await tx.run(`DELETE FROM order_lines WHERE ${ORDER_KEY}`, [platform, orderId]);
		await tx.run(`DELETE FROM order_discounts WHERE ${ORDER_KEY}`, [platform, orderId]);
		const lines: OrderLine[] = checked.map((l, i) => ({ ...l, lineNo: i + 1, quantity: l.ordered, returned: 0 }));
		for (const items of Object.values(returns)) applyReturn(lines, items);
		const active = status === 'placed' ? 1 : 0;
		const lineRows = lines.map((l) => [platform, orderId, l.lineNo, customerKey, placedAt, active, l.sku, l.productId, l.variantId, l.title, l.ordered, l.returned, l.unitPrice]);
		await tx.insertMany('order_lines', LINE_COLUMNS, lineRows);
		const codeRows = [...new Set(codes.map(codeKey))].map((code) => [platform, orderId, code, customerKey, placedAt, active]);
		await tx.insertMany('order_discounts', DISCOUNT_COLUMNS, codeRows);
		return !existed;
	});
}

export async function cancelOrder(ctx: StoreContext, platform: string, orderId: string, status: 'cancelled' | 'refunded', at?: Date): Promise<boolean> {
	checkKey(platform, 'platform');
	checkKey(orderId, 'orderId');
	if (status !== 'cancelled' && status !== 'refunded') throw new InputError('The status must be one of: cancelled, refunded.', 'status');
	const t = ms(at, ctx.now());
	return ctx.db.tx(async (tx) => {
		const existing = await tx.get(`SELECT status FROM orders WHERE ${ORDER_KEY}`, [platform, orderId]);
		await insertStub(tx, platform, orderId, status, t);
		await tx.run(`UPDATE orders SET status = ?, updated_at = ? WHERE ${ORDER_KEY}`, [status, t, platform, orderId]);
		await tx.run(`UPDATE order_lines SET active = 0 WHERE ${ORDER_KEY}`, [platform, orderId]);
		await tx.run(`UPDATE order_discounts SET active = 0 WHERE ${ORDER_KEY}`, [platform, orderId]);
		return existing?.status === 'placed';
	});
}

/**
 * An order known only from a cancellation or return so far (its time is the event's until the placement arrives);
 * nothing when the order exists. Either way the row exists afterwards, so the caller's UPDATE can lock it.
 */
async function insertStub(tx: Queryable, platform: string, orderId: string, status: string, t: number): Promise<void> {
	await tx.run(
		`INSERT INTO orders (platform, order_id, customer_key, subject, subject_hash, customer_id, placed_at, currency, total,
			discount_codes, returns, status, updated_at) VALUES (?, ?, ?, NULL, NULL, NULL, ?, NULL, NULL, '[]', '{}', ?, ?)
		ON CONFLICT (platform, order_id) DO NOTHING`,
		[platform, orderId, `o:${platform}:${orderId}`, t, status, t],
	);
}

export async function takeBack(ctx: StoreContext, platform: string, orderId: string, returnId: string, items: ReturnedItem[], at?: Date): Promise<number> {
	checkKey(platform, 'platform');
	checkKey(orderId, 'orderId');
	checkKey(returnId, 'returnId');
	const checked = checkReturnedItems(items);
	const t = ms(at, ctx.now());
	return ctx.db.tx(async (tx) => {
		// Lock the order row before reading its returns, so two returns of one order at once both count.
		await insertStub(tx, platform, orderId, 'awaiting', t);
		await tx.run(`UPDATE orders SET updated_at = updated_at WHERE ${ORDER_KEY}`, [platform, orderId]);
		const returns = returnsOf(await tx.get(`SELECT returns FROM orders WHERE ${ORDER_KEY}`, [platform, orderId]));
		if (returnId in returns) return 0;
		returns[returnId] = checked;
		const lines = (await tx.all(`SELECT * FROM order_lines WHERE ${ORDER_KEY} ORDER BY line_no`, [platform, orderId])).map(lineFromRow);
		const before = lines.map((l) => l.returned);
		const taken = applyReturn(lines, checked);
		for (const [i, line] of lines.entries()) {
			if (line.returned === before[i]) continue;
			await tx.run(`UPDATE order_lines SET returned = ? WHERE ${ORDER_KEY} AND line_no = ?`, [line.returned, platform, orderId, line.lineNo]);
		}
		await tx.run(`UPDATE orders SET returns = ?, updated_at = ? WHERE ${ORDER_KEY}`, [toJson(returns), t, platform, orderId]);
		return taken;
	});
}

/** The sub-store `store.orders`: each method through the store's `call` (open check, housekeeping, error wrapping). */
export function createOrderHistoryStore(call: StoreCall, ctx: StoreContext): OrderHistoryStore {
	return {
		record: (order) => call('record an order', () => recordOrder(ctx, order)),
		cancel: (platform, orderId, status, at) => call('take an order back', () => cancelOrder(ctx, platform, orderId, status, at)),
		takeBack: (platform, orderId, returnId, items, at) => call('take returned items back', () => takeBack(ctx, platform, orderId, returnId, items, at)),
		ofCustomer: (customer, options) => call("read a customer's orders", () => ofCustomer(ctx, customer, options)),
		purchasesOf: (sku, options) => call('read purchases of a SKU', () => purchasesOf(ctx, sku, options)),
		lastOrders: (options) => call('read last orders', () => lastOrders(ctx, options)),
		discountRedeemed: (code, since, customer) => call('check a discount code', () => discountRedeemed(ctx, code, since, customer)),
		byNumber: (number) => call('find an order by its number', () => byNumber(ctx, number)),
		get: (platform, orderId) => call('read an order', () => getOrder(ctx, platform, orderId)),
		alsoBought: (skus, options) => call('read products bought together', () => alsoBought(ctx, skus, options)),
	};
}
