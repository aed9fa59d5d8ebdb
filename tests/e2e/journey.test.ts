/**
 * End to end in real n8n (2.40.7): our package installed as a community package, the templates imported and
 * published, signed webhooks sent over HTTP, messages asserted at the local Twilio and SMTP servers.
 */
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { DateTime } from 'luxon';
import { openSqliteStore } from '../../core/store';
import { E2E_PAYLOAD_SIZE_MAX_MIB, eventually, settle, SHOP_SECRET, startSandbox } from './sandbox';
import type { E2eSandbox } from './sandbox';

const ROOT = join(__dirname, '..', '..');
const ORDER_FIXTURE = readFileSync(join(ROOT, 'tests/fixtures/shopify/orders-create.json'), 'utf8');
const template = (file: string) => JSON.parse(readFileSync(join(ROOT, 'workflows', file), 'utf8'));
const webhookIdOf = (file: string, node: string) => (template(file).nodes as Array<{ name: string; webhookId: string }>).find((n) => n.name === node)!.webhookId;

let sandbox: E2eSandbox;
let deferred: { file: string; webhookId: string };
let quickReminder: { file: string; webhookId: string };
let shippingAnyTime: { file: string; webhookId: string };
let seq = 0;

beforeAll(async () => {
	deferred = deferredWorkflow();
	quickReminder = quickPaymentReminder();
	shippingAnyTime = shippingWithoutNightHold();
	sandbox = await startSandbox([deferred.file, quickReminder.file, shippingAnyTime.file]);
});
afterAll(async () => {
	await sandbox?.stop();
});

function order(overrides: { phone?: string; locale?: string; noEmail?: boolean; financialStatus?: string } = {}) {
	const body = JSON.parse(ORDER_FIXTURE);
	const id = 8_000_000_000 + (Date.now() % 10_000_000) * 10 + ++seq;
	const phone = overrides.phone ?? `+49151${String(30000000 + (id % 10_000_000)).slice(0, 8)}`;
	body.id = id;
	body.name = `#${id % 100000}`;
	body.email = body.customer.email = `e2e${id}@example.de`;
	body.phone = body.customer.phone = body.shipping_address.phone = body.billing_address.phone = phone;
	if (overrides.locale) body.customer_locale = overrides.locale;
	if (overrides.financialStatus) body.financial_status = overrides.financialStatus;
	// Shopify takes orders without an e-mail address (phone-only checkout).
	if (overrides.noEmail) body.email = body.contact_email = body.customer.email = null;
	return { raw: JSON.stringify(body), body, phone, email: `e2e${id}@example.de`, number: body.name as string };
}

async function postShopify(raw: string, options: { webhookId?: string; secret?: string; topic?: string; url?: string } = {}) {
	const url = options.url ?? `${sandbox.n8n.url}/webhook/${webhookIdOf('order-confirmation.json', 'Order Placed Trigger')}/webhook`;
	return fetch(url, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'x-shopify-topic': options.topic ?? 'orders/create',
			'x-shopify-hmac-sha256': createHmac('sha256', options.secret ?? SHOP_SECRET).update(raw).digest('base64'),
			'x-shopify-shop-domain': 'beispiel-shop.myshopify.com',
			'x-shopify-api-version': '2025-07',
			'x-shopify-webhook-id': options.webhookId ?? randomUUID(),
			'x-shopify-triggered-at': new Date().toISOString(),
		},
		body: raw,
	});
}

async function postSmsReply(from: string, text: string) {
	const url = `${sandbox.n8n.url}/webhook/${webhookIdOf('sms-opt-in.json', 'SMS Inbound Trigger')}/sms`;
	return sandbox.outbox.sendReply(url, { from, to: '+4915123456789', body: text });
}

/** The message log of the journey store that the nodes inside n8n write (embedded SQLite in n8n's user folder). */
async function messageStatus(providerId: string): Promise<string | undefined> {
	const store = await openSqliteStore({ path: join(sandbox.n8n.userFolder, '.n8n', 'post-purchase-journey.sqlite') });
	try {
		return (await store.findMessageByProviderId(providerId))?.status;
	} finally {
		await store.close();
	}
}

