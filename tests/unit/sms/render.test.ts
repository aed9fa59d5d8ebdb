import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { chooseVariant, composeSms, fitToSegments, renderSms, SMS_TEMPLATES, templateVariants, addUtm, analyzeSms, estimateCost, priceTable } from '../../../core/sms';
import type { JourneyStep } from '../../../core/sms';

const shipment = {
	customer: { firstName: 'Anna', phone: '+4915112345678', locale: 'de-AT', timezone: 'Europe/Vienna', country: 'AT' },
	order: { id: '5001', number: '1042', currency: 'EUR', total: '49.9', placedAt: '2025-05-12T22:30:00Z', statusUrl: 'https://shop.example/o/1042' },
	shipment: {
		orderNumber: '1042',
		trackingNumber: '00340434161094042557',
		carrier: { code: 'dhl', name: 'DHL' },
		trackingUrl: 'https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode=00340434161094042557',
		estimatedDelivery: { earliest: '2025-05-14T06:00:00Z', latest: '2025-05-15T16:00:00Z' },
	},
	return: { refund: { amount: '19.95', currency: 'EUR' } },
	cart: { recoveryUrl: 'https://shop.example/cart/abc', lineItems: [{ title: 'Bio-Kaffee Espresso 1 kg' }] },
	product: { title: 'Bio-Kaffee Espresso 1 kg', url: 'https://shop.example/p/kaffee' },
	review: { url: 'https://shop.example/r/1' },
	coupon: { code: 'WIEDER10' },
};

test('locale fallback: de-AT → de → default', () => {
	assert.equal(chooseVariant({ 'de-AT': 'a', de: 'b', default: 'c' }, 'de-AT'), 'de-AT');
	assert.equal(chooseVariant({ de: 'b', default: 'c' }, 'de-AT'), 'de');
	assert.equal(chooseVariant({ 'de-DE': 'x', default: 'c' }, 'de-AT'), 'de-DE');
	assert.equal(chooseVariant({ en: 'e', default: 'c' }, 'fr-FR'), 'default');
	assert.equal(chooseVariant({ en: 'e', 'de-CH': 'd' }, 'fr'), 'en');
	assert.equal(chooseVariant({ de_at: 'x', de: 'y' }, 'de-AT'), 'de_at');
});

test('every journey step has German and English texts that render GSM-7 and fit two segments', () => {
	for (const step of Object.keys(SMS_TEMPLATES) as JourneyStep[]) {
		for (const locale of ['de-DE', 'en-US']) {
			const r = renderSms({ data: { ...shipment, review: { replyText: 'Danke für Ihre Bewertung!' } }, variants: templateVariants(step), locale, purpose: SMS_TEMPLATES[step].purpose, senderKind: 'two_way', shopName: 'Kaffeehaus', shopUrl: 'https://shop.example', journeyStep: step });
			assert.doesNotMatch(r.text, /\{[a-zA-Z.]+\}/, `${step}/${locale} left a placeholder`);
			const a = analyzeSms(r.text);
			assert.equal(a.encoding, 'GSM-7', `${step}/${locale}: ${a.nonGsmCharacters.join(' ')}`);
			assert.ok(a.segments <= 2, `${step}/${locale}: ${a.segments} segments`);
			if (SMS_TEMPLATES[step].purpose === 'marketing') assert.match(r.text, /STOP/);
		}
	}
});

test('dates in the customer zone and locale, money by currency and locale, plain spaces', () => {
	const r = renderSms({ data: shipment, variants: { de: '{orderDate}|{deliveryDate}|{orderTotal}|{refundAmount}' }, purpose: 'transactional', senderKind: 'two_way' });
	// 22:30 UTC on 12 May is already 13 May in Vienna.
	const [orderDate, delivery, total, refund] = r.text.split('|');
	assert.match(orderDate, /13\. Mai/);
	assert.match(delivery, /14\. Mai - .*15\. Mai/);
	// Austrian German puts the euro sign first.
	assert.equal(total, '€ 49,90');
	assert.equal(refund, '€ 19,95');
	const de = renderSms({ data: shipment, locale: 'de-DE', variants: { de: '{orderTotal}' }, purpose: 'transactional', senderKind: 'two_way' });
	assert.equal(de.text, '49,90 €');
	const en = renderSms({ data: { ...shipment, customer: { ...shipment.customer, locale: 'en-US', timezone: 'America/New_York' } }, variants: { en: '{orderDate} {orderTotal}' }, purpose: 'transactional', senderKind: 'two_way' });
	assert.match(en.text, /May 12 €49\.90/);
});

