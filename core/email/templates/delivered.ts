import type { TemplateTexts } from './common';
import type { EmailTemplate } from './types';

/**
 * Delivered: the parcel has arrived. When the carrier says where it left it (the Tracking Update Trigger's
 * `tracking.deliveredTo`), the e-mail says so, so the customer knows to ring the neighbour or go to the parcel shop.
 */

const PLACE: Record<'de' | 'en', Record<string, string>> = {
	en: {
		neighbour: 'It was handed to a neighbour of yours.',
		parcel_shop: 'It was left at a parcel shop, where it is waiting for you to collect it.',
		parcel_locker: 'It was put in a parcel locker, where it is waiting for you to collect it.',
		mailbox: 'It was put in your mailbox.',
		safe_place: 'It was left at your safe place.',
	},
	de: {
		neighbour: 'Es wurde bei einem Nachbarn abgegeben.',
		parcel_shop: 'Es wurde in einem Paketshop hinterlegt und liegt dort zur Abholung für Sie bereit.',
		parcel_locker: 'Es wurde in eine Packstation gelegt und liegt dort zur Abholung für Sie bereit.',
		mailbox: 'Es wurde in Ihren Briefkasten gelegt.',
		safe_place: 'Es wurde an Ihrem Ablageort abgelegt.',
	},
};

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
	texts: (input) => {
		const place = input.shipment?.deliveredTo;
		if (!place || !PLACE.en[place]) return TEXTS;
		const withPlace = (lang: 'de' | 'en'): TemplateTexts => ({ ...TEXTS[lang], body: [TEXTS[lang].body[0], PLACE[lang][place], ...TEXTS[lang].body.slice(1)] });
		return { en: withPlace('en'), de: withPlace('de') };
	},
	blocks: (ctx) => ctx.button(ctx.input.order?.statusUrl),
};
