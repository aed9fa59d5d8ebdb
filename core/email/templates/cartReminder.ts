import type { Block } from '../model';
import { lineItemsBlock } from './blocks';
import type { TemplateTexts } from './common';
import type { EmailTemplate } from './types';

/** Cart reminder: the cart left behind, an optional code, and the way back to it. */

const TEXTS: Record<'de' | 'en', TemplateTexts> = {
	en: {
		subject: 'You left something in your cart at {shop}',
		preheader: 'Your items are still waiting for you.',
		heading: 'Still thinking it over?',
		body: ['You left a few things in your cart. We have saved them for you, so you can pick up right where you left off.'],
		button: 'Back to your cart',
		cartCaption: 'Your cart',
		couponLabel: 'Your code',
	},
	de: {
		subject: 'In Ihrem Warenkorb bei {shop} wartet noch etwas',
		preheader: 'Ihre Artikel warten noch auf Sie.',
		heading: 'Noch unentschlossen?',
		body: ['Sie haben noch Artikel in Ihrem Warenkorb. Wir haben sie für Sie aufgehoben, damit Sie genau dort weitermachen können, wo Sie aufgehört haben.'],
		button: 'Zum Warenkorb',
		cartCaption: 'Ihr Warenkorb',
		couponLabel: 'Ihr Code',
	},
};

export const cartReminder: EmailTemplate = {
	step: 'cart_reminder',
	purpose: 'marketing',
	texts: () => TEXTS,
	blocks: (ctx) => {
		const { input, texts } = ctx;
		const out: Block[] = [];
		const table = lineItemsBlock(input.cart?.lineItems, { total: input.cart?.total }, ctx.currency, ctx.locale, String(texts.cartCaption), ctx.lang);
		if (table) out.push(table);
		if (input.couponCode) out.push({ type: 'code', label: String(texts.couponLabel), code: input.couponCode, note: input.couponNote });
		return [...out, ...ctx.button(input.cart?.recoveryUrl || input.shopUrl)];
	},
};
