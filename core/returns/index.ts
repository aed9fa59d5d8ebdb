/** After a return: the follow-up offer by reason, and when the refund reaches the customer. Framework-free. */
export { FOLLOW_UP_RULES, followUpFor, leadingReason, REASON_PRIORITY } from './followUp';
export type { FollowUp, FollowUpOffer, FollowUpRule } from './followUp';
export { expectedRefund, paymentMethodOf } from './refundTiming';
export type { ExpectedRefund, PaymentMethod } from './refundTiming';
export { REFUND_TIMING } from './refundTiming.data';
export type { RefundTiming } from './refundTiming.data';
export { withReturnFollowUp } from './enrich';
export type { ReturnFollowUpFields } from './enrich';
