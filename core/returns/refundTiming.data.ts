import type { PaymentMethod } from './refundTiming';

/**
 * How long a refund takes to reach the customer, by payment method, in working days after the shop refunded it.
 * Typical figures the payment providers publish (card refunds 5–10 working days to appear on the statement;
 * PayPal refunds land in the PayPal account within a day or two; bank transfers 1–3 days; a gift card or store
 * credit at once). Data, not code: tests and shops with other experience can pass their own table.
 */
export interface RefundTiming {
	min: number;
	max: number;
	name: { de: string; en: string };
}

export const REFUND_TIMING: Readonly<Record<PaymentMethod, RefundTiming>> = {
	card: { min: 5, max: 10, name: { de: 'Kreditkarte', en: 'card' } },
	paypal: { min: 1, max: 2, name: { de: 'PayPal', en: 'PayPal' } },
	klarna: { min: 1, max: 5, name: { de: 'Klarna', en: 'Klarna' } },
	bank_transfer: { min: 1, max: 3, name: { de: 'Überweisung', en: 'bank transfer' } },
	direct_debit: { min: 1, max: 3, name: { de: 'Lastschrift', en: 'direct debit' } },
	gift_card: { min: 0, max: 0, name: { de: 'Gutschein', en: 'gift card' } },
	cash_on_delivery: { min: 2, max: 5, name: { de: 'Nachnahme', en: 'cash on delivery' } },
	unknown: { min: 3, max: 10, name: { de: 'Ihre Zahlungsart', en: 'your payment method' } },
};

/**
 * The shop's words for a payment method (Shopify gateways, WooCommerce `payment_method` ids, Shopware handler
 * names, common German titles), tested in this order against the lower-cased text.
 */
export const PAYMENT_METHOD_PATTERNS: ReadonlyArray<[RegExp, PaymentMethod]> = [
	[/gift.?card|store.?credit|gutschein/, 'gift_card'],
	[/paypal|ppcp/, 'paypal'],
	[/klarna|sofort/, 'klarna'],
	[/sepa|debit|lastschrift/, 'direct_debit'],
	[/cash|\bcod\b|nachnahme/, 'cash_on_delivery'],
	[/bacs|bank|transfer|prepay|vorkasse|überweisung|ueberweisung|invoice|rechnung|cheque/, 'bank_transfer'],
	[/card|stripe|shopify_payments|credit|visa|master|amex|american.express|apple.?pay|google.?pay|adyen|braintree|mollie|kreditkarte/, 'card'],
];
