/**
 * The shipped templates in workflows/ run through n8n's real engine in-process: signed shop webhooks in, e-mails at
 * the local SMTP server and SMS at the local Twilio server out, with the real SDKs.
 */
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { heldByWait } from '../support/builtInNodes';
import { resetClock, setClock } from '../support/clock';
import { loadWorkflow, runWorkflow } from '../support/harness';
import type { WorkflowJson } from '../support/harness';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { startSmtpServer } from '../support/smtpServer';
import type { SmtpTestServer } from '../support/smtpServer';
import { startTwilioServer } from '../support/twilioServer';
import type { TwilioTestServer } from '../support/twilioServer';
import { fixture, SECRET, shopifyHeaders } from '../unit/commerce/helpers';

const WORKFLOWS = join(__dirname, '..', '..', 'workflows');
let twilio: TwilioTestServer;
let smtp: SmtpTestServer;
let credentials: Record<string, ICredentialDataDecryptedObject>;
let counter = 0;

beforeAll(async () => {
	twilio = await startTwilioServer({ autoCallbacks: false });
	smtp = await startSmtpServer();
	credentials = {
		postPurchaseShopApi: { platform: 'shopify', webhookSecret: SECRET },
		postPurchaseTwilioApi: twilio.credentials({ defaultFrom: '+4915199990000' }),
		postPurchaseSmtp: smtp.credentials(),
	};
});
afterAll(async () => {
	resetClock();
	await twilio.stop();
	await smtp.stop();
});
beforeEach(() => {
	heldByWait.length = 0;
	resetClock();
});

/**
 * The template as shipped. With `at`, the whole process runs as if it were `at` from now on (gate, Wait stand-in,
 * store, estimates, the local servers): one clock for everything in the run, never a pinned time beside the real one.
 */
function template(file: string, at?: string): WorkflowJson {
	if (at) setClock(at);
	return loadWorkflow(join(WORKFLOWS, file));
}

/** A Shopify order of a fresh customer (own order id and phone), so tests never share claims. */
function freshOrder(overrides: { locale?: string; financialStatus?: string } = {}) {
	counter++;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON fixture edited field by field
	const order = structuredClone(fixture('shopify', 'orders-create.json')) as Record<string, any>;
	const id = 7_000_000_000 + Date.now() % 1_000_000 * 100 + counter;
	const phone = `+49151${String(20000000 + (id % 10_000_000)).slice(0, 8)}`;
	order.id = id;
	order.name = `#${id % 100000}`;
	order.order_number = id % 100000;
	order.email = order.customer.email = `kunde${id}@example.de`;
	order.phone = order.customer.phone = order.shipping_address.phone = order.billing_address.phone = phone;
	if (overrides.locale) order.customer_locale = overrides.locale;
	if (overrides.financialStatus) order.financial_status = overrides.financialStatus;
	return { body: JSON.stringify(order), id: String(id), phone, email: order.email as string, number: order.name as string };
}

function newMessages<T>(list: T[], from: number): T[] {
	return list.slice(from);
}

describe('order-confirmation.json', () => {
	it('sends the German confirmation e-mail, then the SMS, exactly once even when Shopify redelivers', async () => {
		const order = freshOrder();
		const [smsBefore, mailBefore] = [twilio.messages.length, smtp.messages.length];
		const headers = shopifyHeaders('orders/create', order.body);
		const run = await runWorkflow(template('order-confirmation.json', '2026-11-24T10:00:00+01:00'), { credentials, webhook: { headers, body: order.body } });
		assert.equal(run.webhookResponse?.statusCode, 200);
		assert.equal(run.status, 'success', String(run.error?.message));
		const mails = newMessages(smtp.messages, mailBefore);
		assert.equal(mails.length, 1);
		assert.deepEqual(mails[0].to, [order.email]);
		assert.match(String(mails[0].parsed.subject), new RegExp(order.number));
		assert.match(String(mails[0].parsed.text), /Vielen Dank|Bestellung/);
		const sms = newMessages(twilio.messages, smsBefore);
		assert.equal(sms.length, 1);
		assert.equal(sms[0].to, order.phone);
		assert.match(sms[0].body, /^Hallo Anna, danke für Ihre Bestellung/);
		assert.ok(sms[0].body.includes(order.number));

		// The same delivery again (same webhook id), or the same order in a new delivery: no second execution.
		const again = await runWorkflow(template('order-confirmation.json', '2026-11-24T10:00:00+01:00'), { credentials, webhook: { headers, body: order.body } });
		assert.equal(again.webhookResponse?.statusCode, 200);
		assert.equal(again.executed, false);
		const resent = await runWorkflow(template('order-confirmation.json', '2026-11-24T10:05:00+01:00'), {
			credentials,
			webhook: { headers: shopifyHeaders('orders/create', order.body), body: order.body },
		});
		assert.equal(resent.webhookResponse?.statusCode, 200);
		assert.equal(resent.executed, false);
		assert.equal(smtp.messages.length, mailBefore + 1, 'no second e-mail');
		assert.equal(twilio.messages.length, smsBefore + 1, 'no second SMS');
	});

	it('an English-speaking customer gets English texts', async () => {
		const order = freshOrder({ locale: 'en-GB' });
		const smsBefore = twilio.messages.length;
		const run = await runWorkflow(template('order-confirmation.json', '2026-11-24T10:00:00+01:00'), {
			credentials,
			webhook: { headers: shopifyHeaders('orders/create', order.body), body: order.body },
		});
		assert.equal(run.status, 'success', String(run.error?.message));
		assert.match(twilio.messages[smsBefore].body, /^Hi Anna, thanks for your order/);
		assert.match(String(smtp.messages.at(-1)?.parsed.subject), /order/i);
	});

	it('goes out at once even at 23:30: the customer has just ordered', async () => {
		const order = freshOrder();
		const smsBefore = twilio.messages.length;
		const run = await runWorkflow(template('order-confirmation.json', '2026-11-24T23:30:00+01:00'), {
			credentials,
			webhook: { headers: shopifyHeaders('orders/create', order.body), body: order.body },
		});
		assert.equal(run.status, 'success', String(run.error?.message));
		assert.equal(twilio.messages.length, smsBefore + 1);
		assert.equal((run.output('SMS Allowed?', 0)[0].consent as { decision: string }).decision, 'send');
	});

	it('a forged signature is refused with 401 and nothing is sent', async () => {
		const order = freshOrder();
		const [smsBefore, mailBefore] = [twilio.messages.length, smtp.messages.length];
		const headers = shopifyHeaders('orders/create', order.body, undefined, 'not-the-shop-secret');
		const run = await runWorkflow(template('order-confirmation.json'), { credentials, webhook: { headers, body: order.body } });
		assert.equal(run.webhookResponse?.statusCode, 401);
		assert.equal(run.executed, false);
		assert.equal(twilio.messages.length, smsBefore);
		assert.equal(smtp.messages.length, mailBefore);
	});
});

