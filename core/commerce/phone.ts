import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { CountryCode } from 'libphonenumber-js';
import { str } from './values';

/**
 * One delivery reads the same number up to four times (customer, order, shipping and billing address), and parsing
 * is the slowest step of adapting an order. The last few results are kept; so few that it holds no more than the
 * numbers of the deliveries being processed right now.
 */
const RECENT_MAX = 8;
const recent = new Map<string, string | null>();

/**
 * Phone numbers to E.164. Shops store what the customer typed (`0151 1234 5678`, `(415) 555-0132`), so the
 * address country is the default region for numbers without a country code.
 */
export function toE164(value: unknown, defaultCountry: string | null): string | null {
	const raw = str(value);
	if (!raw) return null;
	const key = `${defaultCountry ?? ''}|${raw}`;
	const hit = recent.get(key);
	if (hit !== undefined) return hit;
	const region = defaultCountry && /^[A-Z]{2}$/.test(defaultCountry) ? (defaultCountry as CountryCode) : undefined;
	// "00" is the international prefix in most of Europe; libphonenumber only knows it with a default region.
	const text = !region && raw.startsWith('00') ? '+' + raw.slice(2) : raw;
	const parsed = parsePhoneNumberFromString(text, region);
	const result = parsed && parsed.isValid() ? parsed.number : null;
	if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value as string);
	recent.set(key, result);
	return result;
}

/** The first candidate that normalizes, with the raw text it came from (for when none does). */
export function pickPhone(candidates: unknown[], defaultCountry: string | null): { phone: string | null; raw: string | null } {
	let firstRaw: string | null = null;
	for (const candidate of candidates) {
		const raw = str(candidate);
		if (!raw) continue;
		firstRaw ??= raw;
		const phone = toE164(raw, defaultCountry);
		if (phone) return { phone, raw };
	}
	return { phone: null, raw: firstRaw };
}
