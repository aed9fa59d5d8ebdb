import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { CanonicalEvent, Return, ReturnReason } from '../../../core/commerce';
import { expectedRefund, FOLLOW_UP_RULES, followUpFor, leadingReason, paymentMethodOf, REASON_PRIORITY, REFUND_TIMING, withReturnFollowUp } from '../../../core/returns';

const item = (reason: ReturnReason) => ({ sku: 'S', productId: 'p', title: 'Shirt', quantity: 1, reason, reasonRaw: reason, note: null });
const ret = (reasons: ReturnReason[], refund: Return['refund'] = null): Return => ({
	id: 'r1',
	orderId: 'o1',
	orderNumber: '1001',
	status: refund ? 'refunded' : 'approved',
	items: reasons.map(item),
	reason: reasons[0] ?? 'other',
	refund,
	requestedAt: null,
});

test('every reason has its offer: damaged, defective and wrong item an apology, a voucher and a replacement', () => {
	for (const reason of ['damaged', 'defective', 'wrong_item'] as const) {
		assert.deepEqual(followUpFor(ret([reason])), { reason, offer: 'replacement', apology: true, voucher: true, purpose: 'marketing' });
	}
	assert.equal(followUpFor(ret(['size_fit'])).offer, 'size_exchange');
	assert.equal(followUpFor(ret(['changed_mind'])).offer, 'similar_products');
	assert.deepEqual(followUpFor(ret(['late'])), { reason: 'late', offer: 'voucher', apology: true, voucher: true, purpose: 'marketing' });
	assert.equal(followUpFor(ret(['not_as_described'])).apology, true);
	assert.equal(followUpFor(ret(['other'])).offer, 'feedback');
	assert.deepEqual(Object.keys(FOLLOW_UP_RULES).sort(), [...REASON_PRIORITY].sort(), 'one rule per reason, each in the priority list');
});

test('the most serious reason among the items leads; no items means the return reason', () => {
	assert.equal(leadingReason(ret(['size_fit', 'changed_mind', 'damaged'])), 'damaged');
	assert.equal(leadingReason(ret(['changed_mind', 'size_fit'])), 'size_fit');
	assert.equal(leadingReason({ reason: 'late', items: [] }), 'late');
	assert.equal(leadingReason({ reason: 'other', items: [] }), 'other');
});

test('a shop can pass its own rules', () => {
	const rules = { ...FOLLOW_UP_RULES, late: { offer: 'feedback' as const, apology: true, voucher: false } };
	assert.equal(followUpFor(ret(['late']), rules).offer, 'feedback');
});

test('payment methods from the shop words of Shopify, WooCommerce, Shopware and German shops', () => {
	const cases: Array<[unknown, string]> = [
		['shopify_payments', 'card'],
		['stripe', 'card'],
		['Kreditkarte', 'card'],
		['apple_pay', 'card'],
		['paypal', 'paypal'],
		['ppcp-gateway', 'paypal'],
		['klarna_payments', 'klarna'],
		['bacs', 'bank_transfer'],
		['Vorkasse', 'bank_transfer'],
		['Shopware\\Core\\Checkout\\Payment\\Cart\\PaymentHandler\\InvoicePayment', 'bank_transfer'],
		['sepa_debit', 'direct_debit'],
		['Lastschrift', 'direct_debit'],
		['gift_card', 'gift_card'],
		['cod', 'cash_on_delivery'],
		['Nachnahme', 'cash_on_delivery'],
		['bogus', 'unknown'],
		['', 'unknown'],
		[null, 'unknown'],
		[42, 'unknown'],
	];
	for (const [word, method] of cases) assert.equal(paymentMethodOf(word), method, String(word));
});

test('expected days and the phrase for the message, by payment method', () => {
	assert.deepEqual(expectedRefund('shopify_payments'), {
		paymentMethod: 'card',
		expectedDays: { min: 5, max: 10 },
		arrivesIn: { de: 'in 5–10 Werktagen', en: 'within 5–10 business days' },
		paymentMethodName: { de: 'Kreditkarte', en: 'card' },
	});
	assert.deepEqual(expectedRefund('paypal').arrivesIn, { de: 'in 1–2 Werktagen', en: 'within 1–2 business days' });
	assert.deepEqual(expectedRefund('gift_card').arrivesIn, { de: 'sofort', en: 'right away' });
	assert.deepEqual(expectedRefund(undefined).expectedDays, { min: 3, max: 10 });
	const table = { ...REFUND_TIMING, paypal: { ...REFUND_TIMING.paypal, min: 1, max: 1 } };
	assert.deepEqual(expectedRefund('paypal', table).arrivesIn, { de: 'innerhalb eines Werktages', en: 'within one business day' });
	const same = { ...REFUND_TIMING, card: { ...REFUND_TIMING.card, min: 3, max: 3 } };
	assert.equal(expectedRefund('card', same).arrivesIn.en, 'within 3 business days');
});

test('the trigger fields: followUp on every return, refund timing only on a refund; the event itself is not changed', () => {
	const base = { platform: 'custom', receivedAt: '2026-01-01T00:00:00Z', eventId: 'e', topic: 't', customer: {} } as unknown as CanonicalEvent;
	const approved = { ...base, event: 'return.approved', return: ret(['size_fit', 'damaged']) } as CanonicalEvent;
	const out = withReturnFollowUp(approved) as unknown as { followUp: { reason: string }; return: { refund: unknown } };
	assert.equal(out.followUp.reason, 'damaged');
	assert.equal(out.return.refund, null);
	const refunded = { ...base, event: 'refund.created', return: ret(['late'], { amount: '19.90', currency: 'EUR', paymentGateway: 'paypal' }) } as CanonicalEvent;
	const r = withReturnFollowUp(refunded) as unknown as { return: { refund: Record<string, unknown> } };
	assert.deepEqual(r.return.refund, {
		amount: '19.90',
		currency: 'EUR',
		paymentGateway: 'paypal',
		paymentMethod: 'paypal',
		expectedDays: { min: 1, max: 2 },
		arrivesIn: { de: 'in 1–2 Werktagen', en: 'within 1–2 business days' },
		paymentMethodName: { de: 'PayPal', en: 'PayPal' },
	});
	assert.equal((refunded as { return: Return }).return.refund?.paymentGateway, 'paypal');
	assert.equal('paymentMethod' in ((refunded as { return: Return }).return.refund ?? {}), false, 'the input is left as it was');
	const order = { ...base, event: 'order.placed', order: {} } as CanonicalEvent;
	assert.equal(withReturnFollowUp(order), order);
});
