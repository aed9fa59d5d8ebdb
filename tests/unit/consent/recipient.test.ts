import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';
import { resolveRecipient } from '../../../core/consent';

/**
 * `resolveRecipient` matches a number's type once and asks validity only when there is no type. These cases pin that
 * it still answers exactly as "isValid(), then getType()" does: mobiles, landlines, toll-free and premium numbers,
 * shared calling codes (+1, +7, +44), national spellings with a default country, and numbers that are not valid.
 */
const SMS_CAPABLE = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE', 'VOIP', 'PERSONAL_NUMBER']);

function reference(value: string, country?: string): ReturnType<typeof resolveRecipient> {
	const phone = parsePhoneNumberFromString(value.startsWith('00') ? '+' + value.slice(2) : value, country as CountryCode | undefined);
	if (!phone || !phone.isValid()) return { ok: false, reason: 'invalid_recipient', detail: 'invalid_number' };
	const type = phone.getType();
	if (type !== undefined && !SMS_CAPABLE.has(type)) return { ok: false, reason: 'not_mobile', detail: type.toLowerCase() };
	return {
		ok: true,
		subject: phone.number,
		phoneCountry: phone.country ?? null,
		areaCode: phone.countryCallingCode === '1' ? phone.nationalNumber.slice(0, 3) : null,
	};
}

const CASES: Array<[string, string?]> = [
	['+4915112345678'],
	['+493012345678'],
	['+498001234567'],
	['+4990012345678'],
	['+12125550100'],
	['+12122001234'],
	['+18005550100'],
	['+19005550100'],
	['+14165550123'],
	['+18765550123'],
	['+79161234567'],
	['+77012345678'],
	['+447700900123'],
	['+442079460000'],
	['+447624123456'],
	['+33612345678'],
	['+61412345678'],
	['+8613812345678'],
	['+80012345678'],
	['+4915'],
	['+99912345678'],
	['+4901511234567'],
	['0151 1234 5678', 'DE'],
	['030 123456', 'DE'],
	['(212) 200-1234', 'US'],
	['00436641234567'],
	['not a number'],
	['+1 212 200 1234 5678'],
];

test('gives the same answer as validating first and reading the type after, for every kind of number', () => {
	for (const [value, country] of CASES) {
		assert.deepEqual(resolveRecipient('sms', value, country), reference(value, country), `${value} (${country ?? 'no default country'})`);
	}
});

test('sorts the cases into mobile, not mobile and invalid, so the comparison above covers each outcome', () => {
	const outcomes = new Set(CASES.map(([value, country]) => {
		const r = resolveRecipient('sms', value, country);
		return r.ok ? 'ok' : r.reason;
	}));
	assert.deepEqual([...outcomes].sort(), ['invalid_recipient', 'not_mobile', 'ok']);
});
