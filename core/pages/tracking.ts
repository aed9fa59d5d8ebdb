/**
 * The customer's tracking page: the form (order number + e-mail or postcode), the neutral "not found" answer, and one
 * order's status: steps with times, a parcel problem highlighted, delivery estimate (and where it comes from), carrier
 * and tracking link, items and recommendations, in the shop's name and colour. Inline CSS and SVG only (n8n serves HTML
 * webhook answers sandboxed; there is no CDN). Every value from the shop or the customer is escaped here.
 */
import { formatMoney } from '../email';
import { escapeHtml as e, safeColor, safeUrl } from '../email/escape';
import { formatDeliveryEstimate } from '../journey';
import type { OrderStatusView, ParcelView, ProblemKind, Recommendation, StepId } from '../tracking';
import { htmlPage } from './shell';
import type { PageLanguage } from './shell';

export interface TrackingBrand {
	shopName: string;
	/** `#rgb` or `#rrggbb`; anything else falls back to the default blue. */
	color?: string | null;
	/** http(s) only. */
	logoUrl?: string | null;
}

export type TrackingPageState =
	| { kind: 'form' }
	| { kind: 'not_found' }
	| { kind: 'limited' }
	| { kind: 'expired' }
	| { kind: 'status'; view: OrderStatusView; savedLink?: string | null };

export interface TrackingPageOptions {
	language: PageLanguage;
	brand: TrackingBrand;
	state: TrackingPageState;
	/** Time zone for the times shown; default the order's, else Europe/Berlin. */
	timezone?: string | null;
	/** What the form had, to fill it in again after "not found" (the order number only: never the e-mail). */
	number?: string;
}

const DEFAULT_COLOR = '#0b69a3';

const TEXTS = {
	de: {
		title: 'Bestellung verfolgen',
		intro: 'Geben Sie Ihre Bestellnummer und die E-Mail-Adresse der Bestellung oder die Postleitzahl der Lieferadresse ein.',
		number: 'Bestellnummer',
		answer: 'E-Mail-Adresse oder Postleitzahl',
		submit: 'Status anzeigen',
		notFound: 'Wir haben keine Bestellung mit diesen Angaben gefunden. Bitte prüfen Sie die Bestellnummer und die E-Mail-Adresse oder Postleitzahl.',
		limited: 'Zu viele Versuche. Bitte versuchen Sie es in einer Stunde noch einmal.',
		expired: 'Dieser Link ist abgelaufen. Sie können Ihre Bestellung hier mit Bestellnummer und E-Mail-Adresse oder Postleitzahl aufrufen.',
		order: 'Bestellung',
		placedOn: 'bestellt am',
		steps: { placed: 'Bestellt', paid: 'Bezahlt', shipped: 'Versendet', out_for_delivery: 'In Zustellung', delivered: 'Zugestellt' } as Record<StepId, string>,
		problems: {
			failed_attempt: 'Zustellversuch ohne Erfolg: Der Zusteller hat Sie nicht angetroffen.',
			exception: 'Bei der Zustellung gibt es ein Problem. Der Zusteller kümmert sich darum.',
			returned_to_sender: 'Das Paket ist auf dem Rückweg zu uns.',
			delayed: 'Das Paket ist später dran als angekündigt.',
		} as Record<ProblemKind, string>,
		cancelled: 'Diese Bestellung wurde storniert.',
		refunded: 'Diese Bestellung wurde erstattet.',
		parcel: 'Paket',
		expected: 'Voraussichtliche Zustellung',
		delivered: 'Zugestellt',
		source: (p: ParcelView) =>
			p.estimate?.source === 'carrier'
				? `Angabe von ${p.carrierName ?? 'Zusteller'}`
				: p.estimate?.source === 'learned'
					? `Aus ${p.estimate.sampleSize ?? 'unseren'} zugestellten Paketen auf dieser Strecke`
					: p.estimate?.source === 'shop'
						? 'Unser Lieferversprechen'
						: `Übliche Laufzeit${p.carrierName ? ` von ${p.carrierName}` : ''}`,
		track: 'Beim Zusteller verfolgen',
		notShipped: 'Ihre Bestellung wird vorbereitet. Sobald sie versendet ist, sehen Sie hier das Paket und den Link zur Sendungsverfolgung.',
		items: 'Artikel',
		recommendations: 'Das könnte Ihnen auch gefallen',
		save: 'Link zu dieser Seite (gültig für einige Wochen)',
		locale: 'de-DE',
	},
	en: {
		title: 'Track your order',
		intro: 'Enter your order number and the e-mail address of the order or the postcode of the delivery address.',
		number: 'Order number',
		answer: 'E-mail address or postcode',
		submit: 'Show status',
		notFound: 'We could not find an order with these details. Please check the order number and the e-mail address or postcode.',
		limited: 'Too many attempts. Please try again in an hour.',
		expired: 'This link has expired. You can open your order here with the order number and e-mail address or postcode.',
		order: 'Order',
		placedOn: 'placed on',
		steps: { placed: 'Placed', paid: 'Paid', shipped: 'Shipped', out_for_delivery: 'Out for delivery', delivered: 'Delivered' } as Record<StepId, string>,
		problems: {
			failed_attempt: 'Delivery attempt failed: the driver could not reach you.',
			exception: 'There is a problem with the delivery. The carrier is dealing with it.',
			returned_to_sender: 'The parcel is on its way back to us.',
			delayed: 'The parcel is later than announced.',
		} as Record<ProblemKind, string>,
		cancelled: 'This order was cancelled.',
		refunded: 'This order was refunded.',
		parcel: 'Parcel',
		expected: 'Expected delivery',
		delivered: 'Delivered',
		source: (p: ParcelView) =>
			p.estimate?.source === 'carrier'
				? `Date from ${p.carrierName ?? 'the carrier'}`
				: p.estimate?.source === 'learned'
					? `Based on ${p.estimate.sampleSize ?? 'our'} delivered parcels on this route`
					: p.estimate?.source === 'shop'
						? 'Our delivery promise'
						: `Typical transit time${p.carrierName ? ` of ${p.carrierName}` : ''}`,
		track: 'Track with the carrier',
		notShipped: 'Your order is being prepared. Once it has shipped, you will see the parcel and the tracking link here.',
		items: 'Items',
		recommendations: 'You might also like',
		save: 'Link to this page (valid for a few weeks)',
		locale: 'en-GB',
	},
};

