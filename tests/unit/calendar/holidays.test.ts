import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { easterSunday, isPublicHoliday, publicHolidays, supportedCountries } from '../../../core/calendar';

test('Easter Sunday matches published dates across centuries', () => {
	const known: Array<[number, number, number]> = [
		[1961, 4, 2], [2000, 4, 23], [2008, 3, 23], [2011, 4, 24], [2019, 4, 21], [2024, 3, 31],
		[2025, 4, 20], [2026, 4, 5], [2027, 3, 28], [2038, 4, 25], [2285, 3, 22],
	];
	for (const [year, month, day] of known) assert.deepEqual(easterSunday(year), { year, month, day }, String(year));
	assert.throws(() => easterSunday(1500), RangeError);
});

test('German Easter-based holidays move with Easter in several years', () => {
	const cases: Array<[string, boolean]> = [
		['2024-03-29', true], // Karfreitag
		['2024-04-01', true], // Ostermontag
		['2024-05-09', true], // Christi Himmelfahrt
		['2024-05-20', true], // Pfingstmontag
		['2025-04-18', true],
		['2025-04-21', true],
		['2025-05-29', true],
		['2025-06-09', true],
		['2026-04-03', true],
		['2026-05-14', true],
		['2026-05-25', true],
		['2025-04-17', false],
		['2026-04-07', false],
	];
	for (const [date, expected] of cases) assert.equal(isPublicHoliday(date, 'DE'), expected, date);
});

test('Bundesland-only holidays apply only in their states', () => {
	// Fronleichnam 2025-06-19 (Easter + 60): BY, BW, HE, NW, RP, SL — not in Berlin or nationwide.
	assert.equal(isPublicHoliday('2025-06-19', 'DE', 'BY'), true);
	assert.equal(isPublicHoliday('2025-06-19', 'DE', 'DE-NW'), true);
	assert.equal(isPublicHoliday('2025-06-19', 'DE', 'BE'), false);
	assert.equal(isPublicHoliday('2025-06-19', 'DE'), false);
	assert.equal(isPublicHoliday('2024-05-30', 'DE', 'HE'), true);
	// Buß- und Bettag: Wednesday before 23 November, Saxony only.
	assert.equal(isPublicHoliday('2024-11-20', 'DE', 'SN'), true);
	assert.equal(isPublicHoliday('2025-11-19', 'DE', 'SN'), true);
	assert.equal(isPublicHoliday('2023-11-22', 'DE', 'SN'), true);
	assert.equal(isPublicHoliday('2025-11-19', 'DE', 'BY'), false);
	// Reformationstag: northern states only since 2018, nationwide in 2017.
	assert.equal(isPublicHoliday('2025-10-31', 'DE', 'NI'), true);
	assert.equal(isPublicHoliday('2016-10-31', 'DE', 'NI'), false);
	assert.equal(isPublicHoliday('2017-10-31', 'DE', 'BY'), true);
	assert.equal(isPublicHoliday('2025-10-31', 'DE', 'BY'), false);
	// Allerheiligen.
	assert.equal(isPublicHoliday('2025-11-01', 'DE', 'BW'), true);
	assert.equal(isPublicHoliday('2025-11-01', 'DE', 'SN'), false);
	// Frauentag: Berlin from 2019, Mecklenburg-Vorpommern from 2023.
	assert.equal(isPublicHoliday('2019-03-08', 'DE', 'BE'), true);
	assert.equal(isPublicHoliday('2018-03-08', 'DE', 'BE'), false);
	assert.equal(isPublicHoliday('2022-03-08', 'DE', 'MV'), false);
	assert.equal(isPublicHoliday('2023-03-08', 'DE', 'MV'), true);
	// Weltkindertag Thuringia; Mariä Himmelfahrt SL and BY (documented choice), not NW.
	assert.equal(isPublicHoliday('2025-09-20', 'DE', 'TH'), true);
	assert.equal(isPublicHoliday('2025-09-20', 'DE', 'SN'), false);
	assert.equal(isPublicHoliday('2025-08-15', 'DE', 'SL'), true);
	assert.equal(isPublicHoliday('2025-08-15', 'DE', 'BY'), true);
	assert.equal(isPublicHoliday('2025-08-15', 'DE', 'NW'), false);
	// Heilige Drei Könige.
	assert.equal(isPublicHoliday('2026-01-06', 'DE', 'ST'), true);
	assert.equal(isPublicHoliday('2026-01-06', 'DE', 'HH'), false);
});

