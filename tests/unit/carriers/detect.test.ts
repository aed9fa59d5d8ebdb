import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { detectCarrier, normalizeTrackingNumber } from '../../../core/carriers';
import { COLLISIONS, GENERATED_NUMBERS, LABELLED, PUBLIC_NUMBERS } from '../../fixtures/carriers';
import type { LabelledNumber } from '../../fixtures/carriers';

/** Labelled numbers whose detection disagrees with the label, described for the failure message. */
function mislabelled(list: readonly LabelledNumber[]): string[] {
	const wrong: string[] = [];
	for (const e of list) {
		const r = detectCarrier(e.n, { shopCountry: e.market });
		if (r.valid !== e.valid) wrong.push(`${e.n} (${e.note ?? ''}): valid ${r.valid}, want ${e.valid}`);
		else if (e.valid) {
			const ok = [e.carrier, ...(e.alsoOk ?? [])];
			if (!r.best || !ok.includes(r.best.carrier)) wrong.push(`${e.n} (${e.market}): got ${r.best?.carrier}, want ${ok.join('|')}`);
		}
	}
	return wrong;
}

test('labelled table has at least 300 numbers, valid and invalid', () => {
	assert.ok(LABELLED.length >= 300, `only ${LABELLED.length}`);
	assert.ok(LABELLED.filter((e) => !e.valid).length >= 80);
	assert.equal(LABELLED.length, PUBLIC_NUMBERS.length + GENERATED_NUMBERS.length, 'public and generated numbers, nothing else');
});

test('independent public vectors (carrier documentation, tracking_number_data): every one is detected as labelled', () => {
	assert.deepEqual(mislabelled(PUBLIC_NUMBERS), []);
});

/**
 * Distinct public numbers per carrier whose formats carry a check digit: valid ones the detection confirms with a
 * passing check digit, and ones it rejects for a wrong check digit. These are the only evidence that our check-digit
 * algorithms match the carriers'; the generated numbers were made with those very algorithms.
 */
const PUBLIC_MINIMUM: Record<string, { valid: number; wrongCheckDigit: number }> = {
	canada_post: { valid: 1, wrongCheckDigit: 1 },
	deutsche_post: { valid: 2, wrongCheckDigit: 0 },
	dhl: { valid: 3, wrongCheckDigit: 2 },
	dhl_express: { valid: 5, wrongCheckDigit: 5 },
	dpd: { valid: 1, wrongCheckDigit: 1 },
	fedex: { valid: 20, wrongCheckDigit: 6 },
	hermes: { valid: 1, wrongCheckDigit: 0 },
	royal_mail: { valid: 1, wrongCheckDigit: 0 },
	ups: { valid: 7, wrongCheckDigit: 1 },
	upu: { valid: 2, wrongCheckDigit: 0 },
	usps: { valid: 14, wrongCheckDigit: 6 },
};
/** Check-digit carriers that only generated (regression-only) numbers test so far. */
const GENERATED_ONLY = ['austrian_post', 'gls', 'la_poste', 'postnl', 'swiss_post'];

test('independent public vectors: a minimum per check-digit carrier, valid and with a wrong check digit; generated-only carriers are named', () => {
	// Carriers with a check-digit format, as the generated table exercises them.
	const checkDigitCarriers = new Set<string>();
	for (const e of GENERATED_NUMBERS) {
		const best = e.valid ? detectCarrier(e.n, { shopCountry: e.market }).best : null;
		if (best?.checkDigitValid === true) checkDigitCarriers.add(best.carrier);
	}
	assert.deepEqual([...checkDigitCarriers].sort(), [...Object.keys(PUBLIC_MINIMUM), ...GENERATED_ONLY].sort());

	const valid = new Map<string, Set<string>>();
	const wrongCheckDigit = new Map<string, Set<string>>();
	const add = (map: Map<string, Set<string>>, carrier: string, n: string) => map.set(carrier, (map.get(carrier) ?? new Set()).add(normalizeTrackingNumber(n)));
	for (const e of PUBLIC_NUMBERS) {
		const best = detectCarrier(e.n, { shopCountry: e.market }).best;
		if (e.valid && best?.checkDigitValid === true) add(valid, best.carrier, e.n);
		if (!e.valid && best?.checkDigitValid === false) add(wrongCheckDigit, best.carrier, e.n);
	}
	const coverage = (carrier: string) => ({ valid: valid.get(carrier)?.size ?? 0, wrongCheckDigit: wrongCheckDigit.get(carrier)?.size ?? 0 });
	const short: string[] = [];
	for (const [carrier, min] of Object.entries(PUBLIC_MINIMUM)) {
		const got = coverage(carrier);
		if (got.valid < min.valid || got.wrongCheckDigit < min.wrongCheckDigit) short.push(`${carrier}: ${JSON.stringify(got)}, want at least ${JSON.stringify(min)}`);
	}
	assert.deepEqual(short, []);
	// Reported, not hidden: these carriers' check digits are tested only by numbers our own code generated.
	assert.deepEqual(GENERATED_ONLY.map((carrier) => [carrier, coverage(carrier)]), GENERATED_ONLY.map((carrier) => [carrier, { valid: 0, wrongCheckDigit: 0 }]));
});

test('generated vectors (regression only: built with our own check-digit functions) are detected as labelled', () => {
	assert.ok(GENERATED_NUMBERS.length >= 300, `only ${GENERATED_NUMBERS.length}`);
	assert.deepEqual(mislabelled(GENERATED_NUMBERS), []);
});

test('collisions are settled by the market prior', () => {
	for (const c of COLLISIONS) {
		for (const market of ['DE', 'US'] as const) {
			const r = detectCarrier(c.n, { shopCountry: market });
			assert.equal(r.best?.carrier, c[market], `${c.n} in ${market}: ${c.note}`);
			assert.equal(r.best?.checkDigitValid, true);
			assert.ok(r.candidates.length >= 2, `${c.n} should list the alternatives`);
			// The alternatives listed are the two readings with a valid check digit, not just any two entries.
			const validReadings = r.candidates.filter((x) => x.checkDigitValid === true).map((x) => x.carrier);
			assert.equal(validReadings.length, 2, `${c.n} in ${market}: ${validReadings.join(', ')}`);
			assert.equal(validReadings[0], c[market]);
			assert.ok(validReadings.includes(c.DE) && validReadings.includes(c.US), `${c.n}: ${validReadings.join(', ')}`);
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
	assert.deepEqual(us.candidates.map((c) => [c.carrier, c.checkDigitValid]), [['usps', true], ['dhl', true], ['fedex', false]]);
	assert.deepEqual(de.candidates.map((c) => [c.carrier, c.checkDigitValid]), [['dhl', true], ['usps', true], ['fedex', false]]);
	assert.ok(de.best!.confidence < detectCarrier('1Z5R89390357567127').best!.confidence);
	assert.ok(de.best!.confidence > (de.candidates[1]?.confidence ?? 0));
	assert.ok(de.candidates[1].confidence > 0, 'the runner-up is a real alternative, not a missing one');
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
	assert.equal(r.best?.confidence, 0.05, 'no hint: the lowest confidence');
	assert.equal(r.best?.trackingNumber, '1Z5R89390357567128');
});
