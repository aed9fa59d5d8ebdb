import { InputError } from '../shared/errors';
import type { Block, Brand, EmailDocument, Language, LineRow, ProductCard, TotalRow } from './model';
import { formatMinor, formatMoney, toMinor } from './money';
import { COMMON, TEXTS, fill } from './templates.data';
import type { BuiltInKey, TemplateTexts } from './templates.data';

/**
 * Builds the content model of every built-in journey e-mail (and of a custom one) from plain data. The node maps
 * the canonical trigger output into `TemplateInput`; this module knows nothing about n8n.
 */

export type TemplateKind =
	| 'orderConfirmation'
	| 'shipping'
	| 'delivered'
	| 'reviewRequest'
	| 'returnReceived'
	| 'cartReminder'
	| 'replenishment'
	| 'winBack'
	| 'custom';

export type ConfirmationStyle = 'simple' | 'welcome' | 'reassuring' | 'enticing' | 'crossSell';
export type EmailPurpose = 'transactional' | 'marketing';

export interface LineItemInput {
	title?: string;
	quantity?: number | string;
	unitPrice?: string | number;
	/** Line total when the shop reports it (discounts included); otherwise unitPrice × quantity. */
	total?: string | number;
	sku?: string;
	variant?: string;
	imageUrl?: string;
}

export interface ProductInput {
	title?: string;
	url?: string;
	imageUrl?: string;
	price?: string | number;
	currency?: string;
}

export interface TemplateInput {
	template: TemplateKind;
	style?: ConfirmationStyle;
	lang: Language;
	/** BCP 47 locale for money and dates, e.g. `de-DE`; defaults to the language. */
	locale?: string;
	timezone?: string;
	purpose: EmailPurpose;
	brand: Brand;
	customer?: { firstName?: string; lastName?: string };
	order?: {
		number?: string;
		id?: string;
		currency?: string;
		total?: string | number;
		subtotal?: string | number;
		shippingTotal?: string | number;
		discountTotal?: string | number;
		taxTotal?: string | number;
		lineItems?: LineItemInput[];
		statusUrl?: string;
	};
	shipment?: {
		trackingNumber?: string;
		carrierName?: string;
		trackingUrl?: string;
		estimatedDelivery?: string;
	};
	return?: {
		status?: string;
		items?: Array<{ title?: string; sku?: string; quantity?: number | string }>;
		refund?: { amount?: string | number; currency?: string };
	};
	cart?: { recoveryUrl?: string; currency?: string; total?: string | number; lineItems?: LineItemInput[] };
	product?: { title?: string; url?: string; imageUrl?: string };
	couponCode?: string;
	couponNote?: string;
	referralCode?: string;
	crossSell?: ProductInput[];
	reviewUrl?: string;
	/** A link with `{rating}` in it turns the review request into one-click star buttons. */
	ratingUrl?: string;
	shopUrl?: string;
	unsubscribeUrl?: string;
	/** Override the built-in subject / preheader / opening paragraph. */
	subject?: string;
	preheader?: string;
	intro?: string;
	custom?: { subject?: string; preheader?: string; heading?: string; text?: string; html?: string; buttonLabel?: string; buttonUrl?: string };
}

/** The purpose a template has unless the user says otherwise: the consent gate and the headers depend on it. */
export const DEFAULT_PURPOSE: Record<TemplateKind, EmailPurpose> = {
	orderConfirmation: 'transactional',
	shipping: 'transactional',
	delivered: 'transactional',
	returnReceived: 'transactional',
	reviewRequest: 'marketing',
	cartReminder: 'marketing',
	replenishment: 'marketing',
	winBack: 'marketing',
	custom: 'transactional',
};

/** The journey step name used for "once per customer and step" unless the user sets one. */
export function defaultJourneyStep(template: TemplateKind): string {
	const steps: Record<TemplateKind, string> = {
		orderConfirmation: 'order_confirmation',
		shipping: 'shipped',
		delivered: 'delivered',
		reviewRequest: 'review_request',
		returnReceived: 'return_received',
		cartReminder: 'cart_reminder',
		replenishment: 'replenishment',
		winBack: 'win_back',
		custom: 'custom',
	};
	return steps[template];
}

