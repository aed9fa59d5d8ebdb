/**
 * Approximate Twilio list prices for one outbound SMS segment, in USD, by destination country (ISO 3166-1).
 * Prices change and carriers add fees (US/CA carrier surcharges are not included); they are only a default for the
 * estimate, and the node lets users override them with their own contract prices.
 */
export const DEFAULT_PRICE_CURRENCY = 'USD';

export const DEFAULT_SEGMENT_PRICES: Readonly<Record<string, number>> = {
	AT: 0.1062,
	BE: 0.0927,
	CA: 0.0083,
	CH: 0.0672,
	DE: 0.0983,
	DK: 0.0597,
	ES: 0.0828,
	FR: 0.0861,
	GB: 0.0524,
	IE: 0.0788,
	IT: 0.0906,
	LU: 0.0605,
	NL: 0.1055,
	PL: 0.0453,
	SE: 0.0638,
	US: 0.0083,
};