describe('payment-reminder.json', () => {
	it('reminds an unpaid order by e-mail and SMS, and leaves a paid one alone', async () => {
		const unpaid = freshOrder({ financialStatus: 'pending' });
		const [smsBefore, mailBefore] = [twilio.messages.length, smtp.messages.length];
		const run = await runWorkflow(template('payment-reminder.json', '2026-11-26T11:00:00+01:00'), {
			credentials,
			webhook: { headers: shopifyHeaders('orders/create', unpaid.body), body: unpaid.body },
		});
		assert.equal(run.status, 'success', String(run.error?.message));
		assert.match(String(smtp.messages[mailBefore]?.parsed.subject), /wartet noch auf die Zahlung/);
		assert.equal(twilio.messages.length, smsBefore + 1);
		assert.match(twilio.messages[smsBefore].body, /noch keine Zahlung/);

		const paid = freshOrder({ financialStatus: 'paid' });
		const paidRun = await runWorkflow(template('payment-reminder.json', '2026-11-26T11:00:00+01:00'), {
			credentials,
			webhook: { headers: shopifyHeaders('orders/create', paid.body), body: paid.body },
		});
		assert.equal(paidRun.output('Already Paid').length, 1);
		assert.equal(paidRun.ran('Reminder E-Mail'), false);
	});
});

describe('shipping-notification.json', () => {
	it('at 23:30 the e-mail goes at once and the SMS waits for 08:00 in the customer\'s time zone', async () => {
		const ups = '1Z5R89390357567127';
		const body = JSON.stringify({
			...fixture('shopify', 'fulfillments-create.json'),
			id: 9_100_000_000 + counter++,
			tracking_company: 'UPS',
			tracking_number: ups,
			tracking_numbers: [ups],
			tracking_url: null,
			tracking_urls: [],
		});
		const [smsBefore, mailBefore] = [twilio.messages.length, smtp.messages.length];
		const run = await runWorkflow(template('shipping-notification.json', '2026-11-24T23:30:00+01:00'), {
			credentials,
			webhook: { headers: shopifyHeaders('fulfillments/create', body), body },
		});
		assert.equal(run.status, 'success', String(run.error?.message));
		assert.equal(smtp.messages.length, mailBefore + 1);
		assert.equal(twilio.messages.length, smsBefore, 'no SMS at night');
		const consent = run.output('SMS Allowed?', 1)[0].consent as { decision: string; sendAt: string; timezone: string };
		assert.equal(consent.decision, 'deferred');
		assert.equal(consent.timezone, 'Europe/Berlin');
		assert.equal(new Date(consent.sendAt).toISOString(), '2026-11-25T07:00:00.000Z');
		assert.deepEqual(heldByWait.map((h) => [h.node, new Date(h.until).toISOString()]), [['Wait Until Morning', '2026-11-25T07:00:00.000Z']]);
	});

	it('sends the tracking link and a delivery estimate by e-mail and SMS', async () => {
		const body = JSON.stringify({ ...fixture('shopify', 'fulfillments-create.json'), id: 9_000_000_000 + counter++ });
		const [smsBefore, mailBefore] = [twilio.messages.length, smtp.messages.length];
		const run = await runWorkflow(template('shipping-notification.json', '2026-11-24T10:00:00+01:00'), {
			credentials,
			webhook: { headers: shopifyHeaders('fulfillments/create', body), body },
		});
		assert.equal(run.webhookResponse?.statusCode, 200, JSON.stringify(run.webhookResponse?.body));
		assert.equal(run.executed, true, JSON.stringify(run.webhookResponse?.body));
		assert.equal(run.status, 'success', String(run.error?.message));
		const tracked = run.output('Carrier Track')[0].tracking as { carrier: { code: string }; estimatedDelivery: { earliest: string } | null };
		assert.ok(tracked.carrier?.code, 'carrier detected');
		const sms = newMessages(twilio.messages, smsBefore);
		assert.equal(sms.length, 1);
		assert.match(sms[0].body, /https?:\/\/\S+/);
		// Shopify fulfilment events carry no customer language: the German delivery address makes it German.
		assert.match(sms[0].body, /Voraussichtliche Zustellung: \w{2}\., \d+\. \w+/);
		const mails = newMessages(smtp.messages, mailBefore);
		assert.equal(mails.length, 1);
		assert.match(String(mails[0].parsed.subject), /unterwegs/);
	});
});

