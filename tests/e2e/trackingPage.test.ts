/// <reference lib="dom" />
/**
 * The tracking page end to end in real n8n (2.40.7): a Shopify order reaches the published order-confirmation
 * template, its fulfilment the shipping template; the customer opens the published tracking-page template in
 * Chromium, fills in the form (n8n serves the page in its HTML sandbox) and sees the status; a wrong e-mail gets the
 * neutral "not found", and the personal link opens the order again without the form.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { startSandbox } from './sandbox';
import type { E2eSandbox } from './sandbox';
import { pagePathOf, postShopify, ROOT, webhookIdOf } from './shop';

let sandbox: E2eSandbox;
let browser: Browser;

beforeAll(async () => {
	sandbox = await startSandbox();
	const { LD_PRELOAD: _preload, FAKETIME: _faketime, ...env } = process.env;
	browser = await chromium.launch({ env, executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
});
afterAll(async () => {
	await browser?.close();
	await sandbox?.stop();
});

describe('real n8n: tracking page', () => {
	it('order + shipment in through the templates; the customer checks number + e-mail and sees the status, a wrong e-mail sees "not found"', async () => {
		const id = 8_100_000_000 + (Date.now() % 1_000_000);
		const order = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/shopify/orders-create.json'), 'utf8'));
		order.id = id;
		order.name = `#${id % 100000}`;
		order.order_number = id % 100000;
		order.email = order.customer.email = order.contact_email = `track${id}@example.de`;
		order.financial_status = 'paid';
		const placed = await postShopify(`${sandbox.n8n.url}/webhook/${webhookIdOf('order-confirmation.json', 'Order Placed Trigger')}/webhook`, 'orders/create', JSON.stringify(order));
		assert.equal(placed.status, 200, await placed.text());
		const fulfillment = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/shopify/fulfillments-create.json'), 'utf8'));
		fulfillment.id = id + 1;
		fulfillment.order_id = id;
		fulfillment.email = order.email;
		const shipped = await postShopify(`${sandbox.n8n.url}/webhook/${webhookIdOf('shipping-notification.json', 'Shipped Trigger')}/webhook`, 'fulfillments/create', JSON.stringify(fulfillment));
		assert.equal(shipped.status, 200, await shipped.text());

		const pageUrl = `${sandbox.n8n.url}/webhook/${pagePathOf('tracking-page.json')}`;
		// Our sandbox waits for the package's triggers only; n8n's own Webhook of this template may come a moment later.
		const deadline = Date.now() + 30_000;
		while ((await fetch(pageUrl)).status !== 200) {
			assert.ok(Date.now() < deadline, 'the tracking page is published within 30 s');
			await new Promise((r) => setTimeout(r, 300));
		}
		const context = await browser.newContext({ viewport: { width: 390, height: 900 }, locale: 'de-DE', extraHTTPHeaders: { 'accept-language': 'de-DE,de;q=0.9' } });
		const page = await context.newPage();
		await page.goto(pageUrl);
		assert.equal(await page.locator('h1').textContent(), 'Bestellung verfolgen');
		await page.fill('#order', order.name);
		await page.fill('#check', order.email.toUpperCase());
		await Promise.all([page.waitForURL(pageUrl), page.click('button[type=submit]')]);
		await page.waitForSelector('ol.steps', { timeout: 20_000 });
		assert.equal(page.url(), pageUrl, 'nothing personal in the URL');
		assert.equal(await page.locator('h1').textContent(), `Bestellung ${order.name}`);
		const steps = await page.locator('ol.steps li').evaluateAll((els) => els.map((el) => [el.getAttribute('data-step'), el.classList.contains('done')]));
		assert.deepEqual(steps, [['placed', true], ['paid', true], ['shipped', true], ['out_for_delivery', false], ['delivered', false]]);
		const href = String(await page.locator('a.btn').getAttribute('href'));
		assert.ok(href.startsWith('https://') && href.includes(fulfillment.tracking_number), href);
		assert.match(String(await page.locator('[data-estimate]').textContent()), /\d+\. \w+/);
		assert.match(String(await page.locator('ul.items').textContent()), new RegExp(order.line_items[0].title));

		// The personal link opens the order again without the form.
		const saved = String(await page.locator('[data-saved-link]').getAttribute('href'));
		assert.match(saved, /^\?t=[\w-]+$/);
		assert.ok(!saved.includes(String(id)) && !saved.includes(String(id % 100000)));
		await page.goto(pageUrl + saved);
		assert.equal(await page.locator('h1').textContent(), `Bestellung ${order.name}`);

		// Someone with the number but another e-mail address.
		await page.goto(pageUrl);
		await page.fill('#order', order.name);
		await page.fill('#check', 'someone.else@example.de');
		await Promise.all([page.waitForURL(pageUrl), page.click('button[type=submit]')]);
		await page.waitForSelector('[role=alert]', { timeout: 20_000 });
		assert.match(String(await page.locator('[role=alert]').textContent()), /keine Bestellung mit diesen Angaben/);
		assert.equal(await page.locator('ol.steps').count(), 0);
		await context.close();
	});
});