export function buildDocument(input: TemplateInput): EmailDocument {
	const lang: Language = input.lang === 'de' ? 'de' : 'en';
	const locale = input.locale || lang;
	const common = COMMON[lang];
	const shop = input.brand.shopName;
	const currency = input.order?.currency || input.cart?.currency || input.return?.refund?.currency || 'EUR';
	const refund = input.return?.refund?.amount !== undefined ? formatMoney(input.return.refund.amount, input.return.refund.currency || currency, locale) : '';
	const values: Record<string, string | undefined> = {
		shop,
		firstName: input.customer?.firstName?.trim(),
		orderNumber: input.order?.number || input.order?.id,
		carrier: input.shipment?.carrierName || (lang === 'de' ? 'den Versanddienstleister' : 'the carrier'),
		trackingNumber: input.shipment?.trackingNumber,
		product: input.product?.title || (lang === 'de' ? 'Lieblingsprodukt' : 'favourite product'),
		refund,
	};

	if (input.template === 'custom') return customDocument(input, lang);

	const key = textKey(input);
	const texts: TemplateTexts = TEXTS[key][lang];
	const blocks: Block[] = [];
	blocks.push({ type: 'heading', text: fill(texts.heading, values) });
	blocks.push({ type: 'paragraph', text: fill(values.firstName ? common.greeting : common.greetingAnonymous, values) });
	const body = input.intro ? [input.intro] : texts.body;
	for (const p of body) blocks.push({ type: 'paragraph', text: fill(p, values) });

	const facts = () => {
		const rows = [];
		if (values.orderNumber) rows.push({ label: common.orderNumber, value: values.orderNumber });
		if (input.shipment?.carrierName) rows.push({ label: common.carrier, value: input.shipment.carrierName });
		if (input.shipment?.trackingNumber) rows.push({ label: common.trackingNumber, value: input.shipment.trackingNumber, url: input.shipment.trackingUrl });
		const eta = formatDate(input.shipment?.estimatedDelivery, locale, input.timezone);
		if (eta) rows.push({ label: common.estimatedDelivery, value: eta });
		if (rows.length) blocks.push({ type: 'facts', rows });
	};
	const button = (url: string | undefined, label = texts.button) => {
		if (url && label) blocks.push({ type: 'button', label: fill(label, values), url });
	};
	const orderTable = () => {
		const table = lineItemsBlock(input.order?.lineItems, input.order, currency, locale, common.orderCaption, lang);
		if (table) blocks.push(table);
	};

	switch (key) {
		case 'confirmation.simple':
		case 'confirmation.welcome':
			orderTable();
			button(input.order?.statusUrl);
			break;
		case 'confirmation.reassuring':
			facts();
			button(input.shipment?.trackingUrl || input.order?.statusUrl);
			orderTable();
			break;
		case 'confirmation.enticing': {
			const code = input.couponCode || input.referralCode;
			if (!code) throw new InputError('The "enticing" order confirmation needs a coupon or referral code', 'couponCode', 'Set "Coupon Code" or "Referral Code", or pick another style.');
			blocks.push({ type: 'code', label: String(input.couponCode ? texts.couponLabel : texts.referralLabel), code, note: input.couponNote });
			orderTable();
			button(input.shopUrl || input.order?.statusUrl);
			break;
		}
		case 'confirmation.crossSell':
			orderTable();
			button(input.order?.statusUrl);
			if (input.crossSell?.length) blocks.push({ type: 'products', title: String(texts.productsTitle), items: productCards(input.crossSell, currency, locale) });
			break;
		case 'shipping':
			facts();
			button(input.shipment?.trackingUrl);
			orderTable();
			break;
		case 'delivered':
			button(input.order?.statusUrl);
			break;
		case 'reviewRequest':
			if (input.ratingUrl?.includes('{rating}')) {
				const ratingUrl = input.ratingUrl;
				blocks.push({
					type: 'rating',
					question: String(texts.ratingQuestion),
					options: [1, 2, 3, 4, 5].map((n) => ({ label: '★'.repeat(n), url: ratingUrl.replace(/\{rating\}/g, String(n)) })),
				});
			}
			button(input.reviewUrl);
			if (input.couponCode) blocks.push({ type: 'code', label: lang === 'de' ? 'Als Dankeschön' : 'As a thank-you', code: input.couponCode, note: input.couponNote });
			break;
		case 'returnReceived':
		case 'refund': {
			const items = input.return?.items?.filter((i) => i.title || i.sku) ?? [];
			const rows = items.map((i) => ({ label: `${Number(i.quantity ?? 1)} ×`, value: String(i.title || i.sku) }));
			if (rows.length) blocks.push({ type: 'paragraph', text: common.returnedItems + ':' }, { type: 'facts', rows });
			if (refund) blocks.push({ type: 'facts', rows: [{ label: common.refundAmount, value: refund }] });
			button(input.order?.statusUrl, common.viewOrder);
			break;
		}
		case 'cartReminder': {
			const table = lineItemsBlock(input.cart?.lineItems, { total: input.cart?.total }, currency, locale, String(texts.cartCaption), lang);
			if (table) blocks.push(table);
			if (input.couponCode) blocks.push({ type: 'code', label: lang === 'de' ? 'Ihr Code' : 'Your code', code: input.couponCode, note: input.couponNote });
			button(input.cart?.recoveryUrl || input.shopUrl);
			break;
		}
		case 'replenishment':
			if (input.product?.title && input.product.imageUrl) blocks.push({ type: 'products', title: input.product.title, items: [{ title: input.product.title, url: input.product.url, imageUrl: input.product.imageUrl }] });
			button(input.product?.url || input.shopUrl);
			break;
		case 'winBack':
			if (input.couponCode) blocks.push({ type: 'code', label: String(texts.couponLabel), code: input.couponCode, note: input.couponNote });
			button(input.shopUrl);
			if (input.crossSell?.length) blocks.push({ type: 'products', title: lang === 'de' ? 'Neu für Sie' : 'New for you', items: productCards(input.crossSell, currency, locale) });
			break;
	}
	blocks.push({ type: 'paragraph', text: fill(common.signOff, values) });

	return {
		lang,
		subject: input.subject || fill(texts.subject, values),
		preheader: input.preheader || fill(texts.preheader, values),
		brand: input.brand,
		blocks,
		footer: footerFor(input, lang),
	};
}

