/**
 * The journey report page: per journey step, how many messages went out, were clicked and brought orders, over the
 * period and day by day (inline SVG), the table of every figure per step and channel, and the CSV download.
 */
import { escapeHtml } from '../email/escape';
import { stepLabel } from '../reports';
import type { JourneyReport } from '../reports';
import { groupedBars, lineChart } from './chart';
import { formatCount, formatDay, formatMoney, formatPercent } from './format';
import { htmlPage } from './shell';
import type { PageLanguage } from './shell';

const TEXT = {
	en: {
		title: 'Journey report',
		period: (from: string, to: string) => `Messages sent from ${from} to ${to}`,
		csv: 'Download CSV',
		sent: 'Sent',
		delivered: 'Delivered',
		failed: 'Failed',
		clicked: 'Clicked',
		optedOut: 'Opted out',
		orders: 'Orders',
		revenue: 'Revenue',
		smsCost: 'SMS cost (estimate)',
		step: 'Journey step',
		channel: 'Channel',
		funnel: 'Sent → clicked → ordered per journey step',
		overTime: 'Day by day',
		perStep: 'Every figure per step and channel',
		empty: 'No messages, clicks or attributed orders in this period yet.',
		channels: { sms: 'SMS', email: 'E-mail', other: 'Other' },
		notes: (currency: string) =>
			`An order counts for the journey step of the customer's last link click within 5 days before ordering, otherwise of the last delivered message. Clicked = links opened at least once (link previews are not counted). SMS cost is estimated from segments sent and list prices per country in ${currency}; your Twilio invoice is binding.`,
		clickRate: 'Click rate',
	},
	de: {
		title: 'Journey-Report',
		period: (from: string, to: string) => `Nachrichten vom ${from} bis ${to}`,
		csv: 'CSV herunterladen',
		sent: 'Gesendet',
		delivered: 'Zugestellt',
		failed: 'Fehlgeschlagen',
		clicked: 'Geklickt',
		optedOut: 'Abgemeldet',
		orders: 'Bestellungen',
		revenue: 'Umsatz',
		smsCost: 'SMS-Kosten (geschätzt)',
		step: 'Journey-Schritt',
		channel: 'Kanal',
		funnel: 'Gesendet → geklickt → bestellt je Journey-Schritt',
		overTime: 'Tag für Tag',
		perStep: 'Alle Zahlen je Schritt und Kanal',
		empty: 'In diesem Zeitraum gibt es noch keine Nachrichten, Klicks oder zugeordneten Bestellungen.',
		channels: { sms: 'SMS', email: 'E-Mail', other: 'Sonstige' },
		notes: (currency: string) =>
			`Eine Bestellung zählt für den Journey-Schritt des letzten Link-Klicks der Kundin bzw. des Kunden in den 5 Tagen vor der Bestellung, sonst der zuletzt zugestellten Nachricht. Geklickt = mindestens einmal geöffnete Links (Link-Vorschauen zählen nicht). SMS-Kosten sind aus gesendeten Segmenten und Listenpreisen je Land in ${currency} geschätzt; maßgeblich ist Ihre Twilio-Rechnung.`,
		clickRate: 'Klickrate',
	},
} as const;

const COLORS = { sent: '#3b82c4', clicked: '#f0b429', orders: '#27ab83' };

const CSS = `.kpis{display:grid;grid-template-columns:repeat(2,1fr);gap:.75rem;margin:0 0 1rem}
.kpi{background:#fff;border-radius:12px;box-shadow:0 1px 4px rgba(0,0,0,.08);padding:.75rem 1rem}
.kpi b{display:block;font-size:1.35rem}.kpi span{color:#52606d;font-size:.85rem}
.chart{width:100%;height:auto;display:block}.steps{display:grid;gap:1rem}
.table{overflow-x:auto}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.top{display:flex;flex-wrap:wrap;align-items:baseline;justify-content:space-between;gap:.5rem}
.button{display:inline-block;padding:.45rem .9rem;border-radius:8px;background:#0b69a3;color:#fff;text-decoration:none;font-weight:600}
@media (min-width:48rem){.kpis{grid-template-columns:repeat(6,1fr)}.steps{grid-template-columns:1fr 1fr}}`;

