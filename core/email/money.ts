/**
 * Money in the order's currency, formatted for the customer's locale. Amounts arrive as decimal strings (canonical
 * model); sums are computed in minor units so 3 × 19.99 is 59.97, not 59.970000000000006.
 */

export function fractionDigits(currency: string): number {
	try {
		return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
	} catch {
		return 2;
	}
}

/** Decimal string or number → integer minor units; null when it is not a number. */
export function toMinor(amount: unknown, currency: string): number | null {
	if (amount === undefined || amount === null || amount === '') return null;
	const value = typeof amount === 'number' ? amount : Number(String(amount).trim());
	if (!Number.isFinite(value)) return null;
	return Math.round(value * 10 ** fractionDigits(currency));
}

export function formatMinor(minor: number, currency: string, locale: string): string {
	const digits = fractionDigits(currency);
	const value = minor / 10 ** digits;
	try {
		return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(value);
	} catch {
		// Unknown currency code: show the plain number and the code rather than failing the whole e-mail.
		return `${value.toFixed(digits)} ${currency}`;
	}
}

/** Formats a decimal amount; empty string when the amount is missing or not a number. */
export function formatMoney(amount: unknown, currency: string, locale: string): string {
	const minor = toMinor(amount, currency);
	return minor === null ? '' : formatMinor(minor, currency, locale);
}