test('every Bundesland has the nine nationwide holidays, and region codes are validated', () => {
	const states = ['BB', 'BE', 'BW', 'BY', 'HB', 'HE', 'HH', 'MV', 'NI', 'NW', 'RP', 'SH', 'SL', 'SN', 'ST', 'TH'];
	const national = publicHolidays(2025, 'DE').map((h) => h.date);
	assert.equal(national.length, 9);
	// Easter Sunday 2025 is 20 April.
	assert.deepEqual(national, ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-01', '2025-05-29', '2025-06-09', '2025-10-03', '2025-12-25', '2025-12-26']);
	for (const state of states) {
		const dates = publicHolidays(2025, 'DE', state).map((h) => h.date);
		for (const d of national) assert.ok(dates.includes(d), `${state} lacks ${d}`);
	}
	assert.equal(publicHolidays(2025, 'DE', 'BY').length, 13);
	assert.deepEqual(
		publicHolidays(2025, 'DE', 'BY').filter((h) => !national.includes(h.date)),
		[
			{ date: '2025-01-06', name: 'Heilige Drei Könige' },
			{ date: '2025-06-19', name: 'Fronleichnam' },
			{ date: '2025-08-15', name: 'Mariä Himmelfahrt' },
			{ date: '2025-11-01', name: 'Allerheiligen' },
		],
	);
	assert.throws(() => publicHolidays(2025, 'DE', 'XX'), /Unknown region/);
});

test('US federal holidays with observed Friday/Monday shifts, including across New Year', () => {
	const y2021 = publicHolidays(2021, 'US').map((h) => h.date);
	assert.ok(y2021.includes('2021-07-05'), 'July 4 on Sunday observed Monday');
	assert.ok(y2021.includes('2021-12-24'), 'Christmas on Saturday observed Friday');
	assert.ok(y2021.includes('2021-12-31'), "New Year's Day 2022 (Saturday) observed 31 Dec 2021");
	assert.ok(y2021.includes('2021-06-18'), 'Juneteenth on Saturday observed Friday');
	assert.equal(isPublicHoliday('2020-06-19', 'US'), false, 'Juneteenth only from 2021');
	assert.equal(isPublicHoliday('2025-11-27', 'US'), true, 'Thanksgiving: fourth Thursday');
	assert.equal(isPublicHoliday('2025-05-26', 'US'), true, 'Memorial Day: last Monday of May');
	assert.equal(isPublicHoliday('2025-01-20', 'US'), true, 'MLK Day: third Monday of January');
	assert.equal(isPublicHoliday('2025-09-01', 'US'), true, 'Labor Day');
});

test('Alabama and Louisiana state holidays per statute', () => {
	assert.equal(isPublicHoliday('2025-04-28', 'US', 'AL'), true, 'Confederate Memorial Day, 4th Monday of April');
	assert.equal(isPublicHoliday('2025-06-02', 'US', 'AL'), true, "Jefferson Davis' birthday, 1st Monday of June");
	assert.equal(isPublicHoliday('2025-04-28', 'US'), false);
	assert.equal(isPublicHoliday('2025-03-04', 'US', 'LA'), true, 'Mardi Gras 2025 = Easter − 47');
	assert.equal(isPublicHoliday('2026-02-17', 'US', 'LA'), true, 'Mardi Gras 2026');
	assert.equal(isPublicHoliday('2025-04-18', 'US', 'LA'), true, 'Good Friday');
	assert.equal(isPublicHoliday('2025-08-30', 'US', 'LA'), true, 'Huey P. Long Day');
	assert.equal(isPublicHoliday('2025-01-08', 'US', 'LA'), true, 'Battle of New Orleans');
	assert.equal(isPublicHoliday('2025-03-04', 'US', 'AL'), false);
	assert.equal(isPublicHoliday('2025-11-27', 'US', 'TX'), true, 'other states fall back to the federal list');
});

test('European national calendars', () => {
	assert.equal(isPublicHoliday('2025-10-26', 'AT'), true);
	assert.equal(isPublicHoliday('2025-12-08', 'AT'), true);
	assert.equal(isPublicHoliday('2025-04-18', 'AT'), false, 'Karfreitag is no longer an Austrian holiday');
	assert.equal(isPublicHoliday('2025-08-01', 'CH'), true);
	assert.equal(isPublicHoliday('2025-05-29', 'CH'), true, 'Auffahrt');
	assert.equal(isPublicHoliday('2025-07-14', 'FR'), true);
	assert.equal(isPublicHoliday('2025-06-09', 'FR'), true, 'Lundi de Pentecôte');
	assert.equal(isPublicHoliday('2025-04-26', 'NL'), true, 'Koningsdag moves to Saturday when 27 April is a Sunday');
	assert.equal(isPublicHoliday('2025-04-27', 'NL'), false);
	assert.equal(isPublicHoliday('2026-04-27', 'NL'), true);
	assert.equal(isPublicHoliday('2025-07-21', 'BE'), true);
	assert.equal(isPublicHoliday('2025-10-12', 'ES'), true);
	assert.equal(isPublicHoliday('2025-06-02', 'IT'), true);
	assert.equal(isPublicHoliday('2026-10-04', 'IT'), true);
	assert.equal(isPublicHoliday('2025-10-04', 'IT'), false);
	assert.equal(isPublicHoliday('2025-06-19', 'PL'), true, 'Boże Ciało');
	assert.equal(isPublicHoliday('2025-12-24', 'PL'), true, 'Wigilia from 2025');
	assert.equal(isPublicHoliday('2024-12-24', 'PL'), false);
});

test('England & Wales substitute days and proclaimed one-offs', () => {
	const y2022 = publicHolidays(2022, 'GB').map((h) => h.date);
	for (const d of ['2022-01-03', '2022-06-02', '2022-06-03', '2022-09-19', '2022-12-26', '2022-12-27']) assert.ok(y2022.includes(d), d);
	const y2027 = publicHolidays(2027, 'GB').map((h) => h.date);
	assert.ok(y2027.includes('2027-12-27') && y2027.includes('2027-12-28'), 'Christmas Saturday, Boxing Day Sunday → 27 and 28');
	assert.equal(isPublicHoliday('2020-05-08', 'GB'), true);
	assert.equal(isPublicHoliday('2020-05-04', 'GB'), false);
	assert.equal(isPublicHoliday('2025-08-25', 'GB'), true);
});

test('supported countries, unsupported ones and bad dates', () => {
	assert.deepEqual(supportedCountries(), ['AT', 'BE', 'CH', 'DE', 'ES', 'FR', 'GB', 'IT', 'NL', 'PL', 'US']);
	assert.deepEqual(publicHolidays(2025, 'JP'), []);
	assert.equal(isPublicHoliday('2025-01-01', 'de'), true, 'country codes are case-insensitive');
	assert.throws(() => isPublicHoliday('2025-02-30', 'DE'), /YYYY-MM-DD/);
	assert.throws(() => isPublicHoliday('01.01.2025', 'DE'), /YYYY-MM-DD/);
	// Results are copies: mutating one must not corrupt the cache.
	const list = publicHolidays(2025, 'DE');
	list[0].name = 'changed';
	assert.equal(publicHolidays(2025, 'DE')[0].name, 'Neujahr');
});
