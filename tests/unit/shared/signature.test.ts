import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { hmac, verifyHmac, safeEqual } from '../../../core/shared/signature';

const body = Buffer.from('{"id":1,"name":"Jörg"}', 'utf8');

test('base64 HMAC-SHA256 of the raw bytes verifies', () => {
	const signature = hmac('sha256', 'secret', body, 'base64');
	assert.deepEqual(verifyHmac({ algorithm: 'sha256', encoding: 'base64', secrets: ['secret'], payload: body, signature }), { valid: true });
});

test('a tampered body, a wrong secret, a missing header and a missing secret all fail closed', () => {
	const signature = hmac('sha256', 'secret', body, 'hex');
	const base = { algorithm: 'sha256' as const, encoding: 'hex' as const, secrets: ['secret'], payload: body, signature };
	assert.equal(verifyHmac({ ...base, payload: Buffer.from('{"id":2}') }).valid, false);
	assert.deepEqual(verifyHmac({ ...base, secrets: ['other'] }), { valid: false, reason: 'mismatch' });
	assert.deepEqual(verifyHmac({ ...base, signature: undefined }), { valid: false, reason: 'missing_signature' });
	assert.deepEqual(verifyHmac({ ...base, secrets: [''] }), { valid: false, reason: 'missing_secret' });
});

test('hex signatures compare case-insensitively, accept a prefix and any of several rotated secrets', () => {
	const signature = 'sha256=' + hmac('sha256', 'new', body, 'hex').toUpperCase();
	assert.equal(verifyHmac({ algorithm: 'sha256', encoding: 'hex', secrets: ['old', 'new'], payload: body, signature, prefix: 'sha256=' }).valid, true);
});

test('a timestamp outside the replay window is rejected', () => {
	const signature = hmac('sha256', 's', body, 'hex');
	const nowMs = 1_800_000_000_000;
	const base = { algorithm: 'sha256' as const, encoding: 'hex' as const, secrets: ['s'], payload: body, signature, maxAgeSeconds: 300, nowMs };
	assert.equal(verifyHmac({ ...base, timestamp: nowMs / 1000 - 299 }).valid, true);
	assert.deepEqual(verifyHmac({ ...base, timestamp: nowMs / 1000 - 301 }), { valid: false, reason: 'expired' });
});

test('safeEqual handles different lengths without throwing', () => {
	assert.equal(safeEqual('abc', 'abcd'), false);
	assert.equal(safeEqual('abc', 'abc'), true);
});
