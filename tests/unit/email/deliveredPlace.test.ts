import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { composeEmail, templateInputFromItem } from '../../../core/email';
import type { TemplateInput } from '../../../core/email';
import { trackingItem } from '../../../core/tracking';

/** The delivered e-mail says where the parcel is when the carrier told the Tracking Update Trigger (`tracking.deliveredTo`). */

const TIMEOUT = 10_000;

function deliveredItem(deliveredTo: string | null, locale: string): Record<string, unknown> {
	const detail = deliveredTo ? { deliveredTo, lastEventText: 'Zustellung an Nachbarn' } : {};
	const context = {
		platform: 'shopify',
		customer: { email: 'zoe@example.de', firstName: 'Zoë', locale },
		shipment: { orderId: 'A-1', orderNumber: '1042', trackingNumber: 'JJD0001234567890123', carrier: { code: 'dhl', name: 'DHL' }, trackingUrl: null },
	};
	const event = { id: '1', trackingNumber: 'JJD0001234567890123', orderId: 'A-1', kind: 'status' as const, group: 'delivered' as const, status: 'Delivered', subStatus: null, previousGroup: 'out_for_delivery', eventTime: null, location: null, source: 'poll:dhl', detail, detectedAt: new Date(0) };
	return trackingItem(event, null, context);
}

function text(item: Record<string, unknown>, lang: 'de' | 'en'): string {
	const data = templateInputFromItem(item);
	const input = { ...data, template: 'delivered', lang, brand: { shopName: 'Beispiel Shop' }, purpose: 'transactional' } as unknown as TemplateInput;
	return composeEmail(input).text;
}

test(
	'names the neighbour and the parcel shop in German and English, and says nothing of a place the carrier did not name',
	() => {
		assert.match(text(deliveredItem('neighbour', 'de-DE'), 'de'), /Es wurde bei einem Nachbarn abgegeben\./);
		assert.match(text(deliveredItem('neighbour', 'en-GB'), 'en'), /It was handed to a neighbour of yours\./);
		assert.match(text(deliveredItem('parcel_shop', 'de-DE'), 'de'), /in einem Paketshop hinterlegt/);
		assert.match(text(deliveredItem('parcel_shop', 'en-US'), 'en'), /left at a parcel shop/);
		const plain = text(deliveredItem(null, 'de-DE'), 'de');
		assert.doesNotMatch(plain, /Nachbarn|Paketshop/);
		assert.match(plain, /DHL meldet, dass Ihre Bestellung 1042 zugestellt wurde/);
		// "recipient" is the normal case: no extra sentence.
		assert.doesNotMatch(text(deliveredItem('recipient', 'en-US'), 'en'), /It was/);
	},
	TIMEOUT,
);
