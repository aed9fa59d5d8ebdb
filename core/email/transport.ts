import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { ConfigurationError, RemoteError } from '../shared/errors';
import { maskText } from '../shared/mask';
import { dkimOptions } from './headers';

/**
 * One pooled nodemailer transport per execution: every item of a run reuses the same few SMTP connections, and the
 * node closes the pool in `finally`. (n8n's built-in Send Email opens a new connection per item and never closes
 * it.) Temporary refusals (4xx, or a connection that could not be opened) are retried a bounded number of times
 * with backoff; permanent ones (5xx) fail at once with the server's reply, masked.
 */

export interface SmtpSettings {
	host: string;
	port: number;
	secure?: boolean;
	user?: string;
	password?: string;
	fromEmail: string;
	fromName?: string;
	allowUnauthorizedCerts?: boolean;
	dkimDomain?: string;
	dkimSelector?: string;
	dkimPrivateKey?: string;
}

export interface TransportOptions {
	/** Parallel SMTP connections in the pool. */
	maxConnections?: number;
	/** Messages per connection before the pool reconnects. */
	maxMessages?: number;
	/** Extra attempts after a temporary failure. */
	retries?: number;
	retryBaseMs?: number;
	retryMaxMs?: number;
	connectionTimeoutMs?: number;
}

export interface EmailAttachment {
	filename: string;
	content: Buffer;
	contentType?: string;
}

export interface OutgoingEmail {
	to: string[];
	cc?: string[];
	bcc?: string[];
	replyTo?: string;
	subject: string;
	html: string;
	text: string;
	headers?: Record<string, string>;
	attachments?: EmailAttachment[];
	/** Makes the Message-ID a function of this value (the send claim's key), so a copy sent again carries the same one. */
	messageIdSeed?: string;
}

export interface SendInfo {
	messageId: string;
	accepted: string[];
	rejected: string[];
	/** The server's reply for each rejected recipient, masked. */
	rejectedReplies: string[];
	response: string;
	attempts: number;
}

interface SmtpFailure {
	code?: string;
	responseCode?: number;
	response?: string;
	command?: string;
	message?: string;
}

/** `<32 hex of the seed's SHA-256@the sender's domain>`: the same seed and sender always give the same ID. */
export function stableMessageId(seed: string, fromAddress: string): string {
	const domain = fromAddress.slice(fromAddress.lastIndexOf('@') + 1) || 'localhost';
	return `<${createHash('sha256').update(seed, 'utf8').digest('hex').slice(0, 32)}@${domain}>`;
}

export class MailTransport {
	private readonly transporter: Transporter;
	private readonly from: { name: string; address: string };
	private closed = false;

	constructor(
		settings: SmtpSettings,
		private readonly options: TransportOptions = {},
	) {
		if (!settings.host) throw new ConfigurationError('The SMTP credential has no host', 'host');
		if (!settings.fromEmail) throw new ConfigurationError('The SMTP credential has no sender e-mail', 'fromEmail');
		this.from = { name: settings.fromName ?? '', address: settings.fromEmail };
		this.transporter = nodemailer.createTransport(smtpOptions(settings, options));
	}

	/** Opens a connection, checks login, and reports the server's answer (the credential test). */
	async verify(): Promise<void> {
		try {
			await this.transporter.verify();
		} catch (error) {
			throw toRemoteError(error);
		}
	}

