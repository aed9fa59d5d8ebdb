/**
 * The return templates through n8n's real engine in-process: a signed return event in, the e-mails at the local
 * SMTP server and the SMS at the local Twilio server out. One test per reason branch of the follow-up.
 */
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { heldByWait } from '../support/builtInNodes';
import { resetClock, setClock } from '../support/clock';
import { loadWorkflow, runWorkflow } from '../support/harness';
import type { WorkflowJson } from '../support/harness';
import { onCustomJson, returnEvent } from '../support/returnEvents';
import type { ReturnEventInput } from '../support/returnEvents';
import { startSmtpServer } from '../support/smtpServer';
import type { SmtpTestServer } from '../support/smtpServer';
import { startTwilioServer } from '../support/twilioServer';
import type { TwilioTestServer } from '../support/twilioServer';
import { startShopifyReturnsServer } from '../support/shopifyReturnsServer';
import type { ShopifyReturnsServer } from '../support/shopifyReturnsServer';
import { closeCachedStores } from '../../nodes/shared/storeFromCredential';
import { normalizeReturnReason } from '../../core/commerce';
import { SECRET } from '../unit/commerce/helpers';

const WORKFLOWS = join(__dirname, '..', '..', 'workflows');
/** A Tuesday morning in Berlin: inside every send window, so the run does not depend on the time of day. */
const MORNING = '2026-11-24T10:00:00+01:00';
let twilio: TwilioTestServer;
let smtp: SmtpTestServer;
let credentials: Record<string, ICredentialDataDecryptedObject>;
let n = Date.now() % 1_000_000 * 100;

