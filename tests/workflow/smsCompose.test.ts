import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import { runWorkflow } from '../support/harness';
import type { WorkflowJson } from '../support/harness';
import { startTwilioServer } from '../support/twilioServer';
import type { TwilioTestServer } from '../support/twilioServer';
import { closeCachedStores } from '../../nodes/shared/storeFromCredential';

/**
 * End to end through the in-process n8n engine: the SMS Compose node reads the `postPurchaseTwilioApi` credential,
 * builds the real twilio SDK client pointed at the local Twilio server via `baseUrl`, and sends.
 */

let twilio: TwilioTestServer;

beforeAll(async () => {
	twilio = await startTwilioServer({ autoCallbacks: false });
});
afterAll(async () => {
	await twilio.stop();
	await closeCachedStores();
});
beforeEach(() => {
	twilio.clearFaults();
});

function workflow(parameters: Record<string, unknown>, onError?: 'continueErrorOutput' | 'continueRegularOutput'): WorkflowJson {
	return {
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'sms',
				name: 'SMS',
				type: 'n8n-nodes-post-purchase.smsCompose',
				typeVersion: 1,
				position: [200, 0],
				parameters,
				credentials: { postPurchaseTwilioApi: { id: '1', name: 'Twilio' } },
				...(onError ? { onError } : {}),
			},
		] as WorkflowJson['nodes'],
		connections: { Start: { main: [[{ node: 'SMS', type: 'main', index: 0 }]] } },
	};
}

/** A fresh German mobile number per call; the journey store outlives single tests. */
const phone = () => `+49151${randomInt(10_000_000, 99_999_999)}`;

function shipmentItem(to: string, locale: string, orderNumber = String(randomInt(1000, 9999))) {
	return {
		event: 'shipment.created',
		customer: { firstName: 'Anna', phone: to, locale, timezone: 'Europe/Berlin', country: 'DE' },
		shipment: {
			orderNumber,
			trackingNumber: `0034${orderNumber}`,
			carrier: { code: 'dhl', name: 'DHL' },
			trackingUrl: `https://www.dhl.de/track?piececode=0034${orderNumber}`,
			estimatedDelivery: { earliest: '2025-05-14T08:00:00Z', latest: '2025-05-14T16:00:00Z' },
		},
	};
}

const credentials = () => ({ postPurchaseTwilioApi: twilio.credentials() });

describe('SMS Compose node', () => {
	it('compose previews text, encoding, segments and cost without sending', async () => {
		const before = twilio.createAttempts;
		const items = [shipmentItem(phone(), 'de-AT'), shipmentItem(phone(), 'en-US')];
		const result = await runWorkflow(workflow({ operation: 'compose', journeyStep: 'shipped' }), { credentials: credentials(), items });
		assert.equal(result.status, 'success', String(result.error?.message));
		const out = result.items('SMS');
		assert.deepEqual(out.map((i) => i.pairedItem), [{ item: 0 }, { item: 1 }]);
		const de = out[0].json.sms as Record<string, unknown>;
		assert.match(String(de.body), /^Deine Bestellung \d+ ist unterwegs mit DHL! Voraussichtliche Zustellung: Mi\., 14\. Mai\./);
		assert.equal(de.encoding, 'GSM-7');
		assert.equal(de.segments, 1);
		assert.equal(de.to, items[0].customer.phone);
		assert.equal(de.from, '+15005550006');
		assert.deepEqual((de.estimatedCost as Record<string, unknown>).country, 'DE');
		assert.match(String((out[1].json.sms as Record<string, unknown>).body), /^Your order \d+ is on its way with DHL! Expected delivery: Wed, May 14\./);
		assert.equal(twilio.createAttempts, before, 'nothing sent');
		assert.equal((out[0].json.shipment as { trackingNumber: string }).trackingNumber, items[0].shipment.trackingNumber, 'input kept');
	});

	it('sends through the credential baseUrl, once per customer and order, in input order', async () => {
		const items = Array.from({ length: 6 }, (_, i) => shipmentItem(phone(), i % 2 ? 'en-GB' : 'de-DE'));
		const parameters = { operation: 'send', journeyStep: 'shipped', options: { messagesPerSecond: 50, statusCallback: 'https://hooks.example/sms-status' } };
		const start = twilio.messages.length;
		const runStarted = Date.now();
		const result = await runWorkflow(workflow(parameters), { credentials: credentials(), items });
		const runEnded = Date.now();
		assert.equal(result.status, 'success', String(result.error?.message));
		const out = result.items('SMS');
		assert.equal(out.length, 6);
		const created = twilio.messages.slice(start);
		assert.equal(created.length, 6);
		for (const [i, item] of out.entries()) {
			assert.deepEqual(item.pairedItem, { item: i });
			const sms = item.json.sms as Record<string, unknown>;
			assert.equal(sms.to, items[i].customer.phone, 'output order follows input');
			const record = created.find((m) => m.sid === sms.sid);
			assert.ok(record, 'the SID is the created message');
			assert.equal(record.to, items[i].customer.phone);
			assert.equal(record.body, sms.body);
			assert.equal(record.statusCallback, 'https://hooks.example/sms-status');
			assert.equal(sms.status, 'queued');
			assert.ok(!Number.isNaN(Date.parse(String(sms.sentAt))));
			const sentAt = Date.parse(String(sms.sentAt));
			assert.ok(sentAt >= runStarted - 1000 && sentAt <= runEnded + 1000, `sentAt ${String(sms.sentAt)} lies within the run`);
		}
		// The same run again (e.g. "Retry On Fail" or a redelivered webhook) sends nothing.
		const again = await runWorkflow(workflow(parameters), { credentials: credentials(), items });
		assert.equal(again.status, 'success');
		assert.equal(twilio.messages.length, start + 6);
		assert.ok(again.items('SMS').every((i) => (i.json.sms as Record<string, unknown>).status === 'already_sent'));
		assert.deepEqual(
			again.items('SMS').map((i) => [i.pairedItem, (i.json.sms as Record<string, unknown>).status, (i.json.sms as Record<string, unknown>).to]),
			items.map((item, i) => [{ item: i }, 'already_sent', item.customer.phone]),
			'every item comes out, each marked already sent',
		);
	});

	it('routes failed items to the error output with a clear reason; the rest are sent', async () => {
		const items: Array<{ customer: { firstName: string; locale: string; phone?: string } }> = [shipmentItem(phone(), 'de-DE'), shipmentItem(phone(), 'de-DE'), { customer: { firstName: 'X', locale: 'de' } }, shipmentItem(phone(), 'en-US')];
		twilio.rejectRecipient(String(items[1].customer.phone), 21610);
		const start = twilio.messages.length;
		const result = await runWorkflow(workflow({ operation: 'send', journeyStep: 'shipped', options: { messagesPerSecond: 20 } }, 'continueErrorOutput'), {
			credentials: credentials(),
			items,
		});
		assert.equal(result.status, 'success', String(result.error?.message));
		const ok = result.items('SMS', 0);
		const failed = result.items('SMS', 1);
		assert.deepEqual(ok.map((i) => i.pairedItem), [{ item: 0 }, { item: 3 }]);
		assert.deepEqual(failed.map((i) => i.pairedItem), [{ item: 1 }, { item: 2 }]);
		assert.match(String(failed[0].json.error), /unsubscribed/);
		assert.ok(!String(failed[0].json.error).includes(String(items[1].customer.phone)), 'phone masked');
		assert.match(String(failed[1].json.error), /no phone number/);
		assert.equal(twilio.messages.length, start + 2);
	});

	it('without "Continue On Fail" a failing item fails the node', async () => {
		const to = phone();
		twilio.rejectRecipient(to, 21211);
		const result = await runWorkflow(workflow({ operation: 'send', journeyStep: 'shipped' }), { credentials: credentials(), items: [shipmentItem(to, 'de')] });
		assert.equal(result.status, 'error');
		assert.match(String(result.error?.message ?? result.run?.data.resultData.error?.message), /not valid/);
	});
});

