import type { Block } from '../model';
import type { TemplateTexts } from './common';
import type { EmailTemplate } from './types';

/** Replenishment: a product is probably running out; reorder in one click. */

const TEXTS: Record<'de' | 'en', TemplateTexts> = {
	en: {
		subject: 'Running low on {product}?',
		preheader: 'Reorder in one click before it runs out.',
		heading: 'Time to restock?',
		body: ['Your {product} will probably run out soon. Reorder now and it will arrive before you miss it.'],
		button: 'Reorder now',
	},
	de: {
		subject: 'Geht Ihr {product} bald zur Neige?',
		preheader: 'Mit einem Klick nachbestellen, bevor es ausgeht.',
		heading: 'Zeit zum Nachfüllen?',
		body: ['Ihr {product} ist wahrscheinlich bald aufgebraucht. Bestellen Sie jetzt nach, dann ist Nachschub da, bevor er fehlt.'],
		button: 'Jetzt nachbestellen',
	},
};

export const replenishment: EmailTemplate = {
	step: 'replenishment',
	purpose: 'marketing',
	texts: () => TEXTS,
	blocks: (ctx) => {
		const product = ctx.input.product;
		const out: Block[] = [];
		if (product?.title && product.imageUrl) out.push({ type: 'products', title: product.title, items: [{ title: product.title, url: product.url, imageUrl: product.imageUrl }] });
		return [...out, ...ctx.button(product?.url || ctx.input.shopUrl)];
	},
};
