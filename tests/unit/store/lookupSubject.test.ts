import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { getCountries, getCountryCallingCode } from 'libphonenumber-js';
import { lookupSubject, normalizeSubject } from '../../../core/store/subject';

/** Full normalization, or null where it rejects the value (what a batched read must treat as "no records"). */
function full(value: string): string | null {
	try {
		return normalizeSubject('sms', value);
	} catch {
		return null;
	}
}

test('the batched-read fast path never finds a different subject than full normalization', () => {
	// Random E.164-shaped values for every calling code, many with a national prefix after the code (+49 0…, +7 8…).
	let seed = 12345;
	const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
	const codes = [...new Set(getCountries().map((c) => getCountryCallingCode(c)))];
	let checked = 0;
	for (const code of codes) {
		for (let k = 0; k < 300; k++) {
			let digits = '';
			const length = 4 + rand(12 - code.length);
			for (let i = 0; i < length; i++) digits += String(rand(10));
			const value = `+${code}${digits}`;
			const fast = lookupSubject('sms', value);
			const expected = full(value);
			// Allowed difference: an impossible number that the fast path passes through; it has no rows by construction.
			if (fast !== expected) assert.equal(expected, null, `${value}: fast ${fast}, full ${expected}`);
			if (fast !== null && expected !== null) checked++;
		}
	}
	assert.ok(checked > 10_000, `only ${checked} comparable values`);
});

test('values that parsing would change or reject take the full path', () => {
	assert.equal(lookupSubject('sms', '+4901511234567'), '+491511234567'); // national prefix after the code
	assert.equal(lookupSubject('sms', '+49 151 1234 5678'), '+4915112345678');
	assert.equal(lookupSubject('sms', '0151 12345678'), null);
	assert.equal(lookupSubject('sms', ''), null);
	assert.equal(lookupSubject('sms', '+4915112345678'), '+4915112345678');
	assert.equal(lookupSubject('email', ' Anna@Example.DE '), 'anna@example.de');
	assert.equal(lookupSubject('email', 'not an address'), null);
});
