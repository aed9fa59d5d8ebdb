/**
 * The return templates end to end in real n8n (2.40.7): signed return events at copies of return-received and
 * return-follow-up whose trigger listens on Custom JSON (Shopify's return webhooks carry no customer), messages at
 * the outbox's SMTP and Twilio servers; the return request form served by n8n at /form/<path>, submitted like a
 * browser does (multipart, field-0 …), checked against a local fake Shopify, ending in the confirmation e-mail.
 * The shipped templates are imported and published beside the copies (the sandbox imports every file in workflows/).
 */
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, SHOP_SECRET, startSandbox } from './sandbox';
import type { E2eSandbox } from './sandbox';
import { onCustomJson, returnEvent, signedHeaders } from '../support/returnEvents';
import type { ReturnEventInput } from '../support/returnEvents';
import { startShopifyReturnsServer } from '../support/shopifyReturnsServer';
import type { ShopifyReturnsServer } from '../support/shopifyReturnsServer';
import type { WorkflowJson } from '../support/harness';

const ROOT = join(__dirname, '..', '..');
const CUSTOM_SHOP = { id: 'ppShopCustomE2e', name: 'Custom shop (e2e)' };
const FORM_PATH = 'ruecksendung-e2e';

let sandbox: E2eSandbox;
let shop: ShopifyReturnsServer;
let received: { file: string; webhookId: string };
let followUp: { file: string; webhookId: string };
let form: { file: string };
let n = (Date.now() % 1_000_000) * 100;

function template(file: string): WorkflowJson {
	return JSON.parse(readFileSync(join(ROOT, 'workflows', file), 'utf8')) as WorkflowJson;
}

/** A copy under its own workflow and webhook IDs, written to a temp file for the sandbox to import. */
function copy(workflow: WorkflowJson, id: string, edit: (wf: WorkflowJson) => void = () => undefined) {
	workflow.id = id;
	workflow.name = `E2E ${workflow.name}`;
	for (const node of workflow.nodes) if (node.webhookId) node.webhookId = randomUUID();
	edit(workflow);
	const file = join(mkdtempSync(join(tmpdir(), 'pp-e2e-wf-')), `${id}.json`);
	writeFileSync(file, JSON.stringify(workflow, null, 2));
	const trigger = workflow.nodes.find((x) => x.type === 'n8n-nodes-post-purchase.returnReceivedTrigger');
	return { file, webhookId: trigger?.webhookId ?? '' };
}

beforeAll(async () => {
	shop = await startShopifyReturnsServer();
	received = copy(onCustomJson(template('return-received.json'), CUSTOM_SHOP), 'ppE2eReturnReceived', (wf) => {
		// The SMS is transactional and held overnight in the template; the suite must not depend on the time of day.
		const gate = wf.nodes.find((x) => x.name === 'SMS Allowed?')!;
		gate.parameters.options = { holdTransactionalOvernight: false };
	});
	followUp = copy(onCustomJson(template('return-follow-up.json'), CUSTOM_SHOP), 'ppE2eReturnFollowUp');
	form = copy(template('return-request-form.json'), 'ppE2eReturnForm', (wf) => {
		const trigger = wf.nodes.find((x) => x.name === 'Return Request Form')!;
		(trigger.parameters.options as Record<string, unknown>).path = FORM_PATH;
		const settings = wf.nodes.find((x) => x.name === 'Your Settings')!;
		const json = JSON.parse(String(settings.parameters.jsonOutput)) as { settings: Record<string, string> };
		settings.parameters.jsonOutput = JSON.stringify({ settings: { ...json.settings, shopifyGraphqlUrl: shop.graphqlUrl } }, null, 2);
	});
	sandbox = await startSandbox([received.file, followUp.file, form.file]);
});
afterAll(async () => {
	await sandbox?.stop();
	await shop?.close();
});

async function fire(webhookId: string, input: Omit<ReturnEventInput, 'n'>) {
	const e = returnEvent({ ...input, n: ++n });
	const response = await fetch(`${sandbox.n8n.url}/webhook/${webhookId}/webhook`, { method: 'POST', headers: signedHeaders(e.body, SHOP_SECRET), body: e.body });
	assert.equal(response.status, 200, await response.text());
	return e;
}

const mailTo = (address: string, subject: RegExp) => () => sandbox.outbox.smtp.messages.find((m) => m.to.includes(address) && subject.test(String(m.parsed.subject)));

