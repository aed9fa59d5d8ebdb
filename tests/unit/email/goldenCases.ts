import { createHash } from 'node:crypto';
import { composeEmail } from '../../../core/email';
import type { TemplateInput } from '../../../core/email';
import { SAMPLE_NAMES, sample } from '../../fixtures/email/samples';

/**
 * Every built-in e-mail design (and the variants its blocks branch on), rendered to subject, preheader, text and a
 * hash of the HTML. `golden.json` holds what the renderer produced before the templates became one module each; the
 * refactor must not change a byte of any of them.
 */
export function goldenCases(): Record<string, TemplateInput> {
	const cases: Record<string, TemplateInput> = {};
	for (const lang of ['de', 'en'] as const) {
		for (const name of SAMPLE_NAMES) cases[`${name}.${lang}`] = sample(name, lang);
		const crossSell = sample('confirmation-crossSell', lang).crossSell;
		cases[`reviewRequest-coupon-noRating.${lang}`] = { ...sample('reviewRequest', lang), ratingUrl: undefined, couponCode: 'DANKE5', couponNote: 'note' };
		cases[`cartReminder-coupon-total.${lang}`] = { ...sample('cartReminder', lang), couponCode: 'CART10', cart: { ...sample('cartReminder', lang).cart, total: '19.99' } };
		cases[`winBack-crossSell.${lang}`] = { ...sample('winBack', lang), crossSell };
		cases[`replenishment-noImage.${lang}`] = { ...sample('replenishment', lang), product: { title: 'Espresso', url: 'https://shop.example/p/e' } };
		cases[`enticing-referral.${lang}`] = { ...sample('confirmation-enticing', lang), couponCode: undefined, referralCode: 'FREUND1' };
		cases[`shipping-anonymous-overrides.${lang}`] = { ...sample('shipping', lang), customer: undefined, subject: 'S', preheader: 'P', intro: 'Intro' };
		cases[`delivered-noCarrier.${lang}`] = { ...sample('delivered', lang), shipment: undefined, purpose: 'marketing' };
		cases[`custom-text.${lang}`] = { ...sample('winBack', lang), template: 'custom', purpose: 'transactional', subject: undefined, custom: { subject: 'Neu', heading: 'H', text: 'A\n\nB', buttonLabel: 'Go', buttonUrl: 'https://shop.example/x' } };
		cases[`custom-html.${lang}`] = { ...sample('winBack', lang), template: 'custom', custom: { subject: 'Neu', html: '<p>Hallo <a href="https://shop.example">Shop</a></p>' } };
	}
	return cases;
}

export interface Golden {
	subject: string;
	preheader: string;
	text: string;
	html: string;
}

export function renderGolden(input: TemplateInput): Golden {
	const r = composeEmail(input);
	return { subject: r.subject, preheader: r.preheader, text: r.text, html: createHash('sha256').update(r.html).digest('hex') };
}
