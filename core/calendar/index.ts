/**
 * Public holiday calendar: computed rules (Easter-based, n-th weekday, fixed, substitute/observed days), never
 * hard-coded per year. Used by consent quiet hours and by carrier delivery estimates.
 */
export { easterSunday } from './easter';
export { publicHolidays, isPublicHoliday, supportedCountries } from './holidays';
export type { Holiday } from './types';
export type { YMD } from './dates';
