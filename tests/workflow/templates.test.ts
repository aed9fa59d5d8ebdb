/**
 * The shipped templates in workflows/ run through n8n's real engine in-process: signed shop webhooks in, e-mails at
 * the local SMTP server and SMS at the local Twilio server out, with the real SDKs.
 */
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { heldByWait, respondedByNode } from '../support/builtInNodes';
import { resetClock, setClock } from '../support/clock';
import { createWorkflow, loadWorkflow, nodeTypes, runWorkflow } from '../support/harness';
import type { WorkflowJson } from '../support/harness';
import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';
import { loadPackageCredentials } from '../support/packageTypes';
import { closeCachedStores, getJourneyStore } from '../../nodes/shared/storeFromCredential';
import { startSmtpServer } from '../support/smtpServer';
import type { SmtpTestServer } from '../support/smtpServer';
import { startTwilioServer } from '../support/twilioServer';
import type { TwilioTestServer } from '../support/twilioServer';
import { fixture, SECRET, shopifyHeaders } from '../unit/commerce/helpers';
import { carrierCredential, startCarrierServer } from '../support/carrierServer';
import type { CarrierServer } from '../support/carrierServer';
import { computeCheck } from '../../core/carriers';
import { onCustomJson, returnEvent } from '../support/returnEvents';
import type { OrderLineInput } from '../../core/store/concerns/orderHistory';
import { PAGES_LOGIN } from '../../sandbox/config';

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
		httpBasicAuth: PAGES_LOGIN,
	};
});
afterAll(async () => {
	resetClock();
	await twilio.stop();
	await smtp.stop();
	await closeCachedStores();
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
function freshOrder(overrides: { locale?: string; financialStatus?: string; noEmail?: boolean; noPhone?: boolean } = {}) {
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
	// Shopify takes orders without an e-mail address (phone-only checkout) and without a phone number.
	if (overrides.noEmail) order.email = order.contact_email = order.customer.email = null;
	if (overrides.noPhone) order.phone = order.customer.phone = order.customer.default_address.phone = order.shipping_address.phone = order.billing_address.phone = null;
	return { body: JSON.stringify(order), id: String(id), phone, email: `kunde${id}@example.de`, number: order.name as string };
}

function newMessages<T>(list: T[], from: number): T[] {
	return list.slice(from);
}

/**
 * The journey store the templates use. They name no store credential, so every node opens the embedded default
 * store; this is the same open store, read the way the nodes read it.
 */
function journeyStore() {
	return getJourneyStore({ getNode: () => ({ credentials: undefined }) } as unknown as Parameters<typeof getJourneyStore>[0]);
}

/** What the store holds about a subject, without the export's own timestamp. */
async function recorded(subject: string) {
	const { consent, suppressions, messages, decisions } = await (await journeyStore()).exportSubject(subject);
	return { consent, suppressions, messages, decisions };
}

/** The public URL of a template's SMS Inbound Trigger, as Twilio calls it. */
function inboundUrl(workflow: WorkflowJson): string {
	const trigger = workflow.nodes.find((n) => n.name === 'SMS Inbound Trigger')!;
	return `http://127.0.0.1:5678/webhook/${trigger.webhookId}/sms`;
}

/** A customer's SMS reply, signed as Twilio signs it, at the template's SMS Inbound Trigger. */
async function reply(workflow: WorkflowJson, from: string, body: string) {
	const params: Record<string, string> = { AccountSid: twilio.accountSid, Body: body, From: from, To: '+4915199990000', MessageSid: `SM${String(++counter).padStart(32, '0')}`, NumMedia: '0', SmsStatus: 'received' };
	const url = inboundUrl(workflow);
	const { twilioSignature } = await import('../../core/shared/twilioSignature');
	return runWorkflow(workflow, {
		credentials,
		webhook: { node: 'SMS Inbound Trigger', url, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(twilio.authToken, url, params) }, body: new URLSearchParams(params).toString() },
	});
}

/**
 * Every template shipped in workflows/ has a behaviour suite in this file: `describeTemplate(file, …)` registers it
 * here (file → describe block), and the guard test below fails for a template that has none.
 */
const behaviourSuites = new Map<string, string>();

function describeTemplate(file: string, body: () => void): void {
	if (!existsSync(join(WORKFLOWS, file))) throw new Error(`describeTemplate('${file}'): there is no workflows/${file}`);
	behaviourSuites.set(file, file);
	describe(file, body);
}

const TEMPLATE_FILES = readdirSync(WORKFLOWS)
	.filter((f) => f.endsWith('.json'))
	.sort();

/** Built-in nodes whose real n8n node receives webhooks (Wait resumes through one) but whose harness stand-in does not say so. */
const BUILT_IN_WEBHOOK_TYPES = new Set(['n8n-nodes-base.wait', 'n8n-nodes-base.webhook', 'n8n-nodes-base.formTrigger', 'n8n-nodes-base.form']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const packageCredentials = loadPackageCredentials();

function typeOf(node: INode) {
	return nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
}

function declaredVersions(type: string): number[] {
	const found = nodeTypes.getByName(type);
	return 'nodeVersions' in found ? Object.keys(found.nodeVersions).map(Number) : [found.description.version].flat();
}

function receivesWebhooks(node: INode): boolean {
	return BUILT_IN_WEBHOOK_TYPES.has(node.type) || Boolean(typeOf(node).description.webhooks?.length);
}

/** Our webhook triggers in a template (the nodes a shop or Twilio calls). */
function webhookTriggers(json: WorkflowJson): INode[] {
	return json.nodes.filter((n) => !BUILT_IN_WEBHOOK_TYPES.has(n.type) && Boolean(typeOf(n).description.webhooks?.length));
}

describe('every template in workflows/', () => {
	it('finds the shipped templates', () => {
		for (const file of ['cart-recovery.json', 'delivery-updates.json', 'order-confirmation.json', 'payment-reminder.json', 'post-purchase-journey.json', 'product-birthday-and-win-back.json', 'replenishment-reminder.json', 'return-follow-up.json', 'return-received.json', 'return-request-form.json', 'review-request.json', 'shipping-notification.json', 'sms-opt-in.json']) {
			assert.ok(TEMPLATE_FILES.includes(file), `${file} was not discovered in ${WORKFLOWS}`);
		}
	});

	it('has a behaviour suite for every template (file → describe block in tests/workflow/templates.test.ts)', () => {
		const missing = TEMPLATE_FILES.filter((file) => !behaviourSuites.has(file));
		assert.equal(
			missing.length,
			0,
			missing
				.map((f) => `workflows/${f} has no behaviour tests: add describeTemplate('${f}', () => { it(…) }) to tests/workflow/templates.test.ts`)
				.join('\n') + '\nTest what the template does: a signed event in, the e-mails and SMS out.',
		);
	});

	it('gives every template its own workflow ID and every webhook node its own webhook ID', () => {
		const workflowIds = new Map<string, string>();
		const webhookIds = new Map<string, string>();
		for (const file of TEMPLATE_FILES) {
			const json = loadWorkflow(join(WORKFLOWS, file));
			assert.ok(json.id, `${file} has no workflow id`);
			assert.equal(workflowIds.get(json.id), undefined, `${file} reuses the workflow id of ${workflowIds.get(json.id)}`);
			workflowIds.set(json.id, file);
			for (const node of json.nodes.filter((n) => n.webhookId)) {
				const where = `${file} "${node.name}"`;
				assert.equal(webhookIds.get(node.webhookId!), undefined, `${where} reuses the webhook id of ${webhookIds.get(node.webhookId!)}`);
				webhookIds.set(node.webhookId!, where);
			}
		}
	});

	for (const file of TEMPLATE_FILES) {
		describe(file, () => {
			const json = () => loadWorkflow(join(WORKFLOWS, file));

			it('loads in the engine: known node types and versions, declared credentials, connections between existing nodes', () => {
				const workflow = json();
				assert.ok(workflow.nodes.length > 0, 'no nodes');
				const names = workflow.nodes.map((n) => n.name);
				assert.equal(new Set(names).size, names.length, `node names are not unique: ${names.join(', ')}`);
				for (const node of workflow.nodes) {
					assert.doesNotThrow(() => nodeTypes.getByName(node.type), `"${node.name}": node type ${node.type} is unknown`);
					const versions = declaredVersions(node.type);
					assert.ok(versions.includes(node.typeVersion), `"${node.name}": ${node.type} has no typeVersion ${node.typeVersion} (known: ${versions.join(', ')})`);
					const declared = (typeOf(node).description.credentials ?? []).map((c) => c.name);
					// n8n's own nodes take n8n's own credential types (the pages' Webhook nodes: Basic Auth).
					for (const credential of node.type.startsWith('n8n-nodes-base.') ? [] : Object.keys(node.credentials ?? {})) {
						assert.ok(packageCredentials[credential], `"${node.name}": credential type ${credential} does not exist`);
						assert.ok(declared.includes(credential), `"${node.name}": ${node.type} does not take a ${credential} credential`);
					}
				}
				for (const [source, outputs] of Object.entries(workflow.connections)) {
					assert.ok(names.includes(source), `a connection starts at "${source}", which is not a node`);
					for (const connection of Object.values(outputs).flat(2)) {
						if (connection) assert.ok(names.includes(connection.node), `"${source}" connects to "${connection.node}", which is not a node`);
					}
				}
				const engine = createWorkflow(workflow);
				for (const name of names) assert.ok(engine.getNode(name), `the engine lost "${name}"`);
			});

			it('gives every webhook node a fixed webhook ID', () => {
				const nodes = json().nodes.filter(receivesWebhooks);
				for (const node of nodes) assert.match(String(node.webhookId ?? ''), UUID, `"${node.name}" (${node.type}) needs a fixed webhookId, or its URL changes on every import`);
			});

			it('runs in the harness: its webhook triggers refuse an unsigned request and start nothing', async () => {
				const workflow = json();
				const triggers = webhookTriggers(workflow);
				// A customer-facing form (n8n's Form Trigger) has no shop signature to check.
				if (workflow.nodes.some((n) => n.type === 'n8n-nodes-base.formTrigger')) return;
				// The shop's own pages (n8n's Webhook node) ask for a login: without it, 401 and nothing runs. The
				// customer's tracking page is public by design: order number plus e-mail or postcode is its check.
				if (file === 'tracking-page.json') return;
				const pages = workflow.nodes.filter((n) => n.type === 'n8n-nodes-base.webhook');
				for (const page of pages) {
					assert.equal(page.parameters.authentication, 'basicAuth', `"${page.name}" serves the shop's data: it needs Basic Auth`);
					for (const authorization of [undefined, `Basic ${Buffer.from('shop:wrong').toString('base64')}`]) {
						const run = await runWorkflow(workflow, { credentials, webhook: { node: page.name, method: 'GET', headers: authorization ? { authorization } : {} } });
						assert.equal(run.executed, false, `"${page.name}" ran without the login`);
						assert.equal(run.webhookResponse?.statusCode, 401);
					}
				}
				if (pages.length && triggers.length === 0) return;
				// Templates started only by a polling trigger (the Replenishment Due Trigger) take no requests at all.
				const pollingOnly = workflow.nodes.some((n) => n.type.startsWith('n8n-nodes-post-purchase.') && typeOf(n).description.polling && !typeOf(n).description.webhooks?.length);
				assert.ok(triggers.length > 0 || pollingOnly, 'a template starts with one of our triggers');
				// A short link is opened by anyone who has it: the Short Link Trigger answers without a signature.
				for (const trigger of triggers.filter((t) => t.type !== 'n8n-nodes-post-purchase.shortLinkTrigger')) {
					const run = await runWorkflow(workflow, {
						credentials,
						webhook: { node: trigger.name, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 1, email: 'someone@example.com' }) },
					});
					assert.equal(run.executed, false, `"${trigger.name}" started an execution without a signature`);
					assert.ok([401, 403].includes(Number(run.webhookResponse?.statusCode)), `"${trigger.name}" answered ${run.webhookResponse?.statusCode}`);
				}
			});
		});
	}
});