type Texts = (typeof TEXTS)['de'];

const CSS = `main{max-width:40rem}
.brand{display:flex;align-items:center;gap:.75rem;margin:.25rem 0 1rem}.brand img{max-height:40px;max-width:160px}
.brand b{font-size:1.1rem;color:var(--c)}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}input{width:100%;font:inherit;padding:.6rem .7rem;border:1px solid #cbd2d9;border-radius:8px}
button{margin-top:1rem;width:100%;font:inherit;font-weight:600;padding:.7rem;border:0;border-radius:8px;background:var(--c);color:#fff}
.note{border-left:4px solid var(--c);padding:.5rem .75rem;background:#f0f4f8;border-radius:4px}.note.bad{border-color:#c81e1e;background:#fdecec;color:#7a1010}
ol.steps{list-style:none;margin:0;padding:0}ol.steps li{display:flex;gap:.75rem;align-items:flex-start;padding:.35rem 0;position:relative}
ol.steps li:not(:last-child)::after{content:"";position:absolute;left:11px;top:30px;bottom:-6px;width:2px;background:#e4e7eb}
ol.steps li.done:not(:last-child)::after{background:var(--c)}ol.steps svg{flex:none}ol.steps .t{display:block;font-size:.85rem;color:#7b8794}
ol.steps li.todo{color:#9aa5b1}ol.steps li.current b{color:var(--c)}ol.steps li.problem b{color:#c81e1e}
.parcel{border-top:1px solid #e4e7eb;padding-top:.75rem;margin-top:.75rem}.est{font-size:1.1rem;font-weight:600}
a.btn{display:inline-block;margin:.5rem 0;padding:.5rem .9rem;border:1px solid var(--c);border-radius:8px;text-decoration:none;color:var(--c);font-weight:600}
ul.items,ul.recs{list-style:none;margin:0;padding:0}ul.items li,ul.recs li{display:flex;justify-content:space-between;gap:1rem;padding:.4rem 0;border-bottom:1px solid #e4e7eb}
.recs a{font-weight:600}.small{font-size:.85rem;word-break:break-all}`;

const ICONS = {
	done: (color: string) => `<svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="11" fill="${color}"/><path d="M7 12.5l3 3 7-7" stroke="#fff" stroke-width="2.2" fill="none" stroke-linecap="round" stroke-linejoin="round"/></svg>`,
	todo: '<svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="10" fill="#fff" stroke="#cbd2d9" stroke-width="2"/></svg>',
	problem: '<svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="11" fill="#c81e1e"/><path d="M12 6.5v7" stroke="#fff" stroke-width="2.4" stroke-linecap="round"/><circle cx="12" cy="17.2" r="1.4" fill="#fff"/></svg>',
};

function when(at: Date | null, t: Texts, zone: string): string {
	if (!at) return '';
	try {
		return new Intl.DateTimeFormat(t.locale, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: zone }).format(at);
	} catch {
		return at.toISOString().slice(0, 16).replace('T', ' ');
	}
}

/** The amount in the page's language; the plain amount when the currency is missing. */
function money(amount: string | null, currency: string | null, t: Texts): string {
	if (!amount) return '';
	return e(currency ? formatMoney(amount, currency, t.locale) || amount : amount);
}

function brandHeader(brand: TrackingBrand): string {
	const logo = safeUrl(brand.logoUrl);
	return `<header class="brand">${logo ? `<img src="${logo}" alt="">` : ''}<b>${e(brand.shopName)}</b></header>`;
}

function form(t: Texts, number: string, note: string): string {
	return `<div class="card"><h1>${e(t.title)}</h1>${note}<p>${e(t.intro)}</p>
<form method="post" action="" autocomplete="on"><label for="order">${e(t.number)}</label><input id="order" name="order" value="${e(number)}" required autocomplete="off" inputmode="text">
<label for="check">${e(t.answer)}</label><input id="check" name="check" required autocomplete="email">
<button type="submit">${e(t.submit)}</button></form></div>`;
}

