/**
 * The form every detector and client works with: upper case, without the spaces, dashes and dots people and
 * labels put in for readability (Swiss Post prints `99.60.123456.12345678`). Leading zeros are kept.
 */
export function normalizeTrackingNumber(input: string): string {
	return String(input ?? '')
		.toUpperCase()
		.replace(/[\s\-.\u00a0\u2010-\u2015]/g, '');
}

/** Lower-case letters and digits only, for comparing carrier names from shops ("DHL Paket" → "dhlpaket"). */
export function normalizeCarrierName(name: string): string {
	return String(name ?? '')
		.toLowerCase()
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^a-z0-9]/g, '');
}
