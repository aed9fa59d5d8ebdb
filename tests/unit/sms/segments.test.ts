import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { SegmentedMessage } from 'sms-segments-calculator';
import { analyzeSms, splitSegments } from '../../../core/sms/segments';
import { gsmLength, isGsmChar } from '../../../core/sms/encoding';
import { GSM_BASIC_TABLE, GSM_EXTENSION_TABLE } from '../../../core/sms/gsm.data';
import { SEGMENT_CASES } from '../../fixtures/sms/segmentCases';

test('the vector table has at least 150 cases', () => {
	assert.ok(SEGMENT_CASES.length >= 150, `only ${SEGMENT_CASES.length} cases`);
});

test('GSM 03.38 tables: 127 basic characters, 10 extension characters, no overlap', () => {
	assert.equal(GSM_BASIC_TABLE.length, 128);
	assert.equal(GSM_BASIC_TABLE.filter(Boolean).length, 127);
	// The one empty slot is 0x1B, the escape to the extension table; spot checks from GSM 03.38.
	assert.equal(GSM_BASIC_TABLE.findIndex((c) => !c), 0x1b);
	assert.deepEqual([0x00, 0x02, 0x11, 0x24, 0x40, 0x5b, 0x60, 0x7f].map((i) => GSM_BASIC_TABLE[i]), ['@', '$', '_', '¤', '¡', 'Ä', '¿', 'à']);
	const ext = Object.values(GSM_EXTENSION_TABLE);
	assert.equal(ext.length, 10);
	// GSM 03.38 extension table, by code after the escape.
	assert.deepEqual(GSM_EXTENSION_TABLE, { 0x0a: '\f', 0x14: '^', 0x28: '{', 0x29: '}', 0x2f: '\\', 0x3c: '[', 0x3d: '~', 0x3e: ']', 0x40: '|', 0x65: '€' });
	for (const c of ext) assert.ok(!GSM_BASIC_TABLE.includes(c), `${c} in both tables`);
	assert.equal(gsmLength('€'), 2);
	assert.equal(gsmLength('ß'), 1);
	assert.ok(!isGsmChar('`'));
	assert.ok(!isGsmChar('ç'));
});

for (const c of SEGMENT_CASES) {
	test(`segments: ${c.name}`, () => {
		const result = analyzeSms(c.text, { smartReplace: c.smartReplace });
		assert.equal(result.encoding, c.encoding, 'encoding');
		assert.equal(result.segments, c.segments, 'segments');
		if (c.units !== undefined) assert.equal(result.units, c.units, 'units');
		assert.equal(result.nonGsmCharacters.length > 0, c.encoding === 'UCS-2', 'non-GSM list matches encoding');
		// The preview parts agree with the count and put every character back together.
		const parts = splitSegments(result.body);
		assert.equal(parts.length, c.segments, 'parts');
		assert.equal(parts.join(''), result.body);
	});
}

test('no part ever ends inside an escape pair or a surrogate pair', () => {
	for (const c of SEGMENT_CASES) {
		const body = analyzeSms(c.text, { smartReplace: c.smartReplace }).body;
		const parts = splitSegments(body);
		const limit = parts.length > 1 ? (gsmLength(body) >= 0 ? 153 : 67) : Infinity;
		for (const part of parts) {
			const size = gsmLength(body) >= 0 ? gsmLength(part) : part.length;
			assert.ok(size <= limit, `${c.name}: part of ${size} units`);
			const last = part.charCodeAt(part.length - 1);
			assert.ok(!(last >= 0xd800 && last <= 0xdbff), `${c.name}: part ends in a high surrogate`);
		}
	}
});

test('agrees with sms-segments-calculator (Twilio) on every case not marked as a deliberate difference', () => {
	const mismatches: string[] = [];
	let compared = 0;
	for (const c of SEGMENT_CASES) {
		if (c.calculatorDiffers) continue;
		const theirs = new SegmentedMessage(c.text, 'auto', Boolean(c.smartReplace));
		const ours = analyzeSms(c.text, { smartReplace: c.smartReplace });
		compared++;
		const theirSegments = c.text === '' ? 0 : theirs.segmentsCount;
		if (theirs.encodingName !== ours.encoding || theirSegments !== ours.segments) {
			mismatches.push(`${c.name}: theirs ${theirs.encodingName}/${theirSegments}, ours ${ours.encoding}/${ours.segments}`);
		}
		// Twilio's "characters" is septets for GSM-7; ours is `units`.
		if (ours.encoding === 'GSM-7' && theirs.numberOfCharacters !== ours.units) mismatches.push(`${c.name}: septets ${theirs.numberOfCharacters} vs ${ours.units}`);
	}
	assert.deepEqual(mismatches, []);
	assert.ok(compared >= 150);
});

test('documented differences really differ from the calculator (so the marks stay honest)', () => {
	for (const c of SEGMENT_CASES.filter((x) => x.calculatorDiffers)) {
		const theirs = new SegmentedMessage(c.text, 'auto', Boolean(c.smartReplace));
		const ours = analyzeSms(c.text, { smartReplace: c.smartReplace });
		const theirUnits = theirs.messageSize / (theirs.encodingName === 'GSM-7' ? 7 : 16);
		assert.ok(
			theirs.encodingName !== ours.encoding || theirs.segmentsCount !== ours.segments || theirUnits !== ours.units,
			`${c.name} is marked as a difference but agrees`,
		);
	}
});
