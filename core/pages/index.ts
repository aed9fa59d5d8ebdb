export { htmlPage, pageLanguage } from './shell';
export type { PageLanguage, PageOptions } from './shell';
