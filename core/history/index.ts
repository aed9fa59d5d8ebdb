/** Public surface of the order-history import: page a shop's orders API for a period into the journey store. */
export { importOrderHistory } from './run';
export type { ImportOptions, ImportProgress, ImportSummary } from './run';
export { checkPeriod, createOrderSource } from './source';
export type { SourceOptions } from './source';
export { createPacer, shopifyCallLimitPause } from './pacing';
export type { Pacer } from './pacing';
export { nextPageInfo } from './shopify';
export { IMPORT_PLATFORMS } from './types';
export type { ImportPeriod, ImportPlatform, OrderPage, OrderSource, ShopAccess } from './types';
