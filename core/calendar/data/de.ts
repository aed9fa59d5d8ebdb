import { dayNumber, weekdayOf } from '../dates';
import type { CountryCalendar } from '../types';

/**
 * Germany: public holidays are set by each Bundesland (Feiertagsgesetze der Länder); only the Tag der Deutschen
 * Einheit is federal (Einigungsvertrag Art. 2(2)).
 *
 * Choices, documented because they matter for quiet hours (we would rather hold a marketing SMS than send it on a
 * local holiday):
 * - Mariä Himmelfahrt (15 Aug) is a holiday in all of Saarland and, in Bavaria, in the ~1,700 of 2,056 communities
 *   with a predominantly Catholic population (including Munich). We list it for BY as a whole ("BY in practice").
 * - Fronleichnam is statewide only in BW, BY, HE, NW, RP, SL; the few Catholic communities in Saxony and Thuringia
 *   where it is also a holiday are not modelled.
 * - Augsburger Friedensfest (8 Aug, city of Augsburg only) is not modelled.
 * - Ostersonntag and Pfingstsonntag are named holidays only in Brandenburg's law; they are Sundays everywhere.
 * - One-off holidays by statute: Reformationstag 2017 (500 years, nationwide); Tag der Befreiung in Berlin 2020 and
 *   2025 (75th/80th anniversary).
 */

/** Buß- und Bettag: the Wednesday before 23 November (i.e. between 16 and 22 November). */
function bussUndBettag(year: number): number {
	const nov22 = dayNumber(year, 11, 22);
	return nov22 - ((weekdayOf(nov22) - 3 + 7) % 7);
}

const REFORMATION_STATES = ['BB', 'HB', 'HH', 'MV', 'NI', 'SH', 'SN', 'ST', 'TH'] as const;

export const DE: CountryCalendar = {
	country: 'DE',
	regions: {
		BB: 'Brandenburg',
		BE: 'Berlin',
		BW: 'Baden-Württemberg',
		BY: 'Bayern',
		HB: 'Bremen',
		HE: 'Hessen',
		HH: 'Hamburg',
		MV: 'Mecklenburg-Vorpommern',
		NI: 'Niedersachsen',
		NW: 'Nordrhein-Westfalen',
		RP: 'Rheinland-Pfalz',
		SH: 'Schleswig-Holstein',
		SL: 'Saarland',
		SN: 'Sachsen',
		ST: 'Sachsen-Anhalt',
		TH: 'Thüringen',
	},
	rules: [
		{ name: 'Neujahr', date: { kind: 'fixed', month: 1, day: 1 } },
		{ name: 'Heilige Drei Könige', date: { kind: 'fixed', month: 1, day: 6 }, regions: ['BW', 'BY', 'ST'] },
		{ name: 'Internationaler Frauentag', date: { kind: 'fixed', month: 3, day: 8 }, regions: ['BE'], from: 2019 },
		{ name: 'Internationaler Frauentag', date: { kind: 'fixed', month: 3, day: 8 }, regions: ['MV'], from: 2023 },
		{ name: 'Karfreitag', date: { kind: 'easter', offset: -2 } },
		{ name: 'Ostersonntag', date: { kind: 'easter', offset: 0 }, regions: ['BB'] },
		{ name: 'Ostermontag', date: { kind: 'easter', offset: 1 } },
		{ name: 'Tag der Arbeit', date: { kind: 'fixed', month: 5, day: 1 } },
		{ name: 'Tag der Befreiung', date: { kind: 'fixed', month: 5, day: 8 }, regions: ['BE'], from: 2020, until: 2020 },
		{ name: 'Tag der Befreiung', date: { kind: 'fixed', month: 5, day: 8 }, regions: ['BE'], from: 2025, until: 2025 },
		{ name: 'Christi Himmelfahrt', date: { kind: 'easter', offset: 39 } },
		{ name: 'Pfingstsonntag', date: { kind: 'easter', offset: 49 }, regions: ['BB'] },
		{ name: 'Pfingstmontag', date: { kind: 'easter', offset: 50 } },
		{ name: 'Fronleichnam', date: { kind: 'easter', offset: 60 }, regions: ['BW', 'BY', 'HE', 'NW', 'RP', 'SL'] },
		{ name: 'Mariä Himmelfahrt', date: { kind: 'fixed', month: 8, day: 15 }, regions: ['BY', 'SL'] },
		{ name: 'Weltkindertag', date: { kind: 'fixed', month: 9, day: 20 }, regions: ['TH'], from: 2019 },
		{ name: 'Tag der Deutschen Einheit', date: { kind: 'fixed', month: 10, day: 3 }, from: 1990 },
		// Reformationstag: always in the eastern states; HB, HH, NI, SH added it from 2018; nationwide once in 2017.
		{ name: 'Reformationstag', date: { kind: 'fixed', month: 10, day: 31 }, regions: ['BB', 'MV', 'SN', 'ST', 'TH'], until: 2016 },
		{ name: 'Reformationstag', date: { kind: 'fixed', month: 10, day: 31 }, from: 2017, until: 2017 },
		{ name: 'Reformationstag', date: { kind: 'fixed', month: 10, day: 31 }, regions: REFORMATION_STATES, from: 2018 },
		{ name: 'Allerheiligen', date: { kind: 'fixed', month: 11, day: 1 }, regions: ['BW', 'BY', 'NW', 'RP', 'SL'] },
		{ name: 'Buß- und Bettag', date: { kind: 'custom', compute: bussUndBettag }, regions: ['SN'] },
		{ name: '1. Weihnachtstag', date: { kind: 'fixed', month: 12, day: 25 } },
		{ name: '2. Weihnachtstag', date: { kind: 'fixed', month: 12, day: 26 } },
	],
};
