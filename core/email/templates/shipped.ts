import type { TemplateTexts } from './common';
import type { EmailTemplate } from './types';

/** Shipped: the order is on its way, with carrier, tracking number, delivery estimate and the tracking link. */

const TEXTS: Record<'de' | 'en', TemplateTexts> = {
	en: {
		subject: 'Your order {orderNumber} is on its way',
		preheader: 'Your parcel has left us. Follow it with {carrier}.',
		heading: 'Your order is on its way',
		body: ['Good news: your order {orderNumber} has been handed to {carrier}.'],
		button: 'Track your parcel',
	},
	de: {
		subject: 'Ihre Bestellung {orderNumber} ist unterwegs',
		preheader: 'Ihr Paket hat uns verlassen. Verfolgen Sie es bei {carrier}.',
		heading: 'Ihre Bestellung ist unterwegs',
		body: ['Gute Nachrichten: Ihre Bestellung {orderNumber} wurde an {carrier} übergeben.'],
		button: 'Sendung verfolgen',
	},
};

export const shipped: EmailTemplate = {
	step: 'shipped',
	purpose: 'transactional',
	texts: () => TEXTS,
	blocks: (ctx) => [...ctx.facts(), ...ctx.button(ctx.input.shipment?.trackingUrl), ...ctx.orderTable()],
};
