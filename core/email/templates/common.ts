import type { Language } from '../model';

/**
 * The wording every built-in e-mail shares (greeting, sign-off, table labels, footer); each template's own texts
 * live in its module. `{name}` placeholders are filled with plain values; escaping happens later, in the renderer.
 * German uses the formal "Sie", which suits every shop; a shop that prefers "du" uses its own texts (Custom).
 */

export interface TemplateTexts {
	subject: string;
	preheader: string;
	heading: string;
	/** Paragraphs after the greeting. */
	body: string[];
	button?: string;
	/** Extra, template-specific strings. */
	[key: string]: string | string[] | undefined;
}

export interface CommonTexts {
	greeting: string;
	greetingAnonymous: string;
	signOff: string;
	orderCaption: string;
	subtotal: string;
	shipping: string;
	discount: string;
	tax: string;
	total: string;
	quantity: string;
	orderNumber: string;
	carrier: string;
	trackingNumber: string;
	estimatedDelivery: string;
	refundAmount: string;
	returnedItems: string;
	unsubscribe: string;
	reasonTransactional: string;
	reasonMarketing: string;
	viewOrder: string;
}

export const COMMON: Record<Language, CommonTexts> = {
	en: {
		greeting: 'Hi {firstName},',
		greetingAnonymous: 'Hello,',
		signOff: 'Best wishes,\nYour {shop} team',
		orderCaption: 'Your order',
		subtotal: 'Subtotal',
		shipping: 'Shipping',
		discount: 'Discount',
		tax: 'Tax',
		total: 'Total',
		quantity: 'Qty',
		orderNumber: 'Order number',
		carrier: 'Carrier',
		trackingNumber: 'Tracking number',
		estimatedDelivery: 'Expected delivery',
		refundAmount: 'Refund',
		returnedItems: 'Returned items',
		unsubscribe: 'Unsubscribe from these e-mails',
		reasonTransactional: 'You receive this e-mail because you placed an order at {shop}.',
		reasonMarketing: 'You receive this e-mail because you agreed to hear from {shop}.',
		viewOrder: 'View your order',
	},
	de: {
		greeting: 'Hallo {firstName},',
		greetingAnonymous: 'Guten Tag,',
		signOff: 'Viele Grüße\nIhr Team von {shop}',
		orderCaption: 'Ihre Bestellung',
		subtotal: 'Zwischensumme',
		shipping: 'Versand',
		discount: 'Rabatt',
		tax: 'MwSt.',
		total: 'Gesamt',
		quantity: 'Menge',
		orderNumber: 'Bestellnummer',
		carrier: 'Versanddienstleister',
		trackingNumber: 'Sendungsnummer',
		estimatedDelivery: 'Voraussichtliche Zustellung',
		refundAmount: 'Erstattung',
		returnedItems: 'Zurückgesendete Artikel',
		unsubscribe: 'Von diesen E-Mails abmelden',
		reasonTransactional: 'Sie erhalten diese E-Mail, weil Sie bei {shop} bestellt haben.',
		reasonMarketing: 'Sie erhalten diese E-Mail, weil Sie Nachrichten von {shop} zugestimmt haben.',
		viewOrder: 'Bestellung ansehen',
	},
};

/** Fills `{name}` placeholders; unknown names become empty so a missing value never shows as `{orderNumber}`. */
export function fill(template: string, values: Record<string, string | undefined>): string {
	return template
		.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '')
		.replace(/ {2,}/g, ' ')
		.replace(/ ([.,:!?])/g, '$1')
		// A shop name that ends in a dot ("Bohne & Co.") must not end a sentence with two.
		.replace(/\.\.(?!\.)/g, '.')
		.trim();
}
