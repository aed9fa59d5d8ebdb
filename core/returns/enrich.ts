import type { CanonicalEvent } from '../commerce/model';
import { followUpFor } from './followUp';
import type { FollowUp } from './followUp';
import { expectedRefund } from './refundTiming';
import type { ExpectedRefund } from './refundTiming';

/**
 * What the Return Received Trigger adds to a return event: `followUp` (the offer for its reason) and, on a refund,
 * the payment method with the expected days until the money arrives (`return.refund.expectedDays`, `arrivesIn`).
 * A new object; the event passed in is left as it is. Other events come back unchanged.
 */
export type ReturnFollowUpFields = { followUp: FollowUp } & { return: { refund: (ExpectedRefund & Record<string, unknown>) | null } };

export function withReturnFollowUp(event: CanonicalEvent): CanonicalEvent | (CanonicalEvent & ReturnFollowUpFields) {
	if (!('return' in event) || !event.return) return event;
	const ret = event.return;
	const refund = ret.refund ? { ...ret.refund, ...expectedRefund(ret.refund.paymentGateway) } : null;
	return { ...event, return: { ...ret, refund }, followUp: followUpFor(ret) };
}
