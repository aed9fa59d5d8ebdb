/**
 * Cart recovery end to end in real n8n (2.40.7): the Cart Abandoned Trigger receives a signed Shopify checkout on its
 * webhook and n8n's own poller (every minute, the trigger is a polling node too) emits the reminder, which reaches the
 * local SMTP and Twilio servers once; a checkout whose order arrives first (at the published order-confirmation
 * template) gets nothing. The template runs as a copy with "Remind After" in seconds, beside the published one.
 */
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, settle, startSandbox } from './sandbox';
import { daytimePlace, postShopify, ROOT, template, webhookIdOf } from './shop';
import type { E2eSandbox } from './sandbox';



let sandbox: E2eSandbox;
let quick: { file: string; webhookId: string };
let seq = 0;

beforeAll(async () => {
	quick = quickCartRecovery();
	sandbox = await startSandbox([quick.file]);
});
afterAll(async () => {
	await sandbox?.stop();
});

/** The shipped template with reminders 5 s, 30 min and 60 min after the cart's last activity, under its own IDs. */
function quickCartRecovery() {
	const workflow = template('cart-recovery.json');
	workflow.id = 'ppE2eQuickCart';
	workflow.name = 'E2E cart recovery (5 s)';
	const webhookId = randomUUID();
	for (const node of workflow.nodes as Array<{ name: string; webhookId?: string; parameters: Record<string, unknown> }>) {
		if (node.webhookId) node.webhookId = node.name === 'Cart Abandoned Trigger' ? webhookId : randomUUID();
		if (node.name === 'Cart Abandoned Trigger') node.parameters.remindAfter = '5s, 30m, 60m';
	}
	const file = join(mkdtempSync(join(tmpdir(), 'pp-e2e-wf-')), 'quick-cart.json');
	writeFileSync(file, JSON.stringify(workflow, null, 2));
	return { file, webhookId };
}

function checkout() {
	const place = daytimePlace();
	const c = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/shopify/checkouts-create.json'), 'utf8'));
	const n = (Date.now() % 10_000_000) * 10 + ++seq;
	const phone = place.phone(n);
	c.token = `e2ecart${n}`;
	c.email = c.customer.email = `cart${n}@example.de`;
	c.customer.phone = c.sms_marketing_phone = c.shipping_address.phone = c.customer.default_address.phone = phone;
	c.shipping_address.country_code = c.customer.default_address.country_code = place.country;
	c.shipping_address.province_code = null;
	c.created_at = c.updated_at = new Date().toISOString();
	return { raw: JSON.stringify(c), token: c.token as string, email: c.email as string, phone, url: c.abandoned_checkout_url as string };
}

describe('real n8n: cart recovery', () => {
	it('a checkout gets reminder 1 by e-mail and SMS exactly once; a checkout ordered before the reminder gets nothing', async () => {
		const { smtp, twilio } = sandbox.outbox;
		const cartUrl = `${sandbox.n8n.url}/webhook/${quick.webhookId}/webhook`;
		const ordered = checkout();
		const abandoned = checkout();
		for (const c of [ordered, abandoned]) {
			const res = await postShopify(cartUrl, 'checkouts/create', c.raw);
			assert.equal(res.status, 200, await res.text());
		}
		// The order of the first checkout arrives at the published order-confirmation template's trigger.
		const order = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/shopify/orders-create.json'), 'utf8'));
		order.id = 9_000_000_000 + seq;
		order.checkout_token = ordered.token;
		order.email = order.customer.email = order.contact_email = `buyer${order.id}@example.de`;
		const placed = await postShopify(`${sandbox.n8n.url}/webhook/${webhookIdOf('order-confirmation.json', 'Order Placed Trigger')}/webhook`, 'orders/create', JSON.stringify(order));
		assert.equal(placed.status, 200);

		// n8n polls the trigger once a minute (at a random second): the reminder is there within about a minute.
		const mail = await eventually(() => smtp.messages.find((m) => m.to.includes(abandoned.email)), 150_000, 'the cart reminder e-mail');
		assert.match(String(mail.parsed.subject), /Warenkorb/);
		assert.ok(String(mail.parsed.text).includes('Kaffeebohnen Hausmischung'), 'the cart items');
		assert.ok(String(mail.parsed.html).includes(abandoned.url.replace(/&/g, '&amp;')), 'the link back to the cart');
		const sms = await eventually(() => twilio.messages.find((m) => m.to === abandoned.phone), 30_000, 'the cart reminder SMS');
		assert.ok(sms.body.includes(abandoned.url), sms.body);
		await settle(5000);
		assert.equal(smtp.messages.filter((m) => m.to.includes(abandoned.email)).length, 1, 'one e-mail');
		assert.equal(twilio.messages.filter((m) => m.to === abandoned.phone).length, 1, 'one SMS');
		// Both carts fell due in the same poll: the ordered one was cancelled, not reminded.
		assert.equal(smtp.messages.filter((m) => m.to.includes(ordered.email)).length, 0, 'no reminder after the order');
		assert.equal(twilio.messages.filter((m) => m.to === ordered.phone).length, 0, 'no SMS after the order');
		assert.doesNotMatch(sandbox.n8n.log.join(''), /polling interval is too short|problem activating/i);
	});
});
