/// <reference lib="dom" />
/**
 * The sandbox outbox in Chromium: a customer's replies (START, STOP) reach the real SMS Inbound Trigger of the
 * sms-opt-in template (in-process, behind a small forwarder standing where n8n would listen), and the page shows each
 * reply and the trigger's auto-reply in the customer's conversation, beside the SMS the shop sent, with the delivery
 * status changing live from the local Twilio server's callbacks.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { startOutbox } from '../../sandbox/outbox';
import type { Outbox } from '../../sandbox/outbox';
import { closeCachedStores } from '../../nodes/shared/storeFromCredential';
import { loadWorkflow, runWorkflow } from '../support/harness';

const CHROMIUM = '/usr/bin/chromium';
const SHOP = '+4915123456789';
const CUSTOMER = '+4915222334499';
const skip = !existsSync(CHROMIUM) && !process.env.CI ? `Chromium not found at ${CHROMIUM} (install with apt-get install chromium); CI is not set` : '';
if (skip) console.warn(`outbox page test skipped: ${skip}`);

(skip ? describe.skip : describe)('sandbox outbox page in Chromium', () => {
	let outbox: Outbox;
	let forwarder: Server;
	let browser: Browser;
	let inboundUrl: string;

	beforeAll(async () => {
		outbox = await startOutbox();
		const workflow = loadWorkflow(join(__dirname, '..', '..', 'workflows', 'sms-opt-in.json'));
		const credentials = { postPurchaseTwilioApi: outbox.twilio.credentials({ defaultFrom: SHOP }) };
		// Where n8n would listen: every request goes to the template's SMS Inbound Trigger, its answer goes back.
		forwarder = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => {
				const url = `http://127.0.0.1:${(forwarder.address() as AddressInfo).port}${req.url}`;
				const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
				void runWorkflow(workflow, { credentials, webhook: { node: 'SMS Inbound Trigger', url, headers, body: Buffer.concat(chunks) } }).then((r) => {
					res.writeHead(r.webhookResponse?.statusCode ?? 500, { 'content-type': 'text/xml' });
					res.end(String(r.webhookResponse?.body ?? ''));
				});
			});
		});
		await new Promise<void>((resolve) => forwarder.listen(0, '127.0.0.1', resolve));
		const trigger = workflow.nodes.find((n) => n.name === 'SMS Inbound Trigger')!;
		inboundUrl = `http://127.0.0.1:${(forwarder.address() as AddressInfo).port}/webhook/${trigger.webhookId}/sms`;
		const { LD_PRELOAD: _preload, FAKETIME: _faketime, ...env } = process.env;
		browser = await chromium.launch({
			env,
			executablePath: CHROMIUM,
			args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
		});
	});

	afterAll(async () => {
		await browser?.close();
		await new Promise<void>((resolve) => (forwarder ? forwarder.close(() => resolve()) : resolve()));
		await outbox?.stop();
		await closeCachedStores();
	});

	it('shows the shop SMS, the STOP reply and the auto-reply in one conversation, and the status turns delivered live', async () => {
		// The shop texts the customer through the outbox's Twilio API, asking for delivery reports (none are sent yet).
		outbox.twilio.autoCallbacks = false;
		const created = await fetch(`${outbox.twilio.baseUrl}/2010-04-01/Accounts/${outbox.twilio.accountSid}/Messages.json`, {
			method: 'POST',
			headers: {
				authorization: `Basic ${Buffer.from(`${outbox.twilio.accountSid}:${outbox.twilio.authToken}`).toString('base64')}`,
				'content-type': 'application/x-www-form-urlencoded',
			},
			body: new URLSearchParams({ To: CUSTOMER, From: SHOP, Body: 'Hallo Anna, Ihr Paket ist unterwegs.', StatusCallback: inboundUrl }).toString(),
		});
		assert.equal(created.status, 201);
		const sid = ((await created.json()) as { sid: string }).sid;

		const stop = await outbox.sendReply(inboundUrl, { from: CUSTOMER, to: SHOP, body: 'STOP' });
		assert.equal(stop.statusCode, 200, JSON.stringify(stop));
		assert.ok(stop.autoReply, 'the trigger answered STOP with an auto-reply (TwiML)');

		const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
		try {
			await page.goto(outbox.webUrl);
			const conversation = page.locator(`.conversation[data-customer="${CUSTOMER}"]`);
			await conversation.waitFor({ timeout: 10_000 });
			const kinds = await conversation.locator('.msg').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-kind')}: ${e.querySelector('.bubble')?.textContent}`));
			assert.deepEqual(kinds.map((k) => k.split(':')[0]), ['sent', 'reply', 'autoReply'], kinds.join('\n'));
			assert.equal(kinds[1], 'reply: STOP');
			assert.equal(kinds[2], `autoReply: ${stop.autoReply}`);
			assert.equal(await conversation.locator(`[data-sid="${sid}"] .status`).textContent(), 'queued');

			// Twilio reports delivery to the trigger: the page shows it without a reload.
			const report = await outbox.twilio.sendStatusCallback(sid, 'delivered');
			assert.equal(report?.statusCode, 200, JSON.stringify(report));
			await page.waitForFunction((s) => document.querySelector(`[data-sid="${s}"] .status`)?.textContent === 'delivered', sid, { timeout: 10_000 });
		} finally {
			await page.close();
		}
	});

	it('shows every e-mail with a link to the full e-mail, and the preview is not cut off', async () => {
		const nodemailer = await import('nodemailer');
		const transport = nodemailer.createTransport({ host: '127.0.0.1', port: outbox.smtp.port, secure: false, ignoreTLS: true });
		const filler = '<p>Zeile</p>'.repeat(60);
		await transport.sendMail({ from: 'service@beispiel-shop.de', to: 'anna@example.de', subject: 'Ihre Bestellung', html: `<h1>Danke</h1>${filler}<a id="cta" href="https://example.de">Zur Bestellung</a>` });
		transport.close();
		const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
		try {
			await page.goto(outbox.webUrl);
			const link = page.locator('.mail a.open').first();
			await link.waitFor({ timeout: 10_000 });
			assert.match(String(await link.getAttribute('href')), /^\/mail\/\d+$/);
			// The preview grows to the e-mail's height: the button at the bottom is inside the frame, not cut off.
			await page.waitForFunction(() => {
				const frame = document.querySelector('.mail iframe') as HTMLIFrameElement | null;
				const cta = frame?.contentDocument?.getElementById('cta');
				return Boolean(frame && cta && cta.getBoundingClientRect().bottom <= frame.clientHeight);
			}, undefined, { timeout: 10_000 });
			const full = await page.context().request.get(`${outbox.webUrl}${await link.getAttribute('href')}`);
			assert.match(await full.text(), /Zur Bestellung/);
		} finally {
			await page.close();
		}
	});
});
