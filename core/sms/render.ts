import { DateTime } from 'luxon';
import { InputError } from '../shared/errors';
import { DEFAULT_TIMEZONE, deliveryEstimateOf, formatDeliveryEstimate, resolveStep } from '../journey';
import { localeForCountry } from '../shared/language';
import { askedScale, scalePhrase } from '../review';
import { OPT_OUT_LINES, OPT_OUT_MARKERS, SMS_TEMPLATES } from './templates.data';
import type { JourneyStep } from './templates.data';
import { GERMAN_FORMAL } from './templatesFormal.data';

/**
 * Turns a message text with `{placeholders}` and an item of the canonical model into the final SMS text, in the
 * customer's language, time zone and currency: locale variant choice, placeholder filling, opt-out line, UTM tags.
 */

type Json = Record<string, unknown>;

export interface RenderInput {
	/** The canonical item (`{ order, shipment, return, cart, customer, … }`). */
	data: Json;
	/** Text variants by locale (`de-AT`, `de`, `default` …); the customer's locale picks one. */
	variants: Record<string, string>;
	journeyStep?: string;
	purpose: 'transactional' | 'marketing';
	/** Whether the sender can receive replies (a phone number or Messaging Service) or is an alphanumeric ID. */
	senderKind: 'two_way' | 'alphanumeric';
	/** Overrides the customer's locale. */
	locale?: string;
	/** Locale used when the customer has none. */
	defaultLocale?: string;
	/** Time zone used when the customer has none. */
	defaultTimezone?: string;
	shopName?: string;
	shopUrl?: string;
	/** Link for alphanumeric senders' opt-out line. */
	optOutUrl?: string;
	/** Whether to add an opt-out line to marketing texts that have none (default true). */
	addOptOut?: boolean;
	/**
	 * The texts as the marketer wrote them, before n8n filled in its `{{ expressions }}` (by the same keys as
	 * `variants`). Whether a text already tells the customer how to opt out is read from these, never from customer or
	 * product data: a product called "Baja Hoodie" must not remove the opt-out line. Default: `variants`.
	 */
	authoredVariants?: Record<string, string>;
	utm?: { source?: string; medium?: string; campaign?: string } | false;
}

export interface RenderResult {
	text: string;
	/** The variant key that was used. */
	variant: string;
	locale: string;
	optOutAdded: boolean;
}

function get(data: unknown, path: string): unknown {
	let value: unknown = data;
	for (const key of path.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Json)[key];
	}
	return value;
}

function firstOf(data: Json, paths: string[]): unknown {
	for (const path of paths) {
		const value = get(data, path);
		if (value !== undefined && value !== null && value !== '') return value;
	}
	return undefined;
}

/** Picks the variant for a locale: exact tag, then the language, then any variant of that language, then default. */
export function chooseVariant(variants: Record<string, string>, locale: string, fallbackLocale = 'en'): string | undefined {
	const keys = Object.keys(variants).filter((k) => typeof variants[k] === 'string' && variants[k].trim() !== '');
	const norm = (tag: string) => tag.trim().replace(/_/g, '-').toLowerCase();
	const wanted = norm(locale);
	const lang = wanted.split('-')[0];
	const byNorm = new Map(keys.map((k) => [norm(k), k]));
	return (
		byNorm.get(wanted) ??
		byNorm.get(lang) ??
		keys.find((k) => norm(k).split('-')[0] === lang) ??
		byNorm.get('default') ??
		byNorm.get(norm(fallbackLocale)) ??
		byNorm.get(norm(fallbackLocale).split('-')[0]) ??
		keys[0]
	);
}

/** German texts say "du" by default; `formal` switches them to "Sie". */
export type GermanAddress = 'informal' | 'formal';

/** The journey step with ready-made SMS texts that a stored value (registry id or alias) stands for. */
export function smsStep(value: string | null | undefined): JourneyStep | undefined {
	const id = resolveStep(value)?.id;
	return id && id in SMS_TEMPLATES ? (id as JourneyStep) : undefined;
}

