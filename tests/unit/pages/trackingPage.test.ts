/// <reference lib="dom" />
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { trackingPage } from '../../../core/pages';
import type { TrackingPageOptions } from '../../../core/pages';
import type { OrderStatusView } from '../../../core/tracking';

/**
 * The tracking page in headless Chromium, served the way n8n serves an HTML webhook answer (its sandbox CSP header):
 * the form posts its fields (no personal data in the URL), the status page shows the steps, the estimate with where
 * it comes from, the carrier link, a problem highlighted, German and English, and fits a phone without sideways
 * scrolling or any request beyond the page. `PP_WRITE_SCREENSHOTS=1` writes docs/pages/tracking-page*.png.
 */

const CHROMIUM = '/usr/bin/chromium';
const OUT = resolve(__dirname, '..', '..', '..', 'docs', 'pages');
const N8N_SANDBOX_CSP =
	'sandbox allow-downloads allow-forms allow-modals allow-orientation-lock allow-pointer-lock allow-popups allow-popups-to-escape-sandbox allow-presentation allow-scripts allow-top-navigation-by-user-activation allow-top-navigation-to-custom-protocols';
const skip = !existsSync(CHROMIUM) && !process.env.CI ? `Chromium not found at ${CHROMIUM}; CI is not set` : '';

const view = (over: Partial<OrderStatusView> = {}): OrderStatusView => ({
	platform: 'shopify',
	orderId: '5001',
	number: '#1001',
	state: 'placed',
	placedAt: new Date('2026-11-23T09:12:00Z'),
	currency: 'EUR',
	total: '37.70',
	locale: 'de-DE',
	timezone: 'Europe/Berlin',
	steps: [
		{ id: 'placed', at: new Date('2026-11-23T09:12:00Z'), done: true },
		{ id: 'paid', at: new Date('2026-11-23T09:13:00Z'), done: true },
		{ id: 'shipped', at: new Date('2026-11-24T14:05:00Z'), done: true },
		{ id: 'out_for_delivery', at: null, done: false },
		{ id: 'delivered', at: null, done: false },
	],
	current: 'shipped',
	parcels: [
		{
			trackingNumber: '00340434161094042557',
			carrierName: 'DHL Paket',
			trackingUrl: 'https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode=00340434161094042557',
			delivered: false,
			problem: null,
			problemAt: null,
			estimate: { earliest: '2026-11-26', latest: '2026-11-27', source: 'learned', sampleSize: 42 },
		},
	],
	lines: [
		{ title: 'Espresso Bohnen 1 kg', quantity: 2, unitPrice: '17.90' },
		{ title: 'Filterpapier <Größe 4>', quantity: 1, unitPrice: '1.90' },
	],
	recommendations: [
		{ title: 'Handmühle', url: 'https://shop.example/p/GRINDER', imageUrl: null, price: '49.00', currency: 'EUR' },
		{ title: 'Kaffeewaage', url: null, imageUrl: null, price: '24.90', currency: 'EUR' },
	],
	...over,
});

const brand = { shopName: 'Bohne & Co.', color: '#7a4b2a', logoUrl: null };

