import { renderSms, SMS_TEMPLATES, smsStep, templateVariants } from '../../../core/sms';

/**
 * Every ready-made SMS text of every journey step, in German (du and Sie) and English, rendered with one shipment
 * item. `golden.json` holds what the renderer produced before the texts were keyed by the journey-step registry.
 */
export const ITEM = {
	customer: { firstName: 'Anna', phone: '+4915112345678', locale: 'de-DE', timezone: 'Europe/Berlin', country: 'DE' },
	order: { id: '5001', number: '1042', currency: 'EUR', total: '49.9', placedAt: '2025-05-12T22:30:00Z', statusUrl: 'https://shop.example/o/1042' },
	shipment: {
		orderNumber: '1042',
		trackingNumber: '00340434161094042557',
		carrier: { code: 'dhl', name: 'DHL' },
		trackingUrl: 'https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode=00340434161094042557',
		estimatedDelivery: { earliest: '2025-12-02T06:00:00Z', latest: '2025-12-03T16:00:00Z' },
	},
	return: { refund: { amount: '19.95', currency: 'EUR' } },
	cart: { recoveryUrl: 'https://shop.example/cart/abc', lineItems: [{ title: 'Bio-Kaffee Espresso 1 kg' }] },
	product: { title: 'Bio-Kaffee Espresso 1 kg', url: 'https://shop.example/p/kaffee' },
	review: { url: 'https://shop.example/r/1', replyText: 'Danke für Ihre Bewertung! Wie versprochen gibt es für jede Antwort Ihren Gutschein: DANKE10.' },
	coupon: { code: 'WIEDER10' },
};

export function smsGolden(steps: string[] = Object.keys(SMS_TEMPLATES)): Record<string, string> {
	const out: Record<string, string> = {};
	for (const step of steps) {
		for (const address of ['informal', 'formal'] as const) {
			for (const locale of ['de-DE', 'en-US']) {
				const variants = templateVariants(step, address);
				const purpose = SMS_TEMPLATES[smsStep(step) ?? 'shipped'].purpose;
				out[`${step}.${address}.${locale}`] = renderSms({ data: ITEM, variants, locale, purpose, senderKind: 'two_way', shopName: 'Kaffeehaus', shopUrl: 'https://shop.example', journeyStep: step }).text;
			}
		}
	}
	return out;
}