beforeAll(async () => {
	twilio = await startTwilioServer({ autoCallbacks: false });
	smtp = await startSmtpServer();
	credentials = {
		postPurchaseShopApi: { platform: 'custom', webhookSecret: SECRET },
		postPurchaseTwilioApi: twilio.credentials({ defaultFrom: '+4915199990000' }),
		postPurchaseSmtp: smtp.credentials(),
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
	setClock(MORNING);
});

function template(file: string): WorkflowJson {
	return onCustomJson(loadWorkflow(join(WORKFLOWS, file)));
}

async function send(file: string, input: Omit<ReturnEventInput, 'n'>) {
	const e = returnEvent({ ...input, n: ++n });
	const [mailBefore, smsBefore] = [smtp.messages.length, twilio.messages.length];
	const run = await runWorkflow(template(file), { credentials, webhook: { headers: e.headers, body: e.body } });
	assert.equal(run.webhookResponse?.statusCode, 200, JSON.stringify(run.webhookResponse?.body));
	assert.equal(run.status, 'success', String(run.error?.message));
	const mails = smtp.messages.slice(mailBefore).filter((m) => m.to.includes(e.email));
	const sms = twilio.messages.slice(smsBefore).filter((m) => m.to === e.phone);
	return { run, e, mails, sms };
}

describe('return-received.json', () => {
	it('requested: the German "what happens next" e-mail with the contact person as Reply-To, and the SMS', async () => {
		const { mails, sms, e } = await send('return-received.json', { event: 'return.requested', reason: 'size_fit' });
		assert.equal(mails.length, 1);
		assert.match(String(mails[0].parsed.subject), new RegExp(`Ihre Rücksendung zur Bestellung ${e.orderNumber}: so geht es weiter`));
		assert.match(String(mails[0].parsed.text), /Bitte schicken Sie die Artikel innerhalb von 14 Tagen[\s\S]*Anna Schmidt ist Ihre Ansprechperson/);
		assert.equal(mails[0].parsed.replyTo?.value[0]?.address, 'service@beispiel-shop.de');
		assert.equal(sms.length, 1);
		assert.match(sms[0].body, new RegExp(`^Hallo Mia, Ihre Rücksendung zu Bestellung ${e.orderNumber} ist angemeldet\\..*Fragen\\? Anna Schmidt, \\+49 30 12345678$`));
	});

	it('received, in English; no SMS without SMS consent', async () => {
		const { mails, sms, run } = await send('return-received.json', { event: 'return.received', locale: 'en-GB', smsConsent: false });
		assert.equal(mails.length, 1);
		assert.match(String(mails[0].parsed.subject), /has arrived/);
		assert.match(String(mails[0].parsed.text), /we check the items within 2 business days[\s\S]*Anna Schmidt is your contact person/);
		assert.equal(sms.length, 0);
		assert.equal(run.output('No SMS').length, 1);
	});

	it('the SMS waits for the morning; the e-mail goes at once', async () => {
		setClock('2026-11-24T23:30:00+01:00');
		const { mails, sms } = await send('return-received.json', { event: 'return.received' });
		assert.equal(mails.length, 1);
		assert.equal(sms.length, 0);
		assert.deepEqual(heldByWait.map((h) => h.node), ['Wait Until Morning']);
	});
});

describe('return-follow-up.json', () => {
	const offer = (reason: string, locale = 'de-DE') => send('return-follow-up.json', { event: 'return.approved', reason, locale });

	it('damaged: apology, replacement offer and the voucher', async () => {
		const { mails, run } = await offer('damaged');
		assert.equal(mails.length, 1);
		assert.equal(run.ran('Offer E-Mail: Damaged'), true);
		const text = String(mails[0].parsed.text);
		assert.match(String(mails[0].parsed.subject), /Das tut uns leid: Bestellung R\d+ kam beschädigt an/);
		assert.match(text, /beschädigt bei Ihnen angekommen[\s\S]*Ersatz[\s\S]*ENTSCHULDIGUNG15[\s\S]*Anna Schmidt/);
		assert.match(mails[0].raw.toString('utf8'), /^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/im, 'marketing: one-click unsubscribe');
	});

	it('size/fit: the size guide as order starter, no voucher', async () => {
		const { mails } = await offer('size_fit');
		const text = String(mails[0].parsed.text);
		assert.match(text, /Größenberatung/);
		assert.ok(String(mails[0].parsed.html).includes('https://beispiel-shop.de/groessenberatung'));
		assert.ok(!text.includes('ENTSCHULDIGUNG15'));
	});

	const branches: Array<[string, string, RegExp, boolean]> = [
		['defective', 'Defective', /neues, geprüftes Exemplar/, true],
		['wrong_item', 'Wrong Item', /den richtigen Artikel schicken/, true],
		['not_as_described', 'Not as Described', /was anders war/, false],
		['changed_mind', 'Changed Mind', /etwas Ähnliches/, false],
		['late', 'Late', /später an als versprochen/, true],
		['other', 'Other', /was nicht gepasst hat/, false],
	];
	for (const [reason, label, pattern, voucher] of branches) {
		it(`${reason}: its own branch and text${voucher ? ', with the voucher' : ''}`, async () => {
			const { mails, run } = await offer(reason);
			assert.equal(run.ran(`Offer E-Mail: ${label}`), true);
			assert.equal(mails.length, 1);
			assert.match(String(mails[0].parsed.text), pattern);
			assert.equal(String(mails[0].parsed.text).includes('ENTSCHULDIGUNG15'), voucher);
		});
	}

	it('the most serious item reason leads; English texts for English customers', async () => {
		const { mails, run } = await send('return-follow-up.json', { event: 'return.approved', reasons: ['size_fit', 'damaged'], locale: 'en-US' });
		assert.equal(run.ran('Offer E-Mail: Damaged'), true);
		assert.match(String(mails[0].parsed.subject), /^We are sorry: order R\d+ arrived damaged$/);
	});

	it('refund: the notice with amount and days by payment method, and one follow-up per order', async () => {
		const first = await send('return-follow-up.json', { event: 'refund.created', reason: 'damaged', refund: { amount: '49.90', currency: 'EUR', paymentMethod: 'paypal' } });
		const refundMail = first.mails.find((m) => /Erstattung/.test(String(m.parsed.subject)));
		assert.ok(refundMail, first.mails.map((m) => m.parsed.subject).join(' | '));
		assert.match(String(refundMail.parsed.text), /Bei Zahlung per PayPal ist das Geld in 1–2 Werktagen wieder bei Ihnen/);
		assert.match(String(refundMail.parsed.text), /49,90/);
		assert.equal(first.mails.length, 2, 'the refund notice and the offer');
	});

	it('refund by card in English, and an unknown payment method', async () => {
		const card = await send('return-follow-up.json', { event: 'refund.created', locale: 'en-GB', refund: { amount: '20.00', currency: 'EUR', paymentMethod: 'shopify_payments' } });
		assert.ok(card.mails.some((m) => /Paid by card, the money is back with you within 5–10 business days/.test(String(m.parsed.text))));
		const unknown = await send('return-follow-up.json', { event: 'refund.created', refund: { amount: '20.00', currency: 'EUR' } });
		assert.ok(unknown.mails.some((m) => /Je nach Zahlungsart ist das Geld in 3–10 Werktagen wieder bei Ihnen/.test(String(m.parsed.text))));
	});
});

describe('return-request-form.json', () => {
	let shop: ShopifyReturnsServer;
	beforeAll(async () => {
		shop = await startShopifyReturnsServer();
	});
	afterAll(async () => {
		await shop.close();
	});

	/** The template with "Your Settings" filled in the way a shop owner does it. */
	function form(settings: Record<string, string>): WorkflowJson {
		const workflow = loadWorkflow(join(WORKFLOWS, 'return-request-form.json'));
		const node = workflow.nodes.find((x) => x.name === 'Your Settings')!;
		const json = JSON.parse(String(node.parameters.jsonOutput)) as { settings: Record<string, string> };
		node.parameters.jsonOutput = JSON.stringify({ settings: { ...json.settings, ...settings } });
		return workflow;
	}
	const shopCredentials = () => ({ ...credentials, postPurchaseShopApi: { platform: 'shopify', webhookSecret: SECRET, accessToken: 'shpat_test' } });

	it('Shopify: the order is found by number and e-mail, the named item is requested for return, the customer gets the confirmation', async () => {
		const name = `#${++n}`;
		const email = `formular${n}@example.de`;
		shop.addOrder({ name, email, lineItems: [{ title: 'Hoodie Bio-Baumwolle', sku: 'HD-1', quantity: 1 }, { title: 'Mütze', sku: 'MZ-2', quantity: 2 }] });
		const before = smtp.messages.length;
		const run = await runWorkflow(form({ shopifyGraphqlUrl: shop.graphqlUrl }), {
			credentials: shopCredentials(),
			items: [{ orderNumber: name.slice(1), email: email.toUpperCase(), items: 'hoodie', reason: 'Zu klein / Too small', note: 'Eine Nummer größer bitte' }],
		});
		assert.equal(run.status, 'success', String(run.error?.message));
		const request = shop.returns.at(-1)!;
		assert.equal(request.lines.length, 1, 'only the hoodie');
		assert.equal(request.lines[0].returnReason, 'SIZE_TOO_SMALL');
		assert.equal(request.lines[0].customerNote, 'Eine Nummer größer bitte');
		assert.equal(shop.calls.at(-1)?.accessToken, 'shpat_test', 'the Shop API credential authenticates the call');
		const mails = smtp.messages.slice(before);
		assert.deepEqual(mails.map((m) => m.to), [[email]], 'to the address of the order');
		assert.match(String(mails[0].parsed.subject), new RegExp(`Bestellung ${name.slice(1)} ist angemeldet`));
	});

	it('a damaged item goes to Shopify as OTHER with a note our trigger reads as "damaged"; a wrong e-mail finds nothing', async () => {
		const name = `#${++n}`;
		shop.addOrder({ name, email: `echt${n}@example.de`, lineItems: [{ title: 'Tasse', sku: 'T-1', quantity: 1 }] });
		const before = smtp.messages.length;
		const wrong = await runWorkflow(form({ shopifyGraphqlUrl: shop.graphqlUrl }), {
			credentials: shopCredentials(),
			items: [{ orderNumber: name, email: `falsch${n}@example.de`, items: '', reason: 'Beschädigt angekommen / Arrived damaged', note: '' }],
		});
		assert.equal(wrong.status, 'success', String(wrong.error?.message));
		assert.equal(wrong.ran('Request Return at Shopify'), false);
		assert.match(String(smtp.messages.at(-1)?.parsed.subject), /nicht finden/);
		const right = await runWorkflow(form({ shopifyGraphqlUrl: shop.graphqlUrl }), {
			credentials: shopCredentials(),
			items: [{ orderNumber: name, email: `echt${n}@example.de`, items: '', reason: 'Beschädigt angekommen / Arrived damaged', note: 'Henkel ab' }],
		});
		assert.equal(right.status, 'success', String(right.error?.message));
		const line = shop.returns.at(-1)!.lines[0];
		assert.deepEqual([line.returnReason, line.customerNote], ['OTHER', 'Beschädigt angekommen / arrived damaged: Henkel ab']);
		assert.equal(normalizeReturnReason(line.customerNote), 'damaged');
		assert.equal(smtp.messages.length, before + 2);
	});

	it('a shop without a return API: the team gets the request by e-mail, the customer a confirmation', async () => {
		const before = smtp.messages.length;
		const run = await runWorkflow(form({ platform: 'woocommerce' }), {
			credentials,
			items: [{ orderNumber: '5501', email: `woo${++n}@example.de`, items: 'Kaffee', reason: 'Defekt / Defective', note: 'Mühle klemmt' }],
		});
		assert.equal(run.status, 'success', String(run.error?.message));
		const mails = smtp.messages.slice(before);
		assert.deepEqual(mails.map((m) => m.to[0]), ['retouren@beispiel-shop.de', `woo${n}@example.de`]);
		assert.match(String(mails[0].parsed.text), /Bestellung \/ Order: 5501[\s\S]*Grund \/ Reason: Defekt \/ Defective[\s\S]*Mühle klemmt/);
		assert.match(String(mails[1].parsed.text), /Unser Team prüft sie/);
	});
});
