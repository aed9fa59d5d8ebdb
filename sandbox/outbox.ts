/**
 * The sandbox "outbox": the local Twilio-compatible and SMTP servers run beside n8n, and a small web page shows
 * every SMS conversation as a phone would (our messages with segments, encoding, estimated cost and live delivery
 * status; the customer's replies; our automatic answers) and every e-mail rendered, each one click from full size.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { twilioSignature } from '../core/shared/twilioSignature';
import { startSmtpServer } from '../tests/support/smtpServer';
import type { SmtpTestServer } from '../tests/support/smtpServer';
import { startTwilioServer } from '../tests/support/twilioServer';
import type { TwilioTestServer } from '../tests/support/twilioServer';

/** A customer's SMS to the shop, and what the SMS Inbound Trigger answered (TwiML), as the outbox saw them. */
export interface InboundRecord {
	sid: string;
	from: string;
	to: string;
	body: string;
	at: Date;
	/** HTTP status of the trigger's answer (null when n8n could not be reached). */
	statusCode: number | null;
	/** The automatic answer the trigger returned in TwiML (Twilio sends it back to the customer), if any. */
	autoReply: string | null;
}

export interface ReplyResult {
	statusCode: number | null;
	autoReply: string | null;
	error?: string;
}

export interface Outbox {
	twilio: TwilioTestServer;
	smtp: SmtpTestServer;
	webUrl: string;
	/** Replies the customer sent through the outbox, with our auto-replies, oldest first. */
	inbound: InboundRecord[];
	/**
	 * A customer's SMS reply, as Twilio delivers it: signed POST to the SMS Inbound Trigger's URL. The outbox records
	 * the reply and the trigger's auto-reply so both appear in the conversation.
	 */
	sendReply(url: string, message: { from: string; to: string; body: string }): Promise<ReplyResult>;
	stop(): Promise<void>;
}

export interface OutboxPorts {
	twilio?: number;
	smtp?: number;
	web?: number;
	/** Whether the local Twilio reports delivery status to each SMS's callback URL (default true). */
	statusCallbacks?: boolean;
	/** The account's send limit: creates beyond this many per second are answered 429 / 20429, as Twilio does (default none). */
	maxPerSecond?: number;
	/** Delay of each answer of the local Twilio, as the real API's round trip (default none). */
	latencyMs?: number;
}

/** Rough per-segment price for the page's cost column; the SMS node computes the real estimate per country. */
const PRICE_PER_SEGMENT: Record<string, number> = { '+49': 0.0873, '+43': 0.0937, '+41': 0.0596, '+1': 0.0083 };

export const SANDBOX_ACCOUNT_SID = 'AC' + '5a'.repeat(16);
export const SANDBOX_AUTH_TOKEN = 'sandbox-auth-token-0000000000000';

export async function startOutbox(ports: OutboxPorts = {}): Promise<Outbox> {
	const twilio = await startTwilioServer({
		accountSid: SANDBOX_ACCOUNT_SID,
		authToken: SANDBOX_AUTH_TOKEN,
		port: ports.twilio,
		callbackDelayMs: 200,
		autoCallbacks: ports.statusCallbacks,
		maxPerSecond: ports.maxPerSecond,
		latencyMs: ports.latencyMs,
	});
	const smtp = await startSmtpServer({ port: ports.smtp });
	const inbound: InboundRecord[] = [];

	const sendReply: Outbox['sendReply'] = async (url, message) => {
		const sid = 'SM' + randomBytes(16).toString('hex');
		const params: Record<string, string> = {
			AccountSid: SANDBOX_ACCOUNT_SID,
			ApiVersion: '2010-04-01',
			Body: message.body,
			From: message.from,
			MessageSid: sid,
			NumMedia: '0',
			NumSegments: '1',
			SmsMessageSid: sid,
			SmsStatus: 'received',
			To: message.to,
		};
		const record: InboundRecord = { sid, from: message.from, to: message.to, body: message.body, at: new Date(), statusCode: null, autoReply: null };
		inbound.push(record);
		try {
			const response = await fetch(url, {
				method: 'POST',
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					'x-twilio-signature': twilioSignature(SANDBOX_AUTH_TOKEN, url, params),
					'i-twilio-idempotency-token': sid,
				},
				body: new URLSearchParams(params).toString(),
			});
			record.statusCode = response.status;
			record.autoReply = autoReplyOf(await response.text());
			return { statusCode: record.statusCode, autoReply: record.autoReply };
		} catch (error) {
			return { statusCode: null, autoReply: null, error: (error as Error).message };
		}
	};

	const web: Server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		const mailMatch = /^\/mail\/(\d+)$/.exec(url.pathname);
		if (mailMatch) {
			const mail = smtp.messages[Number(mailMatch[1])];
			res.writeHead(mail ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
			res.end(mail ? mail.parsed.html || `<pre>${escapeHtml(mail.parsed.text ?? '')}</pre>` : 'Not found');
			return;
		}
		if (url.pathname === '/api/messages') {
			res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
			res.end(JSON.stringify(snapshot(twilio, smtp, inbound)));
			return;
		}
		if (url.pathname === '/api/reply' && req.method === 'POST') {
			void readJson(req).then(async (body) => {
				const { url: target, from, to, text } = body as { url?: string; from?: string; to?: string; text?: string };
				if (!target || !from || !to || typeof text !== 'string') {
					res.writeHead(400, { 'content-type': 'application/json' });
					res.end(JSON.stringify({ error: 'Send {"url", "from", "to", "text"}' }));
					return;
				}
				const result = await sendReply(target, { from, to, body: text });
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(JSON.stringify(result));
			});
			return;
		}
		res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
		res.end(PAGE);
	});
	await new Promise<void>((resolve) => web.listen(ports.web ?? 0, '127.0.0.1', resolve));
	const webUrl = `http://localhost:${(web.address() as AddressInfo).port}`;
	return {
		twilio,
		smtp,
		webUrl,
		inbound,
		sendReply,
		stop: async () => {
			await new Promise<void>((resolve) => web.close(() => resolve()));
			await Promise.all([twilio.stop(), smtp.stop()]);
		},
	};
}