/** The ready-made variants of a journey step (language → text); saved workflows' old step names are accepted too. */
export function templateVariants(value: JourneyStep | string, germanAddress: GermanAddress = 'informal'): Record<string, string> {
	const step = smsStep(value);
	if (!step) throw new InputError(`Unknown journey step "${value}".`, 'journeyStep');
	const template = SMS_TEMPLATES[step];
	const texts = germanAddress === 'formal' ? { ...template.texts, de: GERMAN_FORMAL[step] } : template.texts;
	return { ...texts, default: texts.en };
}

/** Intl output uses no-break and narrow spaces, which would push the SMS into UCS-2; plain spaces read the same. */
function plainSpaces(text: string): string {
	return text.replace(/[\u00A0\u202F\u2009]/g, ' ');
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

export function formatMoney(amount: unknown, currency: unknown, locale: string): string | undefined {
	if (amount === undefined || amount === null || amount === '') return undefined;
	const value = Number(amount);
	if (!Number.isFinite(value)) return undefined;
	const code = typeof currency === 'string' && /^[A-Za-z]{3}$/.test(currency) ? currency.toUpperCase() : undefined;
	const key = `${locale}|${code ?? ''}`;
	let format = moneyFormats.get(key);
	if (!format) {
		if (moneyFormats.size > 500) moneyFormats.clear();
		format = code
			? new Intl.NumberFormat(locale, { style: 'currency', currency: code })
			: new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
		moneyFormats.set(key, format);
	}
	return plainSpaces(format.format(value));
}

/** The instant of an ISO timestamp (with offset) or Date; the zone only matters for formatting. */
function toDateTime(value: unknown, zone: string): DateTime | undefined {
	if (value instanceof Date) return DateTime.fromJSDate(value, { zone });
	if (typeof value !== 'string' || !value) return undefined;
	const dt = DateTime.fromISO(value, { zone: 'UTC', setZone: true });
	return dt.isValid ? dt : undefined;
}

const DATE_STYLE: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short' };
const DATE_TIME_STYLE: Intl.DateTimeFormatOptions = { ...DATE_STYLE, hour: 'numeric', minute: '2-digit' };
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** Intl formatters are costly to build; one per locale + zone + style is reused (bounded, for long-lived workers). */
function dateFormat(locale: string, zone: string, style: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = `${locale}|${zone}|${style === DATE_STYLE ? 'd' : 'dt'}`;
	let format = dateFormats.get(key);
	if (!format) {
		if (dateFormats.size > 500) dateFormats.clear();
		format = new Intl.DateTimeFormat(locale, { ...style, timeZone: zone });
		dateFormats.set(key, format);
	}
	return format;
}

/** A calendar date the customer reads; date-only values (`2025-05-14`) are taken as that local day. */
export function formatDate(value: unknown, locale: string, zone: string): string | undefined {
	const dateOnly = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
	const dt = dateOnly ? DateTime.fromISO(value as string, { zone }) : toDateTime(value, zone);
	if (!dt || !dt.isValid) return undefined;
	return plainSpaces(dateFormat(locale, zone, DATE_STYLE).format(dt.toJSDate()));
}

export function formatDateTime(value: unknown, locale: string, zone: string): string | undefined {
	const dt = toDateTime(value, zone);
	if (!dt) return undefined;
	return plainSpaces(dateFormat(locale, zone, DATE_TIME_STYLE).format(dt.toJSDate()));
}

const validZones = new Set<string>(['UTC']);

type Resolver = (data: Json, ctx: { locale: string; zone: string; input: RenderInput }) => unknown;

/** Named placeholders for the ready-made texts; any other `{a.b.c}` reads that path from the item. */
const PLACEHOLDERS: Record<string, Resolver> = {
	firstName: (d) => firstOf(d, ['customer.firstName', 'order.customer.firstName']),
	lastName: (d) => firstOf(d, ['customer.lastName', 'order.customer.lastName']),
	shopName: (d, c) => c.input.shopName ?? firstOf(d, ['shop.name']),
	shopUrl: (d, c) => c.input.shopUrl ?? firstOf(d, ['shop.url']),
	orderNumber: (d) => firstOf(d, ['order.number', 'shipment.orderNumber', 'return.orderNumber', 'order.id', 'shipment.orderId', 'return.orderId']),
	orderTotal: (d, c) => formatMoney(get(d, 'order.total'), get(d, 'order.currency'), c.locale),
	orderDate: (d, c) => formatDate(get(d, 'order.placedAt'), c.locale, c.zone),
	statusUrl: (d) => firstOf(d, ['order.statusUrl']),
	carrier: (d) => firstOf(d, ['shipment.carrier.name', 'tracking.carrier.name', 'shipment.carrier.code']),
	trackingNumber: (d) => firstOf(d, ['shipment.trackingNumber', 'tracking.trackingNumber']),
	trackingUrl: (d) => firstOf(d, ['shipment.trackingUrl', 'tracking.trackingUrl']),
	// The same estimate, read from the same place and said the same way as in the e-mail (core/journey).
	deliveryDate: (d, c) => formatDeliveryEstimate(deliveryEstimateOf(d), c.locale, c.zone, 'short'),
	refundAmount: (d, c) =>
		formatMoney(get(d, 'return.refund.amount'), firstOf(d, ['return.refund.currency', 'order.currency']), c.locale),
	productTitle: (d) => firstOf(d, ['due.product.title', 'product.title', 'order.lineItems.0.title', 'cart.lineItems.0.title', 'cart.items.0.title', 'due.title']),
	productUrl: (d, c) => firstOf(d, ['due.product.url', 'product.url', 'due.reorderUrl']) ?? c.input.shopUrl,
	cartUrl: (d) => firstOf(d, ['cart.recoveryUrl', 'cart.url', 'cart.checkoutUrl']),
	reviewUrl: (d) => firstOf(d, ['review.url', 'reviewUrl']),
	ratingScale: (d, c) => scalePhrase(askedScale(d, c.locale), c.locale),
	reviewReply: (d) => firstOf(d, ['review.replyText']),
	couponCode: (d) => firstOf(d, ['coupon.code', 'couponCode']),
	optOutUrl: (_d, c) => c.input.optOutUrl,
};

const PLACEHOLDER_PATTERN = /\{([A-Za-z_][\w]*(?:\.[\w]+)*)\}/g;

const OPTIONAL_PART = /\[\?([\s\S]*?)\?\]/g;

/**
 * Fills `{placeholders}`; a missing value is an error naming the field, so "Hi ," never goes out — except inside an
 * optional part `[? … ?]`, which is left out as a whole when one of its placeholders has no value.
 */
export function fillPlaceholders(text: string, data: Json, ctx: { locale: string; zone: string; input: RenderInput }): string {
	const withOptionals = text.replace(OPTIONAL_PART, (_whole, part: string) => {
		try {
			return fillRequired(part, data, ctx);
		} catch (error) {
			if (error instanceof InputError) return '';
			throw error;
		}
	});
	return fillRequired(withOptionals, data, ctx);
}

function fillRequired(text: string, data: Json, ctx: { locale: string; zone: string; input: RenderInput }): string {
	return text.replace(PLACEHOLDER_PATTERN, (whole, name: string, offset: number) => {
		const named = PLACEHOLDERS[name];
		if (!named && !(name.split('.')[0] in data)) return whole;
		const value = named ? named(data, ctx) : get(data, name);
		if (value === undefined || value === null || value === '' || typeof value === 'object') {
			throw new InputError(
				`The message text uses {${name}}, but the item has no value for it.`,
				name,
				'Check that the previous node provides this field, or edit the message text.',
			);
		}
		// NFC: an "ü" pasted as u + U+0308 (common from macOS) would turn a GSM-7 text into UCS-2 and double its cost.
		const filled = String(value).normalize('NFC');
		// German dates end in an abbreviation ("Do., 26. Nov."): the sentence's own full stop would double it.
		const followedByStop = text[offset + whole.length] === '.' && text[offset + whole.length + 1] !== '.';
		return followedByStop && filled.endsWith('.') ? filled.slice(0, -1) : filled;
	});
}

const URL_PATTERN = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;

/** Adds utm_source/medium/campaign to every http(s) link that has no utm_source yet. */
export function addUtm(text: string, utm: { source?: string; medium?: string; campaign?: string }, skip: string[] = []): string {
	return text.replace(URL_PATTERN, (link) => {
		if (skip.includes(link)) return link;
		let url: URL;
		try {
			url = new URL(link);
		} catch {
			return link;
		}
		if (url.searchParams.has('utm_source')) return link;
		url.searchParams.set('utm_source', utm.source || 'sms');
		url.searchParams.set('utm_medium', utm.medium || 'sms');
		if (utm.campaign) url.searchParams.set('utm_campaign', utm.campaign);
		return url.toString();
	});
}

/** Renders the final text (before encoding analysis). */
export function renderSms(input: RenderInput): RenderResult {
	const data = input.data ?? {};
	const customerLocale = firstOf(data, ['customer.locale', 'order.customer.locale']);
	const customerCountry = firstOf(data, ['customer.country', 'order.customer.country', 'shipment.shippingAddress.country', 'order.shippingAddress.country']);
	const locale = String(input.locale || customerLocale || localeForCountry(customerCountry as string | undefined) || input.defaultLocale || 'en').replace(/_/g, '-');
	const zone = String(firstOf(data, ['customer.timezone', 'order.customer.timezone']) ?? input.defaultTimezone ?? DEFAULT_TIMEZONE);
	if (!validZones.has(zone)) {
		if (!DateTime.fromMillis(0, { zone }).isValid) throw new InputError(`Unknown time zone "${zone}".`, 'customer.timezone');
		validZones.add(zone);
	}
	const variant = chooseVariant(input.variants, locale, input.defaultLocale);
	if (variant === undefined) throw new InputError('The message text is empty.', 'messageText', 'Enter a message text or pick a template.');
	const ctx = { locale, zone, input };
	let text = fillPlaceholders(input.variants[variant], data, ctx).normalize('NFC').trim();
	if (input.utm) text = addUtm(text, { ...input.utm, campaign: input.utm.campaign ?? input.journeyStep }, input.optOutUrl ? [input.optOutUrl] : []);
	let optOutAdded = false;
	if (input.purpose === 'marketing' && input.addOptOut !== false && !tellsHowToOptOut(input.authoredVariants?.[variant] ?? input.variants[variant], input.optOutUrl)) {
		const lang = locale.split('-')[0].toLowerCase();
		const lines = OPT_OUT_LINES[lang] ?? OPT_OUT_LINES[String(input.defaultLocale ?? 'en').split('-')[0]] ?? OPT_OUT_LINES.en;
		if (input.senderKind === 'alphanumeric') {
			if (!input.optOutUrl) {
				throw new InputError(
					'Marketing SMS from an alphanumeric sender ID need an opt-out link, because customers cannot reply STOP.',
					'optOutUrl',
					'Set "Opt-Out Link" in the node options, or send from a phone number or Messaging Service.',
				);
			}
			text += '\n' + lines.link.replace('{optOutUrl}', input.optOutUrl);
		} else text += '\n' + lines.reply;
		optOutAdded = true;
	}
	return { text, variant, locale, optOutAdded };
}

/**
 * Whether the text as written (placeholders and n8n expressions removed, so no customer or product data) already
 * tells the customer how to opt out: an instruction like "Reply STOP", the opt-out link, or its placeholder.
 */
export function tellsHowToOptOut(authored: string, optOutUrl?: string): boolean {
	if (optOutUrl && (authored.includes(optOutUrl) || authored.includes('{optOutUrl}'))) return true;
	const own = authored.replace(/\{\{[\s\S]*?\}\}/g, ' ').replace(PLACEHOLDER_PATTERN, ' ');
	return OPT_OUT_MARKERS.test(own);
}

/** Whether a sender can receive replies: E.164 numbers and short codes can, alphanumeric IDs cannot. */
export function senderKindOf(from: string | undefined, messagingServiceSid: string | undefined): 'two_way' | 'alphanumeric' {
	// A Messaging Service may hold alphanumeric senders too, but it always has a number pool that takes replies.
	if (!messagingServiceSid && from && /[A-Za-z]/.test(from)) return 'alphanumeric';
	return 'two_way';
}
