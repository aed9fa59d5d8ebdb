import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { buildDocument, composeEmail, languageOf, templateInputFromItem } from '../../../core/email';
import { InputError } from '../../../core/shared/errors';
import { SAMPLE_NAMES, brand, sample } from '../../fixtures/email/samples';
import type { SampleName } from '../../fixtures/email/samples';

/** What each design must say, per language (subject fragment, text fragments). */
const EXPECT: Record<SampleName, Record<'de' | 'en', { subject: string; text: string[] }>> = {
	'confirmation-simple': { de: { subject: 'Ihre Bestellung #1042', text: ['Hallo Anna,', '2 × Espresso "Nonna" <Bio>', '39,98 €', 'Gesamt: 59,87 €', 'Versand: 4,90 €', 'Rabatt: -5,00 €'] }, en: { subject: 'Your order #1042', text: ['Hi Anna,', '39.98', 'Total: €59.87'] } },
	'confirmation-welcome': { de: { subject: 'Willkommen bei Kaffeerösterei', text: ['allererste Bestellung', 'Gesamt: 59,87 €'] }, en: { subject: 'Welcome to Kaffeerösterei', text: ['very first order', 'Total: €59.87'] } },
	'confirmation-reassuring': { de: { subject: 'Bestellung #1042 bestätigt', text: ['Sendung verfolgen: https://www.dhl.de/', 'Sendungsnummer: 00340434161094042557', 'Donnerstag, 12. März'] }, en: { subject: 'Order #1042 confirmed', text: ['Track your order: https://www.dhl.de/', 'Tracking number: 00340434161094042557', 'Thursday, March 12'] } },
	'confirmation-enticing': { de: { subject: 'ein kleines Geschenk', text: ['Ihr Code: DANKE10', '10 % auf Ihre nächste Bestellung'] }, en: { subject: 'a little gift', text: ['Your code: DANKE10'] } },
	'confirmation-crossSell': { de: { subject: 'ist bestätigt', text: ['Das könnte Ihnen auch gefallen', '- Handmühle Timber (49,00 €): https://shop.example/p/muehle'] }, en: { subject: 'is confirmed', text: ['You may also like', '- Handmühle Timber (€49.00)'] } },
	shipping: { de: { subject: 'ist unterwegs', text: ['an DHL übergeben', 'Sendung verfolgen: https://www.dhl.de/'] }, en: { subject: 'is on its way', text: ['handed to DHL', 'Track your parcel: https://www.dhl.de/'] } },
	delivered: { de: { subject: 'ist angekommen', text: ['DHL meldet'] }, en: { subject: 'has arrived', text: ['DHL reports'] } },
	reviewRequest: { de: { subject: 'Wie gefällt Ihnen', text: ['★★★★★: https://shop.example/review/1042?rating=5', 'Bewertung schreiben: https://shop.example/review/1042'] }, en: { subject: 'How do you like', text: ['★: https://shop.example/review/1042?rating=1', 'Write a review'] } },
	returnReceived: { de: { subject: 'Ihre Rücksendung zur Bestellung #1042', text: ['1 ×: Filterkaffee Hochland Äthiopien', 'prüfen sie jetzt'] }, en: { subject: 'We have received your return', text: ['checking it now'] } },
	refund: { de: { subject: 'Ihre Erstattung über 19,99 € ist unterwegs', text: ['Erstattung: 19,99 €'] }, en: { subject: 'Your refund of €19.99', text: ['Refund: €19.99'] } },
	cartReminder: { de: { subject: 'In Ihrem Warenkorb', text: ['IHR WARENKORB', 'Zum Warenkorb: https://shop.example/cart/recover/xyz'] }, en: { subject: 'You left something', text: ['Back to your cart: https://shop.example/cart/recover/xyz'] } },
	replenishment: { de: { subject: 'Geht Ihr Espresso Nonna bald zur Neige?', text: ['Jetzt nachbestellen: https://shop.example/p/espresso'] }, en: { subject: 'Running low on Espresso Nonna?', text: ['Reorder now'] } },
	winBack: { de: { subject: 'Wir vermissen Sie', text: ['Ein Willkommensgeschenk: WIEDERDA15'] }, en: { subject: 'We miss you', text: ['A welcome-back gift: WIEDERDA15'] } },
};

const nbsp = (s: string) => s.replace(/\u00a0/g, ' ');

const MARKETING: SampleName[] = ['reviewRequest', 'cartReminder', 'replenishment', 'winBack'];

