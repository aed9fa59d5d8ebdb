/**
 * The review request template end to end in real n8n (2.40.7): a copy of `workflows/review-request.json` with short
 * waits (the ask is due about 20 seconds after shipping, so real n8n's Wait node holds it and resumes it), signed
 * Shopify fulfilments in, the ask and the answers asserted at the local Twilio and SMTP servers.
 */
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../core/store';
import { eventually, settle, SHOP_SECRET, startSandbox } from './sandbox';
import type { E2eSandbox } from './sandbox';

const ROOT = join(__dirname, '..', '..');
const FULFILMENT = readFileSync(join(ROOT, 'tests/fixtures/shopify/fulfillments-create.json'), 'utf8');

let sandbox: E2eSandbox;
let copy: { file: string; shipped: string; inbound: string };
let seq = 0;

/**
 * The template with short waits: about 20 seconds "to try the order" instead of 5 days and no transit days, so
 * Check Timing first says Ask Later and n8n's Wait node resumes the item. The Consent Gate evaluates at the coming
 * Wednesday noon (Berlin), so quiet hours never depend on when the suite runs (the hours are tested in-process).
 */
function nextWednesdayNoonInBerlin(): string {
	const now = DateTime.now().setZone('Europe/Berlin');
	return now.plus({ days: (3 - now.weekday + 7) % 7 || 7 }).set({ hour: 12, minute: 0, second: 0, millisecond: 0 }).toISO()!;
}

function quickReviewRequest() {
	const workflow = JSON.parse(readFileSync(join(ROOT, 'workflows', 'review-request.json'), 'utf8'));
	workflow.id = 'ppE2eQuickReview';
	workflow.name = 'E2E review request (20 s wait)';
	const ids = { shipped: randomUUID(), inbound: randomUUID() };
	for (const node of workflow.nodes as Array<{ name: string; type: string; webhookId?: string; parameters: Record<string, unknown> }>) {
		if (node.webhookId) node.webhookId = node.name === 'Shipped Trigger' ? ids.shipped : node.name === 'SMS Inbound Trigger' ? ids.inbound : randomUUID();
		if (node.name === 'Check Timing') node.parameters = { ...node.parameters, delayDays: 20 / 86_400, options: { transitDays: 0 } };
		if (node.name === 'SMS Allowed?') node.parameters.options = { evaluateAt: nextWednesdayNoonInBerlin() };
	}
	const file = join(mkdtempSync(join(tmpdir(), 'pp-e2e-wf-')), 'quick-review.json');
	writeFileSync(file, JSON.stringify(workflow, null, 2));
	return { file, ...ids };
}

beforeAll(async () => {
	copy = quickReviewRequest();
	sandbox = await startSandbox([copy.file]);
});
afterAll(async () => {
	await sandbox?.stop();
});

/** The journey store the nodes inside n8n use (embedded SQLite in n8n's user folder). */
async function withStore<T>(fn: (store: Awaited<ReturnType<typeof openSqliteStore>>) => Promise<T>): Promise<T> {
	const store = await openSqliteStore({ path: join(sandbox.n8n.userFolder, '.n8n', 'post-purchase-journey.sqlite') });
	try {
		return await fn(store);
	} finally {
		await store.close();
	}
}

/** A fresh customer who confirmed SMS marketing, and their fulfilment (German by address, or British). */
async function customer(country: 'DE' | 'GB') {
	const body = JSON.parse(FULFILMENT);
	const n = String(Date.now() % 1_000_000).padStart(6, '0') + String(++seq);
	body.id = 9_300_000_000 + Number(n);
	body.order_id = 8_300_000_000 + Number(n);
	body.created_at = new Date().toISOString();
	const phone = country === 'DE' ? `+49152${n.slice(-8).padStart(8, '4')}` : `+4474001${n.slice(-5)}`;
	Object.assign(body.destination, { phone, country_code: country, country: country === 'DE' ? 'Germany' : 'United Kingdom', province_code: country === 'DE' ? 'BY' : null });
	await withStore((store) => store.appendConsent({ subject: phone, channel: 'sms', purpose: 'marketing', status: 'opted_in', legalBasis: 'double_opt_in', source: 'e2e' }));
	return { raw: JSON.stringify(body), phone, orderId: String(body.order_id) };
}

