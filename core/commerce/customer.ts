import type { Address, Customer, MarketingConsent } from './model';
import { countryCode, timezoneForCountry } from './locale';
import { toE164 } from './phone';
import { str } from './values';

export const UNKNOWN_CONSENT: MarketingConsent = { marketing: null, state: null, optInLevel: null, collectedAt: null, source: null };

export function emptyCustomer(): Customer {
	return {
		id: null,
		email: null,
		phone: null,
		phoneRaw: null,
		firstName: null,
		lastName: null,
		locale: null,
		country: null,
		region: null,
		timezone: null,
		consent: { email: { ...UNKNOWN_CONSENT }, sms: { ...UNKNOWN_CONSENT } },
	};
}

/** A lower-cased e-mail address, or null when it is not one. */
export function email(value: unknown): string | null {
	const text = str(value);
	return text && /^[^\s@]+@[^\s@]+$/.test(text) ? text.toLowerCase() : null;
}

export interface AddressFields {
	firstName?: unknown;
	lastName?: unknown;
	company?: unknown;
	address1?: unknown;
	address2?: unknown;
	city?: unknown;
	postalCode?: unknown;
	region?: unknown;
	country?: unknown;
	phone?: unknown;
}

/** Builds an address; null when every field is empty (platforms send `{}` or all-empty objects). */
export function address(fields: AddressFields | null): Address | null {
	if (!fields) return null;
	const country = countryCode(fields.country);
	const result: Address = {
		firstName: str(fields.firstName),
		lastName: str(fields.lastName),
		company: str(fields.company),
		address1: str(fields.address1),
		address2: str(fields.address2),
		city: str(fields.city),
		postalCode: str(fields.postalCode),
		region: str(fields.region),
		country,
		phone: toE164(fields.phone, country),
	};
	return Object.values(result).some((v) => v !== null) ? result : null;
}

/** Fills country, region and time zone from the first address that has them. */
export function placeCustomer(customer: Customer, ...addresses: Array<Address | null>): Customer {
	const withCountry = addresses.find((a) => a?.country);
	customer.country ??= withCountry?.country ?? null;
	customer.region ??= withCountry?.region ?? null;
	customer.timezone ??= timezoneForCountry(customer.country);
	return customer;
}
