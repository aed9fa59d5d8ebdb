/**
 * What an operator finds in n8n's log never shows a customer's phone number or e-mail address: the harness captures
 * what our nodes log through `this.logger` and what n8n's engine logs about failed nodes (tests/support/logs.ts),
 * at every level, and these tests drive the trigger rejection paths and the node error paths with personal data in
 * the requests and in the failures.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, it, jest } from '@jest/globals';
import { twilioSignature } from '../../core/shared/twilioSignature';
import { closeCachedStores, getJourneyStore } from '../../nodes/shared/storeFromCredential';
import { runWorkflow } from '../support/harness';
import type { WorkflowJson } from '../support/harness';
import { allLogText, clearLogs, logged } from '../support/logs';
import { startSmtpServer } from '../support/smtpServer';
import type { SmtpTestServer } from '../support/smtpServer';
import { startTwilioServer } from '../support/twilioServer';
import type { TwilioTestServer } from '../support/twilioServer';
import { fixture, fixtureText, SECRET, shopCredential, shopifyHeaders, triggerWorkflow, wooHeaders } from '../unit/commerce/helpers';

let smtp: SmtpTestServer;
let twilio: TwilioTestServer;

beforeAll(async () => {
	smtp = await startSmtpServer();
	twilio = await startTwilioServer({ autoCallbacks: false });
});
afterAll(async () => {
	await smtp.stop();
	await twilio.stop();
	await closeCachedStores();
});
beforeEach(() => {
	clearLogs();
	twilio.clearFaults();
	smtp.clearFaults();
});

/** The customer in the Shopify order fixture. */
const ANNA = { email: 'Anna.Schmidt@example.de', phone: ['0151 23456789', '015123456789', '+4915123456789', '4915123456789'] };

/**
 * None of the raw values appears anywhere in the captured log (messages and metadata, any level, e-mails in any
 * case), and each masked form does: the path did log, and masked what it logged.
 */
function assertLogMasked(raw: string[], masked: string[] = []): void {
	const text = allLogText();
	for (const value of raw) assert.ok(!text.toLowerCase().includes(value.toLowerCase()), `the log shows "${value}":\n${text}`);
	for (const value of masked) assert.ok(text.includes(value), `expected "${value}" in the log:\n${text}`);
}

function warnings(pattern: RegExp): number {
	return logged().filter((e) => e.level === 'warn' && pattern.test(e.message)).length;
}

