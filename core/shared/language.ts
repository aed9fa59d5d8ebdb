/**
 * The language a customer most likely reads, from a country, for shops that send no locale (Shopify's fulfillment
 * webhooks, for one) and for SMS replies. Only countries whose main language we have texts for are listed; the rest
 * fall back to the node's default language.
 */
const LANGUAGE_BY_COUNTRY: Record<string, 'de' | 'en' | 'fr'> = {
	DE: 'de', AT: 'de', CH: 'de', LI: 'de', LU: 'de',
	FR: 'fr', MC: 'fr',
	US: 'en', CA: 'en', GB: 'en', GG: 'en', JE: 'en', IM: 'en', IE: 'en', AU: 'en', NZ: 'en',
};

export function languageForCountry(country: string | null | undefined): 'de' | 'en' | 'fr' | null {
	return (country && LANGUAGE_BY_COUNTRY[country.toUpperCase()]) || null;
}

/** A locale such as `de-AT` for a country with a known main language, else null. */
export function localeForCountry(country: string | null | undefined): string | null {
	const language = languageForCountry(country);
	return language && country ? `${language}-${country.toUpperCase()}` : null;
}
