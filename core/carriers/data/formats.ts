import type { FormatSpec } from '../types';

/**
 * Tracking-number formats, written from the carriers' published label specifications (see
 * shared/research/carrier-tracking.md §1). Patterns run on the normalized number (upper case, no spaces, dashes or
 * dots). `data` is the part the check digit is computed over, `check` the check character.
 */
export const FORMATS: FormatSpec[] = [
	// UPS -------------------------------------------------------------------------------------------------------
	{ id: 'ups_1z', carrier: 'ups', name: 'UPS 1Z', pattern: /^1Z(?<data>[0-9A-Z]{15})(?<check>[0-9])$/, checksum: 'ups', specificity: 2 },
	{
		id: 'ups_mail_innovations',
		carrier: 'ups',
		name: 'UPS Mail Innovations / Waybill',
		pattern: /^(?<data>[AHJKTV][0-9]{9})(?<check>[0-9])$/,
		checksum: 'ups',
		specificity: 1,
	},
	// FedEx -----------------------------------------------------------------------------------------------------
	{ id: 'fedex_12', carrier: 'fedex', name: 'FedEx Express (12)', pattern: /^(?<data>[0-9]{11})(?<check>[0-9])$/, checksum: 'fedex11', specificity: 0 },
	{ id: 'fedex_15', carrier: 'fedex', name: 'FedEx Ground (15)', pattern: /^(?<data>[0-9]{14})(?<check>[0-9])$/, checksum: 'gs1', specificity: 0 },
	{ id: 'fedex_sscc18', carrier: 'fedex', name: 'FedEx Ground SSCC-18', pattern: /^(?<data>00[0-9]{15})(?<check>[0-9])$/, checksum: 'gs1', specificity: 0 },
	{
		id: 'fedex_96',
		carrier: 'fedex',
		name: 'FedEx Ground 96 (22)',
		pattern: /^96[0-9]{5}(?<data>[0-9]{14})(?<check>[0-9])$/,
		checksum: 'gs1',
		specificity: 2,
	},
	{
		id: 'fedex_34',
		carrier: 'fedex',
		name: 'FedEx (34)',
		pattern: /^(?:100[0-9]{2}|96[0-9]{3})[0-9]{15}(?<data>[0-9]{13})(?<check>[0-9])$/,
		checksum: 'fedex11',
		specificity: 2,
	},
	{
		// SmartPost numbers are USPS IMpb numbers FedEx hands over, printed with or without the leading 92.
		id: 'fedex_smartpost',
		carrier: 'fedex',
		name: 'FedEx SmartPost',
		pattern: /^(?<data>92[0-9]{19})(?<check>[0-9])$/,
		checksum: 'gs1',
		specificity: 2,
		weight: -1,
	},
	{
		id: 'fedex_smartpost_20',
		carrier: 'fedex',
		name: 'FedEx SmartPost (20)',
		pattern: /^(?<data>[0-9]{19})(?<check>[0-9])$/,
		checksum: 'gs1',
		prepend: '92',
		specificity: 0,
		weight: -2,
	},
	// USPS ------------------------------------------------------------------------------------------------------
	{ id: 'usps_impb', carrier: 'usps', name: 'USPS IMpb', pattern: /^(?<data>9[1-5][0-9]{19}(?:[0-9]{4})?)(?<check>[0-9])$/, checksum: 'gs1', specificity: 2 },
	{
		id: 'usps_impb_zip',
		carrier: 'usps',
		name: 'USPS IMpb with ZIP routing',
		pattern: /^420(?:[0-9]{5}|[0-9]{9})(?<track>(?<data>9[1-5][0-9]{19})(?<check>[0-9]))$/,
		checksum: 'gs1',
		specificity: 2,
		trackingGroup: 'track',
	},
	{
		id: 'usps_impb_zip5_26',
		carrier: 'usps',
		name: 'USPS IMpb with ZIP routing',
		pattern: /^420[0-9]{5}(?<track>(?<data>9[1-5][0-9]{23})(?<check>[0-9]))$/,
		checksum: 'gs1',
		specificity: 2,
		trackingGroup: 'track',
	},
	{
		// Legacy 20-digit labels whose check digit is computed as if they started with 91.
		id: 'usps_legacy_20',
		carrier: 'usps',
		name: 'USPS legacy (91)',
		pattern: /^(?<data>[0-9]{19})(?<check>[0-9])$/,
		checksum: 'gs1',
		prepend: '91',
		specificity: 0,
		weight: -1,
	},
	{ id: 'usps_20', carrier: 'usps', name: 'USPS 20', pattern: /^(?<data>[0-9]{19})(?<check>[0-9])$/, checksum: 'gs1', specificity: 0 },
	// DHL -------------------------------------------------------------------------------------------------------
	{ id: 'dhl_express_10', carrier: 'dhl_express', name: 'DHL Express waybill (10)', pattern: /^(?<data>[0-9]{9})(?<check>[0-9])$/, checksum: 'mod7', specificity: 0, service: 'express' },
	{ id: 'dhl_express_11', carrier: 'dhl_express', name: 'DHL Express waybill (11)', pattern: /^(?<data>[0-9]{10})(?<check>[0-9])$/, checksum: 'mod7', specificity: 0, service: 'express' },
	{ id: 'dhl_piece_jjd', carrier: 'dhl', name: 'DHL piece ID (JJD)', pattern: /^JJD[0-9]{10,20}$/, checksum: null, specificity: 2 },
	{ id: 'dhl_piece_jvgl', carrier: 'dhl', name: 'DHL piece ID (JVGL)', pattern: /^JVGL[0-9A-Z]{6,20}$/, checksum: null, specificity: 2 },
	{ id: 'dhl_piece_jd', carrier: 'dhl', name: 'DHL piece ID (JD)', pattern: /^JD[0-9]{16,18}$/, checksum: null, specificity: 2 },
	{ id: 'dhl_ecommerce_gm', carrier: 'dhl', name: 'DHL eCommerce (GM)', pattern: /^GM[0-9]{16,20}$/, checksum: null, specificity: 2, service: 'ecommerce' },
	{ id: 'dhl_paket_identcode', carrier: 'dhl', name: 'DHL Paket Identcode (12)', pattern: /^(?<data>[0-9]{11})(?<check>[0-9])$/, checksum: 'identcode', specificity: 0, service: 'parcel-de' },
	{
		// 00 + SSCC whose GS1 company prefix is German (400–440); DHL prints 003404… on Paket labels.
		id: 'dhl_paket_sscc',
		carrier: 'dhl',
		name: 'DHL Paket SSCC (20)',
		pattern: /^(?<data>00[0-9]4[0-4][0-9]{14})(?<check>[0-9])$/,
		checksum: 'gs1',
		specificity: 0,
		service: 'parcel-de',
	},
	// UPU S10 (Deutsche Post letters, Royal Mail, La Poste, Swiss Post, … every national post) -------------------
	{
		id: 's10',
		carrier: 'upu',
		name: 'UPU S10',
		pattern: /^[A-Z]{2}(?<data>[0-9]{8})(?<check>[0-9])(?<country>[A-Z]{2})$/,
		checksum: 's10',
		specificity: 2,
		countryGroup: 'country',
	},
	// DPD -------------------------------------------------------------------------------------------------------
	{ id: 'dpd_15', carrier: 'dpd', name: 'DPD parcel number with check character', pattern: /^(?<data>[0-9]{14})(?<check>[0-9A-Z])$/, checksum: 'mod37_36', specificity: 0 },
	{ id: 'dpd_14', carrier: 'dpd', name: 'DPD parcel number', pattern: /^0[0-9]{13}$/, checksum: null, specificity: 0, weight: -1 },
	{
		id: 'dpd_barcode',
		carrier: 'dpd',
		name: 'DPD label barcode',
		pattern: /^%[0-9A-Z]{7}(?<track>[0-9]{14})[0-9]{6}$/,
		checksum: null,
		specificity: 2,
		trackingGroup: 'track',
	},
	// GLS -------------------------------------------------------------------------------------------------------
	{ id: 'gls_12', carrier: 'gls', name: 'GLS parcel number (12)', pattern: /^(?<data>[0-9]{11})(?<check>[0-9])$/, checksum: 'gls', specificity: 0 },
	{
		// The 8-character TrackID: letters and digits, at least one of each.
		id: 'gls_trackid',
		carrier: 'gls',
		name: 'GLS TrackID',
		pattern: /^(?=[0-9A-Z]*[A-Z])(?=[0-9A-Z]*[0-9])[0-9A-Z]{8}$/,
		checksum: null,
		specificity: 1,
	},
	// Hermes ----------------------------------------------------------------------------------------------------
	{ id: 'hermes_14', carrier: 'hermes', name: 'Hermes parcel number (14)', pattern: /^(?<data>[0-9]{13})(?<check>[0-9])$/, checksum: 'gs1', specificity: 0 },
	{ id: 'hermes_h', carrier: 'hermes', name: 'Hermes shipment ID (H…)', pattern: /^H[0-9]{18,20}$/, checksum: null, specificity: 1 },
	// Other posts and parcel services ----------------------------------------------------------------------------
	{ id: 'austrian_post_16', carrier: 'austrian_post', name: 'Österreichische Post (16)', pattern: /^(?<data>[0-9]{15})(?<check>[0-9])$/, checksum: 'gs1', specificity: 0 },
	{ id: 'austrian_post_22', carrier: 'austrian_post', name: 'Österreichische Post (22)', pattern: /^(?<data>[0-9]{21})(?<check>[0-9])$/, checksum: 'gs1', specificity: 0, weight: -1 },
	{ id: 'canada_post_16', carrier: 'canada_post', name: 'Canada Post (16)', pattern: /^(?<data>[0-9]{15})(?<check>[0-9])$/, checksum: 'gs1', specificity: 0 },
	{ id: 'swiss_post_18', carrier: 'swiss_post', name: 'Swiss Post (99…)', pattern: /^99[0-9]{16}$/, checksum: null, specificity: 1 },
	{ id: 'postnl_3s', carrier: 'postnl', name: 'PostNL / DHL Parcel Benelux 3S code', pattern: /^3S[A-Z]{4}[0-9]{7,9}$/, checksum: null, specificity: 2 },
	{ id: 'la_poste_colissimo', carrier: 'la_poste', name: 'La Poste / Colissimo (13)', pattern: /^[0-9][A-Z][0-9]{11}$/, checksum: null, specificity: 1 },
	{ id: 'amazon_tba', carrier: 'amazon', name: 'Amazon Logistics', pattern: /^TB[ACM][0-9]{12}$/, checksum: null, specificity: 2 },
];