describe('real n8n: order confirmation', () => {
	it('start-up: the readiness probe (a GET on each POST webhook) left no rejected delivery in n8n\'s log', () => {
		const log = sandbox.n8n.log.join('');
		assert.ok(log.length > 0, 'n8n\'s log was captured');
		assert.doesNotMatch(log, /rejected a \w+ delivery|Missing signature|X-Twilio-Signature/);
	});

	it('a signed order sends the German e-mail and SMS exactly once, even when delivered three times', async () => {
		const { twilio, smtp } = sandbox.outbox;
		const o = order();
		const [sms0, mail0] = [twilio.messages.length, smtp.messages.length];
		const webhookId = randomUUID();
		const responses = await Promise.all([postShopify(o.raw, { webhookId }), postShopify(o.raw, { webhookId }), postShopify(o.raw, { webhookId })]);
		assert.deepEqual(responses.map((r) => r.status), [200, 200, 200]);
		// A small JSON answer, not n8n's literal "firstEntryJson": one delivery accepted, the other two duplicates.
		const bodies = (await Promise.all(responses.map((r) => r.json()))).map((b) => JSON.stringify(b)).sort();
		assert.deepEqual(bodies, ['{"received":true,"events":1}', '{"received":true,"ignored":"duplicate"}', '{"received":true,"ignored":"duplicate"}']);
		const mail = await eventually(() => smtp.messages.slice(mail0).find((m) => m.to.includes(o.email)), 30_000, 'the confirmation e-mail');
		assert.match(String(mail.parsed.subject), new RegExp(o.number));
		const sms = await eventually(() => twilio.messages.slice(sms0).find((m) => m.to === o.phone), 30_000, 'the confirmation SMS');
		assert.match(sms.body, /^Hallo Anna, danke für Ihre Bestellung/);
		await settle(3000);
		assert.equal(smtp.messages.slice(mail0).filter((m) => m.to.includes(o.email)).length, 1, 'one e-mail');
		assert.equal(twilio.messages.slice(sms0).filter((m) => m.to === o.phone).length, 1, 'one SMS');
	});

	it('English customers get English texts', async () => {
		const { twilio } = sandbox.outbox;
		const o = order({ locale: 'en-US' });
		assert.equal((await postShopify(o.raw)).status, 200);
		const sms = await eventually(() => twilio.messages.find((m) => m.to === o.phone), 30_000, 'the English SMS');
		assert.match(sms.body, /^Hi Anna, thanks for your order/);
	});

	it('a forged signature gets 401 and sends nothing', async () => {
		const { twilio, smtp } = sandbox.outbox;
		const o = order();
		const [sms0, mail0] = [twilio.messages.length, smtp.messages.length];
		const response = await postShopify(o.raw, { secret: 'forged-secret' });
		assert.equal(response.status, 401);
		const text = await response.text();
		assert.ok(!text.includes(o.email) && !text.includes(SHOP_SECRET), 'no personal data or secret in the answer');
		await settle(2000);
		assert.equal(twilio.messages.length, sms0);
		assert.equal(smtp.messages.length, mail0);
	});

	it('after a STOP reply the next order gets its e-mail but no SMS', async () => {
		const { twilio, smtp } = sandbox.outbox;
		const phone = '+4915177001122';
		const stop = await postSmsReply(phone, 'STOP');
		assert.equal(stop.statusCode, 200);
		const o = order({ phone });
		const sms0 = twilio.messages.length;
		assert.equal((await postShopify(o.raw)).status, 200);
		await eventually(() => smtp.messages.find((m) => m.to.includes(o.email)), 30_000, 'the e-mail after STOP');
		await settle(3000);
		assert.equal(twilio.messages.slice(sms0).filter((m) => m.to === phone).length, 0, 'no SMS after STOP');
	});
});

