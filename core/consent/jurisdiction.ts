import { IANAZone } from 'luxon';
import { COUNTRY_ZONES } from './data/countryZones.data';
import { AREA_CODE_STATE, US_STATE_ZONES } from './data/nanp.data';
import type { ConsentCustomer, Jurisdiction } from './types';
import type { ResolvedRecipient } from './recipient';

export interface ResolvedJurisdiction extends Jurisdiction {
	/** Candidate IANA zones; more than one means nothing narrowed it and the strictest outcome applies. */
	zones: string[];
	/** The state the area code points to (Florida presumes residence by area code, FTSA §501.059(1)(j)). */
	areaCodeRegion: string | null;
	/** Unknown US state: every state rule applies (strictest outcome). */
	anyUsState: boolean;
}

function code(value: unknown): string | null {
	const s = typeof value === 'string' ? value.trim().toUpperCase() : '';
	return s ? s : null;
}

const validZones = new Map<string, boolean>();
function isValidZone(zone: string): boolean {
	let ok = validZones.get(zone);
	if (ok === undefined) {
		ok = IANAZone.isValidZone(zone);
		validZones.set(zone, ok);
	}
	return ok;
}

/**
 * Country from the number (or the customer for e-mail), US state from the area code unless the customer's address
 * names one, time zone from the customer field, else the region, else the country.
 */
export function resolveJurisdiction(recipient: ResolvedRecipient, customer: ConsentCustomer | null | undefined): ResolvedJurisdiction {
	const customerCountry = code(customer?.country);
	const country = recipient.phoneCountry ?? customerCountry;
	let region: string | null = null;
	let regionSource: Jurisdiction['regionSource'] = null;
	const areaCodeRegion = country === 'US' && recipient.areaCode ? (AREA_CODE_STATE.get(recipient.areaCode) ?? null) : null;
	let addressRegion = code(customer?.region);
	if (addressRegion && country && addressRegion.startsWith(country + '-')) addressRegion = addressRegion.slice(country.length + 1);
	// The address only narrows the region when it is in the same country as the number.
	if (addressRegion && (!customerCountry || customerCountry === country)) {
		region = addressRegion;
		regionSource = 'address';
	} else if (areaCodeRegion) {
		region = areaCodeRegion;
		regionSource = 'area_code';
	}

	let zones: string[] = [];
	const tz = typeof customer?.timezone === 'string' ? customer.timezone.trim() : '';
	if (tz && isValidZone(tz)) zones = [tz];
	else if (country === 'US' && region && US_STATE_ZONES[region]) zones = [...US_STATE_ZONES[region]];
	else if (country === 'US') zones = [...new Set(Object.values(US_STATE_ZONES).flat())];
	else if (country && COUNTRY_ZONES[country]) zones = [...COUNTRY_ZONES[country]];
	if (zones.length === 0) zones = ['UTC'];

	const anyUsState = country === 'US' && !region;
	return {
		country,
		region,
		regionSource,
		code: country ? (region ? `${country}-${region}` : country) : null,
		zones,
		areaCodeRegion,
		anyUsState,
	};
}
