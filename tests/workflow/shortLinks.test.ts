import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { runWorkflow } from '../support/harness';
import type { WorkflowJson } from '../support/harness';
import { startTwilioServer } from '../support/twilioServer';
import type { TwilioTestServer } from '../support/twilioServer';
import { setClock, resetClock } from '../support/clock';
import { closeCachedStores } from '../../nodes/shared/storeFromCredential';

/**
 * Shorten Links through n8n's real engine: SMS Compose sends a shortened link (segments counted on the shortened
 * text), the Short Link Trigger answers it with a 302 to the target and counts the click once.
 */

const BROWSER = 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36';
const storeCredential = { backend: 'sqlite', sqlitePath: join(mkdtempSync(join(tmpdir(), 'short-links-')), 'journey.sqlite') };
let twilio: TwilioTestServer;

beforeAll(async () => {
	twilio = await startTwilioServer({ autoCallbacks: false });
});
afterAll(async () => {
	resetClock();
	await twilio.stop();
	await closeCachedStores();
});

const credentials = () => ({ postPurchaseTwilioApi: twilio.credentials(), postPurchaseStoreApi: storeCredential });
const creds = { postPurchaseTwilioApi: { id: '1', name: 'Twilio' }, postPurchaseStoreApi: { id: '2', name: 'Store' } };

function smsWorkflow(operation: 'compose' | 'send', options: Record<string, unknown>): WorkflowJson {
	return {
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'sms',
				name: 'SMS',
				type: 'n8n-nodes-post-purchase.smsCompose',
				typeVersion: 1.1,
				position: [200, 0],
				parameters: { operation, journeyStep: 'delivery_exception', options },
				credentials: creds,
			},
		] as WorkflowJson['nodes'],
		connections: { Start: { main: [[{ node: 'SMS', type: 'main', index: 0 }]] } },
	};
}

const trigger = (startOn: string): WorkflowJson => ({
	nodes: [
		{
			id: 't',
			name: 'Short Link',
			type: 'n8n-nodes-post-purchase.shortLinkTrigger',
			typeVersion: 1,
			position: [0, 0],
			webhookId: '6b7f2d0e-1c4a-4c55-9a43-2f0d6a8e51c7',
			parameters: { path: 'l', startOn },
			credentials: { postPurchaseStoreApi: { id: '2', name: 'Store' } },
		},
	] as WorkflowJson['nodes'],
	connections: {},
});

function item() {
	const n = randomInt(10_000_000, 99_999_999);
	return {
		customer: { firstName: 'Anna', phone: `+49151${n}`, locale: 'de-DE', country: 'DE' },
		shipment: { orderNumber: `#${n}`, trackingNumber: `00340434161094${n}`.slice(0, 20), carrier: { code: 'dhl', name: 'DHL' }, trackingUrl: `https://www.dhl.de/de/privatkunden/dhl-sendungsverfolgung.html?piececode=00340434161094042557&lang=de&utm_source=sms` },
		order: { id: String(n) },
	};
}

const click = (url: string, headers: Record<string, string> = { 'user-agent': BROWSER }, method: 'GET' = 'GET', startOn = 'every') =>
	runWorkflow(trigger(startOn), { credentials: credentials(), mode: 'webhook', webhook: { method, url, headers, query: {} } });

describe('Shorten Links in SMS Compose and the Short Link Trigger', () => {
	it('previews with the shortened text: fewer characters and segments than the long link', async () => {
		const long = await runWorkflow(smsWorkflow('compose', {}), { credentials: credentials(), items: [item()] });
		const short = await runWorkflow(smsWorkflow('compose', { shortLinks: true, shortLinkDomain: 'https://go.shop.example' }), { credentials: credentials(), items: [item()] });
		const [a, b] = [long.output('SMS')[0].sms as Record<string, unknown>, short.output('SMS')[0].sms as Record<string, unknown>];
		assert.match(String(b.body), /https:\/\/go\.shop\.example\/l\?x{10} /);
		assert.equal(a.segments, 2);
		assert.equal(b.segments, 1, 'the segment count is that of the shortened text');
		assert.ok(Number(a.characters) - Number(b.characters) > 50, `${String(a.characters)} → ${String(b.characters)}`);
	});

	it('sends a short link on n8n’s own address; a click is forwarded with 302 and counted once, a preview is not', async () => {
		setClock('2026-05-04T10:00:00Z');
		const sent = await runWorkflow(smsWorkflow('send', { shortLinks: true }), { credentials: credentials(), items: [item()] });
		assert.equal(sent.status, 'success', String(sent.error));
		const sms = sent.output('SMS')[0].sms as { body: string; shortLinks: Array<{ url: string; shortUrl: string }> };
		const shortUrl = sms.body.match(/http:\/\/127\.0\.0\.1:5678\/webhook\/l\?[A-Za-z0-9]{10}/)?.[0];
		assert.ok(shortUrl, sms.body);
		assert.equal(twilio.messages.at(-1)?.body, sms.body, 'Twilio got the shortened text');
		assert.equal(sms.shortLinks[0].url, item().shipment.trackingUrl);

		const preview = await click(shortUrl, { 'user-agent': 'WhatsApp/2.23.20.0' });
		assert.deepEqual([preview.executed, preview.webhookResponse?.statusCode, preview.webhookResponse?.headers.location], [false, 302, sms.shortLinks[0].url]);
		setClock('2026-05-04T10:02:00Z');
		const first = await click(shortUrl);
		assert.equal(first.webhookResponse?.statusCode, 302);
		assert.equal(first.webhookResponse?.headers.location, sms.shortLinks[0].url);
		assert.equal(first.executed, true);
		const out = first.output('Short Link')[0] as { event: string; click: { first: boolean; clicks: number; journeyStep: string }; customer: { phone: string } };
		assert.deepEqual([out.event, out.click.first, out.click.clicks, out.click.journeyStep], ['link.clicked', true, 1, 'delivery_exception']);
		const second = await click(shortUrl, { 'user-agent': BROWSER }, 'GET', 'first');
		assert.deepEqual([second.webhookResponse?.statusCode, second.executed], [302, false], 'first click only: the second starts nothing');
	});

	it('answers unknown codes and attempts at an open redirect with the friendly page', async () => {
		const unknown = await click('http://127.0.0.1:5678/webhook/l?AbCdEfGhIj', { 'user-agent': BROWSER, 'accept-language': 'de-DE,de;q=0.9' });
		assert.equal(unknown.webhookResponse?.statusCode, 404);
		assert.match(String(unknown.webhookResponse?.body), /Dieser Link ist nicht mehr gültig/);
		const open = await click('http://127.0.0.1:5678/webhook/l?url=https%3A%2F%2Fevil.example');
		assert.equal(open.webhookResponse?.statusCode, 400);
		assert.equal(open.webhookResponse?.headers.location, undefined);
	});
});
