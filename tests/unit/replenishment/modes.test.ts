import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { InputError } from '../../../core/shared/errors';
import { birthdayAt, latestPerCustomer, lapseOf, parseSkuList, positive, refillCandidates, reorderUrl, winBackCandidate } from '../../../core/replenishment';
import type { WinBackSettings } from '../../../core/replenishment';

/** The pure parts of the three modes: reorder links per platform, settings, cycles, birthdays and lapses. */

const DAY = 86_400_000;
const NOW = new Date('2026-06-01T09:00:00Z');
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

describe('reorder links', () => {
	const lines = [
		{ productId: 'p1', variantId: 'v1', quantity: 2 },
		{ productId: 'p2', variantId: null, quantity: 1 },
		{ productId: 'p3', variantId: 'v3', quantity: 0 },
	];
	it('Shopify: the cart permalink with every variant and its quantity', () => {
		assert.equal(reorderUrl('shopify', 'beispiel-shop.de/', [...lines, { productId: 'p4', variantId: 'v4', quantity: 3 }]), 'https://beispiel-shop.de/cart/v1:2,v4:3');
		assert.equal(reorderUrl('shopify', 'https://shop.example', [{ productId: 'p', variantId: null, quantity: 1 }]), null, 'no variant, no permalink');
	});
	it('WooCommerce: the add-to-cart URL of the first product (variation id when there is one)', () => {
		assert.equal(reorderUrl('woocommerce', 'https://tee.example/', lines), 'https://tee.example/?add-to-cart=v1&quantity=2');
		assert.equal(reorderUrl('woocommerce', 'https://tee.example', [{ productId: '17', variantId: null, quantity: 4 }]), 'https://tee.example/?add-to-cart=17&quantity=4');
		assert.equal(reorderUrl('woocommerce', 'https://tee.example', [{ productId: null, variantId: null, quantity: 4 }]), null);
	});
	it('Shopware 6: the product page', () => {
		assert.equal(reorderUrl('shopware', 'https://sw.example', lines), 'https://sw.example/detail/p1');
		assert.equal(reorderUrl('shopware', 'https://sw.example', [{ productId: null, variantId: 'v', quantity: 1 }]), null);
	});
	it('Custom JSON, no shop URL or nothing kept: no link', () => {
		assert.equal(reorderUrl('custom', 'https://x.example', lines), null);
		assert.equal(reorderUrl('shopify', '  ', lines), null);
		assert.equal(reorderUrl('shopify', null, lines), null);
		assert.equal(reorderUrl('shopify', 'https://x.example', [{ productId: 'p', variantId: 'v', quantity: 0 }]), null);
	});
});

describe('settings', () => {
	it('reads SKU lists separated by commas, semicolons or lines, each once', () => {
		assert.deepEqual(parseSkuList(' A-1, B-2;A-1\nC-3 ,', 'SKUs'), ['A-1', 'B-2', 'C-3']);
		assert.deepEqual(parseSkuList(undefined, 'SKUs'), []);
		assert.throws(() => parseSkuList('X'.repeat(201), 'SKUs'), InputError);
	});
	it('checks numbers and names the field', () => {
		assert.equal(positive('2.5', 'Days'), 2.5);
		assert.equal(positive(0, 'Days', { allowZero: true }), 0);
		assert.throws(() => positive(0, 'Days'), (e: InputError) => e.field === 'Days' && /above 0/.test(e.message));
		assert.throws(() => positive(1.5, 'Limit', { integer: true }), /whole number/);
		assert.throws(() => positive('x', 'Days', { allowZero: true }), /at least 0/);
	});
});

describe('replenishment cycles', () => {
	const p = (customerKey: string, daysAgo: number, quantity: number, orderId: string) => ({ customerKey, platform: 'shopify', orderId, placedAt: ago(daysAgo), quantity });
	it('a split order (two orders within a day) counts as one purchase; the latest purchase names the cycle', () => {
		const latest = latestPerCustomer([p('a', 40, 1, 'o1'), p('a', 10, 1, 'o2'), p('a', 9.5, 2, 'o3'), p('b', 5, 1, 'o4')]);
		assert.deepEqual(latest.map((l) => [l.customerKey, l.orderId, l.quantity]), [['a', 'o3', 3], ['b', 'o4', 1]]);
	});
	it('is due quantity × days per unit minus the lead time after the purchase, and not before', () => {
		const settings = { leadDays: 2, minRepeatCustomers: 5, maxOverdueDays: 30 };
		const { outcome, candidates } = refillCandidates('S', [p('a', 30, 1, 'o1'), p('b', 30, 4, 'o2')], 10, settings, NOW);
		assert.deepEqual(outcome.interval, { source: 'configured', daysPerUnit: 10 });
		assert.equal(outcome.customers, 2);
		assert.deepEqual(candidates.map((c) => [c.customerKey, c.dueAt.toISOString(), c.key]), [['a', ago(22).toISOString(), 'replenishment:a:S:shopify:o1']]);
		const none = refillCandidates('S', [p('a', 30, 1, 'o1')], null, settings, NOW);
		assert.equal(none.outcome.interval, null);
		assert.deepEqual(none.candidates, []);
	});
});

describe('product birthday and win-back', () => {
	it('a birthday is calendar months later (the 31st becomes the month end)', () => {
		assert.equal(birthdayAt(new Date('2025-01-31T12:00:00Z'), 1).toISOString(), '2025-02-28T12:00:00.000Z');
		assert.equal(birthdayAt(new Date('2024-02-29T08:00:00Z'), 12).toISOString(), '2025-02-28T08:00:00.000Z');
	});
	it('a lapse uses the own rhythm only from three orders on, never below the minimum', () => {
		const settings: WinBackSettings = { mode: 'win_back', afterDays: 180, medianFactor: 2, minDays: 30, voucherLookbackDays: 365, shopUrl: null, maxOverdueDays: 30, limit: 10 };
		const last = { customerKey: 'k', subject: null, customerId: null, platform: 'shopify', orderId: 'o3', lastOrderAt: ago(50) };
		assert.deepEqual(lapseOf(last, [ago(70), ago(50)], settings), { basis: 'fixed', days: 180, medianDays: null, orders: 2 });
		assert.deepEqual(lapseOf(last, [ago(60), ago(55), ago(50)], settings), { basis: 'own_median', days: 30, medianDays: 5, orders: 3 });
		assert.equal(winBackCandidate(last, [ago(90), ago(70), ago(50)], settings, NOW)?.dueAt.toISOString(), ago(10).toISOString());
		assert.equal(winBackCandidate(last, [ago(70), ago(50)], settings, NOW), null, 'not lapsed after 50 of 180 days');
		assert.equal(winBackCandidate({ ...last, lastOrderAt: ago(300) }, undefined, { ...settings, medianFactor: 0 }, NOW), null, 'overdue for longer than the limit');
	});
});
