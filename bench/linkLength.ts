import { trackingUrl } from '../core/carriers';
import { shortenText } from '../core/links';
import { composeSms, finishSms, prepareSms, templateVariants } from '../core/sms';
import type { ComposeInput } from '../core/sms';

/**
 * "Link length saved": the package's default SMS texts that carry a link, with a realistic link, before and after
 * Shorten Links — characters and segments, German and English — for the two short-link shapes: n8n's own webhook
 * address and a short domain the shop forwards to it. Figures only (no timing, so no rounds), none with a target: each
 * row says "(no target)". The README quotes them.
 */

const data = {
	customer: { firstName: 'Anna', locale: 'de-DE', phone: '+4915112345678' },
	order: { id: '5123456789012', number: '#10482', total: '59.90', currency: 'EUR', statusUrl: 'https://mein-shop.de/61234567/orders/8f3c1e9d2b7a4f60a1c5e8d7b6a49f3e/authenticate?key=3b9d7c1f5e2a8d4c6b0e9f7a1c3d5e8b' },
	shipment: { trackingNumber: '00340434161094042557', carrier: { code: 'dhl', name: 'DHL' }, trackingUrl: '' },
	cart: { items: [{ title: 'Kaffeebohnen Espresso 1 kg' }], recoveryUrl: 'https://mein-shop.de/61234567/checkouts/ac/Z2NwLWV1cm9wZS13ZXN0MTowMUo5/recover?key=7f3a9c2e1b5d8f4a' },
	review: { url: 'https://g.page/r/CbX3pL9mQ2vKEAE/review' },
};

const STEPS: Array<[string, string]> = [
	['payment_reminder', 'statusUrl (Shopify order status)'],
	['shipped', 'trackingUrl (DHL)'],
	['out_for_delivery', 'trackingUrl (DHL)'],
	['delivery_exception', 'trackingUrl (DHL)'],
	['cart_reminder', 'cartUrl (Shopify checkout recovery)'],
];

const BASES = [
	{ label: 'n8n webhook address', base: 'https://n8n.mein-shop.de/webhook' },
	{ label: 'short domain', base: 'https://go.mein-shop.de' },
];

export async function run(): Promise<void> {
	console.log('Link length saved: characters and segments before and after Shorten Links (exact counts, one run; no target is set for them)');
	for (const lang of ['de', 'en'] as const) {
		const item = { ...data, customer: { ...data.customer, locale: lang === 'de' ? 'de-DE' : 'en-GB' }, shipment: { ...data.shipment, trackingUrl: trackingUrl('dhl', data.shipment.trackingNumber, { locale: lang }) } };
		for (const [step, link] of STEPS) {
			const input: ComposeInput = { to: '+4915112345678', from: '+4915123456789', data: item, variants: templateVariants(step, 'formal'), journeyStep: step, purpose: 'transactional', shopName: 'Mein Shop' };
			const before = composeSms(input);
			const cells = [`${lang} ${step.padEnd(19)} ${link.padEnd(36)} ${String(before.characters).padStart(4)} chars ${before.segments} seg`];
			for (const { label, base } of BASES) {
				const prepared = prepareSms(input);
				const shortened = await shortenText(prepared.text, { base, path: 'l' });
				const after = finishSms(prepared, shortened.text);
				cells.push(`${label}: ${after.characters} chars ${after.segments} seg (−${before.characters - after.characters})`);
			}
			console.log(`${cells.join(' | ')} (no target)`);
		}
	}
}
