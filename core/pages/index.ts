export { htmlPage, pageLanguage } from './shell';
export type { PageLanguage, PageOptions } from './shell';
export { boardPage } from './board';
export type { BoardPageOptions } from './board';
export { reportPage } from './report';
export type { ReportPageOptions } from './report';
export { groupedBars, lineChart, niceMax } from './chart';