function readJson(req: IncomingMessage): Promise<unknown> {
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			try {
				resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
			} catch {
				resolve({});
			}
		});
	});
}

/** The text of the `<Message>` in a TwiML answer, or null. */
export function autoReplyOf(twiml: string): string | null {
	const match = /<Message[^>]*>([\s\S]*?)<\/Message>/.exec(twiml);
	if (!match) return null;
	return match[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

function costOf(to: string, segments: number): string {
	const prefix = Object.keys(PRICE_PER_SEGMENT).find((p) => to.startsWith(p));
	return prefix ? `≈ ${(PRICE_PER_SEGMENT[prefix] * segments).toFixed(4)} USD` : '';
}

type Bubble =
	| { kind: 'sent'; customer: string; shop: string; sid: string; body: string; at: string; status: string; segments: number; encoding: string; cost: string }
	| { kind: 'reply'; customer: string; shop: string; sid: string; body: string; at: string; status: string }
	| { kind: 'autoReply'; customer: string; shop: string; sid: string; body: string; at: string; status: string };

/** Everything the page shows, as JSON: SMS grouped into one conversation per customer number, newest conversation first. */
function snapshot(twilio: TwilioTestServer, smtp: SmtpTestServer, inbound: InboundRecord[]) {
	const bubbles: Bubble[] = [
		...twilio.messages.map((m): Bubble => ({
			kind: 'sent',
			customer: m.to,
			shop: m.from ?? m.messagingServiceSid ?? '',
			sid: m.sid,
			body: m.body,
			at: m.dateCreated.toISOString(),
			status: m.status,
			segments: m.numSegments,
			encoding: m.encoding,
			cost: costOf(m.to, m.numSegments),
		})),
		...inbound.flatMap((r): Bubble[] => [
			{ kind: 'reply', customer: r.from, shop: r.to, sid: r.sid, body: r.body, at: r.at.toISOString(), status: r.statusCode === null ? 'n8n not reachable' : `received · trigger answered ${r.statusCode}` },
			...(r.autoReply ? [{ kind: 'autoReply' as const, customer: r.from, shop: r.to, sid: `${r.sid}-reply`, body: r.autoReply, at: new Date(r.at.getTime() + 1).toISOString(), status: 'auto-reply (TwiML)' }] : []),
		]),
	].sort((a, b) => a.at.localeCompare(b.at));
	const byCustomer = new Map<string, Bubble[]>();
	for (const b of bubbles) byCustomer.set(b.customer, [...(byCustomer.get(b.customer) ?? []), b]);
	const conversations = [...byCustomer].map(([customer, messages]) => ({ customer, messages })).sort((a, b) => b.messages.at(-1)!.at.localeCompare(a.messages.at(-1)!.at));
	return {
		sms: twilio.messages.map((m) => ({ sid: m.sid, to: m.to, from: m.from ?? m.messagingServiceSid, body: m.body, segments: m.numSegments, encoding: m.encoding, status: m.status, at: m.dateCreated.toISOString() })),
		inbound: inbound.map((r) => ({ sid: r.sid, from: r.from, to: r.to, body: r.body, autoReply: r.autoReply, statusCode: r.statusCode, at: r.at.toISOString() })),
		conversations,
		email: smtp.messages.map((m, i) => ({ index: i, to: m.to, from: m.from, subject: m.parsed.subject, at: m.receivedAt.toISOString() })),
	};
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/**
 * The page: rendered in the browser from /api/messages, refreshed every 1.5 s in place (delivery status changes
 * appear live, nothing reloads or jumps). No external assets.
 */
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Outbox · n8n-nodes-post-purchase sandbox</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;background:#f4f4f5;color:#18181b}
header{background:#18181b;color:#fff;padding:14px 24px}header small{opacity:.7}
main{display:grid;grid-template-columns:minmax(320px,440px) 1fr;gap:24px;padding:24px}
@media (max-width:800px){main{grid-template-columns:1fr}}
h2{margin:0 0 12px;font-size:16px;text-transform:uppercase;letter-spacing:.05em;color:#52525b}
.conversation{background:#fff;border-radius:18px;padding:12px 14px;margin-bottom:16px;box-shadow:0 1px 3px #0002}
.who{font-weight:600;margin-bottom:6px}.who small{font-weight:400;color:#71717a}
.msg{display:flex;flex-direction:column;margin:8px 0}
.msg.in{align-items:flex-start}.msg.out{align-items:flex-end}
.bubble{border-radius:16px;padding:9px 12px;max-width:85%;line-height:1.4;white-space:pre-wrap;overflow-wrap:anywhere}
.out .bubble{background:#2563eb;color:#fff;border-bottom-right-radius:4px}
.out.auto .bubble{background:#7c3aed}
.in .bubble{background:#e4e4e7;border-bottom-left-radius:4px}
.meta{font-size:12px;color:#71717a;margin-top:2px}.out .meta{text-align:right;max-width:85%}
.status{font-weight:600}.status.delivered{color:#15803d}.status.failed,.status.undelivered{color:#b91c1c}
.mail{background:#fff;border-radius:10px;padding:12px;margin-bottom:16px;box-shadow:0 1px 3px #0002}
.subject{font-weight:600;margin:4px 0 8px}.open{float:right;font-size:13px}
iframe{width:100%;height:520px;border:1px solid #e4e4e7;border-radius:6px;background:#fff}
.empty{color:#71717a}
</style></head><body><header><strong>Outbox</strong> <small>— every SMS conversation and e-mail of the sandbox journeys (updates live)</small></header>
<main><section><h2>SMS <span id="sms-count"></span></h2><div id="sms"><p class="empty">Loading…</p></div></section>
<section><h2>E-mail <span id="mail-count"></span></h2><div id="mail"><p class="empty">Loading…</p></div></section></main>
<script>
const esc = (t) => String(t ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const time = (iso) => new Date(iso).toLocaleTimeString('en-GB');
let shownMails = -1;
function bubble(m) {
  const out = m.kind !== 'reply';
  const label = m.kind === 'sent' ? 'Shop' : m.kind === 'autoReply' ? 'Auto-reply' : 'Customer';
  const extra = m.kind === 'sent' ? ' · ' + m.segments + ' segment' + (m.segments === 1 ? '' : 's') + ' · ' + esc(m.encoding) + ' · ' + m.body.length + ' characters · ' + esc(m.cost) : '';
  return '<div class="msg ' + (out ? 'out' : 'in') + (m.kind === 'autoReply' ? ' auto' : '') + '" data-kind="' + m.kind + '" data-sid="' + esc(m.sid) + '">'
    + '<div class="bubble">' + esc(m.body) + '</div>'
    + '<div class="meta">' + label + ' · ' + time(m.at) + extra + ' · <span class="status ' + esc(m.status) + '">' + esc(m.status) + '</span></div></div>';
}
function render(data) {
  document.getElementById('sms-count').textContent = '(' + data.sms.length + ' sent, ' + data.inbound.length + (data.inbound.length === 1 ? ' reply)' : ' replies)');
  document.getElementById('sms').innerHTML = data.conversations.length
    ? data.conversations.map((c) => '<div class="conversation" data-customer="' + esc(c.customer) + '"><div class="who">' + esc(c.customer) + ' <small>customer</small></div>' + c.messages.map(bubble).join('') + '</div>').join('')
    : '<p class="empty">No SMS yet. Run <code>npm run demo</code>.</p>';
  document.getElementById('mail-count').textContent = '(' + data.email.length + ')';
  if (data.email.length !== shownMails) {
    shownMails = data.email.length;
    document.getElementById('mail').innerHTML = data.email.length
      ? data.email.slice().reverse().map((m) => '<div class="mail"><a class="open" href="/mail/' + m.index + '" target="_blank" rel="noopener">Open full e-mail ↗</a><div class="meta">To ' + esc(m.to.join(', ')) + ' · ' + time(m.at) + '</div>'
        + '<div class="subject">' + esc(m.subject || '(no subject)') + '</div><iframe title="E-mail ' + m.index + '" src="/mail/' + m.index + '" loading="lazy" onload="fit(this)"></iframe></div>').join('')
      : '<p class="empty">No e-mail yet.</p>';
  }
}
function fit(frame) {
  try { frame.style.height = Math.max(200, frame.contentDocument.documentElement.scrollHeight + 16) + 'px'; } catch (e) { /* keep the fixed height */ }
}
async function refresh() {
  try { render(await (await fetch('/api/messages', { cache: 'no-store' })).json()); } catch (e) { /* n8n sandbox stopping */ }
}
refresh();
setInterval(refresh, 1500);
</script></body></html>`;