function textKey(input: TemplateInput): BuiltInKey {
	switch (input.template) {
		case 'orderConfirmation':
			return `confirmation.${input.style ?? 'simple'}` as BuiltInKey;
		case 'returnReceived':
			return input.return?.refund?.amount !== undefined && input.return.status !== 'received' && input.return.status !== 'requested' ? 'refund' : 'returnReceived';
		default:
			return input.template as BuiltInKey;
	}
}

function customDocument(input: TemplateInput, lang: Language): EmailDocument {
	const custom = input.custom ?? {};
	const subject = input.subject || custom.subject;
	if (!subject) throw new InputError('A custom e-mail needs a subject', 'subject', 'Fill in "Subject".');
	if (!custom.html && !custom.text) throw new InputError('A custom e-mail needs a message text or custom HTML', 'customText');
	const blocks: Block[] = [];
	if (custom.heading) blocks.push({ type: 'heading', text: custom.heading });
	if (custom.html) {
		// The text part comes from the shop's own text when given; otherwise a readable rendering of the HTML.
		blocks.push({ type: 'rawHtml', html: custom.html, text: custom.text || htmlToText(custom.html) });
	} else {
		for (const p of String(custom.text).split(/\n{2,}/)) blocks.push({ type: 'paragraph', text: p.trim() });
	}
	if (custom.buttonLabel && custom.buttonUrl) blocks.push({ type: 'button', label: custom.buttonLabel, url: custom.buttonUrl });
	return {
		lang,
		subject,
		preheader: input.preheader || custom.preheader || '',
		brand: input.brand,
		blocks,
		footer: footerFor(input, lang),
	};
}