describeTemplate('order-confirmation.json', () => {
	it('sends the German confirmation e-mail, then the SMS, exactly once even when Shopify redelivers', async () => {
		const order = freshOrder();
		const [smsBefore, mailBefore] = [twilio.messages.length, smtp.messages.length];
		const headers = shopifyHeaders('orders/create', order.body);
		const run = await runWorkflow(template('order-confirmation.json', '2026-11-24T10:00:00+01:00'), { credentials, webhook: { headers, body: order.body } });
		assert.equal(run.webhookResponse?.statusCode, 200);
		assert.deepEqual(run.webhookResponse?.body, { received: true, events: 1 }, 'a small JSON answer, not "firstEntryJson"');
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
	it('20 concurrent redeliveries of one order start one execution: one e-mail and one SMS', async () => {
		const order = freshOrder();
		const headers = shopifyHeaders('orders/create', order.body);
		const workflow = template('order-confirmation.json', '2026-11-24T10:00:00+01:00');
		const runs = await Promise.all(Array.from({ length: 20 }, () => runWorkflow(workflow, { credentials, webhook: { headers, body: order.body } })));
		const executed = runs.filter((r) => r.executed);
		assert.equal(executed.length, 1, `${executed.length} executions`);
		assert.equal(executed[0].status, 'success', String(executed[0].error?.message));
		for (const run of runs.filter((r) => !r.executed)) {
			assert.equal(run.webhookResponse?.statusCode, 200);
			assert.deepEqual(run.webhookResponse?.body, { received: true, ignored: 'duplicate' });
		}
		assert.equal(smtp.messages.filter((m) => m.to.includes(order.email)).length, 1, 'one e-mail at the SMTP server');
		assert.equal(twilio.messages.filter((m) => m.to === order.phone).length, 1, 'one SMS at the Twilio server');
	});
});

/** Sends and failures on each channel of one order, from the run and the local servers. */
function channelsOf(run: Awaited<ReturnType<typeof runWorkflow>>, order: { email: string; phone: string }, before: { sms: number; mail: number }) {
	return {
		mails: smtp.messages.slice(before.mail).filter((m) => m.to.includes(order.email)),
		sms: twilio.messages.slice(before.sms).filter((m) => m.to === order.phone),
		noEmail: run.output('No E-Mail Address'),
		emailFailed: run.output('E-Mail Failed'),
		noSms: run.output('No SMS'),
		smsFailed: run.output('SMS Failed'),
	};
}

/** Every template that sends on both channels: e-mail and SMS go out independently of each other. */
const BOTH_CHANNELS: Array<{ file: string; at: string; email: string; sms: string; event: (o: ReturnType<typeof freshOrder>) => { topic: string; body: string } }> = [
	{ file: 'order-confirmation.json', at: '2026-11-24T10:00:00+01:00', email: 'Confirmation E-Mail', sms: 'Confirmation SMS', event: (o) => ({ topic: 'orders/create', body: o.body }) },
	{ file: 'payment-reminder.json', at: '2026-11-26T11:00:00+01:00', email: 'Reminder E-Mail', sms: 'Reminder SMS', event: (o) => ({ topic: 'orders/create', body: o.body }) },
	{
		file: 'shipping-notification.json',
		at: '2026-11-24T10:00:00+01:00',
		email: 'Shipping E-Mail',
		sms: 'Shipped SMS',
		event: (o) => {
			// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON fixture edited field by field
			const order = JSON.parse(o.body) as Record<string, any>;
			// eslint-disable-next-line @typescript-eslint/no-explicit-any
			const f = structuredClone(fixture('shopify', 'fulfillments-create.json')) as Record<string, any>;
			f.id = Number(o.id) + 1;
			f.order_id = Number(o.id);
			f.email = order.email;
			if (f.destination) f.destination.phone = order.shipping_address.phone;
			return { topic: 'fulfillments/create', body: JSON.stringify(f) };
		},
	},
];

describe('templates that send e-mail and SMS: each channel on its own', () => {
	for (const t of BOTH_CHANNELS) {
		describe(t.file, () => {
			it('a phone-only customer (no e-mail address) gets the SMS; the e-mail is skipped with a visible reason', async () => {
				const order = freshOrder({ noEmail: true, financialStatus: 'pending' });
				const before = { sms: twilio.messages.length, mail: smtp.messages.length };
				const { topic, body } = t.event(order);
				const run = await runWorkflow(template(t.file, t.at), { credentials, webhook: { headers: shopifyHeaders(topic, body), body } });
				assert.equal(run.status, 'success', String(run.error?.message));
				const out = channelsOf(run, order, before);
				assert.equal(out.sms.length, 1, 'the SMS went out');
				assert.equal(smtp.messages.length, before.mail, 'no e-mail');
				assert.equal(out.noEmail.length, 1, 'the item waits in "No E-Mail Address"');
				assert.equal(run.ran(t.email), false, `"${t.email}" did not run (it would fail with "No recipient")`);
			});

			it('an e-mail-only customer (no phone number) gets the e-mail; the SMS is suppressed with reason invalid_recipient', async () => {
				const order = freshOrder({ noPhone: true, financialStatus: 'pending' });
				const before = { sms: twilio.messages.length, mail: smtp.messages.length };
				const { topic, body } = t.event(order);
				const run = await runWorkflow(template(t.file, t.at), { credentials, webhook: { headers: shopifyHeaders(topic, body), body } });
				assert.equal(run.status, 'success', String(run.error?.message));
				const out = channelsOf(run, order, before);
				assert.equal(out.mails.length, 1, 'the e-mail went out');
				assert.equal(twilio.messages.length, before.sms, 'no SMS');
				assert.equal((out.noSms[0]?.consent as { reason?: string } | undefined)?.reason, 'invalid_recipient');
			});

			it('an e-mail the mail server refuses leaves by "E-Mail Failed", and the SMS still goes out', async () => {
				const order = freshOrder({ financialStatus: 'pending' });
				smtp.rejectRecipient(order.email, 550, 'Mailbox unavailable');
				try {
					const before = { sms: twilio.messages.length, mail: smtp.messages.length };
					const { topic, body } = t.event(order);
					const run = await runWorkflow(template(t.file, t.at), { credentials, webhook: { headers: shopifyHeaders(topic, body), body } });
					assert.equal(run.status, 'success', String(run.error?.message));
					const out = channelsOf(run, order, before);
					assert.equal(out.mails.length, 0);
					assert.equal(out.emailFailed.length, 1, 'the failed e-mail is on the error output');
					assert.match(String(out.emailFailed[0].error), /./);
					assert.equal(out.sms.length, 1, 'the SMS went out anyway');
				} finally {
					smtp.clearFaults();
				}
			});

			it('an SMS Twilio refuses leaves by "SMS Failed", and the e-mail still goes out', async () => {
				const order = freshOrder({ financialStatus: 'pending' });
				twilio.rejectRecipient(order.phone, 21610);
				const before = { sms: twilio.messages.length, mail: smtp.messages.length };
				const { topic, body } = t.event(order);
				const run = await runWorkflow(template(t.file, t.at), { credentials, webhook: { headers: shopifyHeaders(topic, body), body } });
				assert.equal(run.status, 'success', String(run.error?.message));
				const out = channelsOf(run, order, before);
				assert.equal(out.smsFailed.length, 1, 'the failed SMS is on the error output');
				assert.equal(out.mails.length, 1, 'the e-mail went out anyway');
			});
		});
	}
});

describeTemplate('payment-reminder.json', () => {
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

	it('an order paid while the reminder waited gets no reminder: the trigger records orders/paid, "Still Unpaid?" sends it to "Paid Meanwhile"', async () => {
		const order = freshOrder({ financialStatus: 'pending' });
		const paidBody = JSON.stringify({ ...JSON.parse(order.body), financial_status: 'paid' });
		// The shop reports the payment to the same trigger ("Any New Order"): recorded in the journey store, starts nothing.
		const paid = await runWorkflow(template('payment-reminder.json', '2026-11-25T09:00:00+01:00'), {
			credentials,
			webhook: { headers: shopifyHeaders('orders/paid', paidBody), body: paidBody },
		});
		assert.equal(paid.webhookResponse?.statusCode, 200);
		assert.equal(paid.executed, false);
		// The harness's "Wait 2 Days" lets the item through at once, so the order's run reaches the check after the
		// payment, as the waiting execution does in n8n two days later.
		const [smsBefore, mailBefore] = [twilio.messages.length, smtp.messages.length];
		const run = await runWorkflow(template('payment-reminder.json', '2026-11-26T11:00:00+01:00'), {
			credentials,
			webhook: { headers: shopifyHeaders('orders/create', order.body), body: order.body },
		});
		assert.equal(run.status, 'success', String(run.error?.message));
		assert.equal(run.output('Paid Meanwhile').length, 1, 'the paid order left by "Paid Meanwhile"');
		const payment = run.output('Paid Meanwhile')[0].payment as { status: string; reason: string; paidAt: string };
		assert.equal(payment.status, 'paid');
		assert.equal(payment.reason, 'paid_since_order');
		assert.ok(Math.abs(Date.parse(payment.paidAt) - Date.parse('2026-11-25T08:00:00Z')) < 60_000, `paid at ${payment.paidAt}, when orders/paid arrived`);
		assert.equal(smtp.messages.slice(mailBefore).filter((m) => m.to.includes(order.email)).length, 0, 'no reminder e-mail');
		assert.equal(twilio.messages.slice(smsBefore).filter((m) => m.to === order.phone).length, 0, 'no reminder SMS');

		// Another customer's unpaid order is still reminded: the check looks at this order only.
		const other = freshOrder({ financialStatus: 'pending' });
		const reminded = await runWorkflow(template('payment-reminder.json', '2026-11-26T11:00:00+01:00'), {
			credentials,
			webhook: { headers: shopifyHeaders('orders/create', other.body), body: other.body },
		});
		assert.equal((reminded.output('Still Unpaid?', 0)[0]?.payment as { status: string }).status, 'unpaid');
		assert.equal(smtp.messages.filter((m) => m.to.includes(other.email)).length, 1);
	});
});

describeTemplate('shipping-notification.json', () => {
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

describe('delivery status: every template that sends SMS asks Twilio to report to the SMS Inbound Trigger', () => {
	const optIn = () => loadWorkflow(join(WORKFLOWS, 'sms-opt-in.json'));

	it('every SMS node in a template sets the status callback to the SMS Inbound Trigger of sms-opt-in.json, or to its own when it takes the reports', () => {
		const smsNodes = TEMPLATE_FILES.flatMap((file) => {
			const workflow = loadWorkflow(join(WORKFLOWS, file));
			// A template whose own SMS Inbound Trigger takes the status reports (the complete journey) keeps them to itself.
			const own = workflow.nodes.find((x) => x.type === 'n8n-nodes-post-purchase.smsInboundTrigger' && ['both', 'status'].includes(String(x.parameters.events)));
			const reportsTo = (own ?? optIn().nodes.find((x) => x.name === 'SMS Inbound Trigger')!).webhookId;
			return workflow.nodes.filter((n) => n.type === 'n8n-nodes-post-purchase.smsCompose').map((n) => ({ file, n, reportsTo }));
		});
		assert.ok(smsNodes.length >= 4, `${smsNodes.length} SMS nodes`);
		for (const { file, n, reportsTo } of smsNodes) {
			const callback = String((n.parameters.options as Record<string, unknown> | undefined)?.statusCallback ?? '');
			assert.ok(callback.includes(`/webhook/${reportsTo}/sms`), `${file} "${n.name}" has no status callback to the SMS Inbound Trigger: "${callback}"`);
		}
	});

	it("the message log goes from queued to delivered when the local Twilio server's status callback reaches the trigger", async () => {
		const order = freshOrder();
		const smsBefore = twilio.messages.length;
		const run = await runWorkflow(template('order-confirmation.json', '2026-11-24T10:00:00+01:00'), {
			credentials,
			webhook: { headers: shopifyHeaders('orders/create', order.body), body: order.body },
		});
		assert.equal(run.status, 'success', String(run.error?.message));
		const sent = twilio.messages.slice(smsBefore).find((m) => m.to === order.phone)!;
		assert.ok(sent, 'the confirmation SMS');
		assert.equal(sent.statusCallback, inboundUrl(optIn()), 'Twilio was asked to report to the SMS Inbound Trigger');
		const store = await journeyStore();
		assert.equal((await store.findMessageByProviderId(sent.sid))?.status, 'queued');

		// n8n is not listening in-process: a small forwarder stands where the trigger's URL is (like a proxy in front
		// of n8n) and hands each signed request to the sms-opt-in template's trigger.
		const forwarder = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => {
				const url = `http://127.0.0.1:${(forwarder.address() as AddressInfo).port}${req.url}`;
				const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
				void runWorkflow(optIn(), { credentials, webhook: { node: 'SMS Inbound Trigger', url, headers, body: Buffer.concat(chunks) } }).then((r) => {
					res.writeHead(r.webhookResponse?.statusCode ?? 500, { 'content-type': 'text/xml' });
					res.end(String(r.webhookResponse?.body ?? ''));
				});
			});
		});
		await new Promise<void>((resolve) => forwarder.listen(0, '127.0.0.1', resolve));
		try {
			sent.statusCallback = String(sent.statusCallback).replace('http://127.0.0.1:5678', `http://127.0.0.1:${(forwarder.address() as AddressInfo).port}`);
			const sentReport = await twilio.sendStatusCallback(sent.sid, 'sent');
			const deliveredReport = await twilio.sendStatusCallback(sent.sid, 'delivered');
			assert.deepEqual([sentReport?.statusCode, deliveredReport?.statusCode], [200, 200], JSON.stringify([sentReport, deliveredReport]));
		} finally {
			await new Promise<void>((resolve) => forwarder.close(() => resolve()));
		}
		assert.equal((await store.findMessageByProviderId(sent.sid))?.status, 'delivered');
	});
});

describeTemplate('sms-opt-in.json', () => {
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
		// A customer who ordered and confirmed with JA; then someone forges a STOP in their name.
		const order = freshOrder();
		const workflow = template('sms-opt-in.json', '2026-11-24T10:00:00+01:00');
		const asked = await runWorkflow(workflow, { credentials, webhook: { node: 'Order Placed Trigger', headers: shopifyHeaders('orders/create', order.body), body: order.body } });
		assert.equal(asked.status, 'success', String(asked.error?.message));
		const confirmed = await reply(workflow, order.phone, 'Ja');
		assert.equal((confirmed.output('Replies and Reports')[0].inbound as { intent: string }).intent, 'opt_in');
		const before = await recorded(order.phone);
		assert.ok(before.consent.length > 0, 'the JA was recorded');

		const url = inboundUrl(workflow);
		const forged = new URLSearchParams({ Body: 'STOP', From: order.phone, To: '+4915199990000', MessageSid: `SM${String(++counter).padStart(32, '0')}` }).toString();
		const run = await runWorkflow(workflow, {
			credentials,
			webhook: { node: 'SMS Inbound Trigger', url, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'Zm9yZ2Vk' }, body: forged },
		});
		assert.equal(run.executed, false);
		assert.equal(run.webhookResponse?.statusCode, 403);

		// Nothing recorded: the consent ledger, suppressions and logs for the number are as they were …
		assert.deepEqual(await recorded(order.phone), before);
		// … so the next order's SMS goes out instead of being suppressed as opted out.
		const next = JSON.parse(freshOrder().body);
		next.phone = next.customer.phone = next.shipping_address.phone = next.billing_address.phone = order.phone;
		const body = JSON.stringify(next);
		const smsBefore = twilio.messages.filter((m) => m.to === order.phone).length;
		const confirmation = await runWorkflow(template('order-confirmation.json'), { credentials, webhook: { headers: shopifyHeaders('orders/create', body), body } });
		assert.equal(confirmation.status, 'success', String(confirmation.error?.message));
		assert.equal(confirmation.ran('No SMS'), false, JSON.stringify(confirmation.output('No SMS')[0]?.consent));
		assert.equal(twilio.messages.filter((m) => m.to === order.phone).length, smsBefore + 1, 'the confirmation SMS went out');
	});
});

