/**
 * The journey board page: one column per stage (placed → returned) with its count, a card per order with the time
 * in its stage, stuck and delayed orders highlighted and first, a search by order number or e-mail, and CSV export.
 *
 * No personal data in URLs: the search box posts its form to the same address (n8n's sandbox for HTML answers
 * allows forms; the page has no script), so an e-mail address searched for never lands in a link, a browser history
 * or an access log. The CSV link is a plain GET with `?format=csv` only.
 */
import { escapeHtml } from '../email/escape';
import { BOARD_STAGES } from '../reports';
import type { BoardCard, JourneyBoard } from '../reports';
import type { OrderStage } from '../store';
import { formatCount, formatHours, formatTime } from './format';
import { htmlPage } from './shell';
import type { PageLanguage } from './shell';

const TEXT = {
	en: {
		title: 'Journey board',
		stages: { placed: 'Placed', paid: 'Paid', shipped: 'Shipped', out_for_delivery: 'Out for delivery', delivered: 'Delivered', returned: 'Returned' },
		summary: (orders: string, stuck: string, delayed: string) => `${orders} orders · ${stuck} stuck · ${delayed} delayed`,
		search: 'Order number or e-mail',
		searchButton: 'Search',
		results: (q: string, n: string) => `${n} orders for “${q}”`,
		reset: 'Show all',
		csv: 'Export CSV',
		stuck: 'Stuck',
		delayed: 'Delayed',
		inStage: 'in this stage',
		none: 'No orders',
		updated: 'As of',
		flags: {
			unpaid: 'not paid yet',
			not_shipped: 'paid, not shipped',
			no_scan: 'no carrier scan',
			marked_stuck: 'marked stuck by tracking',
			past_promised_day: 'promised day passed',
		},
		rules: (u: number, s: number, n: number) => `Stuck = unpaid over ${u} days, paid but not shipped over ${s} days, or no carrier scan for ${n} days. Delayed = the promised delivery day has passed.`,
	},
	de: {
		title: 'Journey-Board',
		stages: { placed: 'Bestellt', paid: 'Bezahlt', shipped: 'Versendet', out_for_delivery: 'In Zustellung', delivered: 'Zugestellt', returned: 'Retourniert' },
		summary: (orders: string, stuck: string, delayed: string) => `${orders} Bestellungen · ${stuck} hängen · ${delayed} verspätet`,
		search: 'Bestellnummer oder E-Mail',
		searchButton: 'Suchen',
		results: (q: string, n: string) => `${n} Bestellungen für „${q}“`,
		reset: 'Alle zeigen',
		csv: 'CSV exportieren',
		stuck: 'Hängt',
		delayed: 'Verspätet',
		inStage: 'in dieser Phase',
		none: 'Keine Bestellungen',
		updated: 'Stand',
		flags: {
			unpaid: 'noch nicht bezahlt',
			not_shipped: 'bezahlt, nicht versendet',
			no_scan: 'kein Scan des Versanddienstleisters',
			marked_stuck: 'vom Tracking als hängend gemeldet',
			past_promised_day: 'Liefertag überschritten',
		},
		rules: (u: number, s: number, n: number) =>
			`Hängt = länger als ${u} Tage unbezahlt, länger als ${s} Tage bezahlt und nicht versendet oder ${n} Tage ohne Scan. Verspätet = der zugesagte Liefertag ist vorbei.`,
	},
} as const;

const CSS = `.top{display:flex;flex-wrap:wrap;align-items:baseline;justify-content:space-between;gap:.5rem}
.button{display:inline-block;padding:.45rem .9rem;border-radius:8px;background:#0b69a3;color:#fff;text-decoration:none;font-weight:600;border:0;font:inherit;cursor:pointer}
form.search{display:flex;gap:.5rem;margin:0 0 1rem}form.search input{flex:1;min-width:0;padding:.45rem .6rem;border:1px solid #cbd2d9;border-radius:8px;font:inherit}
.board{display:grid;gap:.75rem}
.column{background:#eef1f4;border-radius:12px;padding:.6rem}
.column h2{display:flex;justify-content:space-between;font-size:1rem;margin:.2rem .2rem .6rem}
.count{background:#fff;border-radius:999px;padding:0 .55rem;font-size:.9rem}
.order{background:#fff;border-radius:10px;box-shadow:0 1px 3px rgba(0,0,0,.08);padding:.55rem .7rem;margin:0 0 .5rem;font-size:.9rem;border-left:4px solid #cbd2d9;overflow-wrap:anywhere}
.order.stuck{border-left-color:#d64545;background:#fff5f5}.order.delayed{border-left-color:#de911d;background:#fffbea}
.order b{font-size:1rem}.badge{display:inline-block;border-radius:999px;padding:0 .45rem;font-size:.75rem;font-weight:700;margin-left:.3rem;color:#fff}
.badge.stuck{background:#d64545}.badge.delayed{background:#cb6e17}.order p{margin:.15rem 0;font-size:.85rem}
@media (min-width:48rem){main{max-width:none}.board{grid-template-columns:repeat(6,minmax(11rem,1fr));overflow-x:auto}}`;