	async send(message: OutgoingEmail): Promise<SendInfo> {
		if (this.closed) throw new ConfigurationError('The e-mail connection was already closed');
		const retries = Math.max(0, this.options.retries ?? 3);
		for (let attempt = 0; ; attempt++) {
			try {
				const info = await this.transporter.sendMail({
					from: this.from,
					to: message.to,
					cc: message.cc,
					bcc: message.bcc,
					replyTo: message.replyTo || undefined,
					subject: message.subject,
					html: message.html,
					text: message.text,
					headers: message.headers,
					attachments: message.attachments,
					messageId: message.messageIdSeed ? stableMessageId(message.messageIdSeed, this.from.address) : undefined,
				});
				const rejectedErrors = ((info as { rejectedErrors?: SmtpFailure[] }).rejectedErrors ?? []).map((e) => maskText(e.response ?? e.message ?? ''));
				return {
					messageId: String(info.messageId ?? ''),
					accepted: addresses(info.accepted),
					rejected: addresses(info.rejected),
					rejectedReplies: rejectedErrors,
					response: maskText(String(info.response ?? '')),
					attempts: attempt + 1,
				};
			} catch (error) {
				if (attempt < retries && isTemporary(error)) {
					await sleep(backoff(attempt, this.options));
					continue;
				}
				throw toRemoteError(error, attempt + 1);
			}
		}
	}

	close(): void {
		if (this.closed) return;
		this.closed = true;
		this.transporter.close();
	}
}

export function smtpOptions(settings: SmtpSettings, options: TransportOptions = {}) {
	const dkim = dkimOptions({ domainName: settings.dkimDomain, keySelector: settings.dkimSelector, privateKey: settings.dkimPrivateKey });
	return {
		pool: true as const,
		host: settings.host,
		port: Number(settings.port) || (settings.secure ? 465 : 587),
		secure: Boolean(settings.secure),
		auth: settings.user ? { user: settings.user, pass: settings.password ?? '' } : undefined,
		tls: { rejectUnauthorized: !settings.allowUnauthorizedCerts },
		maxConnections: options.maxConnections ?? 3,
		maxMessages: options.maxMessages ?? 1000,
		connectionTimeout: options.connectionTimeoutMs ?? 30_000,
		greetingTimeout: options.connectionTimeoutMs ?? 30_000,
		socketTimeout: 60_000,
		...(dkim ? { dkim } : {}),
	};
}

function addresses(list: unknown): string[] {
	if (!Array.isArray(list)) return [];
	return list.map((a) => (typeof a === 'string' ? a : String((a as { address?: string }).address ?? '')));
}

/** 4xx replies and connections that never opened are safe to retry: the server has not taken the message. */
export function isTemporary(error: unknown): boolean {
	const e = (error ?? {}) as SmtpFailure;
	if (typeof e.responseCode === 'number') return e.responseCode >= 400 && e.responseCode < 500;
	return (e.code === 'ECONNECTION' || e.code === 'ESOCKET' || e.code === 'ETIMEDOUT') && e.command === 'CONN';
}

function backoff(attempt: number, options: TransportOptions): number {
	const base = options.retryBaseMs ?? 500;
	const max = options.retryMaxMs ?? 8_000;
	const exp = Math.min(max, base * 2 ** attempt);
	// Half fixed, half random: spreads retries of parallel executions without ever waiting near zero.
	return exp / 2 + Math.random() * (exp / 2);
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

export function toRemoteError(error: unknown, attempts = 1): RemoteError {
	const e = (error ?? {}) as SmtpFailure;
	const reply = maskText(e.response || e.message || String(error));
	const code = e.responseCode;
	const temporary = isTemporary(error);
	let message: string;
	let hint: string | undefined;
	if (e.code === 'EAUTH') {
		message = `The mail server refused the login: ${reply}`;
		hint = 'Check user and password in the SMTP credential.';
	} else if (e.code === 'EENVELOPE' && code !== undefined) {
		message = `The mail server refused the recipient: ${reply}`;
		hint = temporary ? 'The server asked to try again later; it still refused after the retries.' : 'Check the e-mail address; the mailbox may not exist.';
	} else if (code !== undefined) {
		message = `The mail server refused the e-mail: ${reply}`;
		hint = temporary ? 'The server asked to try again later; it still refused after the retries.' : undefined;
	} else {
		message = `Could not reach the mail server: ${reply}`;
		hint = 'Check host, port and the SSL/TLS setting in the SMTP credential.';
	}
	if (attempts > 1) message += ` (after ${attempts} attempts)`;
	return new RemoteError('smtp', message, { providerCode: code ?? e.code, retryable: temporary, hint, cause: error });
}
