/** Watched shipments: status changes, delays, stuck orders and the learning delivery estimate (Tracking Update Trigger). */
export { recordCommerceEvents, watchInputFromItem, watchInputsOf } from './watch';
export { deliveredToOf, eventGroupOf, stageOfGroup } from './groups';
export type { DeliveredTo } from './groups';
export { CADENCE_MS, MAX_WATCH_DAYS, nextCheck } from './cadence';
export { pollTracking } from './poll';
export type { PollInput, PollReport } from './poll';
export { recordTracking } from './record';
export { OUTPUT_NAMES, OUTPUT_OF_GROUP, trackingItem } from './emit';
export { markStuckOrders, workingDaysBefore } from './stuck';
export type { StuckSettings } from './stuck';
export { readPush } from './push';
export type { PushOutcome } from './push';
export { ORDER_LINK_PURPOSE, openOrderLink, orderLinkUrl, sealOrderLink } from './orderLink';
export type { OrderRef } from './orderLink';
export { answerMatches, DEFAULT_ATTEMPT_LIMITS, lookUpByForm, lookUpByLink } from './orderLookup';
export type { AttemptLimits, FormLookup, Lookup } from './orderLookup';
export { orderStatus, recommendationsFor, STEP_IDS } from './orderStatus';
export type { OrderStatusView, ParcelView, ProblemKind, Recommendation, RecommendationSettings, StatusStep, StepId } from './orderStatus';
