import { everyDay, monSat, win } from './windows';
import type { WeekWindows } from './windows';

/**
 * US state rules for marketing calls and texts ("mini-TCPAs"), one row per state that is stricter than the federal
 * 08:00–21:00 (47 CFR 64.1200(c)(1)), always in the recipient's local time. The gate reads this table for windows,
 * Sundays and holidays, the cap per 24 hours and the area-code presumption; nothing about a state is written in code.
 * Where sources conflict, the row takes the stricter reading and says so. Background and secondary sources:
 * /work/shared/research/domain-anchors.md §2.1 and ecosystem-2026-12.md (Postscript's state guide).
 *
 * `cap24h` counts every marketing message on the channel (the statutes count those "on the same subject"; we do not
 * know the subject, so we count all of them, which is never less strict).
 */
export interface UsStateRule {
	/** USPS code, e.g. `FL`. */
	state: string;
	name: string;
	/** Allowed window per ISO weekday (Monday first); null = no marketing that day. */
	days: WeekWindows;
	/** No marketing on the state's public holidays. */
	noPublicHolidays: boolean;
	/** Most marketing messages per subject in any 24 hours, or null when the state sets no cap. */
	cap24h: number | null;
	/** A number with one of the state's area codes is presumed to belong to a resident, whatever the address says. */
	areaCodePresumption: boolean;
	/** Plain-language summary shown in decisions (`rule` labels). */
	label: string;
	source: { law: string; citation: string; url: string };
}

const ALL_08_20 = everyDay(win(8, 20));