test('a missing placeholder value is an error naming the field', () => {
	assert.throws(
		() => renderSms({ data: { customer: {} }, variants: { en: 'Hi {firstName}' }, purpose: 'transactional', senderKind: 'two_way' }),
		(e: Error & { field?: string }) => e.field === 'firstName' && /firstName/.test(e.message),
	);
	// Unknown names that are not item paths stay as written.
	const r = renderSms({ data: {}, variants: { en: 'Use {code} at checkout' }, purpose: 'transactional', senderKind: 'two_way' });
	assert.equal(r.text, 'Use {code} at checkout');
});

test('opt-out line: reply keyword for two-way senders, link for alphanumeric IDs, not twice', () => {
	const base = { data: shipment, purpose: 'marketing' as const, locale: 'de-DE' };
	assert.match(renderSms({ ...base, variants: { de: 'Angebot!' }, senderKind: 'two_way' }).text, /\nAbmelden: STOP antworten$/);
	assert.match(renderSms({ ...base, variants: { de: 'Angebot!' }, senderKind: 'alphanumeric', optOutUrl: 'https://s.example/u' }).text, /\nAbmelden: https:\/\/s\.example\/u$/);
	assert.throws(() => renderSms({ ...base, variants: { de: 'Angebot!' }, senderKind: 'alphanumeric' }), /opt-out link/);
	const already = renderSms({ ...base, variants: { de: 'Angebot! STOP an 12345' }, senderKind: 'two_way' });
	assert.equal(already.optOutAdded, false);
	assert.equal(renderSms({ ...base, purpose: 'transactional', variants: { de: 'Info' }, senderKind: 'two_way' }).text, 'Info');
	assert.match(renderSms({ ...base, locale: 'en-GB', variants: { en: 'Sale' }, senderKind: 'two_way' }).text, /Reply STOP to opt out/);
});

test('UTM tags are added once, keep existing queries and skip the opt-out link', () => {
	const text = addUtm('See https://shop.example/p?x=1. And https://shop.example/q?utm_source=mail end', { campaign: 'shipped' });
	assert.equal(text, 'See https://shop.example/p?x=1&utm_source=sms&utm_medium=sms&utm_campaign=shipped. And https://shop.example/q?utm_source=mail end');
	const r = renderSms({ data: shipment, variants: { en: 'Go https://shop.example/a' }, purpose: 'marketing', senderKind: 'alphanumeric', optOutUrl: 'https://s.example/u', utm: {}, journeyStep: 'win_back', locale: 'en' });
	assert.match(r.text, /utm_campaign=win_back/);
	assert.match(r.text, /Opt out: https:\/\/s\.example\/u$/);
});

test('max-segments guard: error, or shorten the [[marked]] part with an ellipsis', () => {
	const long = 'Hallo Anna, dein Warenkorb wartet: [[' + 'Sehr langer Produktname '.repeat(12) + ']] Jetzt kaufen: https://shop.example/c';
	assert.throws(() => fitToSegments(long, { maxSegments: 1 }), /2 SMS segments|segments/);
	const fitted = fitToSegments(long, { maxSegments: 1, onExceed: 'shorten' });
	assert.equal(fitted.segments, 1);
	assert.equal(fitted.shortened, true);
	assert.match(fitted.body, /\.\.\. Jetzt kaufen/);
	assert.ok(!fitted.body.includes('[['));
	assert.ok(fitted.units >= 150, 'uses the room it has');
	// Markers vanish even when nothing needs shortening.
	assert.equal(fitToSegments('a [[b]] c', { maxSegments: 1, onExceed: 'shorten' }).body, 'a b c');
	// The fixed part alone is too long.
	assert.throws(() => fitToSegments('x'.repeat(200) + '[[y]]', { maxSegments: 1, onExceed: 'shorten' }), /Even without/);
	// UCS-2 text gets the one-unit ellipsis.
	const ucs = fitToSegments('😀 [[' + 'á'.repeat(100) + ']]', { maxSegments: 1, onExceed: 'shorten' });
	assert.equal(ucs.encoding, 'UCS-2');
	assert.equal(ucs.units, 70);
	assert.ok(ucs.body.endsWith('…'));
});

