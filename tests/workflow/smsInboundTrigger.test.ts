import assert from 'node:assert/strict';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from '@jest/globals';
import twilio from 'twilio';
import { runWorkflow } from '../support/harness';
import type { WorkflowJson } from '../support/harness';
import { closeCachedStores } from '../../nodes/shared/storeFromCredential';

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
