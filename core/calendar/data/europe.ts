import { dayNumber, weekdayOf } from '../dates';
import type { CountryCalendar } from '../types';

/**
 * National public holidays of European countries (regional ones are not modelled except where noted).
 * Sources: each country's holiday statute as summarised by its government (AT Feiertagsruhegesetz 1957; FR Code du
 * travail L3133-1; NL Algemene termijnenwet; BE Loi du 4 janvier 1974; GB Banking and Financial Dealings Act 1971 +
 * royal proclamations; IT L. 260/1949 and later; ES Estatuto de los Trabajadores art. 37.2 (national days only);
 * PL Ustawa o dniach wolnych od pracy 1951 as amended).
 */

export const AT: CountryCalendar = {
	country: 'AT',
	rules: [
		{ name: 'Neujahr', date: { kind: 'fixed', month: 1, day: 1 } },
		{ name: 'Heilige Drei Könige', date: { kind: 'fixed', month: 1, day: 6 } },
		{ name: 'Ostermontag', date: { kind: 'easter', offset: 1 } },
		{ name: 'Staatsfeiertag', date: { kind: 'fixed', month: 5, day: 1 } },
		{ name: 'Christi Himmelfahrt', date: { kind: 'easter', offset: 39 } },
		{ name: 'Pfingstmontag', date: { kind: 'easter', offset: 50 } },
		{ name: 'Fronleichnam', date: { kind: 'easter', offset: 60 } },
		{ name: 'Mariä Himmelfahrt', date: { kind: 'fixed', month: 8, day: 15 } },
		{ name: 'Nationalfeiertag', date: { kind: 'fixed', month: 10, day: 26 } },
		{ name: 'Allerheiligen', date: { kind: 'fixed', month: 11, day: 1 } },
		{ name: 'Mariä Empfängnis', date: { kind: 'fixed', month: 12, day: 8 } },
		{ name: 'Christtag', date: { kind: 'fixed', month: 12, day: 25 } },
		{ name: 'Stefanitag', date: { kind: 'fixed', month: 12, day: 26 } },
	],
};

/**
 * Switzerland: only 1 August is federal; cantons set the rest. We list the days observed in (nearly) all cantons, so
 * quiet hours err on the side of not sending: New Year, Good Friday (not TI/VS), Easter Monday, Ascension, Whit
 * Monday, National Day, Christmas, St Stephen's Day.
 */
export const CH: CountryCalendar = {
	country: 'CH',
	rules: [
		{ name: 'Neujahrstag', date: { kind: 'fixed', month: 1, day: 1 } },
		{ name: 'Karfreitag', date: { kind: 'easter', offset: -2 } },
		{ name: 'Ostermontag', date: { kind: 'easter', offset: 1 } },
		{ name: 'Auffahrt', date: { kind: 'easter', offset: 39 } },
		{ name: 'Pfingstmontag', date: { kind: 'easter', offset: 50 } },
		{ name: 'Bundesfeiertag', date: { kind: 'fixed', month: 8, day: 1 } },
		{ name: 'Weihnachtstag', date: { kind: 'fixed', month: 12, day: 25 } },
		{ name: 'Stephanstag', date: { kind: 'fixed', month: 12, day: 26 } },
	],
};

export const FR: CountryCalendar = {
	country: 'FR',
	rules: [
		{ name: "Jour de l'an", date: { kind: 'fixed', month: 1, day: 1 } },
		{ name: 'Lundi de Pâques', date: { kind: 'easter', offset: 1 } },
		{ name: 'Fête du Travail', date: { kind: 'fixed', month: 5, day: 1 } },
		{ name: 'Victoire 1945', date: { kind: 'fixed', month: 5, day: 8 } },
		{ name: 'Ascension', date: { kind: 'easter', offset: 39 } },
		{ name: 'Lundi de Pentecôte', date: { kind: 'easter', offset: 50 } },
		{ name: 'Fête nationale', date: { kind: 'fixed', month: 7, day: 14 } },
		{ name: 'Assomption', date: { kind: 'fixed', month: 8, day: 15 } },
		{ name: 'Toussaint', date: { kind: 'fixed', month: 11, day: 1 } },
		{ name: 'Armistice 1918', date: { kind: 'fixed', month: 11, day: 11 } },
		{ name: 'Noël', date: { kind: 'fixed', month: 12, day: 25 } },
	],
};