/** Every day of the period, so a quiet day shows as 0 instead of being skipped. */
function daysOf(report: JourneyReport): string[] {
	const out: string[] = [];
	const first = report.days[0]?.day ?? report.firstDay;
	const last = report.days.at(-1)?.day ?? report.lastDay;
	for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`) && out.length < 400; t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
	return out;
}

export interface ReportPageOptions {
	language: PageLanguage;
	/** Where the CSV link points (same webhook); default `?format=csv`. */
	csvHref?: string;
	/** At most this many steps get a day-by-day chart (the ones with most messages); default 6. */
	chartSteps?: number;
}

export function reportPage(report: JourneyReport, options: ReportPageOptions): string {
	const lang = options.language;
	const t = TEXT[lang];
	const n = (v: number) => formatCount(v, lang);
	const money = (v: string) => formatMoney(v, report.revenueCurrency, lang);
	const head = `<div class="top"><h1>${escapeHtml(t.title)}</h1><a class="button" href="${escapeHtml(options.csvHref ?? '?format=csv')}" download>${escapeHtml(t.csv)}</a></div>
<p class="muted">${escapeHtml(t.period(formatDay(report.firstDay, lang), formatDay(report.lastDay, lang)))}</p>`;
	const totals = report.totals;
	const kpis = `<section class="kpis">${[
		[t.sent, n(totals.sent)],
		[t.delivered, n(totals.delivered)],
		[t.clicked, n(totals.clicked)],
		[t.orders, n(totals.orders)],
		[t.revenue, money(totals.revenue)],
		[t.smsCost, formatMoney(totals.smsCost ?? '0', report.smsCostCurrency, lang)],
	]
		.map(([label, value]) => `<div class="kpi" data-kpi="${escapeHtml(label)}"><b>${escapeHtml(value)}</b><span>${escapeHtml(label)}</span></div>`)
		.join('')}</section>`;
	if (report.rows.length === 0) return htmlPage({ language: lang, title: t.title, css: CSS, body: `${head}${kpis}<div class="card"><p>${escapeHtml(t.empty)}</p></div>` });

	// Steps across channels for the charts.
	const steps = new Map<string, { sent: number; clicked: number; orders: number }>();
	for (const r of report.rows) {
		const s = steps.get(r.journeyStep) ?? { sent: 0, clicked: 0, orders: 0 };
		s.sent += r.sent;
		s.clicked += r.clicked;
		s.orders += r.orders;
		steps.set(r.journeyStep, s);
	}
	const series = [
		{ label: t.sent, color: COLORS.sent },
		{ label: t.clicked, color: COLORS.clicked },
		{ label: t.orders, color: COLORS.orders },
	];
	const funnel = groupedBars({ title: t.funnel, series, rows: [...steps.entries()].map(([step, s]) => ({ label: stepLabel(step, lang), values: [s.sent, s.clicked, s.orders] })) });
	const days = daysOf(report);
	const charted = [...steps.entries()].sort((a, b) => b[1].sent - a[1].sent).slice(0, options.chartSteps ?? 6);
	const perDay = charted
		.map(([step]) => {
			const of = (key: 'sent' | 'clicked' | 'orders') => days.map((d) => report.days.find((x) => x.day === d && x.journeyStep === step)?.[key] ?? 0);
			const title = `${stepLabel(step, lang)}: ${t.overTime}`;
			const chart = lineChart({
				title,
				formatValue: n,
				xLabels: days.map((d) => formatDay(d, lang, true)),
				series: [
					{ ...series[0], values: of('sent') },
					{ ...series[1], values: of('clicked') },
					{ ...series[2], values: of('orders') },
				],
			});
			return `<div class="card" data-step="${escapeHtml(step)}"><h2>${escapeHtml(title)}</h2>${chart}</div>`;
		})
		.join('');
	const columns = [t.sent, t.delivered, t.failed, t.clicked, t.clickRate, t.optedOut, t.orders, t.revenue, t.smsCost];
	const rows = report.rows
		.map(
			(r) =>
				`<tr data-step="${escapeHtml(r.journeyStep)}" data-channel="${r.channel}"><td>${escapeHtml(stepLabel(r.journeyStep, lang))}</td><td>${escapeHtml(t.channels[r.channel])}</td>${[
					n(r.sent),
					n(r.delivered),
					n(r.failed),
					n(r.clicked),
					formatPercent(r.clickRate, lang),
					n(r.optedOut),
					n(r.orders),
					money(r.revenue),
					r.smsCost === null ? '–' : formatMoney(r.smsCost, report.smsCostCurrency, lang),
				]
					.map((v) => `<td class="n">${escapeHtml(v)}</td>`)
					.join('')}</tr>`,
		)
		.join('');
	const table = `<div class="card"><h2>${escapeHtml(t.perStep)}</h2><div class="table"><table><thead><tr><th>${escapeHtml(t.step)}</th><th>${escapeHtml(t.channel)}</th>${columns
		.map((c) => `<th class="n">${escapeHtml(c)}</th>`)
		.join('')}</tr></thead><tbody>${rows}</tbody></table></div></div>`;
	const body = `${head}${kpis}<div class="card"><h2>${escapeHtml(t.funnel)}</h2>${funnel}</div><section class="steps">${perDay}</section>${table}<p class="muted">${escapeHtml(t.notes(report.smsCostCurrency))}</p>`;
	return htmlPage({ language: lang, title: t.title, css: CSS, body });
}