describeTemplate('review-request.json', () => {
	const NOW = '2026-11-27T10:00:00+01:00';
	const daysBefore = (days: number) => new Date(new Date(NOW).getTime() - days * 86_400_000).toISOString();

	/** A Shopify fulfilment of a fresh customer who confirmed SMS marketing (German by address, or British). */
	async function shipment(shippedDaysAgo: number, country: 'DE' | 'GB' = 'DE') {
		counter++;
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON fixture edited field by field
		const raw = structuredClone(fixture('shopify', 'fulfillments-create.json')) as Record<string, any>;
		const n = String(Date.now() % 100_000).padStart(5, '0') + String(counter % 100).padStart(2, '0');
		raw.id = 9_200_000_000 + Number(n);
		raw.order_id = 8_200_000_000 + Number(n);
		raw.created_at = daysBefore(shippedDaysAgo);
		const phone = country === 'DE' ? `+49151${n.padStart(8, '3')}` : `+4474001${n.slice(-5)}`;
		raw.destination.phone = phone;
		raw.destination.country_code = country;
		raw.destination.country = country === 'DE' ? 'Germany' : 'United Kingdom';
		raw.destination.province_code = country === 'DE' ? 'BY' : null;
		const store = await journeyStore();
		await store.appendConsent({ subject: phone, channel: 'sms', purpose: 'marketing', status: 'opted_in', legalBasis: 'double_opt_in', source: 'test' });
		return { body: JSON.stringify(raw), phone, orderId: String(raw.order_id) };
	}


	it('asks once in German on the school-grade scale; a "1" is a happy rating: thanks, voucher and review link', async () => {
		const s = await shipment(9);
		const workflow = template('review-request.json', NOW);
		const before = twilio.messages.length;
		const run = await runWorkflow(workflow, { credentials, webhook: { node: 'Shipped Trigger', headers: shopifyHeaders('fulfillments/create', s.body), body: s.body } });
		assert.equal(run.status, 'success', String(run.error?.message));
		const asks = newMessages(twilio.messages, before);
		assert.equal(asks.length, 1);
		assert.equal(asks[0].to, s.phone);
		assert.match(asks[0].body, /Schulnote von 1 \(sehr gut\) bis 6 \(ungenügend\)/);
		assert.match(asks[0].body, /Für jede Antwort, egal wie sie ausfällt, gibt es einen Gutschein/);
		assert.equal((await (await journeyStore()).ratings.latestAsk(s.phone))?.scale, 'grades_1_6');

		// The same shipment again in a new delivery: no second ask.
		const again = JSON.stringify({ ...JSON.parse(s.body), id: JSON.parse(s.body).id + 1 });
		const second = await runWorkflow(workflow, { credentials, webhook: { node: 'Shipped Trigger', headers: shopifyHeaders('fulfillments/create', again), body: again } });
		assert.equal(second.status, 'success', String(second.error?.message));
		assert.equal(twilio.messages.length, before + 1, 'asked once');
		assert.equal((second.output('Not Asked')[0]?.review as { reason: string } | undefined)?.reason, 'asked_recently');

		const answered = await reply(workflow, s.phone, '1');
		assert.equal(answered.status, 'success', String(answered.error?.message));
		assert.equal((answered.output('Parse Reply', 0)[0].review as { sentiment: string }).sentiment, 'happy');
		const thanks = newMessages(twilio.messages, before + 1);
		assert.equal(thanks.length, 1);
		assert.match(thanks[0].body, /^Danke für Ihre Bewertung! Wie versprochen gibt es für jede Antwort Ihren Gutschein: DANKE10\. .*https:\/\/www\.beispiel-shop\.de\/bewertungen/s);
		assert.equal((await (await journeyStore()).ratings.getRating(s.phone, s.orderId))?.sentiment, 'happy');
	});

	it('in English the ask names 1 to 5 stars; a "1" is unhappy: contact offer, the same voucher, and an alert to the team', async () => {
		const s = await shipment(9, 'GB');
		const workflow = template('review-request.json', NOW);
		const [before, mailsBefore] = [twilio.messages.length, smtp.messages.length];
		const run = await runWorkflow(workflow, { credentials, webhook: { node: 'Shipped Trigger', headers: shopifyHeaders('fulfillments/create', s.body), body: s.body } });
		assert.equal(run.status, 'success', String(run.error?.message));
		const asks = newMessages(twilio.messages, before);
		assert.equal(asks.length, 1, JSON.stringify([run.output('No SMS')[0]?.consent, run.output('Shipped Trigger')[0]?.customer]));
		assert.match(asks[0].body, /1 to 5 stars \(5 = best\)\. Every answer gets a thank-you voucher, whatever your rating\./);

		const answered = await reply(workflow, s.phone, '1');
		assert.equal(answered.status, 'success', String(answered.error?.message));
		assert.equal((answered.output('Parse Reply', 2)[0].review as { sentiment: string }).sentiment, 'unhappy');
		const [thanks] = newMessages(twilio.messages, before + 1);
		assert.match(thanks.body, /^Thank you for your rating! As promised, every answer gets your voucher: DANKE10\. We are sorry/);
		const alerts = newMessages(smtp.messages, mailsBefore);
		assert.equal(alerts.length, 1);
		assert.deepEqual(alerts[0].to, ['team@beispiel-shop.de']);
		assert.match(String(alerts[0].parsed.text), new RegExp(`Order / Bestellung: ${s.orderId}[\\s\\S]*Reply / Antwort: "1"`));
	});

	it('an unclear reply gets one clarifying question, the next unclear one none; STOP is no rating', async () => {
		const s = await shipment(9);
		const workflow = template('review-request.json', NOW);
		await runWorkflow(workflow, { credentials, webhook: { node: 'Shipped Trigger', headers: shopifyHeaders('fulfillments/create', s.body), body: s.body } });
		const before = twilio.messages.length;
		const unclear = await reply(workflow, s.phone, '5, alles super');
		assert.equal((unclear.output('Parse Reply', 3)[0].review as { status: string }).status, 'clarify');
		const [question] = newMessages(twilio.messages, before);
		assert.match(question.body, /Bitte antworten Sie nur mit einer Schulnote von 1 \(sehr gut\) bis 6/);
		const still = await reply(workflow, s.phone, '7');
		assert.equal((still.output('Parse Reply', 3)[0].review as { status: string }).status, 'unclear');
		assert.equal(still.ran('Other Replies'), true);
		assert.equal(twilio.messages.length, before + 1, 'one question at most');
		const stop = await reply(workflow, s.phone, 'STOP');
		assert.equal((stop.output('Parse Reply', 3)[0].review as { status: string }).status, 'keyword');
		assert.equal((await recorded(s.phone)).suppressions[0]?.reason, 'stop', 'the trigger recorded the STOP first');
	});

	it('shipped yesterday: waits until shipping day + 3 transit days + 5 days, then asks', async () => {
		const s = await shipment(1);
		const before = twilio.messages.length;
		const run = await runWorkflow(template('review-request.json', NOW), { credentials, webhook: { node: 'Shipped Trigger', headers: shopifyHeaders('fulfillments/create', s.body), body: s.body } });
		assert.equal(run.status, 'success', String(run.error?.message));
		assert.equal(twilio.messages.length, before);
		const due = new Date(new Date(daysBefore(1)).getTime() + 8 * 86_400_000).toISOString();
		assert.deepEqual(heldByWait.map((h) => [h.node, h.until]), [['Wait Until Due', due]]);
	});
});