describe('real n8n: Deferred → Wait → Send, across a restart', () => {
	it('a marketing SMS outside the send window waits, survives an n8n restart and goes out once after its time', async () => {
		const { twilio } = sandbox.outbox;
		const phone = '+12125550123';
		// The window is chosen now, when the order is sent, not when n8n was started: start-up time (over 3 min on a
		// busy machine once every template is imported) must not eat the lead the Wait needs.
		const { timezone, windowStart } = sendWindowSoon();
		const body = JSON.stringify({
			id: `e2e-${randomUUID()}`,
			windowStart: windowStart.toFormat('HH:mm'),
			customer: {
				id: 'c-e2e',
				firstName: 'Jamie',
				phone,
				email: 'jamie@example.com',
				locale: 'en-US',
				country: 'US',
				region: 'NY',
				timezone,
				consent: { sms: { marketing: true, optInLevel: 'single_opt_in', source: 'shop' } },
			},
		});
		// n8n keeps waits under 65 s in memory (lost on restart); only longer ones are parked in its database.
		const lead = windowStart.toMillis() - Date.now();
		assert.ok(lead > 70_000, `the send window opens in ${Math.round(lead / 1000)} s; it must be over 70 s away for n8n to park the wait`);
		const url = `${sandbox.n8n.url}/webhook/${deferred.webhookId}/webhook`;
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-signature': createHmac('sha256', SHOP_SECRET).update(body).digest('hex') },
			body,
		});
		assert.equal(response.status, 200);
		await settle(5000);
		assert.equal(twilio.messages.filter((m) => m.to === phone).length, 0, 'nothing before the window opens');
		// While n8n is down, "the user" renames a template (what a save in the editor writes). The restart imports
		// templates like `npm start` does: nothing that is already there, so the edit survives.
		const database = join(sandbox.n8n.userFolder, '.n8n', 'database.sqlite');
		const confirmationId = template('order-confirmation.json').id as string;
		const imported = await sandbox.restart(() => {
			const db = new DatabaseSync(database);
			db.prepare('UPDATE workflow_entity SET name = ? WHERE id = ?').run('Order confirmation (edited by the shop)', confirmationId);
			db.close();
		});
		assert.deepEqual(imported.imported, [], 'no template imported again on restart');
		assert.ok(imported.kept.includes(confirmationId));
		const db = new DatabaseSync(database, { readOnly: true });
		const row = db.prepare('SELECT name FROM workflow_entity WHERE id = ?').get(confirmationId) as { name: string };
		db.close();
		assert.equal(row.name, 'Order confirmation (edited by the shop)');
		const waitMs = windowStart.toMillis() - Date.now() + 90_000;
		const sms = await eventually(() => twilio.messages.find((m) => m.to === phone), Math.max(waitMs, 30_000), 'the deferred SMS after restart');
		assert.ok(sms.dateCreated.getTime() >= windowStart.toMillis(), `sent at ${sms.dateCreated.toISOString()}, window opens ${windowStart.toISO()}`);
		assert.match(sms.body, /Jamie/);
		await settle(3000);
		assert.equal(twilio.messages.filter((m) => m.to === phone).length, 1, 'exactly once');
	}, 400_000);
});

// After the restart test, so they do not delay the deferred message it waits for (its window opens 2–3 min after its order).
describe('real n8n: each channel on its own, delivery reports', () => {
	it('a phone-only order gets its SMS (no e-mail), and Twilio\'s delivery report reaches the SMS Inbound Trigger: the message log says delivered', async () => {
		const { twilio, smtp } = sandbox.outbox;
		const o = order({ noEmail: true });
		const mail0 = smtp.messages.length;
		assert.equal((await postShopify(o.raw)).status, 200);
		const sms = await eventually(() => twilio.messages.find((m) => m.to === o.phone), 30_000, 'the SMS of the phone-only order');
		assert.match(sms.body, /^Hallo Anna, danke für Ihre Bestellung/);
		const inbound = `${sandbox.n8n.url}/webhook/${webhookIdOf('sms-opt-in.json', 'SMS Inbound Trigger')}/sms`;
		assert.equal(sms.statusCallback, inbound, 'Twilio is asked to report delivery to the SMS Inbound Trigger');
		// The outbox's Twilio server reports sent, then delivered, to that URL; the trigger accepts them (signed).
		const delivered = await eventually(() => twilio.callbacks.find((c) => c.params.MessageSid === sms.sid && c.params.MessageStatus === 'delivered'), 30_000, 'the delivered report');
		assert.equal(delivered.statusCode, 200, JSON.stringify(delivered));
		let status = await messageStatus(sms.sid);
		for (const deadline = Date.now() + 30_000; status !== 'delivered' && Date.now() < deadline; status = await messageStatus(sms.sid)) await settle(300);
		assert.equal(status, 'delivered', 'the message log after the delivery report');
		await settle(2000);
		assert.equal(smtp.messages.length, mail0, 'no e-mail (there is no address)');
	});
});

