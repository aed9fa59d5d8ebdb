import type { Block } from '../model';
import { productCards } from './blocks';
import type { TemplateTexts } from './common';
import type { EmailTemplate } from './types';

/** Win-back: invites a customer who has not ordered for a long time, with an optional code and new products. */

const TEXTS: Record<'de' | 'en', TemplateTexts> = {
	en: {
		subject: 'We miss you at {shop}',
		preheader: 'It has been a while. Here is what is new.',
		heading: 'We miss you!',
		body: ['It has been a while since your last visit. A lot has happened at {shop} since then: come and have a look.'],
		button: 'See what is new',
		couponLabel: 'A welcome-back gift',
		productsTitle: 'New for you',
	},
	de: {
		subject: 'Wir vermissen Sie bei {shop}',
		preheader: 'Es ist eine Weile her. Das ist neu bei uns.',
		heading: 'Wir vermissen Sie!',
		body: ['Ihr letzter Besuch ist schon eine Weile her. Bei {shop} hat sich seitdem einiges getan: Schauen Sie doch mal vorbei.'],
		button: 'Neuheiten ansehen',
		couponLabel: 'Ein Willkommensgeschenk',
		productsTitle: 'Neu für Sie',
	},
};

export const winBack: EmailTemplate = {
	step: 'win_back',
	purpose: 'marketing',
	texts: () => TEXTS,
	blocks: (ctx) => {
		const { input, texts } = ctx;
		const out: Block[] = [];
		if (input.couponCode) out.push({ type: 'code', label: String(texts.couponLabel), code: input.couponCode, note: input.couponNote });
		out.push(...ctx.button(input.shopUrl));
		if (input.crossSell?.length) out.push({ type: 'products', title: String(texts.productsTitle), items: productCards(input.crossSell, ctx.currency, ctx.locale) });
		return out;
	},
};
