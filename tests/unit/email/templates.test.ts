import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EMAIL_TEMPLATES, emailTemplate, defaultPurpose } from '../../../core/email';
import { resolveStep } from '../../../core/journey';
import { goldenCases, renderGolden } from './goldenCases';

const golden = JSON.parse(readFileSync(join(__dirname, 'golden.json'), 'utf8')) as Record<string, unknown>;

test('every built-in e-mail (and every variant its blocks branch on) renders byte for byte as before the split into modules', () => {
	const cases = goldenCases();
	assert.deepEqual(Object.keys(cases).sort(), Object.keys(golden).sort());
	for (const [name, input] of Object.entries(cases)) assert.deepEqual(renderGolden(input), golden[name], name);
});

test('each e-mail template is one module found by its journey step, and the Email Compose values of version 1 still find it', () => {
	for (const [step, template] of Object.entries(EMAIL_TEMPLATES)) {
		assert.equal(template?.step, step);
		assert.equal(resolveStep(step)?.id, step, `${step} is a registry id`);
		assert.equal(template?.purpose, resolveStep(step)?.purpose, `${step}: default purpose from the registry`);
	}
	const stored: Record<string, string> = {
		orderConfirmation: 'order_received',
		shipping: 'shipped',
		delivered: 'delivered',
		reviewRequest: 'review_request',
		returnReceived: 'return_received',
		cartReminder: 'cart_reminder',
		replenishment: 'replenishment',
		winBack: 'win_back',
	};
	for (const [value, step] of Object.entries(stored)) assert.equal(emailTemplate(value)?.step, step, value);
	assert.equal(emailTemplate('custom'), undefined);
	assert.equal(defaultPurpose('reviewRequest'), 'marketing');
	assert.equal(defaultPurpose('custom'), 'transactional');
});