describe('real n8n: shipping notification', () => {
	it('the SMS and the e-mail name the same delivery days', async () => {
		const { twilio, smtp } = sandbox.outbox;
		const fulfillment = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/shopify/fulfillments-create.json'), 'utf8'));
		const n = ++seq;
		const phone = `+49151${String(40000000 + n).slice(0, 8)}`;
		const email = `ship${n}-${Date.now()}@example.de`;
		fulfillment.id = 9_200_000_000 + n;
		fulfillment.email = email;
		fulfillment.destination.phone = phone;
		const raw = JSON.stringify(fulfillment);
		const response = await postShopify(raw, { topic: 'fulfillments/create', url: `${sandbox.n8n.url}/webhook/${shippingAnyTime.webhookId}/webhook` });
		assert.equal(response.status, 200);
		const mail = await eventually(() => smtp.messages.find((m) => m.to.includes(email)), 30_000, 'the shipping e-mail');
		const sms = await eventually(() => twilio.messages.find((m) => m.to === phone), 30_000, 'the shipping SMS');
		const smsSays = /Voraussichtliche Zustellung: (.*?)\.? Sendung verfolgen/.exec(sms.body)?.[1];
		const mailSays = /Voraussichtliche Zustellung: (.*)/.exec(String(mail.parsed.text))?.[1];
		assert.ok(smsSays, `the SMS names a delivery date: ${sms.body}`);
		assert.ok(mailSays, 'the e-mail names a delivery date');
		assert.deepEqual(daysNamed(mailSays.trim()), daysNamed(smsSays));
	});
});

describe('real n8n: payment reminder', () => {
	it('an order paid during the wait gets no reminder; an unpaid one does (the template with its wait shortened to 20 s)', async () => {
		const { twilio, smtp } = sandbox.outbox;
		const url = `${sandbox.n8n.url}/webhook/${quickReminder.webhookId}/webhook`;
		const paidLater = order({ financialStatus: 'pending' });
		const unpaid = order({ financialStatus: 'pending' });
		assert.equal((await postShopify(paidLater.raw, { url })).status, 200);
		assert.equal((await postShopify(unpaid.raw, { url })).status, 200);
		// While both wait, the shop reports the payment of one (Shopify "Order payment" to the same trigger).
		await settle(3000);
		const paidBody = JSON.stringify({ ...paidLater.body, financial_status: 'paid' });
		const paid = await postShopify(paidBody, { url, topic: 'orders/paid' });
		assert.equal(paid.status, 200);
		assert.deepEqual(JSON.parse(await paid.text()), { received: true, ignored: 'not_for_this_trigger' }, 'recorded, starts nothing');
		const reminder = await eventually(() => smtp.messages.find((m) => m.to.includes(unpaid.email)), 60_000, 'the reminder e-mail of the unpaid order');
		assert.match(String(reminder.parsed.subject), /wartet noch auf die Zahlung/);
		await eventually(() => twilio.messages.find((m) => m.to === unpaid.phone), 30_000, 'the reminder SMS of the unpaid order');
		await settle(5000);
		assert.equal(smtp.messages.filter((m) => m.to.includes(paidLater.email)).length, 0, 'no reminder e-mail after the payment');
		assert.equal(twilio.messages.filter((m) => m.to === paidLater.phone).length, 0, 'no reminder SMS after the payment');
	}, 120_000);
});

