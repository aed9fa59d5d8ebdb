/** Public surface of the carriers domain: detection, URLs, status model, estimates, live clients. */
export { detectCarrier, matchFormats } from './detect';
export { normalizeCarrierName, normalizeTrackingNumber } from './normalize';
export { trackingUrl } from './trackingUrl';
export { computeCheck, verifyCheck } from './validate';
export { CARRIERS } from './data/carriers';
export type { CarrierCandidate, CarrierCode, DetectOptions, DetectResult, FormatSpec, Market } from './types';
export { buildTracking, isTerminal, progressRank, statusGroup, unknownTracking } from './status';
export type { NormalizedTracking, StatusGroup, SubStatus, TrackingEvent, TrackingStatus } from './status';
export { addDeliveryDays, deliveryDaysBetween, findTransitRow, handoverStart, isDeliveryDay } from './estimate';
export type { TransitRow } from './data/transit';
export { compareWithLast, getTrackingStatus, LAST_STATUS_NAMESPACE, STATUS_CACHE_NAMESPACE } from './track';
export type { StatusOptions, StatusRequest, StatusResult } from './track';
export { createProviderClient, DEFAULT_BASE_URLS, providerFor, clearTokenCache } from './clients';
export type { CarrierApiConfig, ClientDeps, ProviderClient, ProviderId, TrackRequest } from './clients';
export { configuredProviders, testCarrierApi } from './clients/testConnection';
