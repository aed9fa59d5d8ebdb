import type { Migration } from '../dialect/Dialect';

/**
 * Version 7: the shop's order history (`concerns/orderHistory.ts`), what refill reminders, product birthdays and
 * win-back are computed from. Versions 3–6 belong to other concerns and arrive separately; the runner applies every
 * step above a store's recorded version, so the gap is harmless, and none of these tables refers to theirs.
 *
 * One row per platform + order id in `orders`; its line items and discount codes in their own tables, each repeating
 * the order's customer key, time and status, so "who bought this SKU when" and "was this code redeemed after …" read
 * one table through one index however large the history is. `customer_key` is the subject hash when the order names
 * a phone or e-mail, else the platform's customer id, else the order itself (a guest without contact). Returns are
 * kept on the order (`returns`, JSON by return id) so a later update of the order, which replaces its lines, can take
 * them back again. Times in epoch ms; amounts as decimal strings, as the canonical model sends them.
 */
const ORDERS = (bigint: string) => `
CREATE TABLE orders (
	platform TEXT NOT NULL,
	order_id TEXT NOT NULL,
	customer_key TEXT NOT NULL,
	subject TEXT,
	subject_hash TEXT,
	customer_id TEXT,
	placed_at ${bigint} NOT NULL,
	currency TEXT,
	total TEXT,
	discount_codes TEXT NOT NULL,
	returns TEXT NOT NULL,
	status TEXT NOT NULL,
	updated_at ${bigint} NOT NULL,
	PRIMARY KEY (platform, order_id)
);
CREATE INDEX orders_customer ON orders (customer_key, placed_at);
CREATE INDEX orders_subject ON orders (subject_hash) WHERE subject_hash IS NOT NULL;
CREATE INDEX orders_customer_id ON orders (platform, customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX orders_placed_at ON orders (placed_at);
CREATE TABLE order_lines (
	platform TEXT NOT NULL,
	order_id TEXT NOT NULL,
	line_no INTEGER NOT NULL,
	customer_key TEXT NOT NULL,
	placed_at ${bigint} NOT NULL,
	active INTEGER NOT NULL,
	sku TEXT,
	product_id TEXT,
	variant_id TEXT,
	title TEXT,
	quantity INTEGER NOT NULL,
	returned INTEGER NOT NULL,
	unit_price TEXT,
	PRIMARY KEY (platform, order_id, line_no)
);
CREATE INDEX order_lines_sku ON order_lines (sku, customer_key, placed_at) WHERE sku IS NOT NULL;
CREATE INDEX order_lines_placed_at ON order_lines (placed_at);
CREATE TABLE order_discounts (
	platform TEXT NOT NULL,
	order_id TEXT NOT NULL,
	code_key TEXT NOT NULL,
	customer_key TEXT NOT NULL,
	placed_at ${bigint} NOT NULL,
	active INTEGER NOT NULL,
	PRIMARY KEY (platform, order_id, code_key)
);
CREATE INDEX order_discounts_code ON order_discounts (code_key, placed_at);
CREATE INDEX order_discounts_placed_at ON order_discounts (placed_at);
`;

export const V7: Migration = {
	version: 7,
	sqlite: ORDERS('INTEGER'),
	postgres: ORDERS('BIGINT'),
};