/** Koningsdag (27 April since 2014) moves to 26 April when the 27th is a Sunday. */
function koningsdag(year: number): number {
	const day = dayNumber(year, 4, 27);
	return weekdayOf(day) === 0 ? day - 1 : day;
}

/** Koninginnedag (30 April, 1949–2013) moved to 1 May when the 30th was a Sunday. */
function koninginnedag(year: number): number {
	const day = dayNumber(year, 4, 30);
	return weekdayOf(day) === 0 ? day + 1 : day;
}

export const NL: CountryCalendar = {
	country: 'NL',
	rules: [
		{ name: 'Nieuwjaarsdag', date: { kind: 'fixed', month: 1, day: 1 } },
		{ name: 'Goede Vrijdag', date: { kind: 'easter', offset: -2 } },
		{ name: 'Eerste Paasdag', date: { kind: 'easter', offset: 0 } },
		{ name: 'Tweede Paasdag', date: { kind: 'easter', offset: 1 } },
		{ name: 'Koninginnedag', date: { kind: 'custom', compute: koninginnedag }, from: 1949, until: 2013 },
		{ name: 'Koningsdag', date: { kind: 'custom', compute: koningsdag }, from: 2014 },
		{ name: 'Bevrijdingsdag', date: { kind: 'fixed', month: 5, day: 5 } },
		{ name: 'Hemelvaartsdag', date: { kind: 'easter', offset: 39 } },
		{ name: 'Eerste Pinksterdag', date: { kind: 'easter', offset: 49 } },
		{ name: 'Tweede Pinksterdag', date: { kind: 'easter', offset: 50 } },
		{ name: 'Eerste Kerstdag', date: { kind: 'fixed', month: 12, day: 25 } },
		{ name: 'Tweede Kerstdag', date: { kind: 'fixed', month: 12, day: 26 } },
	],
};

export const BE: CountryCalendar = {
	country: 'BE',
	rules: [
		{ name: 'Nieuwjaar / Jour de l’an', date: { kind: 'fixed', month: 1, day: 1 } },
		{ name: 'Pasen / Pâques', date: { kind: 'easter', offset: 0 } },
		{ name: 'Paasmaandag / Lundi de Pâques', date: { kind: 'easter', offset: 1 } },
		{ name: 'Dag van de Arbeid / Fête du Travail', date: { kind: 'fixed', month: 5, day: 1 } },
		{ name: 'O.L.H. Hemelvaart / Ascension', date: { kind: 'easter', offset: 39 } },
		{ name: 'Pinksteren / Pentecôte', date: { kind: 'easter', offset: 49 } },
		{ name: 'Pinkstermaandag / Lundi de Pentecôte', date: { kind: 'easter', offset: 50 } },
		{ name: 'Nationale feestdag / Fête nationale', date: { kind: 'fixed', month: 7, day: 21 } },
		{ name: 'O.L.V. Hemelvaart / Assomption', date: { kind: 'fixed', month: 8, day: 15 } },
		{ name: 'Allerheiligen / Toussaint', date: { kind: 'fixed', month: 11, day: 1 } },
		{ name: 'Wapenstilstand / Armistice', date: { kind: 'fixed', month: 11, day: 11 } },
		{ name: 'Kerstmis / Noël', date: { kind: 'fixed', month: 12, day: 25 } },
	],
};

/**
 * England & Wales bank holidays. Weekend New Year, Christmas and Boxing Day get a substitute weekday. Royal
 * proclamations moved or added days in some years; those are listed as one-off rules with their year.
 */
