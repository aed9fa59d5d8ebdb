import { PAYMENT_METHOD_PATTERNS, REFUND_TIMING } from './refundTiming.data';
import type { RefundTiming } from './refundTiming.data';

/** When the customer can expect a refund: working days by payment method, and the phrase a message says it with. */

export type PaymentMethod = 'card' | 'paypal' | 'klarna' | 'bank_transfer' | 'direct_debit' | 'gift_card' | 'cash_on_delivery' | 'unknown';

export interface ExpectedRefund {
	paymentMethod: PaymentMethod;
	/** Working days after the refund until the money shows up. */
	expectedDays: { min: number; max: number };
	/** The same as a phrase for a message: "in 5–10 Werktagen" / "within 5–10 business days". */
	arrivesIn: { de: string; en: string };
	/** The payment method named for a message. */
	paymentMethodName: { de: string; en: string };
}

/** The payment method a shop's word stands for; `unknown` when the shop names none or one we do not know. */
export function paymentMethodOf(value: unknown): PaymentMethod {
	const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
	if (!text) return 'unknown';
	return PAYMENT_METHOD_PATTERNS.find(([pattern]) => pattern.test(text))?.[1] ?? 'unknown';
}

export function expectedRefund(paymentMethod: unknown, table: Readonly<Record<PaymentMethod, RefundTiming>> = REFUND_TIMING): ExpectedRefund {
	const method = paymentMethodOf(paymentMethod);
	const { min, max, name } = table[method];
	return { paymentMethod: method, expectedDays: { min, max }, arrivesIn: arrivesIn(min, max), paymentMethodName: { ...name } };
}

function arrivesIn(min: number, max: number): { de: string; en: string } {
	if (max <= 0) return { de: 'sofort', en: 'right away' };
	if (max === 1) return { de: 'innerhalb eines Werktages', en: 'within one business day' };
	const span = min === max ? String(max) : `${min}–${max}`;
	return { de: `in ${span} Werktagen`, en: `within ${span} business days` };
}
