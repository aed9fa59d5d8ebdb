import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JOURNEY_STEPS, resolveStep } from '../../../core/journey';
import { SMS_TEMPLATES, smsStep, templateVariants } from '../../../core/sms';
import { smsGolden } from './goldenCases';

const golden = JSON.parse(readFileSync(join(__dirname, 'golden.json'), 'utf8')) as Record<string, string>;

test('every ready-made SMS renders exactly as before the texts were keyed by the step registry', () => {
	// The golden file is keyed by the step names of round 1 (delivery_problem, double_opt_in): they still resolve.
	const steps = [...new Set(Object.keys(golden).map((k) => k.split('.')[0]))];
	assert.equal(steps.length, Object.keys(SMS_TEMPLATES).length);
	assert.deepEqual(smsGolden(steps), golden);
});

test('SMS texts are keyed by registry ids, and every stored step name of round 1 resolves to one', () => {
	for (const id of Object.keys(SMS_TEMPLATES)) assert.equal(resolveStep(id)?.id, id, `${id} is a registry id`);
	const stored: Record<string, string> = {
		delivery_problem: 'delivery_exception',
		double_opt_in: 'opt_in',
		opt_in_confirmed: 'opt_in_confirmed',
		order_received: 'order_received',
		payment_reminder: 'payment_reminder',
		shipped: 'shipped',
	};
	for (const [old, id] of Object.entries(stored)) {
		assert.equal(smsStep(old), id, old);
		assert.deepEqual(templateVariants(old), templateVariants(id), old);
	}
	assert.equal(smsStep('my_own_step'), undefined);
	assert.throws(() => templateVariants('my_own_step'), /Unknown journey step/);
});

test('the purpose of each SMS text is the one the registry gives its step', () => {
	for (const [id, template] of Object.entries(SMS_TEMPLATES)) assert.equal(template.purpose, resolveStep(id)?.purpose, id);
	assert.ok(JOURNEY_STEPS.every((s) => s.label && s.description && /^[a-z_]+$/.test(s.id)));
	const names = JOURNEY_STEPS.flatMap((s) => [s.id, ...s.aliases]);
	assert.equal(new Set(names).size, names.length, 'no alias names two steps');
});
