/**
 * Short links end to end in real n8n (2.40.7): a test workflow (tests/e2e/shortLinks.workflow.json) sends an SMS
 * with Shorten Links on n8n's own webhook address; the link is read from the SMS at the local Twilio stand-in and
 * opened like a phone would, and like a link preview would.
 */
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { openSqliteStore } from '../../core/store';
import { eventually, settle, startSandbox } from './sandbox';
import type { E2eSandbox } from './sandbox';

const BROWSER = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
let sandbox: E2eSandbox;

beforeAll(async () => {
	sandbox = await startSandbox([join(__dirname, 'shortLinks.workflow.json')]);
});
afterAll(async () => {
	await sandbox?.stop();
});

async function clicksOf(code: string) {
	const store = await openSqliteStore({ path: join(sandbox.n8n.userFolder, '.n8n', 'post-purchase-journey.sqlite') });
	try {
		return { link: await store.links.resolve(code), clicks: await store.links.clicks(code) };
	} finally {
		await store.close();
	}
}

describe('short links in real n8n', () => {
	it('an SMS with a short link: the link forwards with 302, a click is counted once, a preview is not', async () => {
		const phone = `+49152${randomInt(10_000_000, 99_999_999)}`;
		const trackingUrl = `https://www.dhl.de/de/privatkunden/dhl-sendungsverfolgung.html?piececode=00340434161094${randomInt(100_000, 999_999)}&utm_source=sms`;
		const sent = await fetch(`${sandbox.n8n.url}/webhook/e2e-short-sms`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ customer: { firstName: 'Anna', phone }, order: { id: String(randomInt(1e9, 9e9)), number: '#1042' }, shipment: { trackingUrl } }),
		});
		assert.equal(sent.status, 200, await sent.clone().text());
		const sms = await eventually(() => sandbox.outbox.twilio.messages.find((m) => m.to === phone), 30_000, 'the SMS at the Twilio stand-in');
		const shortUrl = sms.body.match(/http:\/\/localhost:\d+\/webhook\/l\?[A-Za-z0-9]{10}/)?.[0];
		assert.ok(shortUrl, sms.body);
		assert.ok(!sms.body.includes('dhl.de'), 'the long link is gone from the text');
		const code = shortUrl.split('?')[1];

		// A messenger's preview fetches the link as it arrives: forwarded, not counted.
		const preview = await fetch(shortUrl, { redirect: 'manual', headers: { 'user-agent': 'WhatsApp/2.23.20.0' } });
		assert.equal(preview.status, 302);
		assert.equal(preview.headers.get('location'), trackingUrl);
		// The person taps it after reading (past the 10-second window after sending).
		await settle(11_000);
		const tap = await fetch(shortUrl, { redirect: 'manual', headers: { 'user-agent': BROWSER, 'accept-language': 'de-DE' } });
		assert.equal(tap.status, 302);
		assert.equal(tap.headers.get('location'), trackingUrl);
		const { link, clicks } = await clicksOf(code);
		assert.equal(link?.clicks, 1, 'counted once');
		assert.deepEqual(clicks.map((c) => [c.counted, c.reason]), [[false, 'link_preview'], [true, null]]);
		assert.equal(link?.journeyStep, 'shipped');

		const unknown = await fetch(`${sandbox.n8n.url}/webhook/l?ZZZZZZZZZZ`, { redirect: 'manual', headers: { 'user-agent': BROWSER, 'accept-language': 'en' } });
		assert.equal(unknown.status, 404);
		assert.equal(unknown.headers.get('location'), null);
		assert.match(await unknown.text(), /This link is no longer valid/);
	});
});
