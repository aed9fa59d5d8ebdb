import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { carrierCodeFromName, carrierFromPlatform, withDetectedCarrier } from '../../../core/commerce';
import type { Customer, Shipment } from '../../../core/commerce';
import { emptyCustomer } from '../../../core/commerce/customer';

/** Carrier detection, tracking links and delivery estimates on canonical shipments (pure, no n8n). */

function shipment(numbers: string[], shopCarrier: string | null, shopUrl: string | null, over: Partial<Shipment> = {}): Shipment {
	const carrier = carrierFromPlatform(shopCarrier);
	return {
		id: 'f1',
		orderId: 'o1',
		orderNumber: '#1',
		trackingNumber: numbers[0] ?? null,
		carrier,
		trackingUrl: shopUrl,
		trackingNumbers: numbers,
		trackings: numbers.map((trackingNumber, i) => ({ trackingNumber, trackingUrl: i === 0 ? shopUrl : null, carrier: { ...carrier } })),
		shippedAt: '2025-03-14T10:00:00+01:00',
		estimatedDelivery: null,
		status: null,
		lineItems: [],
		shippingAddress: null,
		...over,
	};
}

function customer(locale: string | null, country: string | null, region: string | null = null): Customer {
	return { ...emptyCustomer(), locale, country, region };
}

const RECEIVED = '2025-03-20T08:00:00Z';

describe('carrier names from shops', () => {
	it('maps the names shops use to our carrier codes', () => {
		const cases: Array<[string | null, string | null]> = [
			['DHL', 'dhl'],
			['DHL Paket', 'dhl'],
			['DHL Express Worldwide', 'dhl_express'],
			['Deutsche Post Warenpost', 'deutsche_post'],
			['austrian-post', 'austrian_post'],
			['Die Post – PostPac Priority', 'swiss_post'],
			['UPS Standard', 'ups'],
			['Post', null],
			['Kurier Müller', null],
			['', null],
			[null, null],
		];
		for (const [name, code] of cases) assert.equal(carrierCodeFromName(name), code, String(name));
		assert.deepEqual(carrierFromPlatform('austrian-post'), { code: 'austrian_post', name: 'austrian-post', confidence: null });
	});
});