describeTemplate('cart-recovery.json', () => {
	const T = '2026-11-24T10:00:00+01:00';
	const at = (hours: number) => new Date(new Date(T).getTime() + hours * 3_600_000);

	/** A Shopify checkout of a fresh customer (own token, e-mail and phone) with confirmed marketing consent. */
	function freshCheckout(activeAt: Date) {
		counter++;
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON fixture edited field by field
		const c = structuredClone(fixture('shopify', 'checkouts-create.json')) as Record<string, any>;
		const n = Date.now() % 1_000_000 * 100 + counter;
		c.token = `cr${n}`;
		c.email = c.customer.email = `warenkorb${n}@example.de`;
		c.customer.phone = c.sms_marketing_phone = c.shipping_address.phone = `+49152${String(30000000 + (n % 10_000_000)).slice(0, 8)}`;
		c.created_at = c.updated_at = activeAt.toISOString();
		return { body: JSON.stringify(c), token: c.token as string, email: c.email as string, phone: c.customer.phone as string, url: c.abandoned_checkout_url as string };
	}

	async function checkoutArrives(c: ReturnType<typeof freshCheckout>) {
		const run = await runWorkflow(template('cart-recovery.json', T), { credentials, webhook: { headers: shopifyHeaders('checkouts/create', c.body), body: c.body } });
		assert.deepEqual([run.webhookResponse?.statusCode, run.executed], [200, false]);
	}

	async function pollAt(hours: number) {
		return runWorkflow(template('cart-recovery.json', at(hours).toISOString()), { credentials, poll: true });
	}

	it('reminder 1: the e-mail with the cart items and the link back, and one SMS with the link; nothing twice', async () => {
		const c = freshCheckout(at(0));
		await checkoutArrives(c);
		const [smsBefore, mailBefore] = [twilio.messages.length, smtp.messages.length];
		const run = await pollAt(1.05);
		assert.equal(run.status, 'success', String(run.error?.message));
		const mails = smtp.messages.slice(mailBefore).filter((m) => m.to.includes(c.email));
		assert.equal(mails.length, 1, `one e-mail (failed: ${JSON.stringify(run.output('E-Mail Failed').map((i) => i.error))})`);
		assert.match(String(mails[0].parsed.subject), /Warenkorb/);
		const text = String(mails[0].parsed.text);
		assert.ok(text.includes('Kaffeebohnen Hausmischung') && text.includes('Entkalker für Siebträger'), 'the cart items');
		assert.ok(String(mails[0].parsed.html).includes(c.url.replace(/&/g, '&amp;')), 'the recovery link');
		assert.ok(!text.includes('WELCOMEBACK10'), 'no code on reminder 1');
		const sms = twilio.messages.slice(smsBefore).filter((m) => m.to === c.phone);
		assert.equal(sms.length, 1, 'one SMS');
		assert.match(sms[0].body, /Warenkorb bei Beispiel Shop/);
		assert.ok(sms[0].body.includes(c.url), 'the link in the SMS');
		assert.ok(sms[0].numSegments <= 2, `${sms[0].numSegments} segments`);

		const again = await pollAt(1.2);
		assert.ok(!again.executed || again.output('Cart Abandoned Trigger').every((i) => (i.cart as { id: string }).id !== c.token));
		assert.equal(smtp.messages.filter((m) => m.to.includes(c.email)).length, 1, 'no second e-mail');
		assert.equal(twilio.messages.filter((m) => m.to === c.phone).length, 1, 'no second SMS');
	});

	it('an order before the reminder is due: nothing is sent', async () => {
		const c = freshCheckout(at(0));
		await checkoutArrives(c);
		const order = freshOrder();
		const placed = JSON.parse(order.body);
		placed.checkout_token = c.token;
		const body = JSON.stringify(placed);
		const confirmation = await runWorkflow(template('order-confirmation.json', at(0.5).toISOString()), { credentials, webhook: { headers: shopifyHeaders('orders/create', body), body } });
		assert.equal(confirmation.status, 'success', String(confirmation.error?.message));
		for (const hours of [1.1, 25, 73]) await pollAt(hours);
		assert.equal(smtp.messages.filter((m) => m.to.includes(c.email)).length, 0, 'no reminder e-mail');
		assert.equal(twilio.messages.filter((m) => m.to === c.phone).length, 0, 'no reminder SMS');
	});

	it('reminder 3 (after n8n was down past the others) carries the discount code, by e-mail only', async () => {
		const c = freshCheckout(at(0));
		await checkoutArrives(c);
		const run = await pollAt(73);
		assert.equal(run.status, 'success', String(run.error?.message));
		const mine = run.output('Cart Abandoned Trigger').filter((i) => (i.cart as { id: string }).id === c.token);
		assert.deepEqual(mine.map((i) => [i.reminder, i.coupon]), [[{ step: 3, of: 3 }, { code: 'WELCOMEBACK10', source: 'fixed' }]]);
		const mails = smtp.messages.filter((m) => m.to.includes(c.email));
		assert.equal(mails.length, 1);
		assert.ok(String(mails[0].parsed.text).includes('WELCOMEBACK10'));
		assert.match(String(mails[0].parsed.subject), /Rabattcode/);
		assert.equal(twilio.messages.filter((m) => m.to === c.phone).length, 0, 'the SMS is for reminder 1 only');
	});

	it('without marketing consent nothing goes out, with the reason on the item', async () => {
		const c = freshCheckout(at(0));
		const noConsent = JSON.parse(c.body);
		noConsent.customer.email_marketing_consent = { state: 'not_subscribed' };
		noConsent.customer.sms_marketing_consent = { state: 'not_subscribed' };
		noConsent.buyer_accepts_marketing = false;
		const body = JSON.stringify(noConsent);
		const received = await runWorkflow(template('cart-recovery.json', T), { credentials, webhook: { headers: shopifyHeaders('checkouts/create', body), body } });
		assert.equal(received.webhookResponse?.statusCode, 200);
		const run = await pollAt(1.05);
		const mine = (node: string) => run.output(node).filter((i) => (i.cart as { id: string }).id === c.token);
		assert.equal(mine('No E-Mail').length, 1);
		assert.equal(mine('No SMS').length, 1);
		assert.equal(smtp.messages.filter((m) => m.to.includes(c.email)).length, 0);
	});
});

