import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { checkTiming, checkTimingPerItem, DEFAULT_TIMING_RULES } from '../../../core/review';
import type { TimingRules } from '../../../core/review';

/** Times relative to a controlled "now": the rules never read the real clock. */
const NOW = new Date('2026-03-10T10:00:00Z');
const days = (n: number) => new Date(NOW.getTime() + n * 86_400_000);
const rules = (over: Partial<TimingRules> = {}): TimingRules => ({ ...DEFAULT_TIMING_RULES, delayDays: 5, transitDays: 3, cooldownDays: 30, maxAgeDays: 60, ...over });
const shirt = { sku: 'TS-1', productId: 'p1', title: 'Shirt' };
const coffee = { sku: 'KAF-1', productId: 'p2', title: 'Kaffee', category: 'consumable' };

test('delivered 5 days ago asks now; delivered 2 days ago asks later, at delivery + 5 days', () => {
	const now = checkTiming({ now: NOW, deliveredAt: days(-5), items: [shirt] }, rules());
	assert.equal(now.decision, 'ask_now');
	const later = checkTiming({ now: NOW, deliveredAt: days(-2), items: [shirt] }, rules());
	assert.equal(later.decision, 'ask_later');
	assert.ok(later.decision === 'ask_later' && later.askAt.getTime() === days(3).getTime());
	assert.ok(later.decision === 'ask_later' && later.basis === 'delivered');
});

test('without tracking: shipped + transit days + delay', () => {
	const d = checkTiming({ now: NOW, shippedAt: days(-1), items: [shirt] }, rules());
	assert.ok(d.decision === 'ask_later' && d.basis === 'shipped' && d.askAt.getTime() === days(7).getTime());
	assert.deepEqual(checkTiming({ now: NOW, items: [shirt] }, rules()), { decision: 'skip', reason: 'no_delivery_date', items: [] });
});

test('a product override by SKU, product ID or category delays the ask; the slowest product decides', () => {
	const r = rules({ overrides: [{ match: 'CONSUMABLE', delayDays: 21 }] });
	const d = checkTiming({ now: NOW, deliveredAt: days(-6), items: [shirt, coffee] }, r);
	assert.ok(d.decision === 'ask_later' && d.askAt.getTime() === days(15).getTime());
	assert.deepEqual(d.items.map((i) => i.sku), ['KAF-1', 'TS-1']);
});

test('returned or refunded items are skipped; a fully returned order is not asked', () => {
	assert.equal(checkTiming({ now: NOW, deliveredAt: days(-6), orderReturned: true, items: [shirt] }, rules()).decision, 'skip');
	const partly = checkTiming({ now: NOW, deliveredAt: days(-6), items: [{ ...shirt, returned: true }, coffee] }, rules());
	assert.deepEqual(partly.items.map((i) => i.sku), ['KAF-1']);
	const all = checkTiming({ now: NOW, deliveredAt: days(-6), items: [{ ...shirt, returned: true }] }, rules());
	assert.ok(all.decision === 'skip' && all.reason === 'returned');
});

test('asked within the cooldown: skip; products already rated: left out, all rated: skip', () => {
	const recent = checkTiming({ now: NOW, deliveredAt: days(-6), lastAskedAt: days(-10), items: [shirt] }, rules());
	assert.ok(recent.decision === 'skip' && recent.reason === 'asked_recently');
	assert.equal(checkTiming({ now: NOW, deliveredAt: days(-6), lastAskedAt: days(-31), items: [shirt] }, rules()).decision, 'ask_now');
	// Due after the cooldown ends: ask later rather than skip.
	assert.equal(checkTiming({ now: NOW, deliveredAt: days(20), lastAskedAt: days(-10), items: [shirt] }, rules()).decision, 'ask_later');
	const rated = new Set(['p1']);
	const d = checkTiming({ now: NOW, deliveredAt: days(-6), ratedProducts: rated, items: [shirt, coffee] }, rules());
	assert.deepEqual(d.items.map((i) => i.sku), ['KAF-1']);
	const none = checkTiming({ now: NOW, deliveredAt: days(-6), ratedProducts: new Set(['TS-1', 'p2']), items: [shirt, coffee] }, rules());
	assert.ok(none.decision === 'skip' && none.reason === 'already_rated');
});

test('deliveries older than the maximum age are not asked about', () => {
	const d = checkTiming({ now: NOW, deliveredAt: days(-70), items: [shirt] }, rules());
	assert.ok(d.decision === 'skip' && d.reason === 'too_late');
	assert.equal(checkTiming({ now: NOW, deliveredAt: days(-70), items: [shirt] }, rules({ maxAgeDays: 0 })).decision, 'ask_now');
});

test('per line item: one decision per product, at most max items, each with its own delay', () => {
	const r = rules({ overrides: [{ match: 'KAF-1', delayDays: 14 }], maxItems: 2 });
	const third = { sku: 'X', productId: 'p3' };
	const out = checkTimingPerItem({ now: NOW, deliveredAt: days(-6), items: [shirt, coffee, third] }, r);
	assert.deepEqual(out.map((d) => d.decision), ['ask_now', 'ask_later']);
	assert.deepEqual(out.map((d) => d.items[0].sku), ['TS-1', 'KAF-1']);
	assert.equal(out.length, 2);
});
