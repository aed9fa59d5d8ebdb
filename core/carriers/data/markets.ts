import type { CarrierCode, Market } from '../types';

/**
 * How likely a carrier is for a shop in a market, used only to break ties between numbers that fit several
 * carriers equally well (a 12-digit number valid as DHL Identcode and as FedEx Express). Rough parcel-market shares,
 * rounded; a carrier missing from a market gets `FALLBACK_PRIOR`.
 */
export const MARKET_PRIORS: Record<Market, Partial<Record<CarrierCode, number>>> = {
	DE: { dhl: 0.45, deutsche_post: 0.3, hermes: 0.25, dpd: 0.2, gls: 0.15, ups: 0.1, dhl_express: 0.08, amazon: 0.08, austrian_post: 0.04, fedex: 0.03, usps: 0.01 },
	AT: { austrian_post: 0.5, dhl: 0.2, dpd: 0.15, gls: 0.15, hermes: 0.08, ups: 0.08, deutsche_post: 0.05, fedex: 0.03 },
	CH: { swiss_post: 0.6, dhl_express: 0.1, dpd: 0.1, ups: 0.08, dhl: 0.05, gls: 0.05, fedex: 0.03 },
	NL: { postnl: 0.55, dhl: 0.2, dpd: 0.1, gls: 0.05, ups: 0.05, fedex: 0.03 },
	GB: { royal_mail: 0.5, dpd: 0.15, hermes: 0.12, ups: 0.08, dhl: 0.05, fedex: 0.04, amazon: 0.08 },
	FR: { la_poste: 0.55, dpd: 0.1, gls: 0.08, ups: 0.08, dhl: 0.05, fedex: 0.03 },
	US: { usps: 0.45, ups: 0.3, fedex: 0.25, amazon: 0.2, dhl_express: 0.05, canada_post: 0.02, dhl: 0.02 },
	CA: { canada_post: 0.5, ups: 0.15, fedex: 0.15, usps: 0.05, dhl_express: 0.05, amazon: 0.1 },
	default: { dhl: 0.2, ups: 0.2, fedex: 0.15, usps: 0.15, dhl_express: 0.1, dpd: 0.1, gls: 0.08, hermes: 0.08, deutsche_post: 0.05 },
};

export const FALLBACK_PRIOR = 0.01;

export function marketOf(country: string | undefined): Market {
	const c = (country ?? '').trim().toUpperCase();
	return c in MARKET_PRIORS && c !== 'DEFAULT' ? (c as Market) : 'default';
}