export interface BoardPageOptions {
	language: PageLanguage;
	/** The shop's time zone for times on the page (IANA); default UTC. */
	timeZone?: string;
	/** Where the CSV link points (same webhook); default `?format=csv`. */
	csvHref?: string;
}

function card(c: BoardCard, lang: PageLanguage): string {
	const t = TEXT[lang];
	const badges = `${c.stuck ? `<span class="badge stuck">${escapeHtml(t.stuck)}</span>` : ''}${c.delayed ? `<span class="badge delayed">${escapeHtml(t.delayed)}</span>` : ''}`;
	const classes = ['order', c.stuck ? 'stuck' : '', c.delayed ? 'delayed' : ''].filter(Boolean).join(' ');
	const parcel = c.trackingNumber ? `<p>${escapeHtml([c.carrier?.toUpperCase(), c.trackingNumber].filter(Boolean).join(' '))}</p>` : '';
	const flags = c.flags.length ? `<p class="muted">${escapeHtml(c.flags.map((f) => t.flags[f as keyof typeof t.flags] ?? f).join(', '))}</p>` : '';
	return `<article class="${classes}" data-order="${escapeHtml(c.orderNumber)}"><b>${escapeHtml(c.orderNumber)}</b>${badges}
<p>${escapeHtml(formatHours(c.hoursInStage, lang))} ${escapeHtml(t.inStage)}</p>${c.contact ? `<p>${escapeHtml(c.contact)}</p>` : ''}${parcel}${flags}</article>`;
}

export function boardPage(board: JourneyBoard, options: BoardPageOptions): string {
	const lang = options.language;
	const t = TEXT[lang];
	const n = (v: number) => formatCount(v, lang);
	const columns = BOARD_STAGES.map((stage: OrderStage) => {
		const cards = board.cards.filter((c) => c.stage === stage);
		const list = cards.length ? cards.map((c) => card(c, lang)).join('') : `<p class="muted">${escapeHtml(t.none)}</p>`;
		return `<section class="column" data-stage="${stage}"><h2><span>${escapeHtml(t.stages[stage])}</span><span class="count">${n(board.counts[stage])}</span></h2>${list}</section>`;
	}).join('');
	const searched = board.search
		? `<p>${escapeHtml(t.results(board.search, n(board.cards.length)))} · <a href="?">${escapeHtml(t.reset)}</a></p>`
		: '';
	const { unpaidDays, unshippedDays, noScanDays } = board.thresholds;
	const body = `<div class="top"><h1>${escapeHtml(t.title)}</h1><a class="button" href="${escapeHtml(options.csvHref ?? '?format=csv')}" download>${escapeHtml(t.csv)}</a></div>
<p class="muted">${escapeHtml(t.summary(n(board.cards.length), n(board.stuck), n(board.delayed)))} · ${escapeHtml(t.updated)} ${escapeHtml(formatTime(board.generatedAt, lang, options.timeZone))}</p>
<form class="search" method="post"><input type="search" name="q" value="${escapeHtml(board.search)}" placeholder="${escapeHtml(t.search)}" aria-label="${escapeHtml(t.search)}" autocomplete="off"><button class="button" type="submit">${escapeHtml(t.searchButton)}</button></form>
${searched}<div class="board">${columns}</div><p class="muted">${escapeHtml(t.rules(unpaidDays, unshippedDays, noScanDays))}</p>`;
	return htmlPage({ language: lang, title: t.title, css: CSS, body });
}
