/// <reference lib="dom" />
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { boardPage, reportPage } from '../../../core/pages';
import { BOARD_CSV_HEADER, boardCsvRows, csvCell, journeyBoard, journeyReport, lastDays, toCsv } from '../../../core/reports';
import type { JourneyBoard, JourneyReport } from '../../../core/reports';
import { openSqliteStore } from '../../../core/store';
import type { JourneyStore } from '../../../core/store';
import { seedBoard, seedJourney } from '../store/contractReports';

/**
 * The journey board and report pages in real headless Chromium, from the known dataset of the store contract: what
 * a marketer sees (columns, counts, the highlighted card, charts, the table, German texts), that the page loads
 * nothing from elsewhere, and that it fits a phone. `PP_WRITE_SCREENSHOTS=1` also saves the pictures the README
 * shows under docs/pages/ (normal runs never rewrite tracked files).
 */

const CHROMIUM = '/usr/bin/chromium';
const OUT = resolve(__dirname, '..', '..', '..', 'docs', 'pages');
const WRITE = process.env.PP_WRITE_SCREENSHOTS === '1';
const skip = !existsSync(CHROMIUM) && !process.env.CI ? `Chromium not found at ${CHROMIUM} (apt-get install chromium); CI is not set` : '';
if (skip) console.warn(`journey page tests skipped: ${skip}`);

