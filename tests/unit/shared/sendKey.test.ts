import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { boundedKey, onceStep, sendKey } from '../../../core/shared/sendKey';

test('a send key for a long "Send Once Per" value fits the store and still tells values apart', () => {
	const id = 'ORDER-'.padEnd(900, '7');
	const key = sendKey('+4915112345678', onceStep('shipped', id), 'sms');
	assert.ok(key.length <= 512, `${key.length} characters`);
	assert.ok(key.startsWith('send:sms:shipped:ORDER-'), 'the readable start is kept');
	const other = sendKey('+4915112345678', onceStep('shipped', `${id.slice(0, -1)}8`), 'sms');
	assert.notEqual(other, key);
	// Same input, same key: a retry finds its claim.
	assert.equal(sendKey('+49 151 1234 5678', onceStep('shipped', id), 'sms'), key);
});

test('short keys are left as they are', () => {
	assert.equal(boundedKey('webhook:shopify:wf:event:order:1:placed'), 'webhook:shopify:wf:event:order:1:placed');
	assert.equal(boundedKey('k'.repeat(512)), 'k'.repeat(512));
	assert.equal(boundedKey('k'.repeat(513)).length, 512 - 72 + 1 + 7 + 64);
});
