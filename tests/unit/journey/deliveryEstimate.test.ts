import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { composeEmail, templateInputFromItem } from '../../../core/email';
import type { TemplateInput } from '../../../core/email';
import { formatDeliveryEstimate } from '../../../core/journey';
import { renderSms, templateVariants } from '../../../core/sms';

/** One shipment item through both renderers: the SMS and the e-mail name the same days, said the same way. */

const brand = { shopName: 'Bohne' };

function item(estimate: unknown, where: 'shipment' | 'tracking' = 'shipment', customer: Record<string, unknown> = { firstName: 'Anna', locale: 'de-DE', timezone: 'Europe/Berlin', country: 'DE' }) {
	const shipment: Record<string, unknown> = {
		orderNumber: '1042',
		trackingNumber: '00340434161094042557',
		carrier: { code: 'dhl', name: 'DHL' },
		trackingUrl: 'https://www.dhl.de/t?piececode=00340434161094042557',
		estimatedDelivery: where === 'shipment' ? estimate : null,
	};
	const json: Record<string, unknown> = { customer, shipment };
	if (where === 'tracking') json.tracking = { trackingNumber: '00340434161094042557', estimatedDelivery: estimate };
	return json;
}

function sms(json: Record<string, unknown>): string {
	const text = renderSms({ data: json, variants: templateVariants('shipped', 'formal'), purpose: 'transactional', senderKind: 'two_way', defaultTimezone: 'Europe/Berlin' }).text;
	const m = /(?:Voraussichtliche Zustellung|Expected delivery): (.*?)\.? (?:Sendung verfolgen|Track it)/.exec(text);
	return m ? m[1] : '';
}

function email(json: Record<string, unknown>): string {
	const data = templateInputFromItem(json);
	const lang = String(data.locale ?? '').startsWith('de') ? 'de' : 'en';
	const input: TemplateInput = { ...data, template: 'shipping', lang, locale: data.locale, purpose: 'transactional', brand };
	const m = /(?:Voraussichtliche Zustellung|Expected delivery): (.*)/.exec(composeEmail(input).text);
	return m ? m[1] : '';
}

/** "Di., 2. Dez. - Mi., 3. Dez." and "Dienstag, 2. Dezember - Mittwoch, 3. Dezember" → the days named, [[2, "Dez"], …]. */
function days(said: string): string[] {
	return said.split(' - ').map((d) => {
		const m = /(\d{1,2})\.? ([A-Za-zä]{3})|([A-Za-z]{3})[a-z]* (\d{1,2})/.exec(d.replace(/^[^,]*, /, ''));
		assert.ok(m, `no day in "${d}"`);
		return m[1] ? `${m[1]} ${m[2]}` : `${m[4]} ${m[3]}`;
	});
}

describe('one delivery estimate in SMS and e-mail', () => {
	test('a carrier window: both channels name both days, the SMS in the short form of the e-mail\'s words', () => {
		const json = item({ earliest: '2025-12-02', latest: '2025-12-03' });
		assert.equal(sms(json), 'Di., 2. Dez. - Mi., 3. Dez');
		assert.equal(email(json), 'Dienstag, 2. Dezember - Mittwoch, 3. Dezember');
		assert.deepEqual(days(sms(json)), ['2 Dez', '3 Dez']);
		assert.deepEqual(days(email(json)), days(sms(json)));
	});

	test('timestamps fall on the customer\'s local day in both channels', () => {
		// 23:30 UTC on 3 December is already 4 December in Berlin.
		const json = item({ earliest: '2025-12-03T23:30:00Z', latest: '2025-12-03T23:30:00Z' });
		assert.deepEqual(days(sms(json)), ['4 Dez']);
		assert.deepEqual(days(email(json)), ['4 Dez']);
	});

	test('a date-only estimate is that day for a customer west of UTC too (the e-mail said the day before)', () => {
		const json = item('2025-12-03', 'shipment', { firstName: 'Ann', locale: 'en-US', timezone: 'America/New_York', country: 'US' });
		assert.equal(sms(json), 'Wed, Dec 3');
		assert.equal(email(json), 'Wednesday, December 3');
	});

	test('the carrier\'s estimate from Carrier Track (tracking.estimatedDelivery) reaches the e-mail as it reaches the SMS', () => {
		const json = item({ earliest: '2025-12-02', latest: '2025-12-03', source: 'table' }, 'tracking');
		assert.deepEqual(days(email(json)), days(sms(json)));
		assert.deepEqual(days(email(json)), ['2 Dez', '3 Dez']);
	});

	test('no estimate: neither channel names a date', () => {
		const json = item(null);
		assert.equal(sms(json), '');
		assert.equal(email(json), '');
		assert.equal(formatDeliveryEstimate(undefined, 'de-DE', 'Europe/Berlin', 'long'), undefined);
	});
});
