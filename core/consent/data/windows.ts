/**
 * Building blocks of quiet-hours data. A window is [start, end) in minutes after local midnight: 08:00–20:00 allows
 * 08:00 up to 19:59 inclusive. A week holds one entry per ISO weekday (index 0 = Monday … 6 = Sunday); null means no
 * marketing that day.
 */

export type Window = readonly [start: number, end: number];
export type WeekWindows = readonly [Window | null, Window | null, Window | null, Window | null, Window | null, Window | null, Window | null];

export const h = (hours: number, minutes = 0): number => hours * 60 + minutes;
export const win = (from: number, to: number): Window => [h(from), h(to)];
export const everyDay = (w: Window): WeekWindows => [w, w, w, w, w, w, w];
export const monSat = (w: Window, sunday: Window | null = null): WeekWindows => [w, w, w, w, w, w, sunday];
export const weekdaysWeekends = (weekday: Window, weekend: Window): WeekWindows => [weekday, weekday, weekday, weekday, weekday, weekend, weekend];