describe('withDetectedCarrier', () => {
	it('detects the carrier, keeps the shop name when it agrees, and links in the customer language', async () => {
		const out = await withDetectedCarrier(shipment(['JJD0001234567890123'], 'DHL Paket', 'https://shop.example/track/1'), customer('en-GB', 'DE'), { shopCountry: 'DE', receivedAt: RECEIVED });
		assert.deepEqual(out.carrier, { code: 'dhl', name: 'DHL Paket', confidence: 0.95 });
		// Detection found a valid reading, so the link is ours (English page), not the shop's.
		assert.equal(out.trackingUrl, 'https://www.dhl.de/en/privatkunden/dhl-sendungsverfolgung.html?piececode=JJD0001234567890123');
		assert.deepEqual(out.trackings[0].carrier, out.carrier);
	});

	it('lets a certain reading overrule a wrong shop carrier, but not a weak one', async () => {
		const ups = await withDetectedCarrier(shipment(['1Z999AA10123456784'], 'DHL', null), customer('de-DE', 'DE'), { shopCountry: 'DE', receivedAt: RECEIVED });
		assert.deepEqual(ups.carrier, { code: 'ups', name: 'UPS', confidence: 0.98 });
		assert.equal(ups.trackingUrl, 'https://www.ups.com/track?loc=de_DE&tracknum=1Z999AA10123456784');
		// 123456789012 is a valid FedEx Express number by shape and check digit only: the shop's "Hermes" stays.
		const weak = await withDetectedCarrier(shipment(['123456789012'], 'Hermes', 'https://shop.example/t'), customer('de-DE', 'DE'), { shopCountry: 'DE', receivedAt: RECEIVED });
		assert.deepEqual(weak.carrier, { code: 'hermes', name: 'Hermes', confidence: null });
		assert.equal(weak.trackingUrl, 'https://shop.example/t');
	});

	it('keeps the shop carrier and link when the number is invalid, and builds a link when the shop sent none', async () => {
		// Wrong check digit (…795 instead of …793).
		const withUrl = await withDetectedCarrier(shipment(['1Z999AA10123456795'], 'UPS', 'https://shop.example/ups'), customer(null, 'US'), { shopCountry: 'US', receivedAt: RECEIVED });
		assert.deepEqual(withUrl.carrier, { code: 'ups', name: 'UPS', confidence: null });
		assert.equal(withUrl.trackingUrl, 'https://shop.example/ups');
		const noUrl = await withDetectedCarrier(shipment(['1Z999AA10123456795'], 'UPS', null), customer(null, 'US'), { shopCountry: 'US', receivedAt: RECEIVED });
		assert.equal(noUrl.trackingUrl, 'https://www.ups.com/track?loc=en_US&tracknum=1Z999AA10123456795');
		const unknown = await withDetectedCarrier(shipment(['XYZ-1'], 'Kurier Müller', null), customer(null, 'DE'), { shopCountry: 'DE', receivedAt: RECEIVED });
		assert.deepEqual(unknown.carrier, { code: null, name: 'Kurier Müller', confidence: null });
		assert.equal(unknown.trackingUrl, null);
	});

	it('runs every tracking number and uses the shop country as the market prior', async () => {
		// Valid both as a DHL SSCC and as a USPS 20-digit number; nothing else tells them apart.
		const ambiguous = shipment(['00340433836442636597', '1Z999AA10123456784'], null, null);
		const de = await withDetectedCarrier(ambiguous, customer(null, 'DE'), { shopCountry: 'DE', receivedAt: RECEIVED });
		const us = await withDetectedCarrier(ambiguous, customer(null, 'US'), { shopCountry: 'US', receivedAt: RECEIVED });
		assert.equal(de.carrier.code, 'dhl');
		assert.equal(us.carrier.code, 'usps');
		assert.deepEqual(
			de.trackings.map((t) => t.carrier.code),
			['dhl', 'ups'],
		);
		assert.equal(de.trackings[1].trackingNumber, '1Z999AA10123456784');
	});

	it('estimates delivery from the shipping time to the shipping address, in the customer language', async () => {
		const address = { firstName: null, lastName: null, company: null, address1: null, address2: null, city: null, postalCode: null, region: 'BY', country: 'DE', phone: null };
		// Friday 10:00 in Berlin, before the hand-over cut-off: DHL delivers Saturday, then Monday.
		const out = await withDetectedCarrier(shipment(['JJD0001234567890123'], 'DHL', null, { shippingAddress: address }), customer('de-DE', 'AT'), { shopCountry: 'DE', receivedAt: RECEIVED });
		assert.deepEqual(out.estimatedDelivery, { earliest: '2025-03-15', latest: '2025-03-17', source: 'table', confidence: 0.8, text: 'Samstag, 15. März - Montag, 17. März' });
	});

	it('counts from the time the event was received when the shop sent no shipping time, never the wall clock', async () => {
		const noTime = shipment(['JJD0001234567890123'], 'DHL', null, { shippedAt: null });
		const a = await withDetectedCarrier(noTime, customer('en-US', 'DE'), { shopCountry: 'DE', receivedAt: '2025-03-14T09:00:00Z' });
		const b = await withDetectedCarrier(noTime, customer('en-US', 'DE'), { shopCountry: 'DE', receivedAt: '2025-03-14T09:00:00Z' });
		assert.deepEqual(a.estimatedDelivery, { earliest: '2025-03-15', latest: '2025-03-17', source: 'table', confidence: 0.8, text: 'Saturday, March 15 - Monday, March 17' });
		assert.deepEqual(b.estimatedDelivery, a.estimatedDelivery);
		// After the 16:00 cut-off on Friday, counting starts Monday.
		const late = await withDetectedCarrier(noTime, customer('en-US', 'DE'), { shopCountry: 'DE', receivedAt: '2025-03-14T17:30:00+01:00' });
		assert.equal(late.estimatedDelivery?.earliest, '2025-03-18');
	});

	it("keeps the shop's own estimate and gives none without a destination", async () => {
		const given = shipment(['JJD0001234567890123'], 'DHL', null, {
			estimatedDelivery: { earliest: '2025-03-17T00:00:00Z', latest: '2025-03-18T00:00:00Z', source: 'shop', confidence: null, text: null },
		});
		const out = await withDetectedCarrier(given, customer('en-US', 'DE'), { shopCountry: 'DE', receivedAt: RECEIVED });
		assert.deepEqual(out.estimatedDelivery, { earliest: '2025-03-17T00:00:00Z', latest: '2025-03-18T00:00:00Z', source: 'shop', confidence: null, text: 'Monday, March 17 - Tuesday, March 18' });
		const nowhere = await withDetectedCarrier(shipment(['JJD0001234567890123'], 'DHL', null), customer(null, null), { shopCountry: 'DE', receivedAt: RECEIVED });
		assert.equal(nowhere.estimatedDelivery, null);
	});

	it('describes a shipment without tracking numbers by the shop carrier alone', async () => {
		const out = await withDetectedCarrier(shipment([], 'dhl-paket', null), customer(null, 'DE'), { shopCountry: 'DE', receivedAt: '2025-03-14T09:00:00Z' });
		assert.deepEqual(out.carrier, { code: 'dhl', name: 'DHL Paket', confidence: null });
		assert.equal(out.trackingUrl, null);
		assert.deepEqual(out.trackings, []);
		assert.equal(out.estimatedDelivery?.source, 'table');
	});
});