(skip ? describe.skip : describe)('tracking page in Chromium', () => {
	let browser: Browser;
	let server: Server;
	let base = '';
	let next: TrackingPageOptions;
	const posted: Array<{ url: string; body: string }> = [];
	const unexpected: string[] = [];

	beforeAll(async () => {
		// Chromium is a peer process: CI's time-travel run moves our clock, not the browser's.
		const { LD_PRELOAD: _preload, FAKETIME: _faketime, ...env } = process.env;
		browser = await chromium.launch({ env, executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
		server = createServer((req, res) => {
			let body = '';
			req.on('data', (c) => (body += c));
			req.on('end', () => {
				if (!req.url?.startsWith('/webhook/track')) {
					// The browser's own favicon look-up is no part of the page.
					if (req.url !== '/favicon.ico') unexpected.push(String(req.url));
					res.writeHead(404).end();
					return;
				}
				if (req.method === 'POST') posted.push({ url: String(req.url), body });
				res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': N8N_SANDBOX_CSP }).end(trackingPage(next));
			});
		});
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/track`;
	});

	afterAll(async () => {
		await browser?.close();
		await new Promise((r) => server?.close(r));
	});

	async function open(options: TrackingPageOptions, width = 375): Promise<Page> {
		next = options;
		const page = await browser.newPage({ viewport: { width, height: 900 } });
		await page.goto(base, { waitUntil: 'load' });
		return page;
	}

	const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

	it('the form posts order number and e-mail in the body, never in the URL, through n8n’s sandbox', async () => {
		const page = await open({ language: 'en', brand, state: { kind: 'form' } });
		assert.equal(await page.locator('h1').textContent(), 'Track your order');
		await page.fill('#order', '#1001');
		await page.fill('#check', 'anna@example.de');
		next = { language: 'en', brand, state: { kind: 'not_found' }, number: '#1001' };
		await Promise.all([page.waitForLoadState('load'), page.click('button[type=submit]')]);
		await page.waitForSelector('[role=alert]');
		assert.equal(posted.length, 1);
		assert.equal(posted[0].url, '/webhook/track');
		assert.deepEqual(Object.fromEntries(new URLSearchParams(posted[0].body)), { order: '#1001', check: 'anna@example.de' });
		assert.match(String(await page.locator('[role=alert]').textContent()), /could not find an order/);
		assert.equal(await page.inputValue('#order'), '#1001', 'the number is filled in again');
		assert.equal(await page.inputValue('#check'), '', 'the e-mail is not sent back');
		await page.close();
	});

	it('German status: steps with times, learned estimate said honestly, carrier link, items escaped, recommendations', async () => {
		const page = await open({ language: 'de', brand, state: { kind: 'status', view: view(), savedLink: '?t=abc' } });
		assert.equal(await page.getAttribute('html', 'lang'), 'de');
		const steps = await page.locator('ol.steps li').evaluateAll((els) => els.map((el) => [el.getAttribute('data-step'), el.className, el.querySelector('b')?.textContent]));
		assert.deepEqual(steps, [
			['placed', 'done', 'Bestellt'],
			['paid', 'done', 'Bezahlt'],
			['shipped', 'done current', 'Versendet'],
			['out_for_delivery', 'todo', 'In Zustellung'],
			['delivered', 'todo', 'Zugestellt'],
		]);
		assert.match(String(await page.locator('li[data-step=shipped] .t').textContent()), /24\. Nov\.?,? 15:05/);
		assert.equal(await page.locator('[data-estimate]').textContent(), 'Donnerstag, 26. November - Freitag, 27. November');
		assert.equal(await page.locator('[data-source]').textContent(), 'Aus 42 zugestellten Paketen auf dieser Strecke');
		const link = page.locator('a.btn');
		assert.equal(await link.textContent(), 'Beim Zusteller verfolgen');
		assert.equal(await link.getAttribute('href'), view().parcels[0].trackingUrl);
		assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
		assert.match(String(await page.locator('ul.items').textContent()), /1 × Filterpapier <Größe 4>/);
		assert.deepEqual(await page.locator('ul.recs li a').evaluateAll((els) => els.map((a) => [a.textContent, a.getAttribute('href')])), [['Handmühle', 'https://shop.example/p/GRINDER']]);
		assert.match(String(await page.locator('ul.recs').textContent()), /24,90\s€/);
		assert.ok(await noSidewaysScroll(page), 'fits 375 px');
		if (process.env.PP_WRITE_SCREENSHOTS) {
			mkdirSync(OUT, { recursive: true });
			await page.screenshot({ path: join(OUT, 'tracking-page.png'), fullPage: true });
			const desktop = await open({ language: 'de', brand, state: { kind: 'status', view: view(), savedLink: '?t=abc' } }, 1280);
			await desktop.screenshot({ path: join(OUT, 'tracking-page.desktop.png'), fullPage: true });
			await desktop.close();
		}
		await page.close();
	});

	it('English: a failed delivery attempt is highlighted at the next step; the table estimate names the carrier', async () => {
		const parcel = { ...view().parcels[0], problem: 'failed_attempt' as const, estimate: { earliest: '2026-11-26', latest: '2026-11-26', source: 'table', sampleSize: null } };
		const page = await open({ language: 'en', brand, state: { kind: 'status', view: view({ parcels: [parcel] }) } });
		assert.equal(await page.locator('li.problem').getAttribute('data-step'), 'out_for_delivery');
		assert.match(String(await page.locator('li.problem .t').textContent()), /Delivery attempt failed/);
		assert.equal(await page.locator('.note.bad').count(), 1);
		assert.equal(await page.locator('[data-estimate]').textContent(), 'Thursday 26 November');
		assert.equal(await page.locator('[data-source]').textContent(), 'Typical transit time of DHL Paket');
		assert.ok(await noSidewaysScroll(page));
		await page.close();
	});

	it('a cancelled order says so, with no steps and no recommendations; unsafe links and colours are dropped', async () => {
		const bad = view({ state: 'cancelled', recommendations: [{ title: 'x', url: 'javascript:alert(1)', imageUrl: null, price: null, currency: null }] });
		const page = await open({ language: 'en', brand: { shopName: '<b>Shop</b>', color: 'red;background:url(x)', logoUrl: 'javascript:1' }, state: { kind: 'status', view: bad } });
		assert.match(String(await page.locator('.note').textContent()), /cancelled/);
		assert.equal(await page.locator('ol.steps').count(), 0);
		assert.equal(await page.locator('ul.recs').count(), 0);
		assert.equal(await page.locator('.brand b').textContent(), '<b>Shop</b>');
		assert.equal(await page.locator('.brand img').count(), 0);
		await page.close();
		assert.deepEqual(unexpected, [], 'the page loads nothing besides itself');
	});
});