describe('commerce triggers log rejections and failures without personal data', () => {
	const order = fixtureText('shopify', 'orders-create.json');
	const send = (wf: WorkflowJson, body: string, headers: Record<string, string>, platform = 'shopify', credentials = shopCredential(platform)) =>
		runWorkflow(wf, { credentials, webhook: { headers, body } });

	it('401, 400 and 422 are logged with their reason, never with the customer from the payload', async () => {
		const wf = triggerWorkflow('orderPlacedTrigger', { platform: 'shopify', events: 'any' });
		const tampered = order.replace('"59.80"', '"0.01"');
		assert.equal((await send(wf, tampered, shopifyHeaders('orders/create', order))).webhookResponse?.statusCode, 401);
		const broken = order.slice(0, order.indexOf('"0151 23456789"') + 20);
		assert.equal((await send(wf, broken, shopifyHeaders('orders/create', broken))).webhookResponse?.statusCode, 400);
		const noId = JSON.stringify({ ...fixture('shopify', 'orders-create.json'), id: null });
		assert.equal((await send(wf, noId, shopifyHeaders('orders/create', noId))).webhookResponse?.statusCode, 422);
		const woo = fixtureText('woocommerce', 'order-created.json');
		const wooRun = await send(triggerWorkflow('orderPlacedTrigger', { platform: 'woocommerce', events: 'any' }), woo, wooHeaders('order.created', woo, undefined, 'forged'), 'woocommerce');
		assert.equal(wooRun.webhookResponse?.statusCode, 401);

		assert.equal(warnings(/rejected a shopify delivery: Invalid signature/), 1);
		assert.equal(warnings(/rejected a shopify delivery: Malformed JSON/), 1);
		assert.equal(warnings(/rejected a shopify delivery: Payload could not be read \(field id\)/), 1);
		assert.equal(warnings(/rejected a woocommerce delivery: Invalid signature/), 1);
		assertLogMasked([ANNA.email, ...ANNA.phone, 'juergen.weiss@example.at', '0664 1234567', SECRET]);
	});

	it('a replayed body with a made-up topic header is logged with the topic masked', async () => {
		// Shopify signs the body only: a captured delivery can be replayed with any topic header.
		const headers = { ...shopifyHeaders('orders/create', order), 'x-shopify-topic': 'customers/anna.schmidt@example.de/+4915123456789' };
		const run = await send(triggerWorkflow('orderPlacedTrigger', { platform: 'shopify', events: 'any' }), order, headers);
		assert.deepEqual(run.webhookResponse?.body, { received: true, ignored: 'unknown_topic' });
		assert.ok(logged().some((e) => /ignored a shopify delivery: unknown_topic/.test(e.message)), allLogText());
		assertLogMasked([ANNA.email, ...ANNA.phone], ['a***@e***.de', '+49151*****789']);
	});

	it('a failure inside the trigger (500) is logged masked: the error may quote the customer', async () => {
		// Commerce triggers keep their delivery claims in the embedded default store: this is the same open store.
		const wf = triggerWorkflow('orderPlacedTrigger', { platform: 'shopify', events: 'any' });
		const credentials = shopCredential('shopify');
		const store = await getJourneyStore({ getNode: () => ({ credentials: undefined }) } as unknown as Parameters<typeof getJourneyStore>[0]);
		// The store the trigger uses fails the way a database driver does: quoting the row it could not write.
		const claim = jest.spyOn(store, 'claim').mockRejectedValue(new Error('could not write claim for Anna.Schmidt@example.de (+49 151 23456789): disk I/O error'));
		try {
			const id = randomUUID();
			const run = await send(wf, order, shopifyHeaders('orders/create', order, id), 'shopify', credentials);
			assert.equal(run.executed, false);
			assert.equal(run.webhookResponse?.statusCode, 500);
			assert.deepEqual(run.webhookResponse?.body, { error: 'Temporary failure, please retry' });
			assert.equal(claim.mock.calls.length, 1, 'the failure came from the claim');
			const errors = logged().filter((e) => e.level === 'error' && /Commerce trigger "Shop Trigger" failed/.test(e.message));
			assert.equal(errors.length, 1, allLogText());
			assert.match(errors[0].message, /disk I\/O error/, 'the cause stays readable');
			assertLogMasked([ANNA.email, '+49 151 23456789', ...ANNA.phone], ['A***@e***.de', '+49151*****789']);

			// Once the store works again, Shopify's retry runs.
			claim.mockRestore();
			assert.equal((await send(wf, order, shopifyHeaders('orders/create', order, id), 'shopify', credentials)).executed, true);
		} finally {
			claim.mockRestore();
		}
	});
});

describe('SMS Inbound Trigger logs rejections and failures without personal data', () => {
	const url = 'http://127.0.0.1:5678/webhook/5f3c9a10-0d5e-4d8c-9a1e-4c0d1e2f3a4b/sms';
	const credentials = () => ({
		postPurchaseTwilioApi: twilio.credentials({ defaultFrom: '+4915199990000' }),
		postPurchaseStoreApi: { backend: 'sqlite', sqlitePath: join(mkdtempSync(join(tmpdir(), 'pp-log-')), 'journey.sqlite') },
	});
	const workflow: WorkflowJson = {
		nodes: [
			{
				id: 'in',
				name: 'SMS In',
				type: 'n8n-nodes-post-purchase.smsInboundTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: '5f3c9a10-0d5e-4d8c-9a1e-4c0d1e2f3a4b',
				parameters: { events: 'inbound' },
				credentials: { postPurchaseTwilioApi: { id: '1', name: 'Twilio' }, postPurchaseStoreApi: { id: '2', name: 'Store' } },
			},
		] as WorkflowJson['nodes'],
		connections: {},
	};
	const post = (params: Record<string, string>, signature: string, creds = credentials()) =>
		runWorkflow(workflow, {
			credentials: creds,
			webhook: { url, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body: new URLSearchParams(params).toString() },
		});

	it('a forged reply (403) is logged without the sender', async () => {
		const params = { From: '+4915123456789', To: '+4915199990000', Body: 'STOP anna.schmidt@example.de', MessageSid: 'SM' + randomBytes(16).toString('hex') };
		const run = await post(params, twilioSignature('f'.repeat(32), url, params));
		assert.equal(run.webhookResponse?.statusCode, 403);
		assert.ok(logged().some((e) => e.level === 'warn' && /X-Twilio-Signature/.test(e.message)), allLogText());
		assertLogMasked([...ANNA.phone, ANNA.email]);
	});

	it('a reply it cannot record (500) is logged masked', async () => {
		// Signed correctly, but the sender is no phone number: the message cannot be recorded.
		const params = { From: 'anna.schmidt@example.de', To: '+4915199990000', Body: 'STOP', MessageSid: 'SM' + randomBytes(16).toString('hex') };
		const run = await post(params, twilioSignature(twilio.authToken, url, params));
		assert.equal(run.webhookResponse?.statusCode, 500, JSON.stringify(run.webhookResponse));
		assert.ok(logged().some((e) => e.level === 'error' && /SMS Inbound Trigger/.test(e.message)), allLogText());
		assertLogMasked([ANNA.email], ['a***@e***.de']);
	});
});

