/** The journey-step vocabulary shared by every node, and the delivery estimate: how it is built, learned and said. */
export { isJourneyStep, JOURNEY_STEPS, journeyStep, resolveStep } from './steps';
export type { JourneyStepId, JourneyStepInfo, StepPurpose } from './steps';
export { DEFAULT_TIMEZONE, deliveryEstimateOf, estimateDelivery, estimateText, formatDeliveryEstimate, laneOfRequest, stateEstimate, toEstimate } from './deliveryEstimate';
export type { DeliveryEstimate, EstimateRequest, EstimateSource, EstimateStyle, LaneSamples, StatedEstimate } from './deliveryEstimate';
export { dayOf, LEARN_MIN_SAMPLES, LEARN_WINDOW, laneRegion, percentile, transitDays, transitLane } from './transitLanes';
export type { LaneInput, TransitInput } from './transitLanes';
export { onceValue } from './once';
export type { OncePer } from './once';
