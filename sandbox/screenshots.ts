/**
 * Screenshots of each template in the real n8n editor (headless Debian Chromium through playwright-core), saved
 * under docs/templates/ and shown in the README. Run with `npm run screenshots` (starts its own n8n).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { chromium } from 'playwright-core';
import { sandboxCredentials } from './config';
import { ensureN8n, importAndPublish, installPackage, login, n8nEnv, packPackage, repoRoot, startN8n, templateFiles } from './n8n';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function screenshotTemplates(url: string, files: string[], outDir: string): Promise<string[]> {
	mkdirSync(outDir, { recursive: true });
	const cookie = await login(url);
	const [name, value] = cookie.split('=');
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
	const written: string[] = [];
	try {
		const context = await browser.newContext({ viewport: { width: 1440, height: 860 }, deviceScaleFactor: 1 });
		await context.addCookies([{ name, value, domain: 'localhost', path: '/' }]);
		const page = await context.newPage();
		// The editor's first load is heavy: on a loaded 2-core machine it took over 30 s.
		page.setDefaultTimeout(180_000);
		for (const file of files) {
			const workflow = JSON.parse(readFileSync(file, 'utf8')) as { id: string; nodes: unknown[] };
			// A workflow of many sections (the complete journey) gets twice the screen, so its section titles stay readable.
			await page.setViewportSize(workflow.nodes.length > 60 ? { width: 2880, height: 1720 } : { width: 1440, height: 860 });
			await page.goto(`${url}/workflow/${workflow.id}`, { waitUntil: 'networkidle' });
			await page.waitForSelector('[data-test-id="canvas-node"]');
			// Fit the whole workflow into view ("1" is the editor's zoom-to-fit shortcut).
			await page.keyboard.press('1');
			await page.waitForTimeout(800);
			const out = join(outDir, basename(file).replace(/\.json$/, '.png'));
			await page.screenshot({ path: out });
			written.push(out);
		}
	} finally {
		await browser.close();
	}
	return written;
}

async function main() {
	if (!existsSync(CHROMIUM)) throw new Error('Chromium is missing: apt-get install -y chromium');
	const n8nBin = ensureN8n();
	const tarball = packPackage();
	const userFolder = mkdtempSync(join(tmpdir(), 'pp-shots-'));
	installPackage(userFolder, tarball);
	const env = n8nEnv(userFolder, 5690);
	const files = templateFiles();
	await importAndPublish(n8nBin, env, { credentials: sandboxCredentials({ twilio: 5693, smtp: 5694 }), workflowFiles: files, publish: [] });
	const n8n = await startN8n(n8nBin, env, { timeoutMs: 300_000 });
	try {
		// `npm run screenshots -- journey-board tracking-page` renders only those templates (all are imported).
		const wanted = process.argv.slice(2).map((name) => name.replace(/\.json$/, ''));
		const shown = files.filter((file) => wanted.length === 0 || wanted.includes(basename(file, '.json')));
		const written = await screenshotTemplates(n8n.url, shown, join(repoRoot, 'docs', 'templates'));
		console.log(written.join('\n'));
	} finally {
		await n8n.stop();
	}
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}
