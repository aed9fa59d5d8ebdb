import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { detectCarrier } from '../../../core/carriers';
import { COLLISIONS, LABELLED } from '../../fixtures/carriers';

test('labelled table has at least 300 numbers, valid and invalid', () => {
	assert.ok(LABELLED.length >= 300, `only ${LABELLED.length}`);
	assert.ok(LABELLED.filter((e) => !e.valid).length >= 80);
});

test('every labelled number is detected as labelled', () => {
	const wrong: string[] = [];
	for (const e of LABELLED) {
		const r = detectCarrier(e.n, { shopCountry: e.market });
		if (r.valid !== e.valid) wrong.push(`${e.n} (${e.note ?? ''}): valid ${r.valid}, want ${e.valid}`);
		else if (e.valid) {
			const ok = [e.carrier, ...(e.alsoOk ?? [])];
			if (!r.best || !ok.includes(r.best.carrier)) wrong.push(`${e.n} (${e.market}): got ${r.best?.carrier}, want ${ok.join('|')}`);
		}
	}
	assert.deepEqual(wrong, []);
});

test('collisions are settled by the market prior', () => {
	for (const c of COLLISIONS) {
		for (const market of ['DE', 'US'] as const) {
			const r = detectCarrier(c.n, { shopCountry: market });
			assert.equal(r.best?.carrier, c[market], `${c.n} in ${market}: ${c.note}`);
			assert.equal(r.best?.checkDigitValid, true);
			assert.ok(r.candidates.length >= 2, `${c.n} should list the alternatives`);
		}
	}
});

test('DHL SSCC is DHL for a German shop and USPS for an American one, with lower confidence than a unique prefix', () => {
	const de = detectCarrier('00340434525181200082', { shopCountry: 'DE' });
	const us = detectCarrier('00340434525181200082', { shopCountry: 'US' });
	assert.equal(de.best?.carrier, 'dhl');
	assert.equal(de.best?.service, 'parcel-de');
	assert.equal(us.best?.carrier, 'usps');
	assert.deepEqual(
		us.candidates.map((c) => c.carrier).sort(),
		['dhl', 'fedex', 'usps'].filter((c) => us.candidates.some((x) => x.carrier === c)).sort(),
	);
	assert.ok(de.best!.confidence < detectCarrier('1Z5R89390357567127').best!.confidence);
	assert.ok(de.best!.confidence > (de.candidates[1]?.confidence ?? 0));
});

test('the shop carrier hint outranks the market prior but not a wrong check digit', () => {
	// Valid as Identcode and as FedEx 12.
	assert.equal(detectCarrier('300000004563', { shopCountry: 'US', carrierHint: 'DHL Paket' }).best?.carrier, 'dhl');
	assert.equal(detectCarrier('300000004563', { shopCountry: 'DE', carrierHint: 'FedEx Express' }).best?.carrier, 'fedex');
	const hinted = detectCarrier('300000004563', { carrierHint: 'DHL Paket' }).best!;
	assert.equal(hinted.confidence, 0.99);
	// A DHL Identcode that fails FedEx's check: a "FedEx" hint cannot make it FedEx.
	const r = detectCarrier('254356737158', { shopCountry: 'US', carrierHint: 'FedEx' });
	assert.equal(r.best?.carrier, 'dhl');
	assert.equal(r.hintMismatch, true);
	// A hint that names no carrier is not a mismatch.
	assert.equal(detectCarrier('201298452277', { carrierHint: 'Standardversand' }).hintMismatch, false);
});

test('normalizes spaces, dashes, dots and case; extracts the parcel number from label barcodes', () => {
	const r = detectCarrier(' jjd-0140 1234.5678 ');
	assert.equal(r.normalized, 'JJD014012345678');
	assert.equal(r.best?.carrier, 'dhl');
	assert.equal(detectCarrier('99.60.123456.12345678').best?.carrier, 'swiss_post');
	const dpd = detectCarrier('%0012345' + '01015026003653' + '101276');
	assert.equal(dpd.best?.carrier, 'dpd');
	assert.equal(dpd.best?.trackingNumber, '01015026003653');
	const usps = detectCarrier('420 22153 9101026837331000039521');
	assert.equal(usps.best?.trackingNumber, '9101026837331000039521');
});

test('S10 reports the origin country and operator', () => {
	const r = detectCarrier('RR123456785IT');
	assert.equal(r.best?.carrier, 'upu');
	assert.equal(r.best?.carrierName, 'Poste Italiane');
	assert.equal(r.best?.originCountry, 'IT');
	assert.equal(detectCarrier('RR123456785DE').best?.carrier, 'deutsche_post');
	assert.equal(detectCarrier('RR123456785XX').best, null);
});

test('an invalid check digit still shows the likely format, marked invalid', () => {
	const r = detectCarrier('1Z5R89390357567128');
	assert.equal(r.valid, false);
	assert.equal(r.best?.carrier, 'ups');
	assert.equal(r.best?.checkDigitValid, false);
	assert.ok(r.best!.confidence <= 0.15);
});
