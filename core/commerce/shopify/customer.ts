import type { Address, Customer, MarketingConsent } from '../model';
import { address, email, emptyCustomer, placeCustomer, UNKNOWN_CONSENT } from '../customer';
import { countryCode, toLocale, timezoneForCountry } from '../locale';
import { pickPhone } from '../phone';
import { isoTime } from '../time';
import { firstStr, obj, str } from '../values';
import type { Json } from '../values';

/** A Shopify REST address (`shipping_address`, `billing_address`, `destination`, `default_address`). */
export function shopifyAddress(value: unknown): Address | null {
	const a = obj(value);
	if (!a) return null;
	return address({
		firstName: a.first_name,
		lastName: a.last_name,
		company: a.company,
		address1: a.address1,
		address2: a.address2,
		city: a.city,
		postalCode: a.zip,
		region: a.province_code,
		country: a.country_code,
		phone: a.phone,
	});
}

const NOT_SUBSCRIBED = new Set(['not_subscribed', 'unsubscribed', 'redacted', 'invalid', 'pending']);

/** Shopify's `email_marketing_consent` / `sms_marketing_consent` object, as reported. */
export function shopifyConsent(value: unknown, legacyAccepts?: unknown): MarketingConsent {
	const c = obj(value);
	if (!c) {
		// Older API versions only had `accepts_marketing` / `buyer_accepts_marketing`.
		if (typeof legacyAccepts === 'boolean') return { ...UNKNOWN_CONSENT, marketing: legacyAccepts, source: 'shopify' };
		return { ...UNKNOWN_CONSENT };
	}
	const state = str(c.state)?.toLowerCase() ?? null;
	return {
		marketing: state === 'subscribed' ? true : state && NOT_SUBSCRIBED.has(state) ? false : null,
		state,
		optInLevel: str(c.opt_in_level)?.toLowerCase() ?? null,
		collectedAt: isoTime(c.consent_updated_at),
		source: str(c.consent_collected_from)?.toLowerCase() ?? 'shopify',
	};
}

/**
 * The customer of an order-like payload. Phone from the customer, the order, the shipping and then the billing
 * address, in that order, with the address country as the default region.
 */
export function shopifyCustomer(payload: Json, shipping: Address | null, billing: Address | null): Customer {
	const c = obj(payload.customer) ?? {};
	const defaultAddress = obj(c.default_address);
	const rawShipping = obj(payload.shipping_address) ?? obj(payload.destination);
	const rawBilling = obj(payload.billing_address);
	const country =
		shipping?.country ?? billing?.country ?? countryCode(defaultAddress?.country_code) ?? countryCode(obj(payload.shipping_address)?.country_code);
	const { phone, raw } = pickPhone([c.phone, payload.phone, rawShipping?.phone, rawBilling?.phone, defaultAddress?.phone], country);
	const customer = emptyCustomer();
	customer.id = str(c.id);
	customer.email = email(firstStr(c.email, payload.email, payload.contact_email));
	customer.phone = phone;
	customer.phoneRaw = raw;
	customer.firstName = firstStr(c.first_name, shipping?.firstName, billing?.firstName);
	customer.lastName = firstStr(c.last_name, shipping?.lastName, billing?.lastName);
	customer.country = country;
	customer.region = (shipping?.country === country ? shipping?.region : null) ?? (billing?.country === country ? billing?.region : null) ?? str(defaultAddress?.province_code);
	customer.timezone = timezoneForCountry(country);
	customer.locale = toLocale(firstStr(payload.customer_locale, c.locale), country);
	customer.consent = {
		email: shopifyConsent(c.email_marketing_consent, c.accepts_marketing ?? payload.buyer_accepts_marketing),
		sms: shopifyConsent(c.sms_marketing_consent),
	};
	return placeCustomer(customer, shipping, billing);
}
