import nodemailer from 'nodemailer';
import { MailTransport, buildHeaders, composeEmail } from '../core/email';
import type { OutgoingEmail } from '../core/email';
import { sample } from '../tests/fixtures/email/samples';
import { startSmtpServer } from '../tests/support/smtpServer';
import { fixed, int, line, ratios, spread } from './lib/report';

/** Rounds; each sends its share of both sides, so the figures are medians with min–max. */
const ROUNDS = 4;

/**
 * 1,000 order confirmations to a local SMTP server (smtp-server on 127.0.0.1), side by side in one run:
 * - ours: one pooled transport for the whole batch (what Email Compose does per execution);
 * - the built-in Send Email pattern: a new transport, and so a new SMTP connection, for every message.
 * Both send one message at a time, like an n8n item loop, split into rounds that alternate the two sides (medians with
 * min–max). No target is set for e-mail, so the figures say "(no target)". BENCH_SCALE scales the count.
 * A new nodemailer connection costs ~100 ms even on loopback, so the per-message side sends a sample of 200 by
 * default to keep the run under a minute (BENCH_EMAIL_BASELINE=1000 sends all); rates are per second either way.
 */
export async function run(): Promise<void> {
	const count = Math.max(ROUNDS * 10, Math.round(1000 * Number(process.env.BENCH_SCALE ?? 1)));
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
	const baseline = Math.min(count, Math.max(ROUNDS * 10, Number(process.env.BENCH_EMAIL_BASELINE ?? 200)));
	const rates = { pooled: [] as number[], perMessage: [] as number[] };
	let pooledConnections = 0;
	let perMessageConnections = 0;
	try {
		// Rounds alternate the two sides, so each round's ratio compares figures taken under the same load.
		for (let round = 0; round < ROUNDS; round++) {
			// Pooled (ours): one transport for the round's e-mails, as Email Compose keeps one per execution.
			const pooledCount = Math.round(count / ROUNDS);
			let connections = server.connections;
			let started = performance.now();
			const transport = new MailTransport({ host: creds.host, port: creds.port, user: creds.user, password: creds.password, fromEmail: creds.fromEmail, fromName: creds.fromName });
			try {
				for (let i = 0; i < pooledCount; i++) await transport.send(message(i));
			} finally {
				transport.close();
			}
			rates.pooled.push(pooledCount / ((performance.now() - started) / 1000));
			pooledConnections += server.connections - connections;
			server.messages.length = 0;

			// One connection per message (the built-in node's pattern).
			const perMessageCount = Math.round(baseline / ROUNDS);
			connections = server.connections;
			started = performance.now();
			for (let i = 0; i < perMessageCount; i++) {
				const perItem = nodemailer.createTransport({ host: creds.host, port: creds.port, secure: false, auth: { user: creds.user, pass: creds.password } });
				const m = message(i);
				await perItem.sendMail({ from: { name: creds.fromName, address: creds.fromEmail }, to: m.to, subject: m.subject, html: m.html, text: m.text, headers: m.headers });
			}
			rates.perMessage.push(perMessageCount / ((performance.now() - started) / 1000));
			perMessageConnections += server.connections - connections;
			server.messages.length = 0;
		}
		console.log(`email: order confirmations to a local SMTP server, one at a time, ${ROUNDS} rounds (no targets are set for e-mail)`);
		console.log(`  ${line(`pooled transport (ours), ${count} e-mails over ${pooledConnections} connection(s), msg/s`, spread(rates.pooled), int)}`);
		console.log(`  ${line(`new connection per message, ${baseline} e-mails over ${perMessageConnections} connection(s), msg/s`, spread(rates.perMessage), int)}`);
		console.log(`  ${line('pooled vs per message, × the e-mails per second', ratios(rates.pooled, rates.perMessage), (x) => `${fixed(1)(x)}×`)}`);
	} finally {
		await server.stop();
	}
}

if (require.main === module) void run();
