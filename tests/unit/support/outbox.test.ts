import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import twilio from 'twilio';
import { SANDBOX_ACCOUNT_SID, SANDBOX_AUTH_TOKEN, startOutbox } from '../../../sandbox/outbox';
import type { Outbox } from '../../../sandbox/outbox';

let outbox: Outbox;

beforeAll(async () => {
	outbox = await startOutbox({ statusCallbacks: false, maxPerSecond: 2, latencyMs: 40 });
});
afterAll(() => outbox.stop());

test("the outbox's Twilio keeps the account limit it was given (429 / 20429 beyond it) and answers after the given latency", async () => {
	const client = twilio(SANDBOX_ACCOUNT_SID, SANDBOX_AUTH_TOKEN, { autoRetry: false });
	client.api.baseUrl = outbox.twilio.baseUrl;
	const started = performance.now();
	// Three at once: all within the same second, so one is over a limit of two per second.
	const results = await Promise.allSettled([0, 1, 2].map((i) => client.messages.create({ to: `+491511234567${i}`, from: '+15005550006', body: `Nachricht ${i}` })));
	assert.ok(performance.now() - started >= 40, 'every answer waits for the latency');
	assert.equal(results.filter((r) => r.status === 'fulfilled').length, 2);
	const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
	assert.equal((refused.reason as { status: number }).status, 429);
	assert.equal((refused.reason as { code: number }).code, 20429);
	assert.equal(outbox.twilio.messages.length, 2);
	assert.equal(outbox.twilio.throttled, 1);
});
