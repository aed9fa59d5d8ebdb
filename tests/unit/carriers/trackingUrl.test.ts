import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { trackingUrl } from '../../../core/carriers';

test('tracking links follow the customer language where the carrier offers it', () => {
	assert.equal(trackingUrl('dhl', '00340434525181200082', { locale: 'en-GB' }), 'https://www.dhl.de/en/privatkunden/dhl-sendungsverfolgung.html?piececode=00340434525181200082');
	assert.equal(trackingUrl('dhl', '00340434525181200082', { locale: 'fr-FR' }), 'https://www.dhl.de/de/privatkunden/dhl-sendungsverfolgung.html?piececode=00340434525181200082');
	assert.equal(trackingUrl('ups', '1Z5R89390357567127', { locale: 'de-AT' }), 'https://www.ups.com/track?loc=de_AT&tracknum=1Z5R89390357567127');
	assert.equal(trackingUrl('ups', '1Z5R89390357567127', { locale: 'de' }), 'https://www.ups.com/track?loc=de_DE&tracknum=1Z5R89390357567127');
	assert.equal(trackingUrl('dpd', '01015026003653', { locale: 'en-US' }), 'https://tracking.dpd.de/status/en_US/parcel/01015026003653');
	assert.equal(trackingUrl('dhl_express', '3318810025'), 'https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id=3318810025');
	assert.equal(trackingUrl('canada_post', '1234', { locale: 'fr-CA' }), 'https://www.canadapost-postescanada.ca/track-reperage/fr#/search?searchFor=1234');
	assert.equal(trackingUrl('usps', '9400111201080805483016', { locale: 'de-DE' }), 'https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111201080805483016');
});

test('numbers are URL-encoded with %20, never +', () => {
	assert.equal(trackingUrl('hermes', 'A B#1'), 'https://www.myhermes.de/empfangen/sendungsverfolgung/sendungsinformation#A%20B%231');
});
