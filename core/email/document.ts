import { formatDeliveryEstimate, resolveStep, toEstimate } from '../journey';
import type { JourneyStepId } from '../journey';
import { InputError } from '../shared/errors';
import type { EmailPurpose, TemplateInput, TemplateKind } from './input';
import type { Block, EmailDocument, Language } from './model';
import { formatMoney } from './money';
import { COMMON, EMAIL_TEMPLATES, emailTemplate, fill, templateFor } from './templates';
import type { TemplateContext } from './templates';
import { lineItemsBlock } from './templates/blocks';

/**
 * Builds the content model of every built-in journey e-mail (and of a custom one) from plain data. Each built-in
 * e-mail is one module in `templates/`, found through the journey-step registry; this file does what they share:
 * heading, greeting, opening paragraphs, sign-off, subject, preheader and footer. It knows nothing about n8n.
 */

/** The purpose a template has unless the user says otherwise (by template value of either node version). */
export function defaultPurpose(template: TemplateKind): EmailPurpose {
	return emailTemplate(template)?.purpose ?? 'transactional';
}

/** Purposes by the Email Compose node's version-1 template values. */
export const DEFAULT_PURPOSE: Record<string, EmailPurpose> = Object.fromEntries(
	['orderConfirmation', 'shipping', 'delivered', 'returnReceived', 'reviewRequest', 'cartReminder', 'replenishment', 'winBack', 'custom'].map((t) => [t, defaultPurpose(t as TemplateKind)]),
);

/**
 * The journey step claimed for "once per customer and step" unless the user sets one. Version-1 nodes keep the
 * names their claims were stored under (`order_confirmation`, `return_received` for refunds too); from 1.1 on it is
 * the registry step of the e-mail that goes out (a refund e-mail is `refund_issued`, so it is not blocked by the
 * return e-mail before it).
 */
export function defaultJourneyStep(template: TemplateKind, input?: TemplateInput): string {
	if (!input) {
		const id = resolveStep(template)?.id;
		if (id === 'order_received') return 'order_confirmation';
		return id ?? 'custom';
	}
	return (templateFor(input)?.step ?? resolveStep(template)?.id ?? 'custom') as JourneyStepId;
}

/** The steps that have a built-in e-mail, in registry order. */
export function emailSteps(): JourneyStepId[] {
	return Object.keys(EMAIL_TEMPLATES) as JourneyStepId[];
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

	if (resolveStep(input.template)?.id === 'custom') return customDocument(input, lang);
	const template = templateFor(input);
	if (!template) throw new InputError(`Unknown e-mail template "${input.template}"`, 'template', 'Pick a template from the list.');

	const texts = template.texts(input)[lang];
	const ctx: TemplateContext = {
		input,
		lang,
		locale,
		currency,
		common,
		texts,
		values,
		refund,
		facts: () => {
			const rows = [];
			if (values.orderNumber) rows.push({ label: common.orderNumber, value: values.orderNumber });
			if (input.shipment?.carrierName) rows.push({ label: common.carrier, value: input.shipment.carrierName });
			if (input.shipment?.trackingNumber) rows.push({ label: common.trackingNumber, value: input.shipment.trackingNumber, url: input.shipment.trackingUrl });
			// The same estimate, said the same way as in the SMS (core/journey), in its long form.
			const eta = formatDeliveryEstimate(toEstimate(input.shipment?.estimatedDelivery), locale, input.timezone, 'long');
			if (eta) rows.push({ label: common.estimatedDelivery, value: eta });
			return rows.length ? [{ type: 'facts', rows }] : [];
		},
		button: (url, label = texts.button) => (url && label ? [{ type: 'button', label: fill(label, values), url }] : []),
		orderTable: () => {
			const table = lineItemsBlock(input.order?.lineItems, input.order, currency, locale, common.orderCaption, lang);
			return table ? [table] : [];
		},
	};
	const blocks: Block[] = [];
	blocks.push({ type: 'heading', text: fill(texts.heading, values) });
	blocks.push({ type: 'paragraph', text: fill(values.firstName ? common.greeting : common.greetingAnonymous, values) });
	const body = input.intro ? [input.intro] : texts.body;
	for (const p of body) blocks.push({ type: 'paragraph', text: fill(p, values) });
	blocks.push(...template.blocks(ctx));
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
