import { InputError } from '../shared/errors';

/** What the Replenishment Due Trigger is told to look for; one of three modes (the journey steps they start). */

export type DueMode = 'replenishment' | 'product_birthday' | 'win_back';

/** SKUs that last the same time per unit; `daysPerUnit` null = learned from the shop's repeat purchases. */
export interface ProductRule {
	skus: string[];
	daysPerUnit: number | null;
}

interface Common {
	/** The shop's address, for reorder links and as the fallback link. */
	shopUrl: string | null;
	/** Reminders due longer ago than this are skipped (n8n was down, a history was imported); null = no limit. */
	maxOverdueDays: number | null;
	/** At most this many items per poll; the rest follow in the next polls. */
	limit: number;
}

export interface RefillSettings extends Common {
	mode: 'replenishment';
	products: ProductRule[];
	/** Days before the product runs out that the reminder is due, so the refill arrives in time. */
	leadDays: number;
	/** Customers who reordered a SKU before its learned interval is used. */
	minRepeatCustomers: number;
}

export interface BirthdaySettings extends Common {
	mode: 'product_birthday';
	skus: string[];
	months: number;
}

export interface WinBackSettings extends Common {
	mode: 'win_back';
	/** Days without an order after which a customer has lapsed. */
	afterDays: number;
	/** k in "k × the customer's own median interval" (0 = off: every customer uses `afterDays`). */
	medianFactor: number;
	/** Never sooner than this many days after the last order, however short the customer's own rhythm. */
	minDays: number;
	/** How far back the message log is searched for a voucher we sent. */
	voucherLookbackDays: number;
}

export type DueSettings = RefillSettings | BirthdaySettings | WinBackSettings;

/** `"COF-1, COF-2"` or one per line → the SKUs, each once, in the order given. */
export function parseSkuList(text: unknown, field: string): string[] {
	const skus = [...new Set(String(text ?? '').split(/[,;\n]/).map((s) => s.trim()).filter((s) => s !== ''))];
	for (const sku of skus) if (sku.length > 200) throw new InputError(`The SKU "${sku.slice(0, 20)}…" is too long.`, field);
	return skus;
}

export function positive(value: unknown, field: string, options: { allowZero?: boolean; integer?: boolean } = {}): number {
	const n = typeof value === 'number' ? value : Number(String(value ?? '').trim());
	const ok = Number.isFinite(n) && (options.allowZero ? n >= 0 : n > 0) && (!options.integer || Number.isInteger(n));
	if (!ok) throw new InputError(`The ${field} must be a ${options.integer ? 'whole ' : ''}number ${options.allowZero ? 'of at least 0' : 'above 0'}.`, field);
	return n;
}