describe('SMS Compose: the opt-out line follows the text as the marketer wrote it', () => {
	const customer = { firstName: 'Anna', phone: '+4915112345678', locale: 'de-DE', timezone: 'Europe/Berlin', country: 'DE' };

	it('an expression that brings in "Stop & Shop" or "Baja Hoodie" does not remove the opt-out line, in the text or a variant', async () => {
		const result = await runWorkflow(
			workflow({
				operation: 'compose',
				journeyStep: 'win_back',
				purpose: 'marketing',
				messageText: '=Neu bei {{ $json.shop.name }}: {{ $json.product.title }} mit 20 % Rabatt',
				variants: { variant: [{ locale: 'en', text: '=New at {{ $json.shop.name }}: {{ $json.product.title }}, 20 % off' }] },
			}),
			{
				credentials: credentials(),
				items: [
					{ customer, shop: { name: 'Stop & Shop' }, product: { title: 'Baja Hoodie' } },
					{ customer: { ...customer, locale: 'en-US' }, shop: { name: 'Stop & Shop' }, product: { title: 'Baja Hoodie' } },
				],
			},
		);
		assert.equal(result.status, 'success', String(result.error?.message));
		const [de, en] = result.output('SMS').map((item) => item.sms as { body: string; optOutAdded: boolean; variant: string });
		assert.equal(de.body, 'Neu bei Stop & Shop: Baja Hoodie mit 20 % Rabatt\nAbmelden: STOP antworten');
		assert.equal(de.optOutAdded, true);
		assert.equal(en.variant, 'en');
		assert.equal(en.body, 'New at Stop & Shop: Baja Hoodie, 20 % off\nReply STOP to opt out');
	});

	it('the marketer\'s own opt-out instruction next to an expression is kept and not doubled', async () => {
		const result = await runWorkflow(
			workflow({ operation: 'compose', journeyStep: 'win_back', purpose: 'marketing', messageText: '=Hallo {{ $json.customer.firstName }}, 20 % auf alles. Abmelden: STOP an uns' }),
			{ credentials: credentials(), items: [{ customer }] },
		);
		const sms = result.output('SMS')[0].sms as { body: string; optOutAdded: boolean };
		assert.equal(sms.body, 'Hallo Anna, 20 % auf alles. Abmelden: STOP an uns');
		assert.equal(sms.optOutAdded, false);
	});
});
