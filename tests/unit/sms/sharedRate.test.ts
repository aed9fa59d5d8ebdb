import { afterAll, beforeAll, expect, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SharedRateLimiter } from '../../../core/sms/rateLimit';
import { openSqliteStore } from '../../../core/store';
import type { JourneyStore } from '../../../core/store';

let dir: string;
let store: JourneyStore;

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'shared-rate-'));
	store = await openSqliteStore({ path: join(dir, 'store.sqlite') });
});

afterAll(async () => {
	await store.close();
	rmSync(dir, { recursive: true, force: true });
});

/** A virtual wall clock far from the real one; `lag` makes some wake-ups late, as a busy event loop does. */
function virtualTime(start: number, lag: (call: number) => number) {
	let now = start;
	let calls = 0;
	return {
		now: () => now,
		sleep: async (ms: number) => {
			now += ms + lag(calls++);
		},
		advance: (ms: number) => {
			now += ms;
		},
	};
}

test('a process late for its slot gives it up and takes the next one, so no second at the provider holds more than the rate', async () => {
	const start = Date.parse('2031-03-04T10:00:00Z');
	// Every third wake-up is 40 ms late: without the rule those sends would bunch into the following second.
	const time = virtualTime(start, (call) => (call % 3 === 2 ? 40 : 0));
	const limiter = new SharedRateLimiter(store, `acct-late-${start}`, 100, time.now, time.sleep);
	const sent: number[] = [];
	for (let i = 0; i < 300; i++) {
		await limiter.take();
		sent.push(time.now());
	}
	expect(limiter.skipped).toBeGreaterThan(50);
	for (let i = 100; i < sent.length; i++) {
		assert.ok(sent[i] - sent[i - 100] >= 1000, `101 sends within one second at #${i}`);
	}
}, 20_000);

test('on time, no slot is given up and the pace is the rate less the 3 % margin', async () => {
	const start = Date.parse('2031-03-04T11:00:00Z');
	const time = virtualTime(start, () => 0);
	const limiter = new SharedRateLimiter(store, `acct-ontime-${start}`, 100, time.now, time.sleep);
	for (let i = 0; i < 200; i++) await limiter.take();
	expect(limiter.skipped).toBe(0);
	const perSecond = 199 / ((time.now() - start) / 1000);
	expect(perSecond).toBeGreaterThan(96);
	expect(perSecond).toBeLessThanOrEqual(100);
}, 20_000);
