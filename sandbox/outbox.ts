/**
 * The sandbox "outbox": the local Twilio-compatible and SMTP servers run beside n8n, and a small web page shows
 * every SMS as a phone would (text, sender, segments, encoding, estimated cost) and every e-mail rendered.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSmtpServer } from '../tests/support/smtpServer';
import type { SmtpTestServer } from '../tests/support/smtpServer';
import { startTwilioServer } from '../tests/support/twilioServer';
import type { TwilioTestServer } from '../tests/support/twilioServer';

export interface Outbox {
	twilio: TwilioTestServer;
	smtp: SmtpTestServer;
	webUrl: string;
	stop(): Promise<void>;
}

export interface OutboxPorts {
	twilio?: number;
	smtp?: number;
	web?: number;
}

/** Rough per-segment price for the page's cost column; the SMS node computes the real estimate per country. */
const PRICE_PER_SEGMENT: Record<string, number> = { '+49': 0.0873, '+43': 0.0937, '+41': 0.0596, '+1': 0.0083 };

export const SANDBOX_ACCOUNT_SID = 'AC' + '5a'.repeat(16);
export const SANDBOX_AUTH_TOKEN = 'sandbox-auth-token-0000000000000';

export async function startOutbox(ports: OutboxPorts = {}): Promise<Outbox> {
	const twilio = await startTwilioServer({ accountSid: SANDBOX_ACCOUNT_SID, authToken: SANDBOX_AUTH_TOKEN, port: ports.twilio, callbackDelayMs: 200 });
	const smtp = await startSmtpServer({ port: ports.smtp });
	const web: Server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		const mailMatch = /^\/mail\/(\d+)$/.exec(url.pathname);
		if (mailMatch) {
			const mail = smtp.messages[Number(mailMatch[1])];
			res.writeHead(mail ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
			res.end(mail ? (mail.parsed.html || `<pre>${escapeHtml(mail.parsed.text ?? '')}</pre>`) : 'Not found');
			return;
		}
		if (url.pathname === '/api/messages') {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify(snapshot(twilio, smtp)));
			return;
		}
		res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
		res.end(page(twilio, smtp));
	});
	await new Promise<void>((resolve) => web.listen(ports.web ?? 0, '127.0.0.1', resolve));
	const webUrl = `http://localhost:${(web.address() as AddressInfo).port}`;
	return {
		twilio,
		smtp,
		webUrl,
		stop: async () => {
			await new Promise<void>((resolve) => web.close(() => resolve()));
			await Promise.all([twilio.stop(), smtp.stop()]);
		},
	};
}

function costOf(to: string, segments: number): string {
	const prefix = Object.keys(PRICE_PER_SEGMENT).find((p) => to.startsWith(p));
	return prefix ? `≈ ${(PRICE_PER_SEGMENT[prefix] * segments).toFixed(4)} USD` : '';
}

function snapshot(twilio: TwilioTestServer, smtp: SmtpTestServer) {
	return {
		sms: twilio.messages.map((m) => ({
			sid: m.sid,
			to: m.to,
			from: m.from ?? m.messagingServiceSid,
			body: m.body,
			segments: m.numSegments,
			encoding: m.encoding,
			status: m.status,
			at: m.dateCreated.toISOString(),
		})),
		email: smtp.messages.map((m, i) => ({ index: i, to: m.to, from: m.from, subject: m.parsed.subject, at: m.receivedAt.toISOString() })),
	};
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function page(twilio: TwilioTestServer, smtp: SmtpTestServer): string {
	const sms = twilio.messages
		.slice()
		.reverse()
		.map(
			(m) => `<div class="phone"><div class="meta">To ${escapeHtml(m.to)} · from ${escapeHtml(m.from ?? m.messagingServiceSid ?? '')}</div>
<div class="bubble">${escapeHtml(m.body).replace(/\n/g, '<br>')}</div>
<div class="meta">${m.numSegments} segment${m.numSegments === 1 ? '' : 's'} · ${escapeHtml(m.encoding)} · ${m.body.length} characters · ${costOf(m.to, m.numSegments)} · ${escapeHtml(m.status)} · ${m.dateCreated.toLocaleTimeString('en-GB')}</div></div>`,
		)
		.join('\n');
	const mails = smtp.messages
		.map((m, i) => ({ m, i }))
		.reverse()
		.map(
			({ m, i }) => `<div class="mail"><div class="meta">To ${escapeHtml(m.to.join(', '))} · ${m.receivedAt.toLocaleTimeString('en-GB')}</div>
<div class="subject">${escapeHtml(m.parsed.subject ?? '(no subject)')}</div><iframe src="/mail/${i}" loading="lazy"></iframe></div>`,
		)
		.join('\n');
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="3">
<title>Outbox · n8n-nodes-post-purchase sandbox</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;background:#f4f4f5;color:#18181b}
header{background:#18181b;color:#fff;padding:14px 24px}header small{opacity:.7}
main{display:grid;grid-template-columns:minmax(320px,420px) 1fr;gap:24px;padding:24px}
h2{margin:0 0 12px;font-size:16px;text-transform:uppercase;letter-spacing:.05em;color:#52525b}
.phone{background:#fff;border-radius:18px;padding:12px 14px;margin-bottom:14px;box-shadow:0 1px 3px #0002}
.bubble{background:#e4e4e7;border-radius:16px 16px 16px 4px;padding:10px 12px;margin:6px 0;white-space:normal;line-height:1.4}
.meta{font-size:12px;color:#71717a}.mail{background:#fff;border-radius:10px;padding:12px;margin-bottom:16px;box-shadow:0 1px 3px #0002}
.subject{font-weight:600;margin:4px 0 8px}iframe{width:100%;height:420px;border:1px solid #e4e4e7;border-radius:6px;background:#fff}
.empty{color:#71717a}
</style></head><body><header><strong>Outbox</strong> <small>— every SMS and e-mail the sandbox journeys sent (refreshes every 3 s)</small></header>
<main><section><h2>SMS (${twilio.messages.length})</h2>${sms || '<p class="empty">No SMS yet. Run <code>npm run demo</code>.</p>'}</section>
<section><h2>E-mail (${smtp.messages.length})</h2>${mails || '<p class="empty">No e-mail yet.</p>'}</section></main></body></html>`;
}
