/**
 * The shop's pages end to end in real n8n (2.40.7): an order and its shipment arrive at the published
 * order-confirmation and shipping-notification templates; the published journey-board and journey-report templates
 * then answer with their pages behind n8n's Basic Auth, opened in headless Chromium like the shop's team would.
 */
/// <reference lib="dom" />
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { PAGES_LOGIN } from '../../sandbox/config';
import { CHROMIUM, CHROMIUM_ARGS } from '../../sandbox/screenshots';
import { eventually, startSandbox } from './sandbox';
import type { E2eSandbox } from './sandbox';
import { daytimePlace, pagePathOf, postShopify, ROOT, webhookIdOf } from './shop';

let sandbox: E2eSandbox;
const BOARD = pagePathOf('journey-board.json');
const REPORT = pagePathOf('journey-report.json');
const AUTH = `Basic ${Buffer.from(`${PAGES_LOGIN.user}:${PAGES_LOGIN.password}`).toString('base64')}`;

// Build, pack, install and n8n's boot with every template: 20 minutes leave room for a loaded machine.
beforeAll(async () => {
	sandbox = await startSandbox();
}, 1_200_000);
afterAll(async () => {
	await sandbox?.stop();
});

/** Polls an async check (a page fetch) until it returns a value. */
async function until<T>(check: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 500));
	}
}

const fixture = (name: string) => JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/shopify', name), 'utf8'));

describe('real n8n: journey board and journey report pages', () => {
	it('an order and its shipment show on the board under "Shipped" and in the report under "Order Received"; no login, no page', async () => {
		const url = sandbox.n8n.url;
		const place = daytimePlace();
		const n = Date.now() % 10_000_000;
		const order = fixture('orders-create.json');
		order.id = 8_300_000_000 + n;
		order.name = `#P${n}`;
		order.order_number = n;
		order.email = order.customer.email = order.contact_email = `seiten${n}@example.de`;
		const phone = place.phone(n);
		order.phone = order.customer.phone = order.shipping_address.phone = order.billing_address.phone = order.customer.default_address.phone = phone;
		order.shipping_address.country_code = order.billing_address.country_code = order.customer.default_address.country_code = place.country;
		order.shipping_address.province_code = order.billing_address.province_code = null;
		// Placed now: the board shows the orders of its recent weeks (the fixture's own date is long past).
		order.created_at = order.processed_at = new Date().toISOString();
		const placed = await postShopify(`${url}/webhook/${webhookIdOf('order-confirmation.json', 'Order Placed Trigger')}/webhook`, 'orders/create', JSON.stringify(order));
		assert.equal(placed.status, 200, await placed.text());
		await eventually(() => sandbox.outbox.smtp.messages.find((m) => m.to.includes(order.email)), 60_000, 'the order confirmation e-mail');

		const fulfillment = fixture('fulfillments-create.json');
		fulfillment.id = 9_300_000_000 + n;
		fulfillment.order_id = order.id;
		fulfillment.email = order.email;
		fulfillment.destination.phone = phone;
		const shipped = await postShopify(`${url}/webhook/${webhookIdOf('shipping-notification.json', 'Shipped Trigger')}/webhook`, 'fulfillments/create', JSON.stringify(fulfillment));
		assert.equal(shipped.status, 200, await shipped.text());

		// Without the login, or with a wrong one: 401 and no page.
		const logins: Array<Record<string, string>> = [{}, { authorization: `Basic ${Buffer.from('shop:wrong').toString('base64')}` }];
		for (const headers of logins) {
			const refused = await fetch(`${url}/webhook/${BOARD}`, { headers });
			assert.equal(refused.status, 401);
			assert.doesNotMatch(await refused.text(), /Journey board/);
		}

		// The board, once the shipment's stage is recorded.
		const boardHtml = await until(async () => {
			const res = await fetch(`${url}/webhook/${BOARD}`, { headers: { authorization: AUTH, 'accept-language': 'en' } });
			const html = res.status === 200 ? await res.text() : '';
			const shippedColumn = html.slice(html.indexOf('data-stage="shipped"'), html.indexOf('data-stage="out_for_delivery"'));
			return shippedColumn.includes(`data-order="#P${n}"`) ? html : undefined;
		}, 60_000, 'the order under "Shipped" on the board');
		assert.ok(!boardHtml.includes(order.email), 'the e-mail is masked');
		const csv = await fetch(`${url}/webhook/${BOARD}?format=csv`, { headers: { authorization: AUTH } });
		assert.equal(csv.status, 200);
		assert.match(String(csv.headers.get('content-type')), /^text\/csv/);
		assert.match(String(csv.headers.get('content-disposition')), /^attachment; filename="journey-board-/);
		assert.match(await csv.text(), new RegExp(`\\r\\n#P${n},${order.id},shipped,`));

		const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
		try {
			const context = await browser.newContext({ httpCredentials: { username: PAGES_LOGIN.user, password: PAGES_LOGIN.password }, locale: 'de-DE', viewport: { width: 1280, height: 900 } });
			const page = await context.newPage();
			const board = await page.goto(`${url}/webhook/${BOARD}`);
			assert.equal(board?.status(), 200);
			assert.equal(await page.getAttribute('html', 'lang'), 'de');
			assert.equal(await page.textContent('section[data-stage="shipped"] h2 span:first-child'), 'Versendet');
			assert.match(await page.innerText(`section[data-stage="shipped"] article[data-order="#P${n}"]`), new RegExp(`#P${n}`));
			// The search posts the e-mail to the same address: the address never carries it.
			await page.fill('input[name="q"]', order.email);
			await Promise.all([page.waitForLoadState('load'), page.click('form.search button')]);
			await page.waitForSelector(`article[data-order="#P${n}"]`);
			assert.equal(await page.locator('article.order').count(), 1);
			assert.equal(new URL(page.url()).search, '');

			const report = await page.goto(`${url}/webhook/${REPORT}?days=7`);
			assert.equal(report?.status(), 200);
			assert.match(await page.innerText('h1'), /Journey-Report/);
			const row = page.locator('tr[data-step="order_received"][data-channel="email"]');
			assert.equal(await row.locator('td').first().textContent(), 'Bestellbestätigung');
			assert.ok(Number(await row.locator('td').nth(2).textContent()) >= 1, 'at least this order confirmation was sent');
			assert.ok((await page.locator('svg.chart').count()) >= 2, 'the funnel and a day-by-day chart');
			assert.equal(await page.getAttribute('a.button', 'href'), '?format=csv&days=7');
		} finally {
			await browser.close();
		}
	});
});