function footerFor(input: TemplateInput, lang: Language) {
	const common = COMMON[lang];
	const shop = input.brand.shopName;
	if (input.purpose === 'marketing') {
		return {
			reason: fill(common.reasonMarketing, { shop }),
			unsubscribe: input.unsubscribeUrl ? { label: common.unsubscribe, url: input.unsubscribeUrl } : undefined,
		};
	}
	return { reason: fill(common.reasonTransactional, { shop }) };
}

function lineItemsBlock(
	items: LineItemInput[] | undefined,
	totals: TemplateInput['order'] | undefined,
	currency: string,
	locale: string,
	caption: string,
	lang: Language,
): Block | null {
	if (!items?.length) return null;
	const common = COMMON[lang];
	let sumMinor = 0;
	const rows: LineRow[] = items.map((item, index) => {
		const quantity = Number(item.quantity ?? 1);
		if (!Number.isFinite(quantity) || quantity <= 0) throw new InputError(`Line item ${index + 1} has an invalid quantity`, `lineItems[${index}].quantity`);
		const lineMinor = item.total !== undefined ? toMinor(item.total, currency) : (() => {
			const unit = toMinor(item.unitPrice, currency);
			return unit === null ? null : unit * quantity;
		})();
		if (lineMinor !== null) sumMinor += lineMinor;
		return {
			title: String(item.title || item.sku || '—'),
			detail: item.variant || undefined,
			quantity,
			total: lineMinor === null ? '' : formatMinor(lineMinor, currency, locale),
			imageUrl: item.imageUrl,
		};
	});
	const totalRows: TotalRow[] = [];
	const add = (label: string, amount: unknown, negative = false) => {
		const minor = toMinor(amount, currency);
		if (minor !== null && minor !== 0) totalRows.push({ label, value: formatMinor(negative ? -Math.abs(minor) : minor, currency, locale) });
	};
	const hasBreakdown = totals?.shippingTotal !== undefined || totals?.discountTotal !== undefined;
	if (hasBreakdown) totalRows.push({ label: common.subtotal, value: formatMinor(toMinor(totals?.subtotal, currency) ?? sumMinor, currency, locale) });
	add(common.shipping, totals?.shippingTotal);
	add(common.discount, totals?.discountTotal, true);
	const totalMinor = toMinor(totals?.total, currency) ?? sumMinor;
	totalRows.push({ label: common.total, value: formatMinor(totalMinor, currency, locale), strong: true });
	if (totals?.taxTotal !== undefined) {
		const tax = toMinor(totals.taxTotal, currency);
		if (tax) totalRows.push({ label: lang === 'de' ? `inkl. ${common.tax}` : `incl. ${common.tax}`, value: formatMinor(tax, currency, locale) });
	}
	return { type: 'lineItems', caption, rows, totals: totalRows };
}

function productCards(items: ProductInput[], currency: string, locale: string): ProductCard[] {
	return items
		.filter((p) => p.title)
		.slice(0, 6)
		.map((p) => ({ title: String(p.title), url: p.url, imageUrl: p.imageUrl, price: p.price !== undefined ? formatMoney(p.price, p.currency || currency, locale) : undefined }));
}

function formatDate(iso: string | undefined, locale: string, timezone?: string): string {
	if (!iso) return '';
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return '';
	try {
		return new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: timezone || 'UTC' }).format(date);
	} catch {
		return new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(date);
	}
}

/** Only for custom HTML without a text version: keeps links and line breaks readable. */
function htmlToText(html: string): string {
	return html
		.replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
		.replace(/<a\s[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, '$2 ($1)')
		.replace(/<br\s*\/?>/gi, '\n')
		.replace(/<\/(p|div|h[1-6]|li|tr)>/gi, '\n\n')
		.replace(/<[^>]+>/g, '')
		.replace(/&nbsp;/g, ' ')
		.replace(/&amp;/g, '&')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}

