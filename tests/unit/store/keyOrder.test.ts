import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { KEY_BYTES, inKeyOrder } from '../../../core/store/context';

/** A 32-byte key: `prefix` in its first four bytes (big-endian), `rest` in every other byte. */
function key(prefix: number, rest: number): Buffer {
	const k = Buffer.alloc(KEY_BYTES, rest);
	k.writeUInt32BE(prefix, 0);
	return k;
}

test('a part comes back in key order, each key once, with every input of a merged key', () => {
	// Keys B and C share their first 32 bits (the sort's whole key) and differ after; A arrives three times, C twice,
	// with B between the two Cs, so merging must look past the neighbouring key within the run.
	const entries: Array<[string, string, Buffer]> = [
		['x', 'in-x', key(0x90000000, 1)],
		['c', 'in-c1', key(0x20000000, 3)],
		['a', 'in-a1', key(0x10000000, 9)],
		['b', 'in-b', key(0x20000000, 2)],
		['c', 'in-c2', key(0x20000000, 3)],
		['a', 'in-a2', key(0x10000000, 9)],
		['a', 'in-a3', key(0x10000000, 9)],
	];
	// One entry before the part's start must be ignored.
	const batch = { subjects: ['skipped', ...entries.map((e) => e[0])], inputs: ['in-skipped', ...entries.map((e) => e[1])] };
	const out = inKeyOrder(batch, 1, Buffer.concat(entries.map((e) => e[2])));

	const keyOf = (subject: string) => entries.find((e) => e[0] === subject)![2];
	assert.deepEqual(out.subjects.slice(0, 1), ['a']);
	assert.deepEqual(new Set(out.subjects.slice(1, 3)), new Set(['b', 'c']));
	assert.equal(out.subjects[3], 'x');
	assert.equal(out.subjects.length, 4);
	assert.equal(out.keys.length, 4 * KEY_BYTES);
	out.subjects.forEach((subject, i) => assert.ok(out.keys.subarray(i * KEY_BYTES, (i + 1) * KEY_BYTES).equals(keyOf(subject)), subject));
	const inputsOf = (subject: string) => out.inputs[out.subjects.indexOf(subject)];
	assert.deepEqual(inputsOf('a'), ['in-a1', 'in-a2', 'in-a3']);
	assert.deepEqual(inputsOf('c'), ['in-c1', 'in-c2']);
	assert.equal(inputsOf('b'), 'in-b');
	assert.equal(inputsOf('x'), 'in-x');
});

test('an empty part and a one-key part', () => {
	assert.deepEqual(inKeyOrder({ subjects: [], inputs: [] }, 0, Buffer.alloc(0)), { subjects: [], inputs: [], keys: Buffer.alloc(0) });
	const one = inKeyOrder({ subjects: ['s'], inputs: ['in'] }, 0, key(7, 7));
	assert.deepEqual([one.subjects, one.inputs], [['s'], ['in']]);
	assert.ok(one.keys.equals(key(7, 7)));
});
