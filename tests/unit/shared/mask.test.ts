import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { maskEmail, maskPhone, maskSecret, maskSubject, maskText } from '../../../core/shared/mask';

/** How many digits a masked text still shows. */
function visibleDigits(masked: string): number {
	return (masked.match(/\d/g) ?? []).length;
}

describe('maskPhone', () => {
	test('E.164: country and network code and the last three digits stay, the rest is starred', () => {
		assert.equal(maskPhone('+4915112345678'), '+49151*****678');
		assert.equal(maskPhone('+436641234567'), '+43664****567');
		assert.equal(maskPhone(' +4915112345678 '), '+49151*****678');
	});

	test('hides at least four digits of any number, whatever its length, and keeps its length', () => {
		for (let length = 7; length <= 15; length++) {
			const national = '0' + '123456789012345'.slice(0, length - 1);
			const international = '+' + '491512345678901'.slice(0, length);
			for (const phone of [national, international]) {
				const masked = maskPhone(phone);
				assert.equal(masked.length, phone.length, phone);
				assert.ok((masked.match(/\*/g) ?? []).length >= 4, `${phone} → ${masked} hides fewer than four digits`);
				assert.equal(masked.slice(-3), phone.slice(-3), phone);
			}
		}
	});

	test('stars a number of six characters or less completely', () => {
		assert.equal(maskPhone('123456'), '******');
		assert.equal(maskPhone(''), '');
	});
});

describe('maskEmail and maskSubject', () => {
	test('keeps the first letters and the top-level domain only', () => {
		assert.equal(maskEmail('anna.schmidt@example.de'), 'a***@e***.de');
		assert.equal(maskEmail('ANNA+news@sub.example.co.uk'), 'A***@s***.uk');
		assert.equal(maskEmail('not-an-address'), 'n***');
	});

	test('masks a subject by its kind', () => {
		assert.equal(maskSubject('anna.schmidt@example.de'), 'a***@e***.de');
		assert.equal(maskSubject('+4915112345678'), '+49151*****678');
	});
});

describe('maskText', () => {
	test('masks E.164 numbers written with or without spaces, brackets and dashes', () => {
		assert.equal(maskText('Call +4915112345678 now'), 'Call +49151*****678 now');
		assert.equal(maskText('Ruf an: +49 151 12345678.'), 'Ruf an: +49151*****678.');
		assert.equal(maskText('Tel. (+49) 151 1234 5678'), 'Tel. +49151*****678');
		assert.equal(maskText('US: +1 (415) 555-2671'), 'US: +1415****671');
		assert.equal(maskText('"phone":"+4915112345678"'), '"phone":"+49151*****678"');
	});

	test('masks national formats and hides at least four digits of each', () => {
		const cases: Array<[string, string]> = [
			['Mobil 0151 12345678', 'Mobil 01511****678'],
			['Mobil 0151/12345678', 'Mobil 01511****678'],
			['Mobil (0151) 123 456 78', 'Mobil 01511****678'],
			['Mobil 0151-123 456 78, bitte', 'Mobil 01511****678, bitte'],
			['Festnetz 030 1234567', 'Festnetz 030****567'],
			['Aus dem Ausland 0049 151 12345678', 'Aus dem Ausland 00491*******678'],
		];
		for (const [text, expected] of cases) assert.equal(maskText(text), expected);
		assert.equal(visibleDigits(maskText('030 1234567')), 6);
	});

	test('masks a URL-encoded number in a form body', () => {
		assert.equal(maskText('Body=STOP&From=%2B4915112345678&To=%2B4915199990000'), 'Body=STOP&From=%2B49151*****678&To=%2B49151*****000');
	});

	test('masks e-mail addresses inside sentences, also when the local part has digits', () => {
		assert.equal(maskText('Bitte an anna.schmidt@example.de schreiben.'), 'Bitte an a***@e***.de schreiben.');
		assert.equal(maskText('550 5.1.1 <kunde7000001234@example.de>: Recipient address rejected'), '550 5.1.1 <k***@e***.de>: Recipient address rejected');
		assert.equal(maskText('Mail <ANNA+news@sub.example.co.uk>.'), 'Mail <A***@s***.uk>.');
	});

	test('masks every address and number in one message and leaves the words around them', () => {
		const text = 'Kunde anna.schmidt@example.de (Tel. +49 151 12345678) und jan@example.at, 0176 98765432; Bestellung #1042 vom 2026-11-24.';
		assert.equal(maskText(text), 'Kunde a***@e***.de (Tel. +49151*****678) und j***@e***.at, 01769****432; Bestellung #1042 vom 2026-11-24.');
	});

	test('leaves everything else as it is: dates, times, amounts, codes, tracking numbers, IDs, URLs', () => {
		const untouched = [
			'Use ISO 8601, e.g. 2026-11-23T10:00:00+01:00.',
			'Delivery on 2026-11-24 between 10:00 and 12:00',
			'sent at 2026-11-24T09:00:00.000Z, resumed 2026-11-24 23:30',
			'Lieferung am 24.11.2026 oder 11/24/2026',
			'Total 39,98 € (1234.56 EUR incl. 19 % VAT)',
			'Order #1042 of 3 items',
			'Twilio error 21211, HTTP 400',
			'550 5.1.1 Mailbox unavailable',
			'DHL 00340434161094042557, UPS 1Z5R89390357567127, Post LX123456789DE, Express JJD0001234567890',
			'The key is longer than 512 characters.',
			'https://shop.example/orders/1042?lang=de',
			'Schema version 12; retry in 30 s',
			'@roestwerk on social media, user@localhost',
			'',
		];
		for (const text of untouched) assert.equal(maskText(text), text);
	});

	test('never throws on missing input', () => {
		assert.equal(maskText(undefined as unknown as string), '');
		assert.equal(maskText(null as unknown as string), '');
	});
});

test('maskSecret shows the last four characters only', () => {
	assert.equal(maskSecret('shpss_test_4f1c2e9a7b3d5f60'), '****5f60');
	assert.equal(maskSecret('abc'), '****');
});
