import type { ChecksumKind } from './validate';

/** Our carrier codes; stable, used in outputs and saved workflows. `upu` is any other national post (S10). */
export type CarrierCode =
	| 'amazon'
	| 'austrian_post'
	| 'canada_post'
	| 'deutsche_post'
	| 'dhl'
	| 'dhl_express'
	| 'dpd'
	| 'fedex'
	| 'gls'
	| 'hermes'
	| 'la_poste'
	| 'postnl'
	| 'royal_mail'
	| 'swiss_post'
	| 'ups'
	| 'upu'
	| 'usps';

/** Market priors are defined for these shop countries; any other country falls back to `default`. */
export type Market = 'DE' | 'AT' | 'CH' | 'NL' | 'GB' | 'FR' | 'US' | 'CA' | 'default';

/** One tracking-number format: a shape, where its check digit sits, and how specific the shape is. */
export interface FormatSpec {
	id: string;
	carrier: CarrierCode;
	name: string;
	/** Matched against the normalized number; named groups `data` (checked part) and `check` when there is one. */
	pattern: RegExp;
	checksum: ChecksumKind | null;
	/** Digits the check is computed over but which the label leaves out (SmartPost prints its 92 only sometimes). */
	prepend?: string;
	/**
	 * How much the shape alone says: 2 = a prefix only this carrier uses (1Z, TBA, JJD, S10 with a country),
	 * 1 = a distinctive shape (letters in fixed places), 0 = plain digits of a common length.
	 */
	specificity: 0 | 1 | 2;
	/** Tie-break among equal candidates (e.g. the `003404` SSCC prefix DHL prints); default 0. */
	weight?: number;
	/** Named group holding the number to track with when it differs from the whole input (label barcodes). */
	trackingGroup?: string;
	/** S10: the operator depends on the country suffix in this named group. */
	countryGroup?: string;
	/** DHL Unified API `service` hint. */
	service?: string;
}

export interface CarrierCandidate {
	carrier: CarrierCode;
	carrierName: string;
	format: string;
	formatName: string;
	/** true/false when the format has a check digit, null when it has none. */
	checkDigitValid: boolean | null;
	/** 0 … 1, how sure we are that this is the carrier. */
	confidence: number;
	/** The number to track with (normalized; the parcel number inside a longer label barcode). */
	trackingNumber: string;
	/** Origin country of an S10 item. */
	originCountry?: string;
	service?: string;
}

export interface DetectOptions {
	/** The carrier name the shop gave (free text: "DHL Paket", "UPS Standard", "dpd"). */
	carrierHint?: string;
	/** ISO 3166-1 country of the shop, for the market prior (DE and US matter most). */
	shopCountry?: string;
}

export interface DetectResult {
	input: string;
	normalized: string;
	/** The best candidate, or null when no format matches. */
	best: CarrierCandidate | null;
	candidates: CarrierCandidate[];
	/** Whether the best candidate's shape matches and its check digit (if any) is right. */
	valid: boolean;
	/** Whether the hint named a carrier that none of the matching formats belongs to. */
	hintMismatch: boolean;
}