describeTemplate('delivery-updates.json', () => {
	let carriers: CarrierServer;
	beforeAll(async () => {
		carriers = await startCarrierServer();
	});
	afterAll(async () => {
		await carriers.close();
	});

	/** A Shopify fulfilment of a fresh DHL parcel, shipped "now" (the moved clock), through the shipping template. */
	async function ship(at: string): Promise<string> {
		const data = '003404' + String(Date.now() % 1e9).padStart(9, '0') + String(counter++ % 10_000).padStart(4, '0');
		const number = data + computeCheck('gs1', data);
		const body = JSON.stringify({
			...fixture('shopify', 'fulfillments-create.json'),
			id: 9_100_000_000 + counter++,
			created_at: at,
			updated_at: at,
			tracking_number: number,
			tracking_numbers: [number],
			tracking_url: null,
			tracking_urls: [],
		});
		const run = await runWorkflow(template('shipping-notification.json', at), { credentials, webhook: { headers: shopifyHeaders('fulfillments/create', body), body } });
		assert.equal(run.status, 'success', String(run.error?.message));
		return number;
	}

	const poll = (wf: WorkflowJson) => runWorkflow(wf, { poll: true, credentials: { ...credentials, postPurchaseCarrierApi: carrierCredential(carriers) } });

	it('a shipped parcel: the out-for-delivery SMS once, then the delivered e-mail once, in German', async () => {
		const at = '2026-11-24T09:00:00+01:00';
		const number = await ship(at);
		const wf = template('delivery-updates.json', '2026-11-24T09:05:00+01:00');
		await poll(wf);
		const [smsBefore, mailBefore] = [twilio.messages.length, smtp.messages.length];
		carriers.move(number, 'out_for_delivery');
		setClock('2026-11-24T11:10:00+01:00');
		const ofd = await poll(wf);
		assert.equal(ofd.status, 'success', String(ofd.error?.message));
		// Parcels of earlier tests share the embedded store (and the customer): only this parcel's messages count.
		const mineSms = () => newMessages(twilio.messages, smsBefore).filter((m) => m.body.includes(number));
		const delivered = () => newMessages(smtp.messages, mailBefore).filter((m) => /angekommen/.test(String(m.parsed.subject)));
		const sms = mineSms();
		assert.equal(sms.length, 1, 'one SMS');
		assert.match(sms[0].body, /wird zugestellt/);
		setClock('2026-11-24T11:20:00+01:00');
		await poll(wf);
		assert.equal(mineSms().length, 1, 'still one SMS');
		assert.equal(delivered().length, 0, 'no e-mail yet');

		carriers.move(number, 'delivered_neighbour');
		setClock('2026-11-24T11:45:00+01:00');
		const done = await poll(wf);
		assert.equal(done.status, 'success', String(done.error?.message));
		assert.equal(delivered().length, 1, 'one delivered e-mail');
		setClock('2026-11-24T13:00:00+01:00');
		await poll(wf);
		assert.equal(delivered().length, 1, 'still one e-mail');
		assert.equal(mineSms().length, 1, 'and no further SMS');
	});

	it('a missed promise: an apology SMS to the customer and an alert e-mail to the shop team, once', async () => {
		const number = await ship('2026-11-23T09:00:00+01:00');
		const wf = template('delivery-updates.json', '2026-11-23T09:05:00+01:00');
		await poll(wf);
		carriers.move(number, 'transit');
		const [smsBefore, mailBefore] = [twilio.messages.length, smtp.messages.length];
		// The estimate promised Tuesday or Wednesday at the latest; Friday morning it is still in transit.
		setClock('2026-11-27T10:00:00+01:00');
		const run = await poll(wf);
		assert.equal(run.status, 'success', String(run.error?.message));
		const mineSms = () => newMessages(twilio.messages, smsBefore).filter((m) => m.body.includes(number));
		const mineMail = () => newMessages(smtp.messages, mailBefore).filter((m) => String(m.parsed.subject).includes(number));
		const sms = mineSms();
		assert.equal(sms.length, 1);
		assert.match(sms[0].body, /Entschuldigung: Ihre Bestellung .* braucht länger als versprochen/);
		const mails = mineMail();
		assert.deepEqual(mails.map((m) => m.to), [['team@beispiel-shop.de']]);
		assert.match(String(mails[0].parsed.subject), new RegExp(`Verspätet / Delayed: ${number}`));
		setClock('2026-11-27T16:00:00+01:00');
		await poll(wf);
		assert.equal(mineSms().length, 1, 'once');
		assert.equal(mineMail().length, 1, 'once');
	});
});