(skip ? describe.skip : describe)('journey board and report pages in Chromium', () => {
	let browser: Browser;
	let store: JourneyStore;
	let report: JourneyReport;
	let board: JourneyBoard;

	beforeAll(async () => {
		let now = new Date('2026-11-10T09:00:00.000Z');
		store = await openSqliteStore({ path: join(mkdtempSync(join(tmpdir(), 'pp-pages-')), 'store.sqlite'), clock: { now: () => now } });
		await seedJourney(store, (to) => (now = to));
		const boardNow = await seedBoard(store, (to) => (now = to));
		report = await journeyReport(store.reports, lastDays(7, new Date('2026-11-12T12:00:00Z'), 'Europe/Berlin'));
		board = await journeyBoard(store.reports, { now: boardNow });
		const { LD_PRELOAD: _preload, FAKETIME: _faketime, ...env } = process.env;
		browser = await chromium.launch({ env, executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
		if (WRITE) mkdirSync(OUT, { recursive: true });
	});

	afterAll(async () => {
		await browser?.close();
		await store?.close();
	});

	/** Opens the HTML as n8n would serve it; any request the page makes is refused and reported. */
	async function open(html: string, width: number): Promise<{ page: Page; requests: string[] }> {
		const page = await browser.newPage({ viewport: { width, height: 900 } });
		const requests: string[] = [];
		await page.route('**/*', (route) => {
			requests.push(route.request().url());
			return route.abort();
		});
		await page.setContent(html, { waitUntil: 'load' });
		return { page, requests };
	}

	const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

	it('board: a column per stage with its count, the stuck and the delayed card highlighted, masked contacts', async () => {
		const { page, requests } = await open(boardPage(board, { language: 'en', timeZone: 'Europe/Berlin' }), 1280);
		const columns = await page.$$eval('section.column', (els) => els.map((e) => [e.querySelector('h2 span')?.textContent, e.querySelector('.count')?.textContent, e.querySelectorAll('article').length]));
		assert.deepEqual(columns, [
			['Placed', '1', 1],
			['Paid', '2', 2],
			['Shipped', '1', 1],
			['Out for delivery', '0', 0],
			['Delivered', '1', 1],
			['Returned', '1', 1],
		]);
		assert.equal(await page.textContent('section[data-stage="paid"] article:first-of-type b'), '#1003', 'the stuck order leads its column');
		const stuck = page.locator('article[data-order="#1001"]');
		assert.equal(await stuck.getAttribute('class'), 'order stuck');
		assert.equal(await stuck.evaluate((e) => getComputedStyle(e).borderLeftColor), 'rgb(214, 69, 69)');
		assert.match(await stuck.innerText(), /Stuck\s+5 d 0 h in this stage\s+d\*\*\*@e\*\*\*\.com\s+not paid yet/);
		const late = page.locator('article[data-order="#1004"]');
		assert.equal(await late.evaluate((e) => getComputedStyle(e).borderLeftColor), 'rgb(222, 145, 29)');
		assert.match(await late.innerText(), /Delayed[\s\S]*DHL 00340434161094000001[\s\S]*promised day passed/);
		assert.match(await page.innerText('body'), /6 orders · 2 stuck · 1 delayed/);
		assert.equal(await page.getAttribute('form.search', 'method'), 'post');
		assert.equal(await page.getAttribute('a.button', 'href'), '?format=csv');
		assert.doesNotMatch(await page.content(), /@example\.com/, 'no e-mail in clear');
		assert.deepEqual(requests, [], 'the page loads nothing');
		if (WRITE) await page.screenshot({ path: join(OUT, 'journey-board.png'), fullPage: true });
		await page.close();
	});

	it('board in German on a phone: columns stacked, nothing scrolls sideways', async () => {
		const { page } = await open(boardPage(board, { language: 'de', timeZone: 'Europe/Berlin' }), 375);
		assert.equal(await page.getAttribute('html', 'lang'), 'de');
		assert.deepEqual(await page.$$eval('section.column h2 span:first-child', (els) => els.map((e) => e.textContent)), ['Bestellt', 'Bezahlt', 'Versendet', 'In Zustellung', 'Zugestellt', 'Retourniert']);
		assert.match(await page.innerText('article[data-order="#1001"]'), /Hängt\s+5 T 0 Std\. in dieser Phase/);
		assert.equal(await page.getAttribute('input[name="q"]', 'placeholder'), 'Bestellnummer oder E-Mail');
		assert.equal(await fitsWidth(page), true);
		if (WRITE) await page.screenshot({ path: join(OUT, 'journey-board.mobile.png'), fullPage: true });
		await page.close();
	});

	it('report: figures, the sent → clicked → ordered chart per step and day, the table, the CSV link', async () => {
		const { page, requests } = await open(reportPage(report, { language: 'en', csvHref: '?format=csv&days=7' }), 1280);
		const kpis = await page.$$eval('.kpi', (els) => els.map((e) => [e.querySelector('span')?.textContent, e.querySelector('b')?.textContent]));
		assert.deepEqual(kpis, [
			['Sent', '4'],
			['Delivered', '3'],
			['Clicked', '2'],
			['Orders', '3'],
			['Revenue', '€70.00'],
			['SMS cost (estimate)', 'US$0.39'],
		]);
		const charts = await page.$$eval('svg.chart', (els) => els.map((e) => [e.getAttribute('aria-label'), e.querySelectorAll('polyline').length, e.querySelectorAll('rect').length]));
		assert.deepEqual(charts[0], ['Sent → clicked → ordered per journey step', 0, 9]);
		assert.deepEqual(
			charts.slice(1).map((c) => [c[0], c[1]]),
			[
				['Order Received: Day by day', 3],
				['Shipped: Day by day', 3],
			],
		);
		// The day axis runs over every day of the data: 10 and 11 Nov.
		assert.deepEqual(await page.$$eval('[data-step="shipped"] svg text', (els) => els.map((e) => e.textContent).filter((t) => /\d+\/\d+/.test(t ?? ''))), ['10/11', '11/11']);
		const rows = await page.$$eval('tbody tr', (els) => els.map((e) => Array.from(e.querySelectorAll('td'), (td) => td.textContent)));
		assert.deepEqual(rows, [
			['Order Received', 'SMS', '2', '1', '1', '0', '0%', '1', '0', '€0.00', 'US$0.29'],
			['Order Received', 'E-mail', '1', '1', '0', '1', '100%', '0', '1', '€20.10', '–'],
			['Shipped', 'SMS', '1', '1', '0', '1', '100%', '0', '2', '€49.90', 'US$0.10'],
		]);
		assert.equal(await page.getAttribute('a.button', 'href'), '?format=csv&days=7');
		assert.deepEqual(requests, []);
		if (WRITE) await page.screenshot({ path: join(OUT, 'journey-report.png'), fullPage: true });
		await page.close();
	});

	it('report in German on a phone, and an empty period says so', async () => {
		const { page } = await open(reportPage(report, { language: 'de' }), 375);
		assert.match(await page.innerText('h1'), /Journey-Report/);
		assert.match(await page.innerText('body'), /Nachrichten vom 6\. Nov\. 2026 bis 12\. Nov\. 2026/);
		assert.deepEqual(await page.$$eval('tbody tr td:first-child', (els) => els.map((e) => e.textContent)), ['Bestellbestätigung', 'Bestellbestätigung', 'Versandbestätigung']);
		assert.match(await page.innerText('.kpis'), /70,00\s€/);
		assert.equal(await fitsWidth(page), true);
		if (WRITE) await page.screenshot({ path: join(OUT, 'journey-report.mobile.png'), fullPage: true });
		await page.close();
		const empty = await open(reportPage(await journeyReport(store.reports, lastDays(7, new Date('2026-01-10T12:00:00Z'))), { language: 'en' }), 800);
		assert.match(await empty.page.innerText('body'), /No messages, clicks or attributed orders in this period yet\./);
		assert.equal(await empty.page.locator('svg.chart').count(), 0);
		await empty.page.close();
	});

	it('CSV: one line per order, quoted where needed, never a formula', () => {
		const csv = toCsv(BOARD_CSV_HEADER, boardCsvRows(board));
		const lines = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
		assert.equal(lines[0], BOARD_CSV_HEADER.join(','));
		assert.equal(lines.length, 7);
		assert.match(lines.find((l) => l.startsWith('#1004,'))!, /^#1004,B-late,shipped,2026-11-11T09:00:00\.000Z,96,false,true,past_promised_day,g\*\*\*@e\*\*\*\.com,dhl,00340434161094000001,unknown,2026-11-13,2026-11-10T09:00:00\.000Z$/);
		assert.deepEqual([csvCell('=HYPERLINK("x")'), csvCell('-12.5'), csvCell('a,b'), csvCell(null)], ['"\'=HYPERLINK(""x"")"', '-12.5', '"a,b"', '']);
	});
});
