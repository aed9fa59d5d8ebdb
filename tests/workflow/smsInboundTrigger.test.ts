import assert from 'node:assert/strict';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from '@jest/globals';
import twilio from 'twilio';
import { runWorkflow } from '../support/harness';
import type { RunResult, WorkflowJson } from '../support/harness';
import { startTwilioServer } from '../support/twilioServer';
import { closeCachedStores } from '../../nodes/shared/storeFromCredential';
import { openSqliteStore } from '../../core/store';
import { twilioSignature } from '../../core/shared/twilioSignature';

const authToken = randomBytes(16).toString('hex');
const storePath = join(mkdtempSync(join(tmpdir(), 'sms-inbound-')), 'journey.sqlite');
const credentials = {
	postPurchaseTwilioApi: { accountSid: 'AC' + '0'.repeat(32), authType: 'authToken', authToken },
	postPurchaseStoreApi: { backend: 'sqlite', sqlitePath: storePath },
};
const WEBHOOK_ID = 'b1f0c2aa-sms-inbound';
const LOCAL_URL = `http://127.0.0.1:5678/webhook/${WEBHOOK_ID}/sms`;

afterAll(async () => {
	await closeCachedStores();
});

function trigger(parameters: Record<string, unknown>): WorkflowJson {
	return {
		nodes: [
			{
				id: 't',
				name: 'SMS In',
				type: 'n8n-nodes-post-purchase.smsInboundTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: WEBHOOK_ID,
				parameters,
				credentials: { postPurchaseTwilioApi: { id: '1', name: 'Twilio' }, postPurchaseStoreApi: { id: '2', name: 'Store' } },
			},
		] as WorkflowJson['nodes'],
		connections: {},
	};
}

function gate(to: string): WorkflowJson {
	return {
		nodes: [
			{ id: 's', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'g',
				name: 'Gate',
				type: 'n8n-nodes-post-purchase.consentGate',
				typeVersion: 1,
				position: [200, 0],
				parameters: { operation: 'check', channel: 'sms', purpose: 'marketing', recipient: to, options: { evaluateAt: '2025-06-10T12:00:00-04:00' } },
				credentials: { postPurchaseStoreApi: { id: '2', name: 'Store' } },
			},
		] as WorkflowJson['nodes'],
		connections: { Start: { main: [[{ node: 'Gate', type: 'main', index: 0 }]] } },
	};
}

/** A form POST signed exactly as Twilio does, using the twilio SDK's own algorithm. */
function signed(params: Record<string, string>, options: { url?: string; signUrl?: string; token?: string; headers?: Record<string, string> } = {}) {
	const signature = twilio.getExpectedTwilioSignature(options.token ?? authToken, options.signUrl ?? options.url ?? LOCAL_URL, params);
	return {
		url: options.url ?? LOCAL_URL,
		headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature, ...options.headers },
		body: new URLSearchParams(params).toString(),
	};
}

const sid = () => 'SM' + randomBytes(16).toString('hex');
const usPhone = () => `+1212234${randomInt(1000, 9999)}`;