test('compose: recipient normalized, smart replacement, cost from the country price', () => {
	const sms = composeSms({
		to: '0151 12345678',
		defaultCountry: 'DE',
		from: '+15005550006',
		data: shipment,
		variants: { de: '„Danke“ – {firstName}… Summe: {orderTotal}' },
		purpose: 'transactional',
		smartReplace: true,
	});
	assert.equal(sms.to, '+4915112345678');
	assert.equal(sms.body, '"Danke" - Anna... Summe: € 49,90');
	assert.equal(sms.encoding, 'GSM-7');
	assert.deepEqual(sms.replacements.map((r) => r.from).sort(), ['–', '“', '„', '…'].sort());
	assert.deepEqual(sms.estimatedCost, { amount: '0.0983', currency: 'USD', perSegment: '0.0983', segments: 1, country: 'DE' });
	const custom = estimateCost('+4915112345678', 3, priceTable({ DE: 0.07 }));
	assert.equal(custom?.amount, '0.2100');
	assert.equal(estimateCost('+999123', 1, priceTable({})), null);
	assert.throws(() => composeSms({ to: '', from: 'X', data: {}, variants: { en: 'x' }, purpose: 'transactional' }), /no phone number/);
	assert.throws(() => composeSms({ to: '+4915112345678', data: {}, variants: { en: 'x' }, purpose: 'transactional' }), /No sender/);
});

test('without a customer locale the language follows the country (Shopify fulfillments carry none), then the default', () => {
	const render = (customer: Record<string, unknown>, defaultLocale = 'en') =>
		renderSms({ data: { ...shipment, customer }, variants: templateVariants('shipped'), defaultLocale, purpose: 'transactional', senderKind: 'two_way', shopName: 'Kaffeehaus', journeyStep: 'shipped' }).text;
	assert.match(render({ firstName: 'Anna', country: 'AT', timezone: 'Europe/Vienna' }), /unterwegs/);
	assert.match(render({ firstName: 'Anna', country: 'DE' }, 'en'), /unterwegs/);
	assert.match(render({ firstName: 'Jamie', country: 'US', timezone: 'America/New_York' }, 'de'), /on its way/);
	assert.match(render({ firstName: 'Jamie', country: 'US', locale: 'de-DE' }, 'en'), /unterwegs/, 'a locale beats the country');
	assert.match(render({ firstName: 'Sofia', country: 'ES' }, 'de'), /unterwegs/, 'no text of our own for Spain: the default');
});

test('a value ending in an abbreviation does not double the sentence\'s full stop', () => {
	const render = (text: string) =>
		renderSms({ data: { customer: { firstName: 'Anna', locale: 'de-DE' }, order: { number: 'Nr. 5.' } }, variants: { default: text }, purpose: 'transactional', senderKind: 'two_way', journeyStep: 'shipped' }).text;
	assert.equal(render('Bestellung {order.number}. Danke'), 'Bestellung Nr. 5. Danke');
	assert.equal(render('Bestellung {order.number}... Danke'), 'Bestellung Nr. 5.... Danke', 'an ellipsis is left alone');
	assert.equal(render('{firstName}. Danke'), 'Anna. Danke');
	// November abbreviates ("Nov."), May does not: the estimate then ends in a full stop of its own.
	const november = { ...shipment, shipment: { ...shipment.shipment, estimatedDelivery: { earliest: '2025-11-13T06:00:00Z', latest: '2025-11-14T16:00:00Z' } } };
	const shipped = renderSms({ data: november, variants: templateVariants('shipped'), locale: 'de-DE', purpose: 'transactional', senderKind: 'two_way', journeyStep: 'shipped' }).text;
	assert.match(shipped, /Nov\. Sendung verfolgen/, shipped);
});

test('the formal German texts ("Sie") render GSM-7 in two segments, with the same placeholders as the informal ones', () => {
	for (const step of Object.keys(SMS_TEMPLATES) as JourneyStep[]) {
		const formal = templateVariants(step, 'formal');
		const informal = templateVariants(step);
		const placeholders = (text: string) => (text.match(/\{[\w.]+\}|\[\[|\]\]/g) ?? []).sort();
		assert.deepEqual(placeholders(formal.de), placeholders(informal.de), step);
		assert.equal(formal.en, informal.en, `${step}: English is the same`);
		assert.doesNotMatch(formal.de, /\b(du|dein\w*|dich|dir)\b/i, `${step}: ${formal.de}`);
		const r = renderSms({ data: { ...shipment, review: { replyText: 'Danke für Ihre Bewertung!' } }, variants: formal, locale: 'de-DE', purpose: SMS_TEMPLATES[step].purpose, senderKind: 'two_way', shopName: 'Kaffeehaus', shopUrl: 'https://shop.example', journeyStep: step });
		const a = analyzeSms(r.text);
		assert.equal(a.encoding, 'GSM-7', `${step}: ${a.nonGsmCharacters.join(' ')}`);
		assert.ok(a.segments <= 2, `${step}: ${a.segments} segments`);
	}
});
