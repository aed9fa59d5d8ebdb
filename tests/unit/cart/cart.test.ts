import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { discountCodeFor, parseDurations, skipReasonOf } from '../../../core/cart';
import { emptyCustomer } from '../../../core/commerce/customer';
import type { Cart } from '../../../core/commerce';
import { InputError } from '../../../core/shared/errors';

const cart = (edit: Partial<Cart> = {}): Cart => ({
	id: 't1',
	items: [{ title: 'Tee', image: null, quantity: 1, price: '9.90', sku: null, productId: null, variantId: null }],
	total: '9.90',
	currency: 'EUR',
	recoveryUrl: null,
	abandonedAt: null,
	test: false,
	...edit,
});
const reachable = { ...emptyCustomer(), email: 'a@example.com' };

describe('cart recovery rules', () => {
	it('reads Remind After and Max Age: s, m, h, d, bare hours; ascending only', () => {
		assert.deepEqual(parseDurations('1h, 24h, 72h', 'f'), [3_600_000, 86_400_000, 259_200_000]);
		assert.deepEqual(parseDurations('30s;15m 2 1.5d', 'f'), [30_000, 900_000, 7_200_000, 129_600_000]);
		for (const bad of ['', 'soon', '2h, 1h', '1h, 1h', '-1h']) {
			assert.throws(() => parseDurations(bad, 'Remind After'), (e: unknown) => e instanceof InputError && e.field === 'Remind After', bad);
		}
	});

	it('names why a cart gets no reminder', () => {
		assert.equal(skipReasonOf(cart(), reachable, 0), null);
		assert.equal(skipReasonOf(cart({ test: true }), reachable, 0), 'test_checkout');
		assert.equal(skipReasonOf(cart({ items: [] }), reachable, 0), 'empty_cart');
		assert.equal(skipReasonOf(cart(), emptyCustomer(), 0), 'no_contact');
		assert.equal(skipReasonOf(cart(), { ...emptyCustomer(), phone: '+4915112345678' }, 0), null);
		assert.equal(skipReasonOf(cart(), reachable, 10), 'below_minimum');
		assert.equal(skipReasonOf(cart({ total: null }), reachable, 10), 'below_minimum');
		assert.equal(skipReasonOf(cart({ total: '10.00' }), reachable, 10), null);
	});

	it('gives each cart its own, stable discount code', () => {
		assert.equal(discountCodeFor('abc'), discountCodeFor('abc'));
		assert.notEqual(discountCodeFor('abc'), discountCodeFor('abd'));
		assert.match(discountCodeFor('abc'), /^BACK-[0-9A-F]{8}$/);
	});
});