function timeline(view: OrderStatusView, t: Texts, color: string, zone: string): string {
	const problem = view.parcels.find((p) => p.problem);
	const currentIndex = view.steps.findIndex((s) => s.id === view.current);
	const items = view.steps.map((step, i) => {
		const isProblem = problem && i === currentIndex + 1;
		const cls = isProblem ? 'problem' : step.done ? (i === currentIndex ? 'done current' : 'done') : 'todo';
		const icon = isProblem ? ICONS.problem : step.done ? ICONS.done(color) : ICONS.todo;
		const sub = isProblem ? e(t.problems[problem.problem!]) : e(when(step.at, t, zone));
		return `<li class="${cls}" data-step="${step.id}">${icon}<span><b>${e(t.steps[step.id])}</b><span class="t">${sub}</span></span></li>`;
	});
	return `<ol class="steps">${items.join('')}</ol>`;
}

function parcel(p: ParcelView, t: Texts, zone: string, index: number, count: number): string {
	const head = `<h2>${e(t.parcel)}${count > 1 ? ` ${index + 1}` : ''}${p.carrierName ? ` · ${e(p.carrierName)}` : ''}</h2>`;
	const estimate = p.estimate ? formatDeliveryEstimate({ earliest: p.estimate.earliest, latest: p.estimate.latest }, t.locale, zone, 'long') : undefined;
	const est = p.delivered
		? `<p class="est">${e(t.delivered)}</p>`
		: estimate
			? `<p class="muted">${e(t.expected)}</p><p class="est" data-estimate>${e(estimate)}</p><p class="muted" data-source="${e(p.estimate!.source)}">${e(t.source(p))}</p>`
			: '';
	const problem = p.problem ? `<p class="note bad">${e(t.problems[p.problem])}</p>` : '';
	const url = safeUrl(p.trackingUrl);
	const link = url ? `<a class="btn" href="${url}" target="_blank" rel="noopener noreferrer">${e(t.track)}</a>` : '';
	return `<div class="parcel">${head}${problem}${est}<p class="muted">${e(p.trackingNumber)}</p>${link}</div>`;
}

function recommendations(recs: Recommendation[], t: Texts): string {
	if (recs.length === 0) return '';
	const li = recs.map((r) => {
		const url = safeUrl(r.url);
		const title = url ? `<a href="${url}" target="_blank" rel="noopener noreferrer">${e(r.title)}</a>` : e(r.title);
		return `<li><span>${title}</span><span>${money(r.price, r.currency, t)}</span></li>`;
	});
	return `<div class="card"><h2>${e(t.recommendations)}</h2><ul class="recs">${li.join('')}</ul></div>`;
}

function status(view: OrderStatusView, savedLink: string | null | undefined, t: Texts, color: string, zone: string): string {
	const closed = view.state === 'cancelled' || view.state === 'refunded';
	const head = `<h1>${e(t.order)} ${e(view.number)}</h1><p class="muted">${e(t.placedOn)} ${e(when(view.placedAt, t, zone))}</p>`;
	const body = closed
		? `<p class="note">${e(view.state === 'cancelled' ? t.cancelled : t.refunded)}</p>`
		: timeline(view, t, color, zone) +
			(view.parcels.length ? view.parcels.map((p, i) => parcel(p, t, zone, i, view.parcels.length)).join('') : `<p class="note">${e(t.notShipped)}</p>`);
	const lines = view.lines.map((l) => `<li><span>${l.quantity} × ${e(l.title)}</span><span>${money(l.unitPrice, view.currency, t)}</span></li>`).join('');
	const saved = savedLink ? `<p class="muted small"><a href="${e(savedLink)}" data-saved-link>${e(t.save)}</a></p>` : '';
	return `<div class="card">${head}${body}</div><div class="card"><h2>${e(t.items)}</h2><ul class="items">${lines}</ul></div>${closed ? '' : recommendations(view.recommendations, t)}${saved}`;
}

/** The whole page for one state of the tracking page. */
export function trackingPage(options: TrackingPageOptions): string {
	const t = TEXTS[options.language];
	const color = safeColor(options.brand.color, DEFAULT_COLOR);
	const { state } = options;
	const zone = options.timezone || (state.kind === 'status' ? state.view.timezone : null) || 'Europe/Berlin';
	let body: string;
	if (state.kind === 'status') body = status(state.view, state.savedLink, t, color, zone);
	else {
		const note = state.kind === 'form' ? '' : `<p class="note${state.kind === 'expired' ? '' : ' bad'}" role="alert">${e(t[state.kind === 'not_found' ? 'notFound' : state.kind])}</p>`;
		body = form(t, options.number ?? '', note);
	}
	const title = state.kind === 'status' ? `${t.order} ${state.view.number} · ${options.brand.shopName}` : `${t.title} · ${options.brand.shopName}`;
	return htmlPage({ language: options.language, title, css: `:root{--c:${color}}${CSS}`, body: brandHeader(options.brand) + body });
}