describe('sms-opt-in.json', () => {
	const inboundUrl = (workflow: WorkflowJson) => {
		const trigger = workflow.nodes.find((n) => n.name === 'SMS Inbound Trigger')!;
		return `http://127.0.0.1:5678/webhook/${trigger.webhookId}/sms`;
	};
	async function reply(workflow: WorkflowJson, from: string, body: string) {
		const params: Record<string, string> = {
			AccountSid: twilio.accountSid,
			Body: body,
			From: from,
			To: '+4915199990000',
			MessageSid: `SM${String(++counter).padStart(32, '0')}`,
			NumMedia: '0',
			SmsStatus: 'received',
		};
		const url = inboundUrl(workflow);
		const { twilioSignature } = await import('../../core/shared/twilioSignature');
		return runWorkflow(workflow, {
			credentials,
			webhook: {
				node: 'SMS Inbound Trigger',
				url,
				headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(twilio.authToken, url, params) },
				body: new URLSearchParams(params).toString(),
			},
		});
	}

	it('asks for YES after checkout, confirms on JA, and after STOP no order SMS goes out', async () => {
		const order = freshOrder();
		const workflow = template('sms-opt-in.json');
		const smsBefore = twilio.messages.length;
		const run = await runWorkflow(workflow, { credentials, webhook: { node: 'Order Placed Trigger', headers: shopifyHeaders('orders/create', order.body), body: order.body } });
		assert.equal(run.status, 'success', String(run.error?.message));
		assert.equal(twilio.messages.length, smsBefore + 1);
		assert.match(twilio.messages[smsBefore].body, /Bitte bestätigen Sie mit JA/);
		assert.equal(twilio.messages[smsBefore].to, order.phone);

		const confirmed = await reply(workflow, order.phone, 'Ja');
		assert.equal(confirmed.webhookResponse?.statusCode, 200);
		assert.equal((confirmed.output('Replies and Reports')[0].inbound as { intent: string }).intent, 'opt_in');
		assert.match(String(confirmed.webhookResponse?.body), /<Response>.*<Message>.+<\/Message>.*<\/Response>/s, 'TwiML confirmation');

		const stopped = await reply(workflow, order.phone, 'STOP');
		assert.equal((stopped.output('Replies and Reports')[0].inbound as { intent: string }).intent, 'opt_out');

		// A later order of the same customer: the e-mail goes out, the SMS is suppressed because of the STOP.
		const next = freshOrder();
		const again = JSON.parse(next.body);
		again.phone = again.customer.phone = again.shipping_address.phone = again.billing_address.phone = order.phone;
		const body = JSON.stringify(again);
		const smsBeforeOrder = twilio.messages.length;
		const confirmation = await runWorkflow(template('order-confirmation.json', '2026-11-24T10:00:00+01:00'), {
			credentials,
			webhook: { headers: shopifyHeaders('orders/create', body), body },
		});
		assert.equal(confirmation.status, 'success', String(confirmation.error?.message));
		assert.equal(twilio.messages.length, smsBeforeOrder, 'no SMS after STOP');
		assert.equal((confirmation.output('No SMS')[0].consent as { reason: string }).reason, 'opted_out');
	});

	it('a reply with a forged Twilio signature is refused and records nothing', async () => {
		const workflow = template('sms-opt-in.json');
		const url = inboundUrl(workflow);
		const run = await runWorkflow(workflow, {
			credentials,
			webhook: { node: 'SMS Inbound Trigger', url, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'Zm9yZ2Vk' }, body: 'Body=STOP&From=%2B4915100000001&To=%2B4915199990000&MessageSid=SMx' },
		});
		assert.equal(run.executed, false);
		assert.equal(run.webhookResponse?.statusCode, 403);
	});
});
