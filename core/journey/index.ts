/** The journey-step vocabulary shared by every node, and how a delivery estimate is said to the customer. */
export { isJourneyStep, JOURNEY_STEPS, journeyStep, resolveStep } from './steps';
export type { JourneyStepId, JourneyStepInfo, StepPurpose } from './steps';
export { DEFAULT_TIMEZONE, deliveryEstimateOf, formatDeliveryEstimate, toEstimate } from './deliveryEstimate';
export type { DeliveryEstimate, EstimateStyle } from './deliveryEstimate';
export { onceValue } from './once';
export type { OncePer } from './once';
