import { getCountries, getCountryCallingCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { ConfigurationError } from '../shared/errors';
import { DEFAULT_PRICE_CURRENCY, DEFAULT_SEGMENT_PRICES } from './prices.data';

/** Cost estimate of an SMS: segments × price per segment for the destination country. */

export interface PriceTable {
	currency: string;
	/** Price per segment by ISO country code; `default` applies to countries not listed. */
	prices: Record<string, number>;
}

export interface CostEstimate {
	/** Decimal string, as money is everywhere in the canonical model. */
	amount: string;
	currency: string;
	perSegment: string;
	segments: number;
	country: string | null;
}

export const DEFAULT_PRICE_TABLE: PriceTable = { currency: DEFAULT_PRICE_CURRENCY, prices: { ...DEFAULT_SEGMENT_PRICES } };

let countriesByCode: Map<string, string[]> | undefined;

/** Calling code → countries; most codes belong to one country, so a full parse is only needed for +1, +7, +44 … */
function countriesFor(callingCode: string): string[] | undefined {
	if (!countriesByCode) {
		countriesByCode = new Map();
		for (const country of getCountries()) {
			const code = getCountryCallingCode(country);
			countriesByCode.set(code, [...(countriesByCode.get(code) ?? []), country]);
		}
	}
	return countriesByCode.get(callingCode);
}

/** The destination country of an E.164 number, or null when it cannot be told. */
export function countryOfPhone(phone: string): string | null {
	const value = String(phone ?? '').trim();
	if (/^\+\d{7,15}$/.test(value)) {
		for (const length of [1, 2, 3]) {
			const countries = countriesFor(value.slice(1, 1 + length));
			if (countries?.length === 1) return countries[0];
			if (countries) break;
		}
	}
	return parsePhoneNumberFromString(value)?.country ?? null;
}

/** Merges user prices (e.g. `{ "DE": 0.075, "default": 0.1 }`) over the defaults. */
export function priceTable(overrides?: Record<string, number>, currency?: string): PriceTable {
	const prices: Record<string, number> = currency && currency !== DEFAULT_PRICE_CURRENCY ? {} : { ...DEFAULT_SEGMENT_PRICES };
	for (const [key, value] of Object.entries(overrides ?? {})) {
		const price = Number(value);
		if (Number.isFinite(price) && price >= 0) prices[key === 'default' ? 'default' : key.toUpperCase()] = price;
	}
	return { currency: currency || DEFAULT_PRICE_CURRENCY, prices };
}

/** Null when neither the country nor a `default` price is known. */
export function estimateCost(to: string, segments: number, table: PriceTable = DEFAULT_PRICE_TABLE): CostEstimate | null {
	const country = countryOfPhone(to);
	const perSegment = (country ? table.prices[country] : undefined) ?? table.prices.default;
	if (perSegment === undefined) return null;
	// Work in 1/10000 units so the product has no binary rounding noise.
	const amount = (Math.round(perSegment * 10000) * segments) / 10000;
	return { amount: amount.toFixed(4), currency: table.currency, perSegment: perSegment.toFixed(4), segments, country };
}

/** Reads the node's "Price Per Segment" JSON (`{"DE": 0.075, "default": 0.09}`) into a price table. */
export function parsePriceOverrides(raw: unknown): PriceTable {
	if (raw === undefined || raw === null || raw === '') return priceTable();
	let value = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw);
		} catch {
			throw new ConfigurationError('"Price Per Segment" is not valid JSON.', 'prices', 'Use a JSON object such as {"DE": 0.075, "default": 0.09}.');
		}
	}
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		throw new ConfigurationError('"Price Per Segment" must be an object of country codes and prices.', 'prices');
	}
	return priceTable(value as Record<string, number>);
}
