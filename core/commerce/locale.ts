import { str } from './values';

/**
 * Locale (BCP 47) and time zone. Shops often send only a language (`de`), and never a time zone, so we complete
 * the language with the country (`de` + `AT` → `de-AT`) and take the time zone from countries that have only one.
 */

export function toLocale(value: unknown, country: string | null): string | null {
	const text = str(value);
	if (!text) return null;
	const [language, ...rest] = text.replace(/_/g, '-').split('-');
	if (!/^[a-z]{2,3}$/i.test(language)) return null;
	const lang = language.toLowerCase();
	const regionPart = rest.find((part) => /^[a-z]{2}$/i.test(part));
	if (regionPart) return `${lang}-${regionPart.toUpperCase()}`;
	return country ? `${lang}-${country}` : lang;
}

/** Countries with a single IANA zone that our shops commonly sell to (data, not logic: extend freely). */
const SINGLE_ZONE: Record<string, string> = {
	AT: 'Europe/Vienna',
	BE: 'Europe/Brussels',
	CH: 'Europe/Zurich',
	CZ: 'Europe/Prague',
	DE: 'Europe/Berlin',
	DK: 'Europe/Copenhagen',
	FI: 'Europe/Helsinki',
	FR: 'Europe/Paris',
	GB: 'Europe/London',
	GR: 'Europe/Athens',
	HU: 'Europe/Budapest',
	IE: 'Europe/Dublin',
	IT: 'Europe/Rome',
	LI: 'Europe/Vaduz',
	LU: 'Europe/Luxembourg',
	NL: 'Europe/Amsterdam',
	NO: 'Europe/Oslo',
	PL: 'Europe/Warsaw',
	SE: 'Europe/Stockholm',
	SI: 'Europe/Ljubljana',
	SK: 'Europe/Bratislava',
};

export function timezoneForCountry(country: string | null): string | null {
	return country ? (SINGLE_ZONE[country] ?? null) : null;
}

/** An ISO 3166-1 alpha-2 code, upper-cased; null when it does not look like one. */
export function countryCode(value: unknown): string | null {
	const text = str(value);
	return text && /^[a-z]{2}$/i.test(text) ? text.toUpperCase() : null;
}