/** The return templates in short; every reason branch and the form's Shopify path: tests/workflow/returnTemplates.test.ts. */
describe('return templates', () => {
	const customShop = () => ({ ...credentials, postPurchaseShopApi: { platform: 'custom', webhookSecret: SECRET } });
	async function returnRun(file: string, event: Parameters<typeof returnEvent>[0]['event'], extra: { reason?: string; refund?: { amount: string; currency: string; paymentMethod?: string } } = {}) {
		const e = returnEvent({ event, n: 900_000_000 + (Date.now() % 1_000_000) * 10 + counter++, ...extra });
		const before = smtp.messages.length;
		const run = await runWorkflow(onCustomJson(template(file, '2026-11-24T10:00:00+01:00')), { credentials: customShop(), webhook: { headers: e.headers, body: e.body } });
		assert.equal(run.status, 'success', String(run.error?.message));
		return smtp.messages.slice(before).filter((m) => m.to.includes(e.email));
	}

	describeTemplate('return-received.json', () => {
		it('a received return: the e-mail says what happens next, replies go to the contact person', async () => {
			const [mail] = await returnRun('return-received.json', 'return.received');
			assert.match(String(mail.parsed.subject), /ist angekommen/);
			assert.equal(mail.parsed.replyTo?.value[0]?.address, 'service@beispiel-shop.de');
		});
	});

	describeTemplate('return-follow-up.json', () => {
		it('a refund by PayPal: the notice names the days; a damaged return gets the apology offer', async () => {
			const mails = await returnRun('return-follow-up.json', 'refund.created', { reason: 'damaged', refund: { amount: '12.00', currency: 'EUR', paymentMethod: 'paypal' } });
			assert.equal(mails.length, 2);
			assert.ok(mails.some((m) => /in 1–2 Werktagen/.test(String(m.parsed.text))));
			assert.ok(mails.some((m) => /beschädigt/.test(String(m.parsed.subject))));
		});
	});

	describeTemplate('return-request-form.json', () => {
		it('a form request of a shop without a return API reaches the team and the customer', async () => {
			const workflow = template('return-request-form.json');
			const settings = workflow.nodes.find((n) => n.name === 'Your Settings')!;
			settings.parameters.jsonOutput = String(settings.parameters.jsonOutput).replace('"shopify"', '"shopware"');
			const before = smtp.messages.length;
			const run = await runWorkflow(workflow, { credentials, items: [{ orderNumber: '77', email: 'form77@example.de', items: '', reason: 'Anderer Grund / Other reason', note: '' }] });
			assert.equal(run.status, 'success', String(run.error?.message));
			assert.deepEqual(smtp.messages.slice(before).map((m) => m.to[0]), ['retouren@beispiel-shop.de', 'form77@example.de']);
		});
	});
});

