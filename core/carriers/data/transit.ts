import type { CarrierCode } from '../types';

/**
 * Business days from handover to delivery by carrier, service and lane (research §5; configurable starting
 * points, not promises). `*` matches anything. The first matching row wins, so specific rows come first.
 */
export interface TransitRow {
	carrier: CarrierCode | '*';
	service: string | '*';
	from: string | '*';
	to: string | '*' | 'same';
	min: number;
	max: number;
	confidence: number;
}

export const TRANSIT_TABLE: TransitRow[] = [
	{ carrier: 'dhl', service: '*', from: 'DE', to: 'DE', min: 1, max: 2, confidence: 0.8 },
	{ carrier: 'deutsche_post', service: '*', from: 'DE', to: 'DE', min: 1, max: 3, confidence: 0.7 },
	{ carrier: 'hermes', service: '*', from: 'DE', to: 'DE', min: 2, max: 3, confidence: 0.7 },
	{ carrier: 'dpd', service: '*', from: 'DE', to: 'DE', min: 1, max: 2, confidence: 0.7 },
	{ carrier: 'gls', service: '*', from: 'DE', to: 'DE', min: 1, max: 2, confidence: 0.7 },
	{ carrier: 'ups', service: '*', from: 'DE', to: 'DE', min: 1, max: 2, confidence: 0.7 },
	{ carrier: 'dhl', service: '*', from: 'DE', to: 'AT', min: 2, max: 4, confidence: 0.6 },
	{ carrier: 'dhl', service: '*', from: 'DE', to: '*', min: 3, max: 6, confidence: 0.5 },
	{ carrier: 'dhl_express', service: '*', from: '*', to: 'same', min: 1, max: 1, confidence: 0.7 },
	{ carrier: 'dhl_express', service: '*', from: '*', to: '*', min: 1, max: 3, confidence: 0.6 },
	{ carrier: 'austrian_post', service: '*', from: 'AT', to: 'AT', min: 1, max: 2, confidence: 0.7 },
	{ carrier: 'swiss_post', service: '*', from: 'CH', to: 'CH', min: 1, max: 2, confidence: 0.7 },
	{ carrier: 'postnl', service: '*', from: 'NL', to: 'NL', min: 1, max: 1, confidence: 0.7 },
	{ carrier: 'royal_mail', service: '*', from: 'GB', to: 'GB', min: 1, max: 3, confidence: 0.6 },
	{ carrier: 'la_poste', service: '*', from: 'FR', to: 'FR', min: 2, max: 3, confidence: 0.6 },
	{ carrier: 'usps', service: '*', from: 'US', to: 'US', min: 2, max: 5, confidence: 0.6 },
	{ carrier: 'ups', service: '*', from: 'US', to: 'US', min: 1, max: 5, confidence: 0.5 },
	{ carrier: 'fedex', service: '*', from: 'US', to: 'US', min: 1, max: 5, confidence: 0.5 },
	{ carrier: 'amazon', service: '*', from: '*', to: 'same', min: 1, max: 2, confidence: 0.5 },
	{ carrier: 'canada_post', service: '*', from: 'CA', to: 'CA', min: 2, max: 7, confidence: 0.5 },
	{ carrier: '*', service: '*', from: '*', to: 'same', min: 1, max: 3, confidence: 0.4 },
	{ carrier: '*', service: '*', from: '*', to: '*', min: 4, max: 10, confidence: 0.25 },
];

/** Weekdays the carrier delivers (1 = Monday … 7 = Sunday, luxon numbering). DHL Paket, Post and Hermes deliver on Saturdays. */
export const DELIVERY_WEEKDAYS: Partial<Record<CarrierCode, number[]>> = {
	dhl: [1, 2, 3, 4, 5, 6],
	deutsche_post: [1, 2, 3, 4, 5, 6],
	hermes: [1, 2, 3, 4, 5, 6],
	usps: [1, 2, 3, 4, 5, 6],
	austrian_post: [1, 2, 3, 4, 5],
	royal_mail: [1, 2, 3, 4, 5, 6],
	la_poste: [1, 2, 3, 4, 5, 6],
	amazon: [1, 2, 3, 4, 5, 6, 7],
};

export const DEFAULT_DELIVERY_WEEKDAYS = [1, 2, 3, 4, 5];

/** Parcels handed over after this local hour start counting the next day. */
export const HANDOVER_CUTOFF_HOUR = 16;
