export { htmlPage, pageLanguage } from './shell';
export type { PageLanguage, PageOptions } from './shell';
export { trackingPage } from './tracking';
export type { TrackingBrand, TrackingPageOptions, TrackingPageState } from './tracking';