describe('real n8n: webhook answers are ours', () => {
	it('malformed JSON with a valid signature gets our 400, not n8n\'s 422 with a stack trace', async () => {
		const response = await postShopify('{"id": 1, "email": ');
		const text = await response.text();
		assert.equal(response.status, 400, text);
		assert.deepEqual(JSON.parse(text), { error: 'Malformed JSON' });
		const array = await postShopify('[{"id": 1}]');
		assert.equal(array.status, 400);
		assert.deepEqual(JSON.parse(await array.text()), { error: 'Body is not a JSON object' });
	});

	it(`a body over our 1 MiB limit gets 413, and so does one over n8n's N8N_PAYLOAD_SIZE_MAX (${E2E_PAYLOAD_SIZE_MAX_MIB} MiB here), instead of n8n's 500`, async () => {
		const big = (mib: number) => JSON.stringify({ id: 1, note: 'x'.repeat(Math.ceil(mib * 1024 * 1024)) });
		const ours = await postShopify(big(1.5));
		assert.equal(ours.status, 413);
		assert.deepEqual(JSON.parse(await ours.text()), { error: 'Payload too large' });
		const overN8n = await postShopify(big(E2E_PAYLOAD_SIZE_MAX_MIB + 1)).catch((error: Error) => error);
		assert.ok(!(overN8n instanceof Error), `the request failed: ${String(overN8n)}`);
		const text = await overN8n.text();
		assert.equal(overN8n.status, 413, text.slice(0, 500));
		assert.deepEqual(JSON.parse(text), { error: 'Payload too large' });
	});
});

/**
 * The shipping-notification template with its gate's "hold overnight" switched off, so the SMS goes out whatever the
 * hour in Germany when the test runs (the night hold itself is tested in-process with a moved clock).
 */
function shippingWithoutNightHold() {
	const workflow = template('shipping-notification.json');
	workflow.id = 'ppE2eShippingAnyTime';
	workflow.name = 'E2E shipping notification (no night hold)';
	const webhookId = randomUUID();
	for (const node of workflow.nodes as Array<{ name: string; type: string; webhookId?: string; parameters: Record<string, unknown> }>) {
		if (node.webhookId) node.webhookId = node.name === 'Shipped Trigger' ? webhookId : randomUUID();
		if (node.type === 'n8n-nodes-post-purchase.consentGate') node.parameters.options = { ...(node.parameters.options as object), holdTransactionalOvernight: false };
	}
	const file = join(mkdtempSync(join(tmpdir(), 'pp-e2e-wf-')), 'shipping-any-time.json');
	writeFileSync(file, JSON.stringify(workflow, null, 2));
	return { file, webhookId };
}

/** "Di., 2. Dez. - Mi., 3. Dez." or "Dienstag, 2. Dezember - Mittwoch, 3. Dezember" → ["2 Dez", "3 Dez"]. */
function daysNamed(said: string): string[] {
	return said.split(' - ').map((part) => {
		const m = /(\d{1,2})\. ([A-Za-zä]{3})/.exec(part);
		assert.ok(m, `no day in "${part}"`);
		return `${m[1]} ${m[2]}`;
	});
}

/**
 * The payment-reminder template as shipped, with "Wait 2 Days" shortened to 20 seconds and no overnight hold (n8n keeps waits under 65 s
 * in memory) and its own workflow and webhook IDs, so it can run beside the published template.
 */
function quickPaymentReminder() {
	const workflow = template('payment-reminder.json');
	workflow.id = 'ppE2eQuickReminder';
	workflow.name = 'E2E payment reminder (20 s wait)';
	const webhookId = randomUUID();
	for (const node of workflow.nodes as Array<{ name: string; type: string; webhookId?: string; parameters: Record<string, unknown> }>) {
		if (node.webhookId) node.webhookId = node.name === 'Order Placed Trigger' ? webhookId : randomUUID();
		if (node.name === 'Wait 2 Days') node.parameters = { amount: 20, unit: 'seconds' };
		// The reminder SMS is transactional and held overnight in Germany; the hold is tested in-process.
		if (node.type === 'n8n-nodes-post-purchase.consentGate') node.parameters.options = { ...(node.parameters.options as object), holdTransactionalOvernight: false };
	}
	assert.ok((workflow.nodes as Array<{ name: string }>).some((n) => n.name === 'Still Unpaid?'), 'the template checks the payment after its wait');
	const file = join(mkdtempSync(join(tmpdir(), 'pp-e2e-wf-')), 'quick-reminder.json');
	writeFileSync(file, JSON.stringify(workflow, null, 2));
	return { file, webhookId };
}