/** Every URL the HTML would load by itself (src, background, CSS url(), <link>). */
function loadedUrls(html: string): string[] {
	const urls = [...html.matchAll(/\ssrc="([^"]*)"/g)].map((m) => m[1]);
	urls.push(...[...html.matchAll(/background="([^"]*)"/g)].map((m) => m[1]));
	urls.push(...[...html.matchAll(/url\(([^)]*)\)/g)].map((m) => m[1]));
	urls.push(...[...html.matchAll(/<link[^>]*href="([^"]*)"/g)].map((m) => m[1]));
	return urls;
}

describe('built-in designs', () => {
	for (const name of SAMPLE_NAMES) {
		for (const lang of ['de', 'en'] as const) {
			it(`${name} (${lang}) says the right things in HTML and text`, () => {
				const input = sample(name, lang);
				const rendered = composeEmail(input);
				// Intl puts a no-break space between amount and currency sign; compare with plain spaces.
				const mail = { ...rendered, subject: nbsp(rendered.subject), text: nbsp(rendered.text), html: nbsp(rendered.html) };
				const expect = EXPECT[name][lang];
				assert.ok(mail.subject.includes(expect.subject), `subject "${mail.subject}" lacks "${expect.subject}"`);
				assert.ok(mail.preheader.length > 10);
				// The preheader is the hidden preview text at the top of the body, not a copy of the subject.
				const hiddenPreheader = nbsp(mail.preheader).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
				assert.ok(mail.html.includes(`mso-hide:all;">${hiddenPreheader}&#8199;`), `hidden preheader "${mail.preheader}" missing`);
				assert.notEqual(mail.preheader, mail.subject);
				assert.match(mail.preheader, /^\S.*[.!]$/, 'a full sentence');
				for (const fragment of expect.text) assert.ok(mail.text.includes(fragment), `text lacks "${fragment}":\n${mail.text}`);
				// Same content model: every fragment that is plain text also appears (escaped) in the HTML.
				for (const fragment of expect.text.filter((f) => !/[:×]|^- /.test(f) && f !== f.toUpperCase())) {
					const escaped = fragment.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
					assert.ok(mail.html.includes(escaped), `html lacks "${escaped}"`);
				}
				assert.match(mail.html, new RegExp(`<html lang="${lang}"`));
				assert.match(mail.html, /<meta name="color-scheme" content="light dark">/);
				assert.match(mail.html, /@media \(prefers-color-scheme: dark\)/);
				assert.doesNotMatch(mail.html, /<script|<link|<iframe|javascript:/i);
				const allowed = new Set([brand.logoUrl, ...(input.order?.lineItems ?? []).map((l) => l.imageUrl), ...(input.cart?.lineItems ?? []).map((l) => l.imageUrl), ...(input.crossSell ?? []).map((p) => p.imageUrl), input.product?.imageUrl]);
				for (const url of loadedUrls(mail.html)) assert.ok(allowed.has(url), `unexpected remote asset ${url}`);
				assert.doesNotMatch(mail.text, /<\/?(p|div|table|tr|td|a|br|span|img|h1|h2|strong|b)\b[^>]*>/i, 'text part contains HTML tags');
				assert.doesNotMatch(mail.text, /&(amp|lt|gt|quot|#\d+);/, 'text part contains HTML entities');
				assert.ok(mail.text.includes('Röstweg 12') && mail.html.includes('Röstweg 12'), 'footer address');
				assert.ok(mail.text.includes('HRB 123456 B') && mail.html.includes('HRB 123456 B'), 'imprint');
				const unsubscribe = 'https://shop.example/unsubscribe?t=abc123';
				if (MARKETING.includes(name)) {
					assert.ok(mail.text.includes(unsubscribe) && mail.html.includes(`href="${unsubscribe}"`), 'marketing mail has an unsubscribe link');
				} else {
					assert.ok(!mail.text.includes(unsubscribe) && !mail.html.includes(unsubscribe), 'transactional mail has no unsubscribe link');
				}
			});
		}
	}
});

describe('escaping and safety', () => {
	it('escapes every shop value in HTML and keeps it readable in text', () => {
		const input = sample('confirmation-simple', 'en');
		input.customer = { firstName: '<img src=x onerror=alert(1)>' };
		input.brand = { ...brand, shopName: 'A&B "Shop"', color: 'red;background:url(x)' };
		const mail = composeEmail(input);
		assert.ok(!mail.html.includes('<img src=x'), 'raw tag from data must not survive');
		assert.ok(mail.html.includes('&lt;img src=x onerror=alert(1)&gt;'));
		assert.ok(mail.html.includes('A&amp;B &quot;Shop&quot;'));
		assert.ok(mail.html.includes('Espresso &quot;Nonna&quot; &lt;Bio&gt;'));
		assert.ok(!mail.html.includes('url(x)'), 'a bad colour falls back to the default');
		assert.ok(mail.text.includes('Hi <img src=x onerror=alert(1)>,'), 'text part is plain, not escaped');
	});

	it('drops links that are not http(s) or mailto', () => {
		const input = sample('confirmation-simple', 'en');
		input.order = { ...input.order, statusUrl: 'javascript:alert(1)' };
		const mail = composeEmail(input);
		assert.doesNotMatch(mail.html, /javascript:/);
	});

	it('greets without a name when none is known', () => {
		const input = sample('shipping', 'de');
		input.customer = {};
		const mail = composeEmail(input);
		assert.ok(mail.text.includes('Guten Tag,'));
		assert.ok(!mail.text.includes('Hallo ,'));
	});

	it('picks German for any de locale and English otherwise', () => {
		assert.equal(languageOf('de-AT'), 'de');
		assert.equal(languageOf('DE'), 'de');
		assert.equal(languageOf('en-GB'), 'en');
		assert.equal(languageOf('fr-FR'), 'en');
		assert.equal(languageOf(null), 'en');
	});
});

describe('money', () => {
	it('formats totals in the order currency for the locale, summing in minor units', () => {
		const input = sample('confirmation-simple', 'de');
		input.order = { number: '7', currency: 'JPY', lineItems: [{ title: 'Tee', quantity: 3, unitPrice: '1200' }] };
		const de = composeEmail(input);
		assert.ok(nbsp(de.text).includes('3.600 ¥'), de.text);
		const usd = composeEmail({ ...sample('confirmation-simple', 'en'), order: { number: '8', currency: 'USD', lineItems: [{ title: 'Mug', quantity: 3, unitPrice: '19.99' }] } });
		assert.ok(usd.text.includes('Total: $59.97'), usd.text);
	});

	it('rejects a nonsense quantity with the field named', () => {
		const input = sample('confirmation-simple', 'en');
		input.order = { number: '9', currency: 'EUR', lineItems: [{ title: 'X', quantity: 'many' }] };
		assert.throws(() => composeEmail(input), (e: unknown) => e instanceof InputError && e.field === 'lineItems[0].quantity');
	});
});

describe('styles and custom e-mails', () => {
	it('the enticing confirmation needs a code', () => {
		const input = sample('confirmation-enticing', 'en');
		delete input.couponCode;
		assert.throws(() => buildDocument(input), InputError);
		input.referralCode = 'ANNA-FRIENDS';
		assert.ok(composeEmail(input).text.includes('Your code for friends: ANNA-FRIENDS'));
	});

	it('custom HTML is inserted as given, inside the branded layout with the footer', () => {
		const mail = composeEmail({
			template: 'custom',
			lang: 'de',
			purpose: 'marketing',
			brand,
			subject: 'Neu: <Winterröstung>',
			unsubscribeUrl: 'https://shop.example/u/1',
			custom: { html: '<p>Unsere <b>Winterröstung</b> ist da.</p>', text: 'Unsere Winterröstung ist da.' },
		});
		assert.equal(mail.subject, 'Neu: <Winterröstung>');
		assert.ok(mail.html.includes('<title>Neu: &lt;Winterröstung&gt;</title>'));
		assert.ok(mail.html.includes('<p>Unsere <b>Winterröstung</b> ist da.</p>'));
		assert.ok(mail.text.includes('Unsere Winterröstung ist da.'));
		assert.ok(mail.text.includes('Von diesen E-Mails abmelden: https://shop.example/u/1'));
	});

	it('custom text without HTML becomes paragraphs', () => {
		const mail = composeEmail({ template: 'custom', lang: 'en', purpose: 'transactional', brand, subject: 'Hello', custom: { text: 'First.\n\nSecond & last.' } });
		assert.ok(mail.html.includes('Second &amp; last.'));
		assert.ok(mail.text.includes('First.\n\nSecond & last.'));
	});
});

describe('language of an item without a customer locale', () => {
	it('follows the customer or shipping country, and a locale wins over the country', () => {
		const localeOf = (json: Record<string, unknown>) => templateInputFromItem(json).locale;
		assert.equal(localeOf({ customer: { email: 'a@b.de', country: 'AT' } }), 'de-AT');
		assert.equal(localeOf({ customer: { email: 'a@b.de' }, shipment: { shippingAddress: { country: 'CH' } } }), 'de-CH');
		assert.equal(localeOf({ customer: { email: 'a@b.com', country: 'US', locale: 'de-DE' } }), 'de-DE');
		assert.equal(localeOf({ customer: { email: 'a@b.es', country: 'ES' } }), undefined);
		assert.equal(languageOf(localeOf({ customer: { email: 'a@b.de', country: 'DE' } })), 'de');
	});
});