describe('node errors are logged masked', () => {
	function single(type: string, credential: string, parameters: Record<string, unknown>): WorkflowJson {
		return {
			nodes: [
				{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				{ id: 'node', name: 'Node', type, typeVersion: 1, position: [200, 0], parameters, credentials: { [credential]: { id: '1', name: 'Credential' } } },
			] as WorkflowJson['nodes'],
			connections: { Start: { main: [[{ node: 'Node', type: 'main', index: 0 }]] } },
		};
	}

	it('Email Compose: a recipient the mail server refuses, quoting the address', async () => {
		const to = `anna.schmidt.${randomBytes(3).toString('hex')}@example.de`;
		smtp.rejectRecipient(to, 550, `5.1.1 <${to}>: Recipient address rejected: User unknown in virtual mailbox table`);
		const item = {
			event: 'order.placed',
			customer: { email: to, firstName: 'Anna', locale: 'de-DE', phone: '+4915123456789' },
			order: { id: randomUUID(), number: '#1042', currency: 'EUR', total: '39.98', lineItems: [{ title: 'Espresso', quantity: 2, unitPrice: '19.99' }] },
		};
		const run = await runWorkflow(single('n8n-nodes-post-purchase.emailCompose', 'postPurchaseSmtp', { operation: 'send', template: 'orderConfirmation', shopName: 'Bohne & Co.' }), {
			credentials: { postPurchaseSmtp: smtp.credentials() },
			items: [item],
		});
		assert.equal(run.status, 'error');
		assert.match(String(run.error?.message), /refused the recipient/);
		assert.ok(logged().some((e) => /finished with error/.test(e.message)), 'n8n logged the failed execution');
		assertLogMasked([to, ...ANNA.phone], ['a***@e***.de>: Recipient address rejected']);
	});

	it('SMS Compose: a number Twilio refuses', async () => {
		const to = '+4915123456789';
		twilio.rejectRecipient(to, 21211);
		const item = {
			event: 'shipment.created',
			customer: { firstName: 'Anna', phone: to, email: ANNA.email, locale: 'de-DE', timezone: 'Europe/Berlin', country: 'DE' },
			shipment: { orderNumber: String(Date.now()).slice(-6), trackingNumber: '00340434161094042557', carrier: { code: 'dhl', name: 'DHL' }, trackingUrl: 'https://www.dhl.de/t' },
		};
		const run = await runWorkflow(single('n8n-nodes-post-purchase.smsCompose', 'postPurchaseTwilioApi', { journeyStep: 'shipped' }), {
			credentials: { postPurchaseTwilioApi: twilio.credentials({ defaultFrom: '+4915199990000' }) },
			items: [item],
		});
		assert.equal(run.status, 'error');
		assert.match(String(run.error?.message), /21211/);
		assert.ok(logged().some((e) => /finished with error/.test(e.message)), 'n8n logged the failed execution');
		assertLogMasked([...ANNA.phone, ANNA.email], ['+49151*****789']);
	});
});