export const US_STATE_RULES: readonly UsStateRule[] = [
	{
		state: 'AL', name: 'Alabama', days: monSat(win(8, 20)), noPublicHolidays: true, cap24h: null, areaCodePresumption: false,
		label: 'Alabama: 08:00–20:00, no Sundays or state holidays',
		source: { law: 'Alabama Public Service Commission telephone solicitation rules', citation: 'Ala. Admin. Code ch. 770-X-5; holidays per Ala. Code §1-3-8', url: 'https://dnc.com/holiday-alerts' },
	},
	{
		state: 'CA', name: 'California', days: everyDay(win(9, 21)), noPublicHolidays: false, cap24h: null, areaCodePresumption: false,
		label: 'California: 09:00–21:00',
		source: { law: 'California Public Utilities Code (automatic dialing-announcing devices)', citation: 'Cal. Pub. Util. Code §2872', url: 'https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=PUC&sectionNum=2872' },
	},
	{
		state: 'CT', name: 'Connecticut', days: everyDay(win(9, 20)), noPublicHolidays: false, cap24h: null, areaCodePresumption: false,
		label: 'Connecticut: 09:00–20:00',
		source: { law: 'Connecticut telemarketing law as amended by Public Act 23-98 (2023)', citation: 'Conn. Gen. Stat. §42-288a', url: 'https://www.cga.ct.gov/current/pub/chap_743m.htm' },
	},
	{
		state: 'FL', name: 'Florida', days: ALL_08_20, noPublicHolidays: false, cap24h: 3, areaCodePresumption: true,
		label: 'Florida: 08:00–20:00, at most 3 per 24 h',
		source: {
			law: 'Florida Telephone Solicitation Act (SB 1120, 2021) and Florida Telemarketing Act',
			citation: 'Fla. Stat. §501.616(6)(a) hours, §501.616(6)(b) 3 per 24 h on the same subject, §501.059 area-code presumption',
			url: 'https://flsenate.gov/Session/Bill/2021/1120/BillText/er/HTML',
		},
	},
	{
		state: 'IL', name: 'Illinois', days: everyDay(win(9, 21)), noPublicHolidays: false, cap24h: null, areaCodePresumption: false,
		label: 'Illinois: 09:00–21:00 (stricter of conflicting sources)',
		source: { law: 'Illinois Telephone Solicitations Act (sources give 08:00 or 09:00; the stricter is used)', citation: '815 ILCS 413/15', url: 'https://www.ilga.gov/legislation/ilcs/ilcs3.asp?ActID=2341' },
	},
	{
		state: 'KY', name: 'Kentucky', days: everyDay(win(10, 21)), noPublicHolidays: false, cap24h: null, areaCodePresumption: false,
		label: 'Kentucky: 10:00–21:00',
		source: { law: 'Kentucky telephone solicitation law', citation: 'KRS 367.46955(15)', url: 'https://apps.legislature.ky.gov/law/statutes/statute.aspx?id=37929' },
	},
	{
		state: 'LA', name: 'Louisiana', days: monSat(win(8, 20)), noPublicHolidays: true, cap24h: null, areaCodePresumption: false,
		label: 'Louisiana: 08:00–20:00, no Sundays or state holidays',
		source: { law: 'Louisiana PSC Do Not Call rules', citation: 'La. PSC General Order R-29617 §V(A)(2); La. R.S. 45:811', url: 'https://dnc.com/holiday-alerts?year=2023' },
	},
	{
		state: 'MA', name: 'Massachusetts', days: ALL_08_20, noPublicHolidays: false, cap24h: null, areaCodePresumption: false,
		label: 'Massachusetts: 08:00–20:00',
		source: { law: 'Massachusetts Telemarketing Solicitation Act', citation: 'M.G.L. c. 159C §3; 201 CMR 12.02', url: 'https://malegislature.gov/Laws/GeneralLaws/PartI/TitleXXII/Chapter159C' },
	},
	{
		state: 'MD', name: 'Maryland', days: ALL_08_20, noPublicHolidays: false, cap24h: 3, areaCodePresumption: false,
		label: 'Maryland: 08:00–20:00, at most 3 per 24 h',
		source: {
			law: 'Stop the Spam Calls Act of 2023 (SB 90), in force 1 January 2024',
			citation: 'Md. Code, Com. Law §14-4501 ff. (§14-4502): 08:00–20:00, at most 3 per 24 h on the same subject',
			url: 'https://mgaleg.maryland.gov/2023RS/bills/sb/sb0090E.pdf',
		},
	},
	{
		state: 'MI', name: 'Michigan', days: everyDay(win(9, 21)), noPublicHolidays: false, cap24h: null, areaCodePresumption: false,
		label: 'Michigan: 09:00–21:00',
		source: { law: 'Michigan Home Solicitation Sales Act', citation: 'MCL 445.111b', url: 'https://www.legislature.mi.gov/Laws/MCL?objectName=mcl-445-111b' },
	},
	{
		state: 'MN', name: 'Minnesota', days: everyDay(win(9, 21)), noPublicHolidays: false, cap24h: null, areaCodePresumption: false,
		label: 'Minnesota: 09:00–21:00',
		source: { law: 'Minnesota telephone solicitation law', citation: 'Minn. Stat. §325E.27', url: 'https://www.revisor.mn.gov/statutes/cite/325E.27' },
	},
	{
		state: 'MS', name: 'Mississippi', days: monSat(win(8, 20)), noPublicHolidays: false, cap24h: null, areaCodePresumption: false,
		label: 'Mississippi: 08:00–20:00, no Sundays',
		source: {
			law: 'Mississippi Telephone Solicitation Act (holiday ban repealed with 39 Miss. Admin. Code Pt. I R. 1:28 in 2024)',
			citation: 'Miss. Code Ann. §77-3-723(1)',
			url: 'https://www.dnc.com/blog/no-more-holidays-mississippi-marketers-magnolia-state-lifts-prohibition-telemarketing-legal',
		},
	},
	{
		state: 'NJ', name: 'New Jersey', days: ALL_08_20, noPublicHolidays: false, cap24h: null, areaCodePresumption: false,
		label: 'New Jersey: 08:00–20:00 (stricter of conflicting sources)',
		source: { law: 'New Jersey Do Not Call law (sources give 20:00 or 21:00; the stricter is used)', citation: 'N.J.A.C. 13:45D-4.1', url: 'https://www.njconsumeraffairs.gov/regulations/Chapter-45D-Telemarketing.pdf' },
	},
	{
		state: 'OK', name: 'Oklahoma', days: ALL_08_20, noPublicHolidays: false, cap24h: 3, areaCodePresumption: true,
		label: 'Oklahoma: 08:00–20:00, at most 3 per 24 h',
		source: {
			law: 'Oklahoma Telephone Solicitation Act of 2022 (HB 3168), in force 1 November 2022',
			citation: '15 O.S. §775C.1 ff. (§775C.4): 08:00–20:00, at most 3 per 24 h on the same subject, area-code presumption of residence',
			url: 'https://app.legiplex.com/ok/legislature/2022/2022-r/bills/hb3168/drafts-latest',
		},
	},
	// §5-61-2(2): Monday–Friday 09:00–18:00 and Saturday 10:00–17:00, never on Sundays or state/federal holidays.
	{
		state: 'RI', name: 'Rhode Island', days: [win(9, 18), win(9, 18), win(9, 18), win(9, 18), win(9, 18), win(10, 17), null], noPublicHolidays: true, cap24h: null, areaCodePresumption: false,
		label: 'Rhode Island: weekdays 09:00–18:00, Saturday 10:00–17:00, no Sundays or holidays',
		source: { law: 'Rhode Island Telephone Sales Solicitation Act', citation: 'R.I. Gen. Laws §5-61-2 (hours of operation), §5-61-3.6', url: 'http://webserver.rilin.state.ri.us/Statutes/TITLE5/5-61/5-61-3.6.HTM' },
	},
	{
		state: 'TX', name: 'Texas', days: monSat(win(9, 21), win(12, 21)), noPublicHolidays: false, cap24h: null, areaCodePresumption: false,
		label: 'Texas: Mon–Sat 09:00–21:00, Sun 12:00–21:00',
		source: { law: 'Texas telephone solicitation law, texts covered since SB 140 (1 September 2025)', citation: 'Tex. Bus. & Com. Code §301.051', url: 'https://statutes.capitol.texas.gov/Docs/BC/htm/BC.301.htm' },
	},
	{
		state: 'WA', name: 'Washington', days: ALL_08_20, noPublicHolidays: false, cap24h: null, areaCodePresumption: false,
		label: 'Washington: 08:00–20:00',
		source: { law: 'Washington telephone solicitation law', citation: 'RCW 80.36.390', url: 'https://app.leg.wa.gov/RCW/default.aspx?cite=80.36.390' },
	},
];
