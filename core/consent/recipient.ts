import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';
import type { Channel } from './types';

export interface ResolvedRecipient {
	ok: true;
	subject: string;
	/** Country of the phone number (SMS) or null for e-mail. */
	phoneCountry: string | null;
	/** NANP area code for +1 numbers. */
	areaCode: string | null;
}

export interface InvalidRecipient {
	ok: false;
	reason: 'invalid_recipient' | 'not_mobile';
	detail: string;
}

// Number types that can receive an SMS. FIXED_LINE_OR_MOBILE covers the whole NANP, where types cannot be told apart.
const SMS_CAPABLE = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE', 'VOIP', 'PERSONAL_NUMBER']);

// Pragmatic address check: one @, a dot in the domain, no spaces. Full RFC 5322 is not what shops store.
const EMAIL = /^[^\s@"(),:;<>[\\\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$/;

export function resolveRecipient(channel: Channel, value: unknown, defaultCountry?: string): ResolvedRecipient | InvalidRecipient {
	const raw = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
	if (!raw) return { ok: false, reason: 'invalid_recipient', detail: 'missing' };
	if (channel === 'email') {
		const email = raw.toLowerCase();
		if (email.length > 254 || !EMAIL.test(email)) return { ok: false, reason: 'invalid_recipient', detail: 'malformed_email' };
		return { ok: true, subject: email, phoneCountry: null, areaCode: null };
	}
	const withPlus = raw.startsWith('00') ? '+' + raw.slice(2) : raw;
	const phone = parsePhoneNumberFromString(withPlus, defaultCountry ? (defaultCountry.toUpperCase() as CountryCode) : undefined);
	if (!phone) return { ok: false, reason: 'invalid_recipient', detail: 'invalid_number' };
	// `isValid()` is `getType() !== undefined` whenever the metadata has number types (it always has with /max), so the
	// type is matched once and validity asked only without one: matching a number against its country's patterns is
	// most of a gated item's cost, and asking both matched them twice.
	const type = phone.getType();
	if (type === undefined && !phone.isValid()) return { ok: false, reason: 'invalid_recipient', detail: 'invalid_number' };
	// An unknown type is let through: the carrier decides; a known landline or service number is not.
	if (type !== undefined && !SMS_CAPABLE.has(type)) return { ok: false, reason: 'not_mobile', detail: type.toLowerCase() };
	const e164 = phone.number;
	return {
		ok: true,
		subject: e164,
		phoneCountry: phone.country ?? null,
		areaCode: phone.countryCallingCode === '1' ? phone.nationalNumber.slice(0, 3) : null,
	};
}
