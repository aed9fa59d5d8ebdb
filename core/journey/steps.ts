/**
 * The one journey-step vocabulary of the package (product.md): SMS texts, e-mail templates, the Consent Gate and the
 * send-once claims all name a moment of the customer journey by one of these ids, and every label a marketer sees
 * comes from here. Framework-free: the nodes read their options from it, core reads texts and purposes by its ids.
 *
 * `aliases` are values saved workflows already hold (the SMS node's snake_case steps of round 1, the Email Compose
 * node's camelCase template values, the old e-mail claim names): they keep resolving to the same step for ever.
 */

export type JourneyStepId =
	| 'order_received'
	| 'payment_reminder'
	| 'shipped'
	| 'out_for_delivery'
	| 'delivered'
	| 'delivery_exception'
	| 'review_request'
	| 'review_reply'
	| 'return_received'
	| 'refund_issued'
	| 'cart_reminder'
	| 'replenishment'
	| 'product_birthday'
	| 'win_back'
	| 'opt_in'
	| 'opt_in_confirmed'
	| 'custom';

export type StepPurpose = 'transactional' | 'marketing';

export interface JourneyStepInfo {
	id: JourneyStepId;
	/** What a marketer reads in the editor (English, Title Case). */
	label: string;
	/** One sentence on when the step is sent. */
	description: string;
	/** Marketing needs consent, quiet hours and an opt-out; transactional informs about an order. */
	purpose: StepPurpose;
	/** Values saved workflows hold for this step (never remove one). */
	aliases: readonly string[];
	/** The option value the version-1 nodes store for this step (SMS Compose's journey step, Email Compose's template). */
	v1?: { sms?: string; email?: string };
}

export const JOURNEY_STEPS: readonly JourneyStepInfo[] = [
	{ id: 'order_received', label: 'Order Received', description: 'Confirms an order right after it was placed', purpose: 'transactional', aliases: ['orderConfirmation', 'order_confirmation'], v1: { sms: 'order_received', email: 'orderConfirmation' } },
	{ id: 'payment_reminder', label: 'Payment Reminder', description: 'Reminds the customer of an order that is not paid yet', purpose: 'transactional', aliases: [], v1: { sms: 'payment_reminder' } },
	{ id: 'shipped', label: 'Shipped', description: 'Tells the customer the order is on its way, with the tracking link', purpose: 'transactional', aliases: ['shipping'], v1: { sms: 'shipped', email: 'shipping' } },
	{ id: 'out_for_delivery', label: 'Out for Delivery', description: 'Tells the customer the parcel arrives today', purpose: 'transactional', aliases: [], v1: { sms: 'out_for_delivery' } },
	{ id: 'delivered', label: 'Delivered', description: 'Tells the customer the parcel has arrived', purpose: 'transactional', aliases: [], v1: { sms: 'delivered', email: 'delivered' } },
	{ id: 'delivery_exception', label: 'Delivery Problem', description: 'Tells the customer the carrier reports a problem with the parcel', purpose: 'transactional', aliases: ['delivery_problem', 'deliveryException'], v1: { sms: 'delivery_problem' } },
	{ id: 'review_request', label: 'Review Request', description: 'Asks for a review a few days after delivery', purpose: 'marketing', aliases: ['reviewRequest'], v1: { sms: 'review_request', email: 'reviewRequest' } },
	// The answer to a customer's rating reply carries the voucher every answer gets: advertising, like the ask.
	{ id: 'review_reply', label: 'Review Reply', description: 'Answers a rating reply: thanks and voucher, review link or contact offer', purpose: 'marketing', aliases: [] },
	{ id: 'return_received', label: 'Return Received', description: 'Confirms that a return arrived', purpose: 'transactional', aliases: ['returnReceived'], v1: { sms: 'return_received', email: 'returnReceived' } },
	{ id: 'refund_issued', label: 'Refund Issued', description: 'Tells the customer a refund is on its way', purpose: 'transactional', aliases: ['refund', 'refundIssued'], v1: { sms: 'refund_issued' } },
	{ id: 'cart_reminder', label: 'Cart Reminder', description: 'Reminds a shopper of a cart left behind', purpose: 'marketing', aliases: ['cartReminder'], v1: { sms: 'cart_reminder', email: 'cartReminder' } },
	{ id: 'replenishment', label: 'Replenishment', description: 'Suggests reordering a product that is running out', purpose: 'marketing', aliases: [], v1: { sms: 'replenishment', email: 'replenishment' } },
	{ id: 'product_birthday', label: 'Product Birthday', description: 'Celebrates a year with a product and suggests extras', purpose: 'marketing', aliases: ['productBirthday'], v1: { sms: 'product_birthday' } },
	{ id: 'win_back', label: 'Win-Back', description: 'Invites a customer who has not ordered for a long time', purpose: 'marketing', aliases: ['winBack'], v1: { sms: 'win_back', email: 'winBack' } },
	// Asking for the double opt-in confirmation is part of collecting consent, not advertising (UWG §7).
	{ id: 'opt_in', label: 'Opt-In Request', description: 'Asks the customer to confirm SMS marketing (double opt-in)', purpose: 'transactional', aliases: ['double_opt_in', 'doubleOptIn'], v1: { sms: 'double_opt_in' } },
	{ id: 'opt_in_confirmed', label: 'Opt-In Confirmed', description: 'Confirms that the sign-up is complete', purpose: 'transactional', aliases: ['optInConfirmed'], v1: { sms: 'opt_in_confirmed' } },
	{ id: 'custom', label: 'Custom', description: 'Your own text in the shop design', purpose: 'transactional', aliases: [], v1: { email: 'custom' } },
];

const BY_NAME = new Map<string, JourneyStepInfo>();
for (const step of JOURNEY_STEPS) {
	BY_NAME.set(step.id, step);
	for (const alias of [...step.aliases, step.v1?.sms, step.v1?.email]) if (alias) BY_NAME.set(alias, step);
}

/** The step a stored value (id or alias) stands for, or undefined for a name of the marketer's own. */
export function resolveStep(value: string | null | undefined): JourneyStepInfo | undefined {
	return value ? BY_NAME.get(String(value).trim()) : undefined;
}

/** The step of a known id. */
export function journeyStep(id: JourneyStepId): JourneyStepInfo {
	return BY_NAME.get(id) as JourneyStepInfo;
}

/** Whether a value names a known step (by id or alias). */
export function isJourneyStep(value: string | null | undefined): boolean {
	return resolveStep(value) !== undefined;
}
