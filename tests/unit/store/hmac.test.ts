import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { test } from '@jest/globals';
import { hmacSha256Hex } from '../../../core/store/impl/hmac';

const reference = (key: string, message: string) => createHmac('sha256', key).update(message, 'utf8').digest('hex');

test('matches node:crypto HMAC-SHA256 for every message length across block boundaries and for non-ASCII text', () => {
	const key = randomBytes(32).toString('hex');
	const hmac = hmacSha256Hex(key);
	for (let length = 0; length <= 300; length++) {
		const message = randomBytes(length).toString('base64').slice(0, length);
		assert.equal(hmac(message), reference(key, message), `length ${length}`);
	}
	for (const message of ['+4915112345678', 'änne.müller@bücher.example', 'ключ-🔑-注文', 'x'.repeat(5000), 'é'.repeat(400)]) {
		assert.equal(hmac(message), reference(key, message));
	}
});

test('matches node:crypto for short, block-sized and long keys (RFC 4231 case 1 included)', () => {
	assert.equal(
		hmacSha256Hex('\u000b'.repeat(20))('Hi There'),
		'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
	);
	for (const key of ['', 'k', 'a'.repeat(63), 'a'.repeat(64), 'a'.repeat(65), 'schlüssel-'.repeat(20)]) {
		const hmac = hmacSha256Hex(key);
		for (const message of ['', 'anna@example.com', '+12125550100']) assert.equal(hmac(message), reference(key, message), `key length ${key.length}`);
	}
});