async function postFulfilment(raw: string) {
	return fetch(`${sandbox.n8n.url}/webhook/${copy.shipped}/webhook`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'x-shopify-topic': 'fulfillments/create',
			'x-shopify-hmac-sha256': createHmac('sha256', SHOP_SECRET).update(raw).digest('base64'),
			'x-shopify-shop-domain': 'beispiel-shop.myshopify.com',
			'x-shopify-api-version': '2025-07',
			'x-shopify-webhook-id': randomUUID(),
			'x-shopify-triggered-at': new Date().toISOString(),
		},
		body: raw,
	});
}

function reply(from: string, text: string) {
	return sandbox.outbox.sendReply(`${sandbox.n8n.url}/webhook/${copy.inbound}/sms`, { from, to: '+4915123456789', body: text });
}

describe('real n8n: review request', () => {
	it('asks once after the wait; a German "1" (best school grade) takes the happy route', async () => {
		const { twilio, smtp } = sandbox.outbox;
		const c = await customer('DE');
		assert.equal((await postFulfilment(c.raw)).status, 200);
		await settle(5000);
		assert.equal(twilio.messages.filter((m) => m.to === c.phone).length, 0, 'not before the wait is over');
		const ask = await eventually(() => twilio.messages.find((m) => m.to === c.phone), 90_000, 'the review request SMS');
		assert.match(ask.body, /Schulnote von 1 \(sehr gut\) bis 6 \(ungenügend\)/);
		// The same shipment in a second delivery: asked once.
		const again = JSON.stringify({ ...JSON.parse(c.raw), id: JSON.parse(c.raw).id + 1 });
		assert.equal((await postFulfilment(again)).status, 200);
		await settle(30_000);
		assert.equal(twilio.messages.filter((m) => m.to === c.phone).length, 1, 'asked exactly once');

		const mails = smtp.messages.length;
		assert.equal((await reply(c.phone, '1')).statusCode, 200);
		const thanks = await eventually(() => twilio.messages.filter((m) => m.to === c.phone)[1], 30_000, 'the thank-you SMS');
		assert.match(thanks.body, /^Danke für Ihre Bewertung! .*DANKE10.*Schön, dass Sie zufrieden sind!.*https:\/\/www\.beispiel-shop\.de\/bewertungen/s);
		await settle(2000);
		assert.equal(smtp.messages.length, mails, 'no alert for a happy customer');
		const rating = await withStore((store) => store.ratings.getRating(c.phone, c.orderId));
		assert.deepEqual([rating?.scale, rating?.value, rating?.sentiment], ['grades_1_6', 1, 'happy']);
	});

	it('a "1" to the English star ask takes the unhappy route: contact offer and an alert e-mail to the team', async () => {
		const { twilio, smtp } = sandbox.outbox;
		const c = await customer('GB');
		assert.equal((await postFulfilment(c.raw)).status, 200);
		const ask = await eventually(() => twilio.messages.find((m) => m.to === c.phone), 90_000, 'the English review request');
		assert.match(ask.body, /1 to 5 stars \(5 = best\)/);
		const mails = smtp.messages.length;
		assert.equal((await reply(c.phone, '1')).statusCode, 200);
		const thanks = await eventually(() => twilio.messages.filter((m) => m.to === c.phone)[1], 30_000, 'the answer to the unhappy customer');
		assert.match(thanks.body, /^Thank you for your rating! As promised, every answer gets your voucher: DANKE10\. We are sorry/);
		const alert = await eventually(() => smtp.messages.slice(mails).find((m) => m.to.includes('team@beispiel-shop.de')), 30_000, 'the alert e-mail');
		assert.match(String(alert.parsed.text), new RegExp(`Order / Bestellung: ${c.orderId}`));
		const rating = await withStore((store) => store.ratings.getRating(c.phone, c.orderId));
		assert.deepEqual([rating?.scale, rating?.value, rating?.sentiment], ['stars_1_5', 1, 'unhappy']);
	});
});