describeTemplate('tracking-page.json', () => {
	it('shows the form, the status for number + e-mail, the same "not found" for a wrong e-mail, and opens by the signed link', async () => {
		const workflow = template('tracking-page.json', '2026-11-26T10:00:00+01:00');
		const store = await journeyStore();
		const id = `tp${Date.now() % 1_000_000}${++counter}`;
		const email = `track${id}@example.de`;
		await store.orders.record({
			platform: 'shopify',
			orderId: id,
			number: `#${id}`,
			subject: email,
			placedAt: new Date('2026-11-23T09:00:00Z'),
			currency: 'EUR',
			total: '35.80',
			lineItems: [{ sku: 'TP-COFFEE', title: 'Espresso 1 kg', quantity: 2, unitPrice: '17.90' }],
			contact: { email, postalCode: '10115', locale: 'en-GB' },
		});
		await store.shipments.recordStage(id, 'paid', new Date('2026-11-23T09:05:00Z'));
		await store.shipments.recordStage(id, 'shipped', new Date('2026-11-24T14:00:00Z'));
		await store.shipments.watch({
			trackingNumber: `00340434161094${String(counter).padStart(6, '0')}`,
			carrier: 'dhl',
			orderId: id,
			shippedAt: new Date('2026-11-24T14:00:00Z'),
			context: { shipment: { carrier: { code: 'dhl', name: 'DHL Paket' }, estimatedDelivery: { earliest: '2026-11-26', latest: '2026-11-27', source: 'table' } } },
		});
		const page = async (request: Record<string, unknown>) => {
			const run = await runWorkflow(workflow, { credentials, items: [{ headers: { 'accept-language': 'en' }, query: {}, body: {}, ...request }] });
			assert.equal(run.status, 'success', String(run.error?.stack));
			assert.equal(run.output('Show Page').length, 1, 'the page reaches Respond to Webhook');
			return run.output('Order Status')[0] as { html: string; state: string; statusCode: number };
		};
		const form = await page({});
		assert.equal(form.state, 'form');
		assert.match(form.html, /<form method="post"/);
		const found = await page({ body: { order: id, check: email.toUpperCase() } });
		assert.equal(found.state, 'status');
		assert.match(found.html, new RegExp(`Order #${id}`));
		assert.match(found.html, /DHL Paket/);
		assert.match(found.html, /Thursday,? 26 November - Friday,? 27 November/);
		const wrong = await page({ body: { order: id, check: 'someone.else@example.de' } });
		const unknown = await page({ body: { order: `${id}9`, check: email } });
		assert.equal(wrong.state, 'not_found');
		// Both pages fill the form in again with the number typed; apart from it they are the same.
		assert.equal(wrong.html.replace(`value="${id}"`, ''), unknown.html.replace(`value="${id}9"`, ''), 'a wrong e-mail reads exactly like an unknown order');
		const token = /href="\?t=([\w-]+)"/.exec(found.html)?.[1];
		assert.ok(token, 'a signed link after the check');
		assert.ok(!found.html.includes(`t=${id}`) && !token.includes(id), 'the link carries no order number');
		const viaLink = await page({ query: { t: token } });
		assert.equal(viaLink.state, 'status');
		assert.equal(viaLink.html.includes(email), false, 'the page shows no e-mail address');

		// The link a shipping SMS or e-mail carries: Journey Data "Create Tracking Page Link" on the Shipped Trigger's item.
		const linkWorkflow: WorkflowJson = {
			name: 'link',
			nodes: [
				{ id: 'm', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				{ id: 'l', name: 'Page Link', type: 'n8n-nodes-post-purchase.journeyData', typeVersion: 1, position: [200, 0], parameters: { operation: 'createTrackingLink', pageUrl: 'https://n8n.example.com/webhook/track' } },
			],
			connections: { Start: { main: [[{ node: 'Page Link', type: 'main', index: 0 }]] } },
		} as WorkflowJson;
		const linked = await runWorkflow(linkWorkflow, { credentials, items: [{ platform: 'shopify', shipment: { orderId: id } }] });
		assert.equal(linked.status, 'success', String(linked.error?.message));
		const pageLink = String(linked.output('Page Link')[0].trackingPageUrl);
		assert.match(pageLink, /^https:\/\/n8n\.example\.com\/webhook\/track\?t=[\w-]+$/);
		const fromSms = await page({ query: { t: pageLink.split('?t=')[1] } });
		assert.equal(fromSms.state, 'status');
		assert.match(fromSms.html, new RegExp(`Order #${id}`));
	});
});

/** A customer of the order history (replenishment, birthday, win-back): fresh e-mail and phone, consent confirmed by the shop. */
function historyCustomer(label: string) {
	counter++;
	const n = (Date.now() % 1_000_000) * 100 + counter;
	const email = `${label}${n}@example.de`;
	const phone = `+49157${String(40000000 + (n % 10_000_000)).slice(0, 8)}`;
	const confirmed = { marketing: true, state: 'subscribed', optInLevel: 'confirmed_opt_in', collectedAt: '2025-01-01T10:00:00+01:00', source: 'shopify' };
	const contact = { email, phone, firstName: 'Anna', lastName: 'Schmidt', locale: 'de-DE', country: 'DE', timezone: 'Europe/Berlin', consent: { email: confirmed, sms: confirmed } };
	return { email, phone, contact, orderId: `h${n}` };
}

/** Records an order of such a customer straight in the journey store, as the Order Placed Trigger would. */
async function recordHistoryOrder(c: ReturnType<typeof historyCustomer>, placedAt: Date, lineItems: OrderLineInput[]) {
	await (await journeyStore()).orders.record({ platform: 'shopify', orderId: c.orderId, subject: c.email, placedAt, lineItems, contact: c.contact });
}

describeTemplate('replenishment-reminder.json', () => {
	const T = '2026-11-24T10:00:00+01:00';
	const daysBefore = (days: number) => new Date(new Date(T).getTime() - days * 86_400_000);

	it('a bag of coffee bought 12 days ago (14 days per bag, 3 days lead) brings one e-mail and one SMS with the Shopify cart link, once', async () => {
		setClock(T);
		const c = historyCustomer('nachfuellen');
		await recordHistoryOrder(c, daysBefore(12), [{ sku: 'KAF-HAUS-500', productId: '8812345678901', variantId: '45123456789012', title: 'Kaffeebohnen Hausmischung', quantity: 1, unitPrice: '14.95' }]);
		const [smsBefore, mailBefore] = [twilio.messages.length, smtp.messages.length];
		const run = await runWorkflow(template('replenishment-reminder.json', T), { credentials, poll: true });
		assert.equal(run.status, 'success', String(run.error?.message));
		const link = 'https://beispiel-shop.de/cart/45123456789012:1';
		const mails = smtp.messages.slice(mailBefore).filter((m) => m.to.includes(c.email));
		assert.equal(mails.length, 1, `one e-mail (${JSON.stringify(run.output('No E-Mail').map((i) => i.consent))})`);
		assert.match(String(mails[0].parsed.subject), /Kaffeebohnen Hausmischung/);
		assert.ok(String(mails[0].parsed.html).includes(link), 'the reorder link in the e-mail');
		const sms = twilio.messages.slice(smsBefore).filter((m) => m.to === c.phone);
		assert.equal(sms.length, 1, `one SMS (${JSON.stringify(run.output('No SMS').map((i) => i.consent))})`);
		assert.ok(sms[0].body.includes(link), sms[0].body);
		const item = run.output('Replenishment Due Trigger').find((i) => (i.order as { id: string }).id === c.orderId)!;
		assert.deepEqual((item.due as { interval: unknown }).interval, { source: 'configured', daysPerUnit: 14, repeatCustomers: null });

		const again = await runWorkflow(template('replenishment-reminder.json', new Date(new Date(T).getTime() + 3_600_000).toISOString()), { credentials, poll: true });
		assert.ok(!again.executed || again.output('Replenishment Due Trigger').every((i) => (i.order as { id: string }).id !== c.orderId));
		assert.equal(smtp.messages.filter((m) => m.to.includes(c.email)).length, 1, 'no second e-mail');
		assert.equal(twilio.messages.filter((m) => m.to === c.phone).length, 1, 'no second SMS');
	});

	it('a customer who opted out reaches the Consent Gate and leaves by "No SMS" with the reason', async () => {
		setClock(T);
		const c = historyCustomer('abgemeldet');
		await recordHistoryOrder(c, daysBefore(12), [{ sku: 'KAF-HAUS-500', variantId: '45123456789012', title: 'Kaffeebohnen Hausmischung', quantity: 1 }]);
		await (await journeyStore()).suppress({ subject: c.phone, channel: 'sms', reason: 'stop', source: 'sms_keyword' });
		const smsBefore = twilio.messages.length;
		const run = await runWorkflow(template('replenishment-reminder.json', T), { credentials, poll: true });
		assert.ok(run.output('Replenishment Due Trigger').some((i) => (i.order as { id: string }).id === c.orderId), 'emitted');
		const dropped = run.output('No SMS').find((i) => (i.customer as { phone: string }).phone === c.phone);
		assert.ok(dropped, 'left by No SMS');
		assert.equal(twilio.messages.slice(smsBefore).filter((m) => m.to === c.phone).length, 0);
	});
});

describeTemplate('product-birthday-and-win-back.json', () => {
	const T = '2026-11-24T10:00:00+01:00';
	const daysBefore = (days: number) => new Date(new Date(T).getTime() - days * 86_400_000);

	it('a grinder bought a year ago gets one birthday SMS, once per item', async () => {
		setClock(T);
		const c = historyCustomer('geburtstag');
		await recordHistoryOrder(c, new Date('2025-11-23T15:00:00+01:00'), [{ sku: 'MUE-CLASSIC', productId: '8812345678902', title: 'Handmühle Classic', quantity: 1 }]);
		const smsBefore = twilio.messages.length;
		const run = await runWorkflow(template('product-birthday-and-win-back.json', T), { credentials, poll: { node: 'Product Birthday Trigger' } });
		assert.equal(run.status, 'success', String(run.error?.message));
		const sms = twilio.messages.slice(smsBefore).filter((m) => m.to === c.phone);
		assert.equal(sms.length, 1, `one SMS (${JSON.stringify(run.output('No SMS').map((i) => i.consent))})`);
		assert.match(sms[0].body, /Handmühle Classic/);
		await runWorkflow(template('product-birthday-and-win-back.json', T), { credentials, poll: { node: 'Product Birthday Trigger' } });
		assert.equal(twilio.messages.filter((m) => m.to === c.phone).length, 1, 'once');
	});

	it('a customer without an order for 190 days gets one win-back e-mail with the voucher we sent and she never redeemed', async () => {
		setClock(T);
		const store = await journeyStore();
		const withVoucher = historyCustomer('vermisst');
		const without = historyCustomer('vermisst');
		for (const c of [withVoucher, without]) await recordHistoryOrder(c, daysBefore(190), [{ sku: 'KAF-HAUS-500', title: 'Kaffeebohnen Hausmischung', quantity: 1 }]);
		await store.logMessage({ subject: withVoucher.email, channel: 'email', purpose: 'marketing', journeyStep: 'review_reply', status: 'sent', sentAt: daysBefore(185), meta: { couponCode: 'DANKE5' } });
		const mailBefore = smtp.messages.length;
		const run = await runWorkflow(template('product-birthday-and-win-back.json', T), { credentials, poll: { node: 'Win-Back Trigger' } });
		assert.equal(run.status, 'success', String(run.error?.message));
		const mine = (email: string) => smtp.messages.slice(mailBefore).filter((m) => m.to.includes(email));
		assert.equal(mine(withVoucher.email).length, 1, `one e-mail (${JSON.stringify(run.output('No E-Mail').map((i) => i.consent))})`);
		assert.ok(String(mine(withVoucher.email)[0].parsed.text).includes('DANKE5'), 'the unredeemed voucher');
		assert.ok(String(mine(without.email)[0].parsed.text).includes('WIEDERDA10'), 'the fixed code');
		await runWorkflow(template('product-birthday-and-win-back.json', T), { credentials, poll: { node: 'Win-Back Trigger' } });
		assert.equal(smtp.messages.filter((m) => m.to.includes(withVoucher.email)).length, 1, 'once per lapse');
	});
});

/** The shop's pages: a GET (or the search POST) with the login, answered by "Send Page" (Respond to Webhook). */
async function openPage(file: string, node: string, request: { method?: 'GET' | 'POST'; query?: Record<string, string>; body?: string; language?: string } = {}) {
	respondedByNode.length = 0;
	const authorization = `Basic ${Buffer.from(`${PAGES_LOGIN.user}:${PAGES_LOGIN.password}`).toString('base64')}`;
	const headers: Record<string, string> = { authorization, 'accept-language': request.language ?? 'en-GB,en;q=0.9' };
	if (request.body) headers['content-type'] = 'application/x-www-form-urlencoded';
	const run = await runWorkflow(template(file), { credentials, webhook: { node, method: request.method ?? 'GET', headers, query: request.query ?? {}, body: request.body } });
	assert.equal(run.status, 'success', String(run.error?.message));
	assert.equal(respondedByNode.length, 1, 'one answer');
	return respondedByNode[0];
}

describeTemplate('journey-board.json', () => {
	it('answers with the board page: a column per stage, the new order stuck in "Placed", masked contact; German by Accept-Language', async () => {
		const store = await journeyStore();
		const id = `JB${Date.now()}`;
		const email = `board-${id}@example.de`;
		await store.shipments.recordStage(id, 'placed', new Date(Date.now() - 5 * 86_400_000), { subject: email, context: { customer: { email }, order: { id, number: `#${id}` } } });
		const page = await openPage('journey-board.json', 'Journey Board Page');
		assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
		assert.equal(page.headers['cache-control'], 'no-store');
		assert.match(page.body, /<h1>Journey board<\/h1>/);
		const placed = page.body.slice(page.body.indexOf('data-stage="placed"'), page.body.indexOf('data-stage="paid"'));
		assert.match(placed, new RegExp(`<article class="order stuck" data-order="#${id}">`));
		assert.ok(!page.body.includes(email), 'the e-mail is masked');
		const german = await openPage('journey-board.json', 'Journey Board Page', { language: 'de-DE,de;q=0.9' });
		assert.match(german.body, /<html lang="de">/);
		assert.match(german.body, /Bestellt.*Bezahlt.*Versendet.*In Zustellung.*Zugestellt.*Retourniert/s);
	});

	it('the search box posts the e-mail (never in the address) and finds the order; ?format=csv answers a CSV file', async () => {
		const store = await journeyStore();
		const id = `JS${Date.now()}`;
		const email = `search-${id}@example.de`;
		await store.shipments.recordStage(id, 'paid', new Date(), { subject: email, context: { customer: { email }, order: { id, number: `#${id}` } } });
		const found = await openPage('journey-board.json', 'Journey Board Page', { method: 'POST', body: `q=${encodeURIComponent(email.toUpperCase())}` });
		assert.match(found.body, /<form class="search" method="post">/);
		assert.deepEqual([...found.body.matchAll(/<article [^>]*data-order="([^"]+)"/g)].map((m) => m[1]), [`#${id}`]);
		const csv = await openPage('journey-board.json', 'Journey Board Page', { query: { format: 'csv' } });
		assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
		assert.match(csv.headers['content-disposition'], /^attachment; filename="journey-board-\d{4}-\d{2}-\d{2}\.csv"$/);
		assert.match(csv.body, /^\uFEFForder_number,order_id,stage,since,hours_in_stage,stuck,delayed/);
		assert.match(csv.body, new RegExp(`\r\n#${id},${id},paid,`));
	});
});

describeTemplate('journey-report.json', () => {
	it('answers with the report page: the step that was sent, clicked and ordered, with charts; CSV keeps the days', async () => {
		// A week no other test of this file writes to, so the report (and its top-steps charts) holds only this test's data.
		setClock('2035-03-14T10:00:00+01:00');
		const store = await journeyStore();
		const phone = `+49151${String(Date.now()).slice(-8)}`;
		const code = `Jr${String(Date.now()).slice(-8)}`;
		await store.logMessage({ subject: phone, channel: 'sms', purpose: 'marketing', journeyStep: 'win_back', providerId: `SM${code}`, status: 'delivered', units: 1 });
		await store.links.create({ code, url: 'https://shop.example/comeback', subject: phone, channel: 'sms', journeyStep: 'win_back' });
		await store.links.recordClick(code);
		await store.links.attributeOrder({ platform: 'shopify', orderId: code, subjects: [phone], placedAt: new Date(), windowMs: 86_400_000, currency: 'EUR', total: '59.00' });
		const page = await openPage('journey-report.json', 'Journey Report Page', { query: { days: '7' } });
		assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
		assert.match(page.body, /<h1>Journey report<\/h1>/);
		assert.match(page.body, /<tr data-step="win_back" data-channel="sms"><td>Win-Back<\/td><td>SMS<\/td>/);
		assert.match(page.body, /<svg class="chart"[^>]*aria-label="Win-Back: Day by day"/);
		assert.match(page.body, /href="\?format=csv&amp;days=7"/);
		const csv = await openPage('journey-report.json', 'Journey Report Page', { query: { days: '7', format: 'csv' } });
		assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
		const line = csv.body.split('\r\n').find((l) => l.startsWith('win_back,sms,'));
		assert.ok(line, csv.body);
		const cells = line.split(',');
		assert.ok(Number(cells[2]) >= 1 && Number(cells[5]) >= 1 && Number(cells[7]) >= 1, line);
		const german = await openPage('journey-report.json', 'Journey Report Page', { language: 'de' });
		assert.match(german.body, /<h1>Journey-Report<\/h1>/);
		assert.match(german.body, /Rückgewinnung/);
	});
});

describeTemplate('post-purchase-journey.json', () => {
	const FILE = 'post-purchase-journey.json';
	const T = '2026-11-24T10:00:00+01:00';
	const orderArrives = (file: string, order: ReturnType<typeof freshOrder>) =>
		runWorkflow(template(file, T), { credentials, webhook: { node: 'Order Placed Trigger', headers: shopifyHeaders('orders/create', order.body), body: order.body } });

	it('labels its sections with sticky notes and gates every marketing message', () => {
		const workflow = template(FILE);
		const sections = workflow.nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote' && /^## \d ·/.test(String(n.parameters.content)));
		assert.equal(sections.length, 9, sections.map((n) => n.name).join(', '));
		for (const n of sections) assert.match(String(n.parameters.content), /\*\*EN\*\*[\s\S]*\*\*DE\*\*/, `${n.name}: German and English`);
		// Every trigger of the package is in it.
		const types = new Set(workflow.nodes.map((n) => n.type.replace('n8n-nodes-post-purchase.', '')));
		for (const t of ['orderPlacedTrigger', 'shippedTrigger', 'trackingUpdateTrigger', 'smsInboundTrigger', 'returnReceivedTrigger', 'cartAbandonedTrigger', 'replenishmentDueTrigger', 'shortLinkTrigger']) assert.ok(types.has(t), t);
		// A marketing message is only sent from the "Send" output of a marketing Consent Gate.
		const gateOf = new Map<string, INode>();
		for (const [from, outputs] of Object.entries(workflow.connections)) {
			const gate = workflow.nodes.find((n) => n.name === from && n.type === 'n8n-nodes-post-purchase.consentGate' && n.parameters.purpose === 'marketing');
			for (const c of outputs.main?.[0] ?? []) if (gate) gateOf.set(c.node, gate);
		}
		for (const name of ['Ask for Rating', 'Cart Reminder E-Mail', 'Cart Reminder SMS', 'Refill E-Mail', 'Refill SMS', 'Birthday SMS', 'Win-Back E-Mail']) assert.ok(gateOf.get(name), `"${name}" follows a marketing Consent Gate`);
	});

	it('an order: confirmation e-mail and SMS and the opt-in ask; the same order at order-confirmation.json beside it sends nothing again', async () => {
		const order = freshOrder({ financialStatus: 'paid' });
		const before = { sms: twilio.messages.length, mail: smtp.messages.length };
		const run = await orderArrives(FILE, order);
		assert.equal(run.status, 'success', String(run.error?.message));
		const mails = smtp.messages.slice(before.mail).filter((m) => m.to.includes(order.email));
		const sms = twilio.messages.slice(before.sms).filter((m) => m.to === order.phone);
		assert.equal(mails.length, 1);
		assert.match(String(mails[0].parsed.subject), new RegExp(order.number));
		assert.deepEqual(sms.map((m) => /^Hallo Anna, danke für Ihre Bestellung/.test(m.body) || /Bitte bestätigen Sie mit JA/.test(m.body)), [true, true]);
		assert.equal(run.output('Unpaid?', 1).length, 1, 'a paid order gets no payment reminder');
		// The single template, published beside the journey, gets the same order: one message per customer, step and channel.
		const single = await orderArrives('order-confirmation.json', order);
		assert.equal(single.status, 'success', String(single.error?.message));
		assert.equal(smtp.messages.filter((m) => m.to.includes(order.email)).length, 1, 'one e-mail');
		assert.equal(twilio.messages.filter((m) => m.to === order.phone).length, 2, 'no second SMS');
	});

	it('a Shopify return names no customer: the journey reaches the one its order named', async () => {
		const order = freshOrder();
		assert.equal((await orderArrives(FILE, order)).status, 'success');
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON fixture edited field by field
		const ret = structuredClone(fixture('shopify', 'returns-request.json')) as Record<string, any>;
		ret.id = Number(order.id) + 5;
		ret.order = { id: Number(order.id), admin_graphql_api_id: `gid://shopify/Order/${order.id}` };
		const body = JSON.stringify(ret);
		const before = smtp.messages.length;
		const run = await runWorkflow(template(FILE, T), { credentials, webhook: { node: 'Return Received Trigger', headers: shopifyHeaders('returns/request', body), body } });
		assert.equal(run.status, 'success', String(run.error?.message));
		const [mail] = smtp.messages.slice(before).filter((m) => m.to.includes(order.email));
		assert.ok(mail, 'the what-happens-next e-mail');
		assert.equal(mail.parsed.replyTo?.value[0]?.address, 'service@beispiel-shop.de');
		assert.equal(run.output('Approved or Refunded?', 1).length, 1, 'a requested return takes the "what happens next" branch');
	});

	it('STOP at its own SMS Inbound Trigger: the next order gets its e-mail and no confirmation SMS', async () => {
		const first = freshOrder({ financialStatus: 'paid' });
		const workflow = template(FILE, T);
		const stop = await reply(workflow, first.phone, 'STOP');
		assert.equal(stop.webhookResponse?.statusCode, 200);
		assert.equal((stop.output('Customer Reply?', 0)[0].inbound as { intent: string }).intent, 'opt_out');
		const before = twilio.messages.length;
		const run = await orderArrives(FILE, first);
		assert.equal(run.status, 'success', String(run.error?.message));
		// Ticking "SMS offers" at this checkout is new consent: only its opt-in ask goes out, no order SMS.
		assert.deepEqual(twilio.messages.slice(before).filter((m) => m.to === first.phone && !/Bitte bestätigen Sie mit JA/.test(m.body)), [], 'no order SMS after STOP');
		assert.equal(smtp.messages.filter((m) => m.to.includes(first.email)).length, 1, 'the e-mail');
		assert.equal((run.output('No SMS (Confirmation)')[0].consent as { reason: string }).reason, 'opted_out');
	});

	it('win-back from the order history, once: the single template polled afterwards sends nothing again', async () => {
		setClock(T);
		const c = historyCustomer('journey');
		await recordHistoryOrder(c, new Date(new Date(T).getTime() - 190 * 86_400_000), [{ sku: 'KAF-HAUS-500', title: 'Kaffeebohnen Hausmischung', quantity: 1 }]);
		const before = smtp.messages.length;
		const run = await runWorkflow(template(FILE, T), { credentials, poll: { node: 'Win-Back Trigger' } });
		assert.equal(run.status, 'success', String(run.error?.message));
		assert.equal(smtp.messages.slice(before).filter((m) => m.to.includes(c.email)).length, 1);
		await runWorkflow(template('product-birthday-and-win-back.json', T), { credentials, poll: { node: 'Win-Back Trigger' } });
		assert.equal(smtp.messages.filter((m) => m.to.includes(c.email)).length, 1, 'once per lapse, whichever workflow polls');
	});
});
