import { InputError } from '../../shared/errors';
import type { ConfirmationStyle } from '../input';
import type { Block } from '../model';
import { productCards } from './blocks';
import type { TemplateTexts } from './common';
import type { EmailTemplate } from './types';

/** Order received: the order confirmation, in one of five styles (each with its own texts). */

const TEXTS: Record<ConfirmationStyle, Record<'de' | 'en', TemplateTexts>> = {
	simple: {
		en: {
			subject: 'Your order {orderNumber} at {shop}',
			preheader: 'Thank you! Here is a summary of your order.',
			heading: 'Thank you for your order',
			body: ['We have received your order {orderNumber} and are getting it ready. You will hear from us again as soon as it ships.'],
			button: 'View your order',
		},
		de: {
			subject: 'Ihre Bestellung {orderNumber} bei {shop}',
			preheader: 'Vielen Dank! Hier ist die Übersicht Ihrer Bestellung.',
			heading: 'Vielen Dank für Ihre Bestellung',
			body: ['Wir haben Ihre Bestellung {orderNumber} erhalten und bereiten sie vor. Sobald sie unterwegs ist, melden wir uns wieder.'],
			button: 'Bestellung ansehen',
		},
	},
	welcome: {
		en: {
			subject: 'Welcome to {shop}! Your first order {orderNumber}',
			preheader: 'We are so glad you found us. Here is what happens next.',
			heading: 'Welcome to the {shop} family!',
			body: [
				'Thank you for your very first order with us. It means a lot to a shop like ours, and we will take good care of it.',
				'Your order {orderNumber} is being packed with love. As soon as it is on its way, we will send you the tracking link.',
				'Questions? Just reply to this e-mail: a real person will answer.',
			],
			button: 'View your order',
		},
		de: {
			subject: 'Willkommen bei {shop}! Ihre erste Bestellung {orderNumber}',
			preheader: 'Schön, dass Sie da sind. So geht es jetzt weiter.',
			heading: 'Herzlich willkommen bei {shop}!',
			body: [
				'Vielen Dank für Ihre allererste Bestellung bei uns. Das bedeutet uns viel, und wir kümmern uns mit Sorgfalt darum.',
				'Ihre Bestellung {orderNumber} wird gerade liebevoll verpackt. Sobald sie unterwegs ist, schicken wir Ihnen den Link zur Sendungsverfolgung.',
				'Fragen? Antworten Sie einfach auf diese E-Mail: Ein Mensch aus unserem Team meldet sich.',
			],
			button: 'Bestellung ansehen',
		},
	},
	reassuring: {
		en: {
			subject: 'Order {orderNumber} confirmed: here is how to follow it',
			preheader: 'Your order is confirmed and you can follow every step.',
			heading: 'Your order is confirmed',
			body: [
				'Everything went through: your payment is confirmed and order {orderNumber} is in good hands.',
				'You can follow your parcel at any time with the link below.',
			],
			button: 'Track your order',
		},
		de: {
			subject: 'Bestellung {orderNumber} bestätigt: So verfolgen Sie sie',
			preheader: 'Ihre Bestellung ist bestätigt und Sie können jeden Schritt verfolgen.',
			heading: 'Ihre Bestellung ist bestätigt',
			body: [
				'Alles hat geklappt: Ihre Zahlung ist bestätigt und die Bestellung {orderNumber} ist bei uns in guten Händen.',
				'Über den Link unten können Sie Ihr Paket jederzeit verfolgen.',
			],
			button: 'Sendung verfolgen',
		},
	},
	enticing: {
		en: {
			subject: 'Thanks for order {orderNumber}, a little gift for you inside',
			preheader: 'Your order is confirmed, and here is something for next time.',
			heading: 'Thank you! Here is a little something',
			body: ['We have received your order {orderNumber}. As a thank-you, here is a code for your next purchase or to share with a friend.'],
			button: 'Visit the shop',
			couponLabel: 'Your code',
			referralLabel: 'Your code for friends',
		},
		de: {
			subject: 'Danke für Ihre Bestellung {orderNumber}: ein kleines Geschenk für Sie',
			preheader: 'Ihre Bestellung ist bestätigt, und hier ist etwas für das nächste Mal.',
			heading: 'Vielen Dank! Eine kleine Aufmerksamkeit',
			body: ['Wir haben Ihre Bestellung {orderNumber} erhalten. Als Dankeschön bekommen Sie einen Code für Ihren nächsten Einkauf oder zum Weiterschenken.'],
			button: 'Zum Shop',
			couponLabel: 'Ihr Code',
			referralLabel: 'Ihr Code für Freunde',
		},
	},
	crossSell: {
		en: {
			subject: 'Your order {orderNumber} at {shop} is confirmed',
			preheader: 'Thank you! Plus a few things that go well with your order.',
			heading: 'Thank you for your order',
			body: ['We have received your order {orderNumber} and are getting it ready.'],
			button: 'View your order',
			productsTitle: 'You may also like',
		},
		de: {
			subject: 'Ihre Bestellung {orderNumber} bei {shop} ist bestätigt',
			preheader: 'Vielen Dank! Und ein paar Dinge, die gut zu Ihrer Bestellung passen.',
			heading: 'Vielen Dank für Ihre Bestellung',
			body: ['Wir haben Ihre Bestellung {orderNumber} erhalten und bereiten sie vor.'],
			button: 'Bestellung ansehen',
			productsTitle: 'Das könnte Ihnen auch gefallen',
		},
	},
};

export const orderReceived: EmailTemplate = {
	step: 'order_received',
	purpose: 'transactional',
	texts: (input) => TEXTS[input.style ?? 'simple'],
	blocks: (ctx) => {
		const { input, texts } = ctx;
		switch (input.style ?? 'simple') {
			case 'reassuring':
				return [...ctx.facts(), ...ctx.button(input.shipment?.trackingUrl || input.order?.statusUrl), ...ctx.orderTable()];
			case 'enticing': {
				const code = input.couponCode || input.referralCode;
				if (!code) throw new InputError('The "enticing" order confirmation needs a coupon or referral code', 'couponCode', 'Set "Coupon Code" or "Referral Code", or pick another style.');
				const box: Block = { type: 'code', label: String(input.couponCode ? texts.couponLabel : texts.referralLabel), code, note: input.couponNote };
				return [box, ...ctx.orderTable(), ...ctx.button(input.shopUrl || input.order?.statusUrl)];
			}
			case 'crossSell': {
				const out = [...ctx.orderTable(), ...ctx.button(input.order?.statusUrl)];
				if (input.crossSell?.length) out.push({ type: 'products', title: String(texts.productsTitle), items: productCards(input.crossSell, ctx.currency, ctx.locale) });
				return out;
			}
			default:
				return [...ctx.orderTable(), ...ctx.button(input.order?.statusUrl)];
		}
	},
};
