import type { Block } from '../model';
import type { TemplateTexts } from './common';
import type { EmailTemplate } from './types';

/**
 * Review request: asks for a review a few days after delivery, with one-click stars when the rating link has `{rating}`.
 * The voucher, when there is one, is the same for every answer, and the text says so (FTC 16 CFR Part 465, UWG).
 */

const TEXTS: Record<'de' | 'en', TemplateTexts> = {
	en: {
		subject: 'How do you like your order from {shop}?',
		preheader: 'Your opinion takes one click and helps other customers.',
		heading: 'How was your order?',
		body: ['Your order {orderNumber} arrived a few days ago. We would love to hear what you think: it takes one click and helps other customers choose.'],
		button: 'Write a review',
		ratingQuestion: 'How many stars would you give us?',
		couponLabel: 'As a thank-you for any answer, whatever your rating',
	},
	de: {
		subject: 'Wie gefällt Ihnen Ihre Bestellung von {shop}?',
		preheader: 'Ihre Meinung kostet nur einen Klick und hilft anderen Kunden.',
		heading: 'Wie war Ihre Bestellung?',
		body: ['Ihre Bestellung {orderNumber} ist vor ein paar Tagen angekommen. Wir würden gern wissen, wie sie Ihnen gefällt: Ein Klick genügt und hilft anderen bei der Auswahl.'],
		button: 'Bewertung schreiben',
		ratingQuestion: 'Wie viele Sterne geben Sie uns?',
		couponLabel: 'Als Dankeschön für jede Antwort, egal wie sie ausfällt',
	},
};

export const reviewRequest: EmailTemplate = {
	step: 'review_request',
	purpose: 'marketing',
	texts: () => TEXTS,
	blocks: (ctx) => {
		const { input, texts } = ctx;
		const out: Block[] = [];
		if (input.ratingUrl?.includes('{rating}')) {
			const ratingUrl = input.ratingUrl;
			out.push({
				type: 'rating',
				question: String(texts.ratingQuestion),
				options: [1, 2, 3, 4, 5].map((n) => ({ label: '★'.repeat(n), url: ratingUrl.replace(/\{rating\}/g, String(n)) })),
			});
		}
		out.push(...ctx.button(input.reviewUrl));
		if (input.couponCode) out.push({ type: 'code', label: String(texts.couponLabel), code: input.couponCode, note: input.couponNote });
		return out;
	},
};
