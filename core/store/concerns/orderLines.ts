import { InputError } from '../../shared/errors';
import type { Row } from '../dialect/Dialect';
import { checkKey, checkText, fromJson, num } from '../impl/values';

/** Line items of the order history: checking, the mapping of a row, and taking returned units back. */

export const ORDER_KEY = 'platform = ? AND order_id = ?';
/** Codes are matched regardless of case, as the shops do. */
export const codeKey = (code: string) => code.trim().toLowerCase();

export interface OrderLineInput {
	sku?: string | null;
	productId?: string | null;
	variantId?: string | null;
	title?: string | null;
	/** Units ordered (0 is allowed: an edited-away line). */
	quantity: number;
	/** Decimal string in the order's currency, e.g. "17.90". */
	unitPrice?: string | null;
}

export interface OrderLine {
	lineNo: number;
	sku: string | null;
	productId: string | null;
	variantId: string | null;
	title: string | null;
	/** Units still kept: ordered minus returned. */
	quantity: number;
	ordered: number;
	returned: number;
	unitPrice: string | null;
}

/** A returned (or refunded) item; matched to the order's lines by variant id, else SKU, else product id. */
export interface ReturnedItem {
	sku?: string | null;
	productId?: string | null;
	variantId?: string | null;
	quantity: number;
}

/** Returns already taken back, by return id, kept so a replaced order can take them back again. */
export type ReturnsById = Record<string, ReturnedItem[]>;

function optionalKey(value: unknown, field: string): string | null {
	if (value === null || value === undefined || value === '') return null;
	return checkKey(String(value), field);
}

function count(value: unknown, field: string, min: number): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
		throw new InputError(`The ${field} must be a whole number of at least ${min}.`, field);
	}
	return value;
}

export function checkLine(line: OrderLineInput, index: number): Omit<OrderLine, 'lineNo' | 'quantity' | 'returned'> {
	const at = `lineItems[${index}]`;
	if (!line || typeof line !== 'object') throw new InputError(`The ${at} is not a line item.`, at);
	const unitPrice = line.unitPrice === null || line.unitPrice === undefined || line.unitPrice === '' ? null : String(line.unitPrice);
	if (unitPrice !== null && !/^-?\d+(\.\d+)?$/.test(unitPrice)) throw new InputError(`The ${at}.unitPrice is not a decimal amount.`, `${at}.unitPrice`);
	return {
		sku: optionalKey(line.sku, `${at}.sku`),
		productId: optionalKey(line.productId, `${at}.productId`),
		variantId: optionalKey(line.variantId, `${at}.variantId`),
		title: line.title === null || line.title === undefined ? null : checkText(String(line.title), `${at}.title`),
		ordered: count(line.quantity, `${at}.quantity`, 0),
		unitPrice,
	};
}

export function checkReturnedItems(items: ReturnedItem[]): ReturnedItem[] {
	if (!Array.isArray(items) || items.length === 0) throw new InputError('The returned items are missing.', 'items');
	return items.map((item, i) => {
		const at = `items[${i}]`;
		const checked = {
			sku: optionalKey(item?.sku, `${at}.sku`),
			productId: optionalKey(item?.productId, `${at}.productId`),
			variantId: optionalKey(item?.variantId, `${at}.variantId`),
			quantity: count(item?.quantity, `${at}.quantity`, 1),
		};
		if (!checked.sku && !checked.productId && !checked.variantId) {
			throw new InputError(`The ${at} names no SKU, product id or variant id.`, at, 'Map the SKU or product id of the returned item.');
		}
		return checked;
	});
}

/** The best identifier the item carries decides which lines it can match; the wrong product is never reduced. */
function matches(line: OrderLine, item: ReturnedItem): boolean {
	if (item.variantId) return line.variantId === item.variantId;
	if (item.sku) return line.sku === item.sku;
	return !!item.productId && line.productId === item.productId;
}

/** Takes returned units off the matching lines (never below zero); returns how many units were taken back. */
export function applyReturn(lines: OrderLine[], items: ReturnedItem[]): number {
	let taken = 0;
	for (const item of items) {
		let left = item.quantity;
		for (const line of lines) {
			if (left === 0) break;
			if (!matches(line, item) || line.quantity === 0) continue;
			const n = Math.min(left, line.quantity);
			line.returned += n;
			line.quantity -= n;
			left -= n;
			taken += n;
		}
	}
	return taken;
}

export function lineFromRow(row: Row): OrderLine {
	const ordered = num(row.quantity);
	const returned = num(row.returned);
	return {
		lineNo: num(row.line_no),
		sku: (row.sku as string | null) ?? null,
		productId: (row.product_id as string | null) ?? null,
		variantId: (row.variant_id as string | null) ?? null,
		title: (row.title as string | null) ?? null,
		quantity: ordered - returned,
		ordered,
		returned,
		unitPrice: (row.unit_price as string | null) ?? null,
	};
}

export function returnsOf(row: Row | undefined): ReturnsById {
	return fromJson<ReturnsById>(row?.returns, {});
}
