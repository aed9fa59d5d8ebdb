import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { chooseInterval, learnInterval, median, refillDueAt } from '../../../core/replenishment/intervals';
import type { Purchase } from '../../../core/replenishment/intervals';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5, 9);
const buy = (customerKey: string, day: number, quantity = 1): Purchase => ({ customerKey, placedAt: new Date(T0 + day * DAY), quantity });

/** A deterministic pseudo-random source (mulberry32), so the large history is the same on every run. */
function random(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

describe('refill intervals learned from repeat purchases', () => {
	it('median of odd and even counts', () => {
		assert.equal(median([5, 1, 3]), 3);
		assert.equal(median([4, 1, 3, 2]), 2.5);
		assert.throws(() => median([]), RangeError);
	});

	it('a small shop: below the needed repeat customers it says how many there are, and learns nothing', () => {
		const history = [buy('a', 0), buy('a', 30), buy('b', 0, 2), buy('b', 60), buy('c', 10), buy('d', 3)];
		assert.deepEqual(learnInterval(history), { source: 'insufficient', repeatCustomers: 2, needed: 5 });
		assert.deepEqual(learnInterval(history, { minRepeatCustomers: 2 }), { source: 'learned', daysPerUnit: 30, repeatCustomers: 2, gaps: 2 });
		assert.deepEqual(learnInterval([]), { source: 'insufficient', repeatCustomers: 0, needed: 5 });
	});

	it('scales each gap by the units of the earlier order, weighs every customer once, and joins same-day orders', () => {
		const history = [
			// 2 units lasted 40 days → 20 days per unit.
			buy('a', 0, 2),
			buy('a', 40, 1),
			// Many quick reorders by one customer count once (their own median, 10).
			...[0, 10, 20, 30, 40, 50, 60].map((d) => buy('b', d)),
			// An order and its same-day follow-up are one refill of 2 units: 44 days → 22 per unit.
			buy('c', 0),
			buy('c', 0.2),
			buy('c', 44),
			// Unordered input is fine.
			buy('d', 50),
			buy('d', 25),
		];
		const learned = learnInterval(history, { minRepeatCustomers: 3 });
		assert.deepEqual(learned, { source: 'learned', daysPerUnit: 21, repeatCustomers: 4, gaps: 9 });
	});

	it('a large history (20,000 customers, noisy gaps, one-off buyers, outliers) learns the true interval', () => {
		const next = random(18);
		const history: Purchase[] = [];
		for (let c = 0; c < 20_000; c++) {
			const key = `cust-${c}`;
			let day = Math.floor(next() * 365);
			const orders = c % 3 === 0 ? 1 : 2 + Math.floor(next() * 5);
			for (let o = 0; o < orders; o++) {
				const quantity = 1 + Math.floor(next() * 3);
				history.push(buy(key, day, quantity));
				// 14 days per unit ±30 %, and one in twenty gaps is a long break.
				day += quantity * 14 * (0.7 + 0.6 * next()) * (next() < 0.05 ? 6 : 1);
			}
		}
		const started = performance.now();
		const learned = learnInterval(history);
		const elapsed = performance.now() - started;
		assert.equal(learned.source, 'learned');
		if (learned.source !== 'learned') return;
		assert.ok(Math.abs(learned.daysPerUnit - 14) < 0.5, `learned ${learned.daysPerUnit}`);
		assert.ok(learned.repeatCustomers > 13_000 && learned.repeatCustomers < 13_400, `${learned.repeatCustomers} repeat customers`);
		assert.ok(elapsed < 5000, `took ${elapsed} ms`);
	});

	it('a configured interval wins; a learned one is used only when there is enough history', () => {
		const learned = learnInterval([buy('a', 0), buy('a', 30)], { minRepeatCustomers: 1 });
		assert.deepEqual(chooseInterval(12, learned), { source: 'configured', daysPerUnit: 12 });
		assert.deepEqual(chooseInterval(null, learned), { source: 'learned', daysPerUnit: 30, repeatCustomers: 1, gaps: 1 });
		assert.equal(chooseInterval(undefined, learnInterval([buy('a', 0), buy('a', 30)])), null);
		assert.equal(chooseInterval(0, null), null);
	});

	it('the refill is due after quantity × days per unit, minus the lead time, never before the purchase', () => {
		const at = new Date(T0);
		assert.equal(refillDueAt(at, 3, 10, 5).getTime(), T0 + 25 * DAY);
		assert.equal(refillDueAt(at, 1, 10).getTime(), T0 + 10 * DAY);
		assert.equal(refillDueAt(at, 1, 2, 7).getTime(), T0, 'a lead time longer than the supply');
		assert.throws(() => refillDueAt(at, 0, 10), RangeError);
		assert.throws(() => refillDueAt(at, 1, 10, -1), RangeError);
	});
});