export const GB: CountryCalendar = {
	country: 'GB',
	rules: [
		{ name: "New Year's Day", date: { kind: 'fixed', month: 1, day: 1 }, substitute: 'nextFreeWeekday' },
		{ name: 'Good Friday', date: { kind: 'easter', offset: -2 } },
		{ name: 'Easter Monday', date: { kind: 'easter', offset: 1 } },
		// Early May bank holiday: first Monday of May, moved to 8 May (VE Day anniversary) in 1995 and 2020.
		{ name: 'Early May bank holiday', date: { kind: 'nthWeekday', month: 5, weekday: 1, n: 1 }, until: 1994 },
		{ name: 'Early May bank holiday', date: { kind: 'fixed', month: 5, day: 8 }, from: 1995, until: 1995 },
		{ name: 'Early May bank holiday', date: { kind: 'nthWeekday', month: 5, weekday: 1, n: 1 }, from: 1996, until: 2019 },
		{ name: 'Early May bank holiday', date: { kind: 'fixed', month: 5, day: 8 }, from: 2020, until: 2020 },
		{ name: 'Early May bank holiday', date: { kind: 'nthWeekday', month: 5, weekday: 1, n: 1 }, from: 2021 },
		// Spring bank holiday: last Monday of May, moved for the Golden (2002), Diamond (2012), Platinum (2022) jubilees.
		{ name: 'Spring bank holiday', date: { kind: 'nthWeekday', month: 5, weekday: 1, n: -1 }, until: 2001 },
		{ name: 'Spring bank holiday', date: { kind: 'fixed', month: 6, day: 4 }, from: 2002, until: 2002 },
		{ name: 'Spring bank holiday', date: { kind: 'nthWeekday', month: 5, weekday: 1, n: -1 }, from: 2003, until: 2011 },
		{ name: 'Spring bank holiday', date: { kind: 'fixed', month: 6, day: 4 }, from: 2012, until: 2012 },
		{ name: 'Spring bank holiday', date: { kind: 'nthWeekday', month: 5, weekday: 1, n: -1 }, from: 2013, until: 2021 },
		{ name: 'Spring bank holiday', date: { kind: 'fixed', month: 6, day: 2 }, from: 2022, until: 2022 },
		{ name: 'Spring bank holiday', date: { kind: 'nthWeekday', month: 5, weekday: 1, n: -1 }, from: 2023 },
		{ name: 'Golden Jubilee bank holiday', date: { kind: 'fixed', month: 6, day: 3 }, from: 2002, until: 2002 },
		{ name: 'Diamond Jubilee bank holiday', date: { kind: 'fixed', month: 6, day: 5 }, from: 2012, until: 2012 },
		{ name: 'Platinum Jubilee bank holiday', date: { kind: 'fixed', month: 6, day: 3 }, from: 2022, until: 2022 },
		{ name: 'State Funeral of Queen Elizabeth II', date: { kind: 'fixed', month: 9, day: 19 }, from: 2022, until: 2022 },
		{ name: 'Coronation of King Charles III', date: { kind: 'fixed', month: 5, day: 8 }, from: 2023, until: 2023 },
		{ name: 'Summer bank holiday', date: { kind: 'nthWeekday', month: 8, weekday: 1, n: -1 } },
		{ name: 'Christmas Day', date: { kind: 'fixed', month: 12, day: 25 }, substitute: 'nextFreeWeekday' },
		{ name: 'Boxing Day', date: { kind: 'fixed', month: 12, day: 26 }, substitute: 'nextFreeWeekday' },
	],
};

