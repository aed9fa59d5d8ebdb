import { IANAZone } from 'luxon';
import { COUNTRY_ZONES } from './data/countryZones.data';
import { AREA_CODE_STATE, US_STATE_ZONES } from './data/nanp.data';
import type { ConsentCustomer, Jurisdiction } from './types';
import type { ResolvedRecipient } from './recipient';

/** A place whose rules apply: a country, and a region (US state, Bundesland) when known, with its time zones. */
export interface Place {
	country: string | null;
	region: string | null;
	/** `US-FL`, `DE-SN`, `AT` … */
	code: string | null;
	/** Candidate IANA zones; more than one means nothing narrowed it and the strictest outcome applies. */
	zones: string[];
	/** Unknown US state: every state rule applies (strictest outcome). */
	anyUsState: boolean;
}

export interface ResolvedJurisdiction extends Jurisdiction {
	/** Candidate IANA zones; more than one means nothing narrowed it and the strictest outcome applies. */
	zones: string[];
	/** The state the area code points to (Florida and Oklahoma presume residence by area code, see the state table). */
	areaCodeRegion: string | null;
	/** Unknown US state: every state rule applies (strictest outcome). */
	anyUsState: boolean;
	/**
	 * Where the customer lives, when that is another country than the number's: its rules (windows, days, holidays,
	 * caps) apply as well, and the stricter outcome wins. Null when the address is unknown or in the number's country.
	 */
	address: Place | null;
}

/** The parts of a postal address the gate reads (the canonical order's `shippingAddress`). */
export interface AddressLike {
	country?: string | null;
	region?: string | null;
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

function zonesFor(country: string | null, region: string | null, tz: string): string[] {
	let zones: string[] = [];
	if (tz && isValidZone(tz)) zones = [tz];
	else if (country === 'US' && region && US_STATE_ZONES[region]) zones = [...US_STATE_ZONES[region]];
	else if (country === 'US') zones = [...new Set(Object.values(US_STATE_ZONES).flat())];
	else if (country && COUNTRY_ZONES[country]) zones = [...COUNTRY_ZONES[country]];
	return zones.length === 0 ? ['UTC'] : zones;
}

function withoutCountry(region: string | null, country: string | null): string | null {
	return region && country && region.startsWith(country + '-') ? region.slice(country.length + 1) : region;
}

/**
 * Country from the number (or the address for e-mail), US state from the area code unless the customer's address
 * names one, time zone from the customer field, else the region, else the country. The address is the customer's
 * country and region, else the shipping address. When it lies in another country than the number, it is returned as
 * `address` and its rules are evaluated too: a Saxony resident with an Austrian number keeps Saxony's holidays.
 */
export function resolveJurisdiction(recipient: ResolvedRecipient, customer: ConsentCustomer | null | undefined, shipping?: AddressLike | null): ResolvedJurisdiction {
	let addressCountry = code(customer?.country);
	let addressRegion = code(customer?.region);
	// The shipping address fills what the customer record leaves open, when it is in the same country.
	const shipCountry = code(shipping?.country);
	if (!addressRegion && shipping && (!addressCountry || !shipCountry || shipCountry === addressCountry)) {
		addressCountry = addressCountry ?? shipCountry;
		addressRegion = code(shipping.region);
	}
	const country = recipient.phoneCountry ?? addressCountry;
	let region: string | null = null;
	let regionSource: Jurisdiction['regionSource'] = null;
	const areaCodeRegion = country === 'US' && recipient.areaCode ? (AREA_CODE_STATE.get(recipient.areaCode) ?? null) : null;
	const sameCountry = !addressCountry || addressCountry === country;
	// The address only narrows the region when it is in the same country as the number.
	const ownRegion = sameCountry ? withoutCountry(addressRegion, country) : null;
	if (ownRegion) {
		region = ownRegion;
		regionSource = 'address';
	} else if (areaCodeRegion) {
		region = areaCodeRegion;
		regionSource = 'area_code';
	}
	const tz = typeof customer?.timezone === 'string' ? customer.timezone.trim() : '';
	const zones = zonesFor(country, region, tz);

	let address: Place | null = null;
	if (!sameCountry && country) {
		const r = withoutCountry(addressRegion, addressCountry);
		address = {
			country: addressCountry,
			region: r,
			code: r ? `${addressCountry}-${r}` : addressCountry,
			zones: zonesFor(addressCountry, r, tz),
			anyUsState: addressCountry === 'US' && !r,
		};
	}

	const anyUsState = country === 'US' && !region;
	return {
		country,
		region,
		regionSource,
		code: country ? (region ? `${country}-${region}` : country) : null,
		zones,
		areaCodeRegion,
		anyUsState,
		address,
	};
}
