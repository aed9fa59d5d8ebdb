import type { TemplateTexts } from './common';
import type { EmailTemplate } from './types';

/** Delivered: the parcel has arrived. */

const TEXTS: Record<'de' | 'en', TemplateTexts> = {
	en: {
		subject: 'Your order {orderNumber} has arrived',
		preheader: 'Your parcel was delivered. We hope you love it.',
		heading: 'Your parcel has arrived',
		body: ['{carrier} reports that your order {orderNumber} was delivered. We hope you enjoy it!', 'If anything is not right, just reply to this e-mail and we will sort it out.'],
		button: 'View your order',
	},
	de: {
		subject: 'Ihre Bestellung {orderNumber} ist angekommen',
		preheader: 'Ihr Paket wurde zugestellt. Viel Freude damit!',
		heading: 'Ihr Paket ist angekommen',
		body: ['{carrier} meldet, dass Ihre Bestellung {orderNumber} zugestellt wurde. Viel Freude damit!', 'Falls etwas nicht stimmt, antworten Sie einfach auf diese E-Mail. Wir kümmern uns darum.'],
		button: 'Bestellung ansehen',
	},
};

export const delivered: EmailTemplate = {
	step: 'delivered',
	purpose: 'transactional',
	texts: () => TEXTS,
	blocks: (ctx) => ctx.button(ctx.input.order?.statusUrl),
};
