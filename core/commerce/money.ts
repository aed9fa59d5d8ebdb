import { InputError } from '../shared/errors';
import { str, upper } from './values';

/**
 * Money as decimal strings. Shopify already sends strings ("59.90"); WooCommerce and Shopware send floats
 * (17.9) that we format with the currency's minor units, so `17.9` EUR becomes `"17.90"`.
 */

const minorUnitCache = new Map<string, number>();

export function minorUnits(currency: string | null): number {
	if (!currency) return 2;
	let digits = minorUnitCache.get(currency);
	if (digits === undefined) {
		try {
			digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
		} catch {
			digits = 2;
		}
		minorUnitCache.set(currency, digits);
	}
	return digits;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** A decimal string for an amount, or null when absent; throws on text that is not a number. */
export function money(value: unknown, currency: string | null, field: string): string | null {
	if (value === null || value === undefined || value === '') return null;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new InputError(`The amount in "${field}" is not a number.`, field);
		return value.toFixed(minorUnits(currency));
	}
	const text = str(value);
	if (text === null) return null;
	if (!DECIMAL.test(text)) throw new InputError(`The amount in "${field}" is not a decimal number.`, field);
	return text;
}

/** Absolute value of a decimal string (WooCommerce reports refunds as negative totals). */
export function absMoney(value: string | null): string | null {
	return value && value.startsWith('-') ? value.slice(1) : value;
}

/** An ISO 4217 code, upper-cased; null when it does not look like one. */
export function currencyCode(value: unknown): string | null {
	const code = upper(value);
	return code && /^[A-Z]{3}$/.test(code) ? code : null;
}