describe('real n8n: return received', () => {
	it('a received return: the e-mail says what happens next with the contact person as Reply-To; the SMS goes to a consenting customer', async () => {
		const e = await fire(received.webhookId, { event: 'return.received', reason: 'size_fit' });
		const mail = await eventually(mailTo(e.email, /ist angekommen/), 60_000, 'the return-received e-mail');
		assert.equal(mail.parsed.replyTo?.value[0]?.address, 'service@beispiel-shop.de');
		assert.match(String(mail.parsed.text), /Anna Schmidt ist Ihre Ansprechperson/);
		const sms = await eventually(() => sandbox.outbox.twilio.messages.find((m) => m.to === e.phone), 60_000, 'the return-received SMS');
		assert.match(sms.body, /^Hallo Mia, Ihre Rücksendung zu Bestellung R\d+ ist angekommen\./);
	});
});

describe('real n8n: return follow-up', () => {
	it('damaged: the apology with the replacement offer and the voucher', async () => {
		const e = await fire(followUp.webhookId, { event: 'return.approved', reason: 'damaged' });
		const mail = await eventually(mailTo(e.email, /beschädigt/), 60_000, 'the damaged follow-up');
		assert.match(String(mail.parsed.text), /Ersatz[\s\S]*ENTSCHULDIGUNG15/);
	});

	it('size/fit: the size guide as order starter', async () => {
		const e = await fire(followUp.webhookId, { event: 'return.approved', reason: 'size_fit', locale: 'en-GB' });
		const mail = await eventually(mailTo(e.email, /let us find your size/), 60_000, 'the size follow-up');
		assert.ok(String(mail.parsed.html).includes('https://beispiel-shop.de/groessenberatung'));
	});

	it('refund by PayPal: the notice with amount and 1–2 business days', async () => {
		const e = await fire(followUp.webhookId, { event: 'refund.created', reason: 'changed_mind', refund: { amount: '59.90', currency: 'EUR', paymentMethod: 'paypal' } });
		const mail = await eventually(mailTo(e.email, /Erstattung/), 60_000, 'the refund notice');
		assert.match(String(mail.parsed.text), /59,90[\s\S]*Bei Zahlung per PayPal ist das Geld in 1–2 Werktagen wieder bei Ihnen/);
		await eventually(mailTo(e.email, /vielleicht passt etwas anderes/), 60_000, 'the changed-mind offer');
	});
});

describe('real n8n: return request form', () => {
	it('the shipped form is published and served at /form/ruecksendung', async () => {
		// Published workflows are activated shortly after n8n reports ready: ask until the form is there.
		const deadline = Date.now() + 60_000;
		let res = await fetch(`${sandbox.n8n.url}/form/ruecksendung`);
		while (res.status !== 200 && Date.now() < deadline) {
			await new Promise((r) => setTimeout(r, 500));
			res = await fetch(`${sandbox.n8n.url}/form/ruecksendung`);
		}
		assert.equal(res.status, 200);
		assert.match(await res.text(), /Rücksendung anmelden/);
	});

	it('a submission is checked at the (fake) Shopify, the return requested there, and the customer gets the confirmation', async () => {
		const name = `#${++n}`;
		const email = `formular${n}@example.de`;
		shop.addOrder({ name, email, lineItems: [{ title: 'Hoodie', sku: 'HD-1', quantity: 1 }, { title: 'Mütze', sku: 'MZ-1', quantity: 1 }] });
		const fields = new FormData();
		for (const [i, value] of [name.slice(1), email, 'Mütze', 'Zu groß / Too large', 'Eine Nummer kleiner'].entries()) fields.append(`field-${i}`, value);
		const res = await fetch(`${sandbox.n8n.url}/form/${FORM_PATH}`, { method: 'POST', body: fields });
		assert.equal(res.status, 200, await res.text());
		const mail = await eventually(mailTo(email, /ist angemeldet/), 60_000, 'the confirmation e-mail');
		assert.match(String(mail.parsed.text), /Thank you, your return for order \d+ is requested/);
		const request = shop.returns.find((r) => r.lines.some((l) => l.customerNote === 'Eine Nummer kleiner'));
		assert.ok(request, 'the return was requested at the shop');
		assert.deepEqual(request.lines.map((l) => [l.returnReason, l.quantity]), [['SIZE_TOO_LARGE', 1]]);
	});
});