/** A time zone where it is daytime now, and a send window there that opens two to three minutes from now. */
function sendWindowSoon(): { timezone: string; windowStart: DateTime } {
	const zones = ['America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Pacific/Honolulu', 'Europe/London', 'Europe/Berlin', 'Asia/Dubai', 'Asia/Bangkok', 'Asia/Tokyo', 'Australia/Brisbane', 'Pacific/Auckland', 'America/Sao_Paulo'];
	const timezone = zones.find((z) => {
		const local = DateTime.now().setZone(z);
		return local.hour >= 9 && local.hour < 18;
	})!;
	// Two to three minutes ahead: over the 65 s n8n keeps in memory, and short enough for the test.
	return { timezone, windowStart: DateTime.now().setZone(timezone).plus({ minutes: 3 }).startOf('minute') };
}

/**
 * A test workflow (Custom JSON trigger → Consent Gate for marketing → Wait → back to the gate → SMS) whose send window
 * opens at the time the order carries (`windowStart`, read from the raw payload), so the gate defers and the Wait is
 * long enough (over 65 s) for n8n to park the execution in its database.
 */
function deferredWorkflow() {
	const webhookId = randomUUID();
	const P = 'n8n-nodes-post-purchase.';
	const workflow = {
		id: 'ppE2eDeferred',
		name: 'E2E deferred marketing SMS',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 't', name: 'Custom Trigger', type: `${P}orderPlacedTrigger`, typeVersion: 1, position: [0, 0], webhookId,
				parameters: {
					platform: 'custom',
					customMapping: '={{ { order: { id: $json.body.id }, customer: $json.body.customer } }}',
					customDedupeKey: '={{ $json.body.id }}',
					verifySignature: true,
					customSignature: { algorithm: 'sha256', encoding: 'hex', header: 'x-signature' },
					options: { includeRawPayload: true },
				},
				credentials: { postPurchaseShopApi: { id: 'ppShopCustomE2e', name: 'Custom shop (e2e)' } },
			},
			{
				id: 'g', name: 'Gate', type: `${P}consentGate`, typeVersion: 1, position: [250, 0],
				parameters: { operation: 'check', channel: 'sms', purpose: 'marketing', recipient: '', journeyStep: '', options: { windowStart: "={{ $('Custom Trigger').first().json.raw.windowStart }}", windowEnd: '20:30' } },
			},
			{ id: 'w', name: 'Wait', type: 'n8n-nodes-base.wait', typeVersion: 1.1, position: [500, 100], webhookId: randomUUID(), parameters: { resume: 'specificTime', dateTime: '={{ $json.consent.sendAt }}' } },
			{
				id: 's', name: 'SMS', type: `${P}smsCompose`, typeVersion: 1, position: [500, -100],
				parameters: { operation: 'send', journeyStep: 'review_request', messageText: 'Hi {firstName}, thanks for waiting for the right moment.', recipient: '={{ $json.customer.phone }}', dedupeId: '={{ $json.order.id }}', options: { defaultLocale: 'en' } },
				credentials: { postPurchaseTwilioApi: { id: 'ppTwilioSandbox', name: 'Twilio (sandbox outbox)' } },
			},
			{ id: 'n', name: 'Suppressed', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [500, 250], parameters: {} },
		],
		connections: {
			'Custom Trigger': { main: [[{ node: 'Gate', type: 'main', index: 0 }]] },
			Gate: { main: [[{ node: 'SMS', type: 'main', index: 0 }], [{ node: 'Wait', type: 'main', index: 0 }], [{ node: 'Suppressed', type: 'main', index: 0 }]] },
			Wait: { main: [[{ node: 'Gate', type: 'main', index: 0 }]] },
		},
	};
	const file = join(mkdtempSync(join(tmpdir(), 'pp-e2e-wf-')), 'deferred.json');
	writeFileSync(file, JSON.stringify(workflow, null, 2));
	return { file, webhookId };
}
