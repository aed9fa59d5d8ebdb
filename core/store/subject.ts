import { createHmac } from 'node:crypto';
import { Metadata, getCountries, getCountryCallingCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import type { CountryCode } from 'libphonenumber-js';
import { InputError } from '../shared/errors';
import { maskSubject } from '../shared/mask';
import type { Channel } from './JourneyStore';

/** RFC 5321 caps a forward path at 256 octets, so a longer "address" is a data error, not a customer. */
const MAX_EMAIL_LENGTH = 254;

/**
 * The one spelling of a subject the store keys on: E.164 for SMS (`+4915112345678`), trimmed lower-case NFC for
 * e-mail. `defaultCountry` (ISO 3166-1 alpha-2) lets national numbers like `0151 1234 5678` through; without it a
 * phone number must start with `+`. Throws `InputError` (with the value masked) when the value is not a subject.
 */
export function normalizeSubject(channel: Channel, value: string, defaultCountry?: string): string {
	if (typeof value !== 'string' || value.trim() === '') {
		throw new InputError(`The ${channel === 'sms' ? 'phone number' : 'e-mail address'} is empty.`, 'subject');
	}
	if (channel !== 'sms') return normalizeEmail(value);
	// Parsing a phone number costs a few microseconds, and one item's number is normalized by the gate, the
	// composer and the log in turn; a small memo of recent results pays for itself.
	const memoKey = defaultCountry ? `${defaultCountry}|${value}` : value;
	const cached = phoneMemo.get(memoKey) ?? oldPhoneMemo.get(memoKey);
	if (cached !== undefined) return cached;
	const normalized = normalizePhone(value, defaultCountry);
	// Two generations instead of evicting the oldest key one by one: deleting from the front of a large Map makes
	// `keys().next()` walk the deleted slots, which grew to most of a cold batch's time.
	if (phoneMemo.size >= PHONE_MEMO_SIZE) {
		oldPhoneMemo = phoneMemo;
		phoneMemo = new Map();
	}
	phoneMemo.set(memoKey, normalized);
	return normalized;
}

const PHONE_MEMO_SIZE = 20_000;
let phoneMemo = new Map<string, string>();
let oldPhoneMemo = new Map<string, string>();

/** E.164 shape: `+`, a non-zero digit, 7 to 15 digits in all. */
const E164_SHAPE = /^\+[1-9]\d{6,14}$/;

/**
 * The subject to look up for a value in a batched READ, or null when the value cannot have records.
 *
 * Values already in E.164 shape skip libphonenumber (a cold parse costs ~5–12 µs, most of a 10,000-subject batch)
 * when parsing could not change their digits: their calling code is known and the rest does not start with any of
 * that code's national prefixes (the `0` in `+49 0151…`, which parsing strips). Such values are NOT checked for a
 * possible length: every write path fully normalizes and rejects impossible numbers, so an impossible value simply
 * has no rows and comes back absent, exactly as when normalization throws. Anything else takes the full path.
 * Never use this for single-subject reads, or for writes of values no caller has validated (the decision log takes
 * the Consent Gate's recipients through it: `StoreContext.resolvedSubject`).
 */
export function lookupSubject(channel: Channel, value: string): string | null {
	if (channel === 'sms' && typeof value === 'string' && E164_SHAPE.test(value)) {
		const prefixes = nationalPrefixes();
		if (prefixes) {
			// The calling code read as a number, digit by digit (no substrings: this runs for every subject of a batch).
			let code = 0;
			for (let length = 1; length <= 3; length++) {
				code = code * 10 + value.charCodeAt(length) - 48;
				const pattern = prefixes.get(code);
				if (pattern === undefined) continue;
				// Calling codes are prefix-free, so the first match is the only one.
				if (pattern === null) return value;
				pattern.lastIndex = 1 + length;
				if (!pattern.test(value)) return value;
				break;
			}
		}
	}
	try {
		return normalizeSubject(channel, value);
	} catch {
		return null;
	}
}

let prefixTable: Map<number, RegExp | null> | false | undefined;

/**
 * Calling code (as a number) → a sticky pattern for the national prefixes any of its countries strips when parsing
 * (null: none), matched from just after the code; built once from libphonenumber's own metadata. False when that
 * metadata is not readable (a changed library), which turns the fast path off rather than guessing.
 */
function nationalPrefixes(): Map<number, RegExp | null> | false {
	if (prefixTable !== undefined) return prefixTable;
	try {
		const sources = new Map<string, string[]>();
		for (const country of getCountries()) {
			const metadata = new Metadata();
			metadata.selectNumberingPlan(country);
			const plan = metadata.numberingPlan as unknown as { nationalPrefixForParsing?: () => string | undefined } | undefined;
			if (typeof plan?.nationalPrefixForParsing !== 'function') throw new Error('metadata changed');
			const code = getCountryCallingCode(country);
			const list = sources.get(code) ?? [];
			const prefix = plan.nationalPrefixForParsing();
			// Countries sharing a code often share the pattern (25 times "1" for +1): keep each once.
			if (prefix && !list.includes(`(?:${prefix})`)) list.push(`(?:${prefix})`);
			sources.set(code, list);
		}
		prefixTable = new Map([...sources].map(([code, list]) => [Number(code), list.length ? new RegExp(`(?:${list.join('|')})`, 'y') : null]));
	} catch {
		prefixTable = false;
	}
	return prefixTable;
}

/** Normalizes a subject whose channel is not known (export, erasure, short links): an `@` means e-mail. */
export function normalizeAnySubject(value: string, defaultCountry?: string): string {
	return normalizeSubject(channelOfSubject(value), value, defaultCountry);
}

/** The channel a (normalized or raw) subject belongs to. */
export function channelOfSubject(value: string): Channel {
	return String(value ?? '').includes('@') ? 'email' : 'sms';
}

/**
 * The irreversible key every table keeps next to the clear subject: HMAC-SHA256 with the store's own random salt,
 * so an erased subject stays suppressed, yet the hash is useless without that store's salt. Pass a normalized
 * subject (`normalizeSubject`), or the hash will not match the stored one.
 */
export function subjectHash(salt: string, normalizedSubject: string): string {
	return createHmac('sha256', salt).update(normalizedSubject, 'utf8').digest('hex');
}

function normalizePhone(value: string, defaultCountry?: string): string {
	const country = defaultCountry ? (defaultCountry.trim().toUpperCase() as CountryCode) : undefined;
	const parsed = parsePhoneNumberFromString(value.trim(), country);
	// `isPossible` (length per country) rather than `isValid`: the store keys numbers, it does not judge ranges,
	// and provider test numbers must still be storable.
	if (!parsed || !parsed.isPossible()) {
		throw new InputError(
			`"${maskSubject(value)}" is not a phone number that SMS can be sent to.`,
			'subject',
			country
				? 'Use the international format, e.g. +4915112345678.'
				: 'Use the international format starting with + and the country code, e.g. +4915112345678, or set a default country.',
		);
	}
	return parsed.number;
}

function normalizeEmail(value: string): string {
	const email = value.normalize('NFC').trim().toLowerCase();
	const at = email.lastIndexOf('@');
	if (at < 1 || at === email.length - 1 || /\s/.test(email) || email.length > MAX_EMAIL_LENGTH || email.indexOf('@') !== at) {
		throw new InputError(`"${maskSubject(value)}" is not a valid e-mail address.`, 'subject');
	}
	return email;
}
