export { htmlPage, pageLanguage } from './shell';
export type { PageLanguage, PageOptions } from './shell';
export { trackingPage } from './tracking';
export type { TrackingBrand, TrackingPageOptions, TrackingPageState } from './tracking';
export { boardPage } from './board';
export type { BoardPageOptions } from './board';
export { reportPage } from './report';
export type { ReportPageOptions } from './report';
export { groupedBars, lineChart, niceMax } from './chart';
