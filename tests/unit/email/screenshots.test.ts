/// <reference lib="dom" />
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { composeEmail } from '../../../core/email';
import { SAMPLE_NAMES, sample } from '../../fixtures/email/samples';

/**
 * Renders every built-in design in headless Chromium at phone (375 px) and desktop (800 px) width, saves the PNGs
 * under docs/email/ and checks that nothing scrolls sideways. The shop's image URLs are answered locally with
 * placeholder pictures, and every other request is refused: the e-mail must not load anything else.
 */

const CHROMIUM = '/usr/bin/chromium';
const OUT = resolve(__dirname, '..', '..', '..', 'docs', 'email');
const WIDTHS = [375, 800];
const available = existsSync(CHROMIUM);

function placeholder(url: string): string {
	const hue = [...url].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 360, 0);
	const logo = url.includes('logo');
	const [w, h] = logo ? [180, 48] : [120, 120];
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"><rect width="${w}" height="${h}" rx="6" fill="hsl(${hue},45%,${logo ? 35 : 72}%)"/>` +
		(logo ? `<text x="12" y="32" font-family="Georgia,serif" font-size="22" fill="#fff">Bohne &amp; Co.</text>` : `<circle cx="60" cy="60" r="30" fill="hsl(${hue},45%,45%)"/>`) +
		'</svg>';
}

// Without Chromium (outside CI) the suite is reported as skipped with the reason; in CI a missing browser fails.
const skip = !available && !process.env.CI ? `Chromium not found at ${CHROMIUM} (install with apt-get install chromium); CI is not set` : '';
if (skip) console.warn(`e-mail screenshots skipped: ${skip}`);

(skip ? describe.skip : describe)('e-mail screenshots', () => {
	let browser: Browser;

	beforeAll(async () => {
		mkdirSync(OUT, { recursive: true });
		// The browser is a peer process like PostgreSQL: CI's time-travel run moves our clock, not Chromium's (under
		// faketime's LD_PRELOAD it renders slower than the test timeout allows).
		const { LD_PRELOAD: _preload, FAKETIME: _faketime, ...env } = process.env;
		browser = await chromium.launch({
			env,
			executablePath: CHROMIUM,
			args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
		});
	});

	afterAll(async () => {
		await browser?.close();
	});

	for (const lang of ['de', 'en'] as const) {
		it(`every design (${lang}) fits 375 px and 800 px without horizontal scrolling`, async () => {
			const unexpected: string[] = [];
			for (const width of WIDTHS) {
				const page = await browser.newPage({ viewport: { width, height: 900 } });
				await page.route('**/*', (route) => {
					const url = route.request().url();
					if (url.startsWith('https://cdn.shop.example/')) return route.fulfill({ status: 200, contentType: 'image/svg+xml', body: placeholder(url) });
					unexpected.push(url);
					return route.abort();
				});
				for (const name of SAMPLE_NAMES) {
					const { html } = composeEmail(sample(name, lang));
					await page.setContent(html, { waitUntil: 'load' });
					const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
					assert.ok(scrollWidth <= innerWidth, `${name} (${lang}) overflows at ${width}px: scrollWidth ${scrollWidth}`);
					await page.screenshot({ path: join(OUT, `${name}.${lang}.${width}.png`), fullPage: true });
				}
				await page.close();
			}
			assert.deepEqual(unexpected, [], 'the e-mail loaded something other than the shop images');
		});
	}

	it('stays readable in dark mode (the dark styles apply)', async () => {
		const page = await browser.newPage({ viewport: { width: 375, height: 900 }, colorScheme: 'dark' });
		await page.route('**/*', (route) => route.fulfill({ status: 200, contentType: 'image/svg+xml', body: placeholder(route.request().url()) }));
		await page.setContent(composeEmail(sample('confirmation-simple', 'de')).html, { waitUntil: 'load' });
		const colors = await page.evaluate(() => {
			const card = document.querySelector('.pp-card') as HTMLElement;
			const heading = document.querySelector('h1') as HTMLElement;
			return { card: getComputedStyle(card).backgroundColor, text: getComputedStyle(heading).color };
		});
		assert.equal(colors.card, 'rgb(34, 36, 40)');
		assert.equal(colors.text, 'rgb(236, 238, 241)');
		await page.screenshot({ path: join(OUT, 'confirmation-simple.de.375.dark.png'), fullPage: true });
		await page.close();
	});
});