export const IT: CountryCalendar = {
	country: 'IT',
	rules: [
		{ name: 'Capodanno', date: { kind: 'fixed', month: 1, day: 1 } },
		{ name: 'Epifania', date: { kind: 'fixed', month: 1, day: 6 } },
		{ name: 'Pasqua', date: { kind: 'easter', offset: 0 } },
		{ name: "Lunedì dell'Angelo", date: { kind: 'easter', offset: 1 } },
		{ name: 'Festa della Liberazione', date: { kind: 'fixed', month: 4, day: 25 } },
		{ name: 'Festa del Lavoro', date: { kind: 'fixed', month: 5, day: 1 } },
		{ name: 'Festa della Repubblica', date: { kind: 'fixed', month: 6, day: 2 } },
		{ name: 'Ferragosto', date: { kind: 'fixed', month: 8, day: 15 } },
		// San Francesco d'Assisi was restored as a national holiday from 2026 (law approved in October 2025).
		{ name: "San Francesco d'Assisi", date: { kind: 'fixed', month: 10, day: 4 }, from: 2026 },
		{ name: 'Ognissanti', date: { kind: 'fixed', month: 11, day: 1 } },
		{ name: 'Immacolata Concezione', date: { kind: 'fixed', month: 12, day: 8 } },
		{ name: 'Natale', date: { kind: 'fixed', month: 12, day: 25 } },
		{ name: 'Santo Stefano', date: { kind: 'fixed', month: 12, day: 26 } },
	],
};

/** Spain: the national days only; each autonomous community adds its own and moves Sunday holidays by decree. */
export const ES: CountryCalendar = {
	country: 'ES',
	rules: [
		{ name: 'Año Nuevo', date: { kind: 'fixed', month: 1, day: 1 } },
		{ name: 'Epifanía del Señor', date: { kind: 'fixed', month: 1, day: 6 } },
		{ name: 'Viernes Santo', date: { kind: 'easter', offset: -2 } },
		{ name: 'Fiesta del Trabajo', date: { kind: 'fixed', month: 5, day: 1 } },
		{ name: 'Asunción de la Virgen', date: { kind: 'fixed', month: 8, day: 15 } },
		{ name: 'Fiesta Nacional de España', date: { kind: 'fixed', month: 10, day: 12 } },
		{ name: 'Todos los Santos', date: { kind: 'fixed', month: 11, day: 1 } },
		{ name: 'Día de la Constitución', date: { kind: 'fixed', month: 12, day: 6 } },
		{ name: 'Inmaculada Concepción', date: { kind: 'fixed', month: 12, day: 8 } },
		{ name: 'Natividad del Señor', date: { kind: 'fixed', month: 12, day: 25 } },
	],
};

export const PL: CountryCalendar = {
	country: 'PL',
	rules: [
		{ name: 'Nowy Rok', date: { kind: 'fixed', month: 1, day: 1 } },
		{ name: 'Święto Trzech Króli', date: { kind: 'fixed', month: 1, day: 6 }, from: 2011 },
		{ name: 'Wielkanoc', date: { kind: 'easter', offset: 0 } },
		{ name: 'Poniedziałek Wielkanocny', date: { kind: 'easter', offset: 1 } },
		{ name: 'Święto Pracy', date: { kind: 'fixed', month: 5, day: 1 } },
		{ name: 'Święto Konstytucji 3 Maja', date: { kind: 'fixed', month: 5, day: 3 } },
		{ name: 'Zielone Świątki', date: { kind: 'easter', offset: 49 } },
		{ name: 'Boże Ciało', date: { kind: 'easter', offset: 60 } },
		{ name: 'Wniebowzięcie Najświętszej Maryi Panny', date: { kind: 'fixed', month: 8, day: 15 } },
		{ name: 'Wszystkich Świętych', date: { kind: 'fixed', month: 11, day: 1 } },
		{ name: 'Narodowe Święto Niepodległości', date: { kind: 'fixed', month: 11, day: 11 }, from: 1989 },
		{ name: 'Wigilia Bożego Narodzenia', date: { kind: 'fixed', month: 12, day: 24 }, from: 2025 },
		{ name: 'Boże Narodzenie', date: { kind: 'fixed', month: 12, day: 25 } },
		{ name: 'Drugi dzień Bożego Narodzenia', date: { kind: 'fixed', month: 12, day: 26 } },
	],
};
