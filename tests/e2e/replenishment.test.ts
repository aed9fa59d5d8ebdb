/**
 * Refill reminders end to end in real n8n (2.40.7): an order placed three weeks ago arrives at the published
 * order-confirmation template's Order Placed Trigger (which records it in the order history), and n8n's own poller
 * runs the Replenishment Due Trigger of a copy of the replenishment-reminder template (polling every minute, 10 days
 * per bag, no lead time), so the reminder is due at once: one e-mail and one SMS with the Shopify cart link reach the
 * local SMTP and Twilio servers.
 */
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { login } from '../../sandbox/n8n';
import { SHOP_AUTH, startShopServer } from '../support/shopServer';
import type { ShopServer } from '../support/shopServer';
import { eventually, settle, startSandbox } from './sandbox';
import { daytimePlace, postShopify, ROOT, template, webhookIdOf } from './shop';
import type { E2eSandbox } from './sandbox';



let sandbox: E2eSandbox;
let quickFile: string;
let shop: ShopServer;

beforeAll(async () => {
	quickFile = quickRefill();
	shop = await startShopServer({ orders: 1 });
	sandbox = await startSandbox([quickFile]);
});
afterAll(async () => {
	await sandbox?.stop();
	await shop?.close();
});

/** The shipped template polling every minute, with 10 days per bag and no lead time, under its own IDs. */
function quickRefill(): string {
	const workflow = template('replenishment-reminder.json');
	workflow.id = 'ppE2eQuickRefill';
	workflow.name = 'E2E refill reminder (every minute)';
	for (const node of workflow.nodes as Array<{ name: string; webhookId?: string; parameters: Record<string, unknown> }>) {
		if (node.webhookId) node.webhookId = randomUUID();
		if (node.name === 'Replenishment Due Trigger') {
			node.parameters.products = { product: [{ skus: 'KAF-HAUS-500', daysPerUnit: 10 }] };
			node.parameters.leadDays = 0;
			node.parameters.pollTimes = { item: [{ mode: 'everyMinute' }] };
		}
	}
	const file = join(mkdtempSync(join(tmpdir(), 'pp-e2e-wf-')), 'quick-refill.json');
	writeFileSync(file, JSON.stringify(workflow, null, 2));
	return file;
}

describe('real n8n: refill reminder', () => {
	it('an order of two bags placed 21 days ago brings one e-mail and one SMS with the cart link', async () => {
		const { smtp, twilio } = sandbox.outbox;
		const place = daytimePlace();
		const order = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/shopify/orders-create.json'), 'utf8'));
		const n = Date.now() % 10_000_000;
		order.id = 8_100_000_000 + n;
		order.name = `#R${n}`;
		order.email = order.customer.email = order.contact_email = `nachfuellen${n}@example.de`;
		const phone = place.phone(n);
		order.phone = order.customer.phone = order.shipping_address.phone = order.billing_address.phone = phone;
		order.shipping_address.country_code = order.billing_address.country_code = order.customer.default_address.country_code = place.country;
		order.customer.default_address.phone = phone;
		order.shipping_address.province_code = order.billing_address.province_code = null;
		order.processed_at = order.created_at = new Date(Date.now() - 21 * 86_400_000).toISOString();
		const placed = await postShopify(`${sandbox.n8n.url}/webhook/${webhookIdOf('order-confirmation.json', 'Order Placed Trigger')}/webhook`, 'orders/create', JSON.stringify(order));
		assert.equal(placed.status, 200, await placed.text());

		const link = 'https://beispiel-shop.de/cart/45123456789012:2';
		// n8n polls the trigger once a minute (at a random second): the reminder is there within about a minute.
		const sms = await eventually(() => twilio.messages.find((m) => m.to === phone && m.body.includes(link)), 150_000, 'the refill SMS with the cart link');
		assert.ok(sms.body.includes('Kaffeebohnen Hausmischung'), sms.body);
		const mail = await eventually(() => smtp.messages.find((m) => m.to.includes(order.email) && String(m.parsed.html).includes(link)), 60_000, 'the refill e-mail with the cart link');
		assert.match(String(mail.parsed.subject), /Kaffeebohnen Hausmischung/);
		// The next polls emit nothing more for this purchase.
		await settle(70_000);
		assert.equal(twilio.messages.filter((m) => m.to === phone && m.body.includes(link)).length, 1, 'one SMS');
		assert.equal(smtp.messages.filter((m) => m.to.includes(order.email) && String(m.parsed.html).includes(link)).length, 1, 'one e-mail');
		assert.doesNotMatch(sandbox.n8n.log.join(''), /polling interval is too short|problem activating/i);
	});
});

describe('real n8n: the shop credential\'s Test button', () => {
	/** Saves the credential, then runs n8n's own credential test on it, as the editor does when one clicks Save. */
	async function testCredential(cookie: string, data: Record<string, unknown>) {
		const credential = { name: `Shop ${String(data.platform)} ${randomUUID().slice(0, 8)}`, type: 'postPurchaseShopApi', data: { webhookSecret: 'x', shopUrl: shop.baseUrl, ...data } };
		const created = await fetch(`${sandbox.n8n.url}/rest/credentials`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', cookie },
			body: JSON.stringify(credential),
		});
		assert.equal(created.status, 200, await created.clone().text());
		const { id } = ((await created.json()) as { data: { id: string } }).data;
		const res = await fetch(`${sandbox.n8n.url}/rest/credentials/test`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', cookie },
			body: JSON.stringify({ credentials: { id, ...credential } }),
		});
		assert.equal(res.status, 200, await res.clone().text());
		return ((await res.json()) as { data: { status: string; message: string } }).data;
	}

	it('passes with each platform\'s right keys and fails with wrong ones (Shopware through its OAuth token)', async () => {
		const cookie = await login(sandbox.n8n.url);
		const right = {
			shopify: { platform: 'shopify', accessToken: SHOP_AUTH.accessToken },
			woocommerce: { platform: 'woocommerce', consumerKey: SHOP_AUTH.consumerKey, consumerSecret: SHOP_AUTH.consumerSecret },
			shopware: { platform: 'shopware', accessKeyId: SHOP_AUTH.accessKeyId, secretAccessKey: SHOP_AUTH.secretAccessKey },
		};
		for (const [platform, data] of Object.entries(right)) {
			assert.equal((await testCredential(cookie, data)).status, 'OK', platform);
		}
		const wrong = [
			{ platform: 'shopify', accessToken: 'shpat_wrong' },
			{ platform: 'woocommerce', consumerKey: SHOP_AUTH.consumerKey, consumerSecret: 'cs_wrong' },
			{ platform: 'shopware', accessKeyId: SHOP_AUTH.accessKeyId, secretAccessKey: 'wrong-secret' },
		];
		for (const data of wrong) {
			const result = await testCredential(cookie, data);
			assert.equal(result.status, 'Error', `${data.platform}: ${JSON.stringify(result)}`);
		}
		const tokens = shop.requests.filter((r) => r.platform === 'token');
		assert.ok(tokens.length >= 2, 'the Shopware test exchanged the key pair for a token');
	});
});
