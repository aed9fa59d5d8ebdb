import nodemailer from 'nodemailer';
import { MailTransport, buildHeaders, composeEmail } from '../core/email';
import type { OutgoingEmail } from '../core/email';
import { sample } from '../tests/fixtures/email/samples';
import { startSmtpServer } from '../tests/support/smtpServer';

/**
 * 1,000 order confirmations to a local SMTP server (smtp-server on 127.0.0.1), side by side in one run:
 * - ours: one pooled transport for the whole batch (what Email Compose does per execution);
 * - the built-in Send Email pattern: a new transport, and so a new SMTP connection, for every message.
 * Both send one message at a time, like an n8n item loop. BENCH_SCALE scales the count.
 * A new nodemailer connection costs ~100 ms even on loopback, so the per-message side sends a sample of 200 by
 * default to keep the run under a minute (BENCH_EMAIL_BASELINE=1000 sends all); rates are per second either way.
 */
export async function run(): Promise<void> {
	const count = Math.max(10, Math.round(1000 * Number(process.env.BENCH_SCALE ?? 1)));
	const server = await startSmtpServer({ user: 'shop', password: 'secret' });
	const creds = server.credentials();
	const rendered = composeEmail(sample('confirmation-simple', 'de'));
	const message = (i: number): OutgoingEmail => ({
		to: [`kunde${i}@kunde.example`],
		subject: rendered.subject,
		html: rendered.html,
		text: rendered.text,
		headers: buildHeaders({ purpose: 'transactional' }),
	});
	try {
		// Pooled (ours).
		let connections = server.connections;
		let started = performance.now();
		const transport = new MailTransport({ host: creds.host, port: creds.port, user: creds.user, password: creds.password, fromEmail: creds.fromEmail, fromName: creds.fromName });
		try {
			for (let i = 0; i < count; i++) await transport.send(message(i));
		} finally {
			transport.close();
		}
		const pooledMs = performance.now() - started;
		const pooledConnections = server.connections - connections;
		server.messages.length = 0;

		// One connection per message (the built-in node's pattern).
		const baseline = Math.min(count, Math.max(10, Number(process.env.BENCH_EMAIL_BASELINE ?? 200)));
		connections = server.connections;
		started = performance.now();
		for (let i = 0; i < baseline; i++) {
			const perItem = nodemailer.createTransport({ host: creds.host, port: creds.port, secure: false, auth: { user: creds.user, pass: creds.password } });
			const m = message(i);
			await perItem.sendMail({ from: { name: creds.fromName, address: creds.fromEmail }, to: m.to, subject: m.subject, html: m.html, text: m.text, headers: m.headers });
		}
		const perMessageMs = performance.now() - started;
		const perMessageConnections = server.connections - connections;
		server.messages.length = 0;

		const pooledRate = count / (pooledMs / 1000);
		const perMessageRate = baseline / (perMessageMs / 1000);
		console.log(`email: order confirmations to a local SMTP server, one at a time`);
		console.log(`  pooled transport (ours):    ${count} e-mails in ${pooledMs.toFixed(0)} ms = ${pooledRate.toFixed(0)} msg/s over ${pooledConnections} connection(s)`);
		console.log(`  new connection per message: ${baseline} e-mails in ${perMessageMs.toFixed(0)} ms = ${perMessageRate.toFixed(0)} msg/s over ${perMessageConnections} connection(s)`);
		console.log(`  ratio: ${(pooledRate / perMessageRate).toFixed(1)}x more e-mails per second with the pool`);
	} finally {
		await server.stop();
	}
}

if (require.main === module) void run();