describe('SMS Inbound Trigger', () => {
	it('records a STOP before the workflow runs, replies once, and the gate then suppresses', async () => {
		const from = usPhone();
		const params = { From: from, To: '+12125550100', Body: 'Stop', MessageSid: sid(), SmsStatus: 'received' };
		// The setting says German, but STOP is international and the sender is a US number: the answer is English.
		const run = await runWorkflow(trigger({ events: 'inbound', options: { autoReply: true, brand: 'Muster Shop', replyLanguage: 'de' } }), { credentials, webhook: signed(params) });
		assert.equal(run.executed, true);
		const inbound = run.output('SMS In')[0].inbound as Record<string, unknown>;
		assert.deepEqual({ from: inbound.from, body: inbound.body, intent: inbound.intent, messageSid: inbound.messageSid }, { from, body: 'Stop', intent: 'opt_out', messageSid: params.MessageSid });
		assert.equal(run.webhookResponse?.statusCode, 200);
		assert.equal(run.webhookResponse?.headers['content-type'], 'text/xml');
		assert.match(String(run.webhookResponse?.body), /<Message>Muster Shop: You are unsubscribed/);

		const gated = await runWorkflow(gate(from), { credentials, items: [{}] });
		assert.equal((gated.output('Gate', 2)[0].consent as Record<string, unknown>).reason, 'opted_out');

		// A second STOP (new message) changes nothing: no second confirmation.
		const again = await runWorkflow(trigger({ events: 'inbound', options: { autoReply: true, brand: 'Muster Shop' } }), { credentials, webhook: signed({ ...params, MessageSid: sid() }) });
		assert.equal(again.executed, true);
		assert.doesNotMatch(String(again.webhookResponse?.body), /<Message>/);
	});

	it('rejects a wrong signature with 403 and runs nothing', async () => {
		const params = { From: usPhone(), To: '+12125550100', Body: 'STOP', MessageSid: sid() };
		const forged = signed(params, { token: 'f'.repeat(32) });
		const run = await runWorkflow(trigger({ events: 'inbound' }), { credentials, webhook: forged });
		assert.equal(run.executed, false);
		assert.equal(run.webhookResponse?.statusCode, 403);
		const tampered = signed(params);
		tampered.body = new URLSearchParams({ ...params, Body: 'START' }).toString();
		const run2 = await runWorkflow(trigger({ events: 'inbound' }), { credentials, webhook: tampered });
		assert.equal(run2.webhookResponse?.statusCode, 403);
		// Nothing was recorded: the number is not suppressed.
		const gated = await runWorkflow(gate(params.From), { credentials, items: [{}] });
		assert.notEqual((gated.items('Gate', 2)[0]?.json.consent as Record<string, unknown> | undefined)?.reason, 'opted_out');
		// Suppressed only for want of consent, which it never had: no STOP on record.
		assert.equal((gated.output('Gate', 2)[0].consent as Record<string, unknown>).reason, 'no_consent');
	});

	it('verifies against the configured public URL when n8n sits behind a proxy', async () => {
		const publicUrl = 'https://shop.example.com/hooks/sms?source=twilio';
		const params = { From: usPhone(), To: '+12125550100', Body: 'HELP', MessageSid: sid() };
		const bad = await runWorkflow(trigger({ events: 'inbound' }), { credentials, webhook: signed(params, { signUrl: publicUrl }) });
		assert.equal(bad.webhookResponse?.statusCode, 403);
		const run = await runWorkflow(trigger({ events: 'inbound', options: { publicUrl, autoReply: true, brand: 'Muster Shop', contact: 'hilfe@muster.de' } }), {
			credentials,
			webhook: signed(params, { signUrl: publicUrl }),
		});
		assert.equal(run.executed, true);
		assert.equal((run.output('SMS In')[0].inbound as Record<string, unknown>).intent, 'help');
		assert.match(String(run.webhookResponse?.body), /Muster Shop: For help contact hilfe@muster\.de/);
	});

	it('deduplicates redeliveries by idempotency token and by message SID', async () => {
		const params = { From: usPhone(), To: '+12125550100', Body: 'Danke!', MessageSid: sid() };
		const headers = { 'i-twilio-idempotency-token': randomBytes(8).toString('hex') };
		const first = await runWorkflow(trigger({ events: 'inbound' }), { credentials, webhook: signed(params, { headers }) });
		const second = await runWorkflow(trigger({ events: 'inbound' }), { credentials, webhook: signed(params, { headers }) });
		assert.equal(first.executed, true);
		assert.equal(second.executed, false);
		assert.equal(second.webhookResponse?.statusCode, 200);
		const third = await runWorkflow(trigger({ events: 'inbound' }), { credentials, webhook: signed(params) });
		const fourth = await runWorkflow(trigger({ events: 'inbound' }), { credentials, webhook: signed(params) });
		assert.equal(third.executed, true);
		assert.equal(fourth.executed, false);
	});

	it('emits status callbacks when selected and skips them otherwise', async () => {
		const params = { MessageSid: sid(), MessageStatus: 'undelivered', ErrorCode: '30003', To: usPhone(), From: '+12125550100' };
		const run = await runWorkflow(trigger({ events: 'both' }), { credentials, webhook: signed(params) });
		assert.equal(run.executed, true);
		const out = run.output('SMS In')[0];
		assert.deepEqual({ messageSid: out.messageSid, status: out.status, errorCode: out.errorCode }, { messageSid: params.MessageSid, status: 'undelivered', errorCode: '30003' });
		const skipped = await runWorkflow(trigger({ events: 'inbound' }), { credentials, webhook: signed({ ...params, MessageSid: sid() }) });
		assert.equal(skipped.executed, false);
	});

	it('status callback round trip: the local Twilio server calls the trigger, which updates the message log', async () => {
		// The whole product path: SMS Compose sends through the local Twilio server with a status callback URL, the
		// server posts signed callbacks to that URL, and the SMS Inbound Trigger behind it verifies and records them.
		// The HTTP server below only plays n8n's webhook endpoint: it hands each request, as received, to the trigger.
		const server = await startTwilioServer({ accountSid: credentials.postPurchaseTwilioApi.accountSid, authToken, autoCallbacks: false });
		const runs: RunResult[] = [];
		const readRaw = (req: IncomingMessage) =>
			new Promise<string>((resolve) => {
				let raw = '';
				req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
				req.on('end', () => resolve(raw));
			});
		const endpoint = createServer((req, res) => {
			void (async () => {
				const body = await readRaw(req);
				const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]));
				const url = `http://${req.headers.host}${req.url}`;
				try {
					const run = await runWorkflow(trigger({ events: 'status' }), { credentials, webhook: { url, headers, body } });
					runs.push(run);
					const answer = run.webhookResponse ?? { statusCode: 500, headers: {}, body: 'no response' };
					res.writeHead(answer.statusCode, answer.headers).end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
				} catch (error) {
					res.writeHead(500).end(String(error));
				}
			})();
		});
		await new Promise<void>((r) => endpoint.listen(0, '127.0.0.1', r));
		const store = await openSqliteStore({ path: storePath });
		try {
			const callbackUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/webhook/${WEBHOOK_ID}/sms?ref=abc`;
			const delivered = '+4915166' + randomInt(100000, 999999);
			const optedOut = '+4915177' + randomInt(100000, 999999);
			const item = (phone: string, order: string) => ({
				customer: { firstName: 'Anna', phone, locale: 'de-DE', timezone: 'Europe/Berlin', country: 'DE' },
				shipment: { orderNumber: order, trackingNumber: `0034${order}`, carrier: { code: 'dhl', name: 'DHL' }, trackingUrl: `https://www.dhl.de/track?piececode=0034${order}` },
			});
			const send = await runWorkflow(
				{
					nodes: [
						{ id: 's', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
						{
							id: 'c',
							name: 'SMS',
							type: 'n8n-nodes-post-purchase.smsCompose',
							typeVersion: 1,
							position: [200, 0],
							parameters: { operation: 'send', journeyStep: 'shipped', options: { statusCallback: callbackUrl, messagesPerSecond: 50 } },
							credentials: { postPurchaseTwilioApi: { id: '1', name: 'Twilio' }, postPurchaseStoreApi: { id: '2', name: 'Store' } },
						},
					] as WorkflowJson['nodes'],
					connections: { Start: { main: [[{ node: 'SMS', type: 'main', index: 0 }]] } },
				},
				{ credentials: { ...credentials, postPurchaseTwilioApi: server.credentials() }, items: [item(delivered, '5101'), item(optedOut, '5102')] },
			);
			assert.equal(send.status, 'success', String(send.error?.message));
			const [sid, failedSid] = send.output('SMS').map((o) => String((o.sms as Record<string, unknown>).sid));
			assert.deepEqual(server.messages.map((m) => [m.to, m.statusCallback]), [[delivered, callbackUrl], [optedOut, callbackUrl]]);
			assert.equal((await store.findMessageByProviderId(sid))?.status, 'queued');

			assert.equal((await server.sendStatusCallback(sid, 'sent'))?.statusCode, 200);
			assert.equal((await store.findMessageByProviderId(sid))?.status, 'sent');
			assert.equal((await server.sendStatusCallback(sid, 'delivered'))?.statusCode, 200);
			// Each callback ran the workflow with what the trigger recorded.
			assert.deepEqual(
				runs.map((r) => ({ executed: r.executed, out: r.output('SMS In').map((o) => ({ event: o.event, messageSid: o.messageSid, status: o.status, known: o.known })) })),
				[
					{ executed: true, out: [{ event: 'sms.status', messageSid: sid, status: 'sent', known: true }] },
					{ executed: true, out: [{ event: 'sms.status', messageSid: sid, status: 'delivered', known: true }] },
				],
			);
			const logged = await store.findMessageByProviderId(sid);
			assert.deepEqual({ subject: logged?.subject, status: logged?.status, errorCode: logged?.errorCode, journeyStep: logged?.journeyStep }, { subject: delivered, status: 'delivered', errorCode: null, journeyStep: 'shipped' });
			// The subject's export (the GDPR proof) shows the same message log.
			const exported = await store.exportSubject(delivered);
			assert.deepEqual(exported.messages.map((m) => ({ providerId: m.providerId, status: m.status })), [{ providerId: sid, status: 'delivered' }]);

			// A late "sent" (Twilio posts out of order) is accepted but does not move the message back.
			assert.equal((await server.sendStatusCallback(sid, 'sent'))?.statusCode, 200);
			assert.equal((await store.findMessageByProviderId(sid))?.status, 'delivered');

			// A forged callback (not signed with the account's auth token) is refused and changes nothing.
			const forgedParams = { AccountSid: server.accountSid, MessageSid: sid, MessageStatus: 'failed', ErrorCode: '30003', To: delivered, From: '+15005550006' };
			const forged = await fetch(callbackUrl, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature('f'.repeat(32), callbackUrl, forgedParams) },
				body: new URLSearchParams(forgedParams).toString(),
			});
			assert.equal(forged.status, 403);
			assert.deepEqual({ status: (await store.findMessageByProviderId(sid))?.status, errorCode: (await store.findMessageByProviderId(sid))?.errorCode }, { status: 'delivered', errorCode: null });

			// A carrier-level opt-out (21610) fails the message with its code and suppresses the number.
			assert.equal((await server.sendStatusCallback(failedSid, 'failed', 21610))?.statusCode, 200);
			const failed = await store.findMessageByProviderId(failedSid);
			assert.deepEqual({ subject: failed?.subject, status: failed?.status, errorCode: failed?.errorCode }, { subject: optedOut, status: 'failed', errorCode: '21610' });
			assert.equal((await store.getSuppression(optedOut, 'sms'))?.reason, 'carrier_opt_out');
			assert.equal(await store.getSuppression(delivered, 'sms'), null);
		} finally {
			await store.close();
			await server.stop();
			await new Promise<void>((r) => endpoint.close(() => r()));
		}
	});

	it('a JA reply confirms a pending double opt-in', async () => {
		const from = '+4915155' + randomInt(100000, 999999);
		const record = await runWorkflow(
			{
				nodes: [
					{ id: 's', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
					{ id: 'g', name: 'Gate', type: 'n8n-nodes-post-purchase.consentGate', typeVersion: 1, position: [200, 0], parameters: { operation: 'recordConsent', channel: 'sms', recipient: from, legalBasis: 'double_opt_in', source: 'checkout' }, credentials: { postPurchaseStoreApi: { id: '2', name: 'Store' } } },
				] as WorkflowJson['nodes'],
				connections: { Start: { main: [[{ node: 'Gate', type: 'main', index: 0 }]] } },
			},
			{ credentials, items: [{}] },
		);
		assert.equal((record.output('Gate')[0].consent as Record<string, unknown>).status, 'pending');
		const run = await runWorkflow(trigger({ events: 'inbound', options: { autoReply: true, brand: 'Muster Shop' } }), { credentials, webhook: signed({ From: from, To: '+4930123456', Body: 'Ja', MessageSid: sid() }) });
		const inbound = run.output('SMS In')[0].inbound as Record<string, unknown>;
		assert.equal(inbound.intent, 'opt_in');
		assert.equal(inbound.confirmedDoubleOptIn, true);
		assert.match(String(run.webhookResponse?.body), /Sie erhalten wieder SMS/);
	});
});
