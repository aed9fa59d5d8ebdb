/**
 * Defects found by trying SMS Compose as a demanding shop would (issue 15): the opt-out line must not depend on
 * customer or product data, decomposed characters must not double the cost, and a shipment without a delivery
 * estimate still gets its notification.
 */
import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { analyzeSms, composeSms, renderSms, SMS_TEMPLATES, templateVariants, tellsHowToOptOut } from '../../../core/sms';
import type { JourneyStep } from '../../../core/sms';

const customer = { firstName: 'Anna', phone: '+4915112345678', locale: 'de-DE', timezone: 'Europe/Berlin', country: 'DE' };
const marketingSteps = (Object.keys(SMS_TEMPLATES) as JourneyStep[]).filter((s) => SMS_TEMPLATES[s].purpose === 'marketing');

function render(step: JourneyStep, data: Record<string, unknown>, locale: string, shopName = 'Kaffeehaus') {
	return renderSms({ data: { customer, ...data }, variants: templateVariants(step), locale, purpose: SMS_TEMPLATES[step].purpose, senderKind: 'two_way', shopName, shopUrl: 'https://shop.example', journeyStep: step });
}

describe('the opt-out line follows the template, never the data', () => {
	// Product and shop names that contain an opt-out word: none of them is an instruction to the customer.
	const tricky = [
		{ title: 'Baja Hoodie', shop: 'Surf Shop' },
		{ title: 'Non-Stop Deo 150 ml', shop: 'Drogerie' },
		{ title: 'Kaffee', shop: 'Stop & Shop' },
		{ title: 'STOPP-Schild', shop: 'Abmelde-Service' },
	];
	const data = (title: string) => ({
		product: { title, url: 'https://shop.example/p/1' },
		cart: { recoveryUrl: 'https://shop.example/cart/1', lineItems: [{ title }] },
		review: { url: 'https://shop.example/r/1', replyText: 'Danke! Wie versprochen: DANKE10.' },
		order: { number: '1042' },
		due: { product: { title } },
		coupon: { code: 'WIEDER10' },
	});

	for (const step of marketingSteps) {
		for (const locale of ['de-DE', 'en-US']) {
			it(`${step} (${locale}) keeps its opt-out line whatever the product or shop is called`, () => {
				for (const { title, shop } of tricky) {
					const r = render(step, data(title), locale, shop);
					assert.equal(r.optOutAdded, true, `${title} / ${shop}`);
					assert.match(r.text, locale === 'de-DE' ? /\nAbmelden: STOP antworten$/ : /\nReply STOP to opt out$/, `${title} / ${shop}`);
				}
			});
		}
	}

	it('an n8n expression that brings in "Stop & Shop" does not count as the marketer\'s own opt-out text', () => {
		const sms = composeSms({
			to: '+4915112345678',
			from: '+4915199990000',
			data: { customer },
			variants: { default: 'Neu bei Stop & Shop: 20 % auf alles' },
			authoredVariants: { default: 'Neu bei {{ $json.shop.name }}: 20 % auf alles' },
			purpose: 'marketing',
			journeyStep: 'win_back',
		});
		assert.equal(sms.optOutAdded, true);
		assert.match(sms.body, /\nReply STOP to opt out$|\nAbmelden: STOP antworten$/);
	});

	it('the marketer\'s own instruction is respected and not doubled', () => {
		for (const own of ['Reply STOP to end', 'Abmelden: STOP an 12345', 'Mit STOPP abbestellen', 'Opt out: {optOutUrl}', 'Antworte STOP zum Abmelden']) {
			assert.equal(tellsHowToOptOut(own, 'https://s.example/o'), true, own);
		}
		for (const data of ['Stop & Shop', 'Non-Stop Deo', 'Baja Hoodie', 'Bus stop 5', 'STOPP-Schild']) {
			assert.equal(tellsHowToOptOut(data), false, data);
		}
	});
});

describe('decomposed characters', () => {
	it('a name pasted as u + U+0308 stays GSM-7 at the price of one segment', () => {
		const decomposed = 'Ju\u0308rgen Mu\u0308ller';
		const r = renderSms({ data: { customer: { ...customer, firstName: decomposed } }, variants: { default: 'Hallo {firstName}, danke für Ihre Bestellung!' }, purpose: 'transactional', senderKind: 'two_way' });
		assert.equal(r.text, 'Hallo Jürgen Müller, danke für Ihre Bestellung!');
		const analysis = analyzeSms(r.text);
		assert.equal(analysis.encoding, 'GSM-7');
		assert.equal(analysis.segments, 1);
	});

	it('the marketer\'s own decomposed text is normalised too', () => {
		const r = renderSms({ data: { customer }, variants: { default: 'Gru\u0308ße aus dem Laden' }, purpose: 'transactional', senderKind: 'two_way' });
		assert.equal(r.text, 'Grüße aus dem Laden');
		assert.equal(analyzeSms(r.text).encoding, 'GSM-7');
	});
});

describe('a shipment without a delivery estimate', () => {
	const shipment = {
		orderNumber: '1042',
		trackingNumber: '00340434161094042557',
		carrier: { code: 'dhl', name: 'DHL' },
		trackingUrl: 'https://www.dhl.de/verfolgen?piececode=00340434161094042557',
	};

	for (const [germanAddress, locale, expected] of [
		['informal', 'de-DE', 'Deine Bestellung 1042 ist unterwegs mit DHL! Sendung verfolgen: https://www.dhl.de/verfolgen?piececode=00340434161094042557'],
		['formal', 'de-DE', 'Ihre Bestellung 1042 ist unterwegs mit DHL! Sendung verfolgen: https://www.dhl.de/verfolgen?piececode=00340434161094042557'],
		['informal', 'en-GB', 'Your order 1042 is on its way with DHL! Track it: https://www.dhl.de/verfolgen?piececode=00340434161094042557'],
	] as const) {
		it(`still gets its shipping SMS, without a date (${locale}, ${germanAddress})`, () => {
			const r = renderSms({ data: { customer, shipment }, variants: templateVariants('shipped', germanAddress), locale, purpose: 'transactional', senderKind: 'two_way' });
			assert.equal(r.text, expected);
		});
	}

	it('with an estimate the date is there', () => {
		const r = renderSms({
			data: { customer, shipment: { ...shipment, estimatedDelivery: { earliest: '2025-05-15T06:00:00Z', latest: '2025-05-15T16:00:00Z' } } },
			variants: templateVariants('shipped'),
			locale: 'de-DE',
			purpose: 'transactional',
			senderKind: 'two_way',
		});
		assert.match(r.text, /! Voraussichtliche Zustellung: Do\., 15\. Mai\. Sendung verfolgen: https:/);
	});

	it('outside an optional part a missing value is still an error naming the field', () => {
		assert.throws(
			() => renderSms({ data: { customer }, variants: { default: 'Zustellung: {deliveryDate}' }, purpose: 'transactional', senderKind: 'two_way' }),
			/uses \{deliveryDate\}, but the item has no value for it/,
		);
	});
});
