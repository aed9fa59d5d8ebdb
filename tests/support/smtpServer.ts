/**
 * A real SMTP server (`smtp-server`) on 127.0.0.1 for tests, benchmarks and the sandbox outbox. It keeps every
 * message (raw and parsed with `mailparser`), counts connections, and can answer with injected 4xx/5xx replies at
 * the MAIL FROM, RCPT TO or DATA stage.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import type { ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { SMTPServerDataStream, SMTPServerSession } from 'smtp-server';

export interface ReceivedMail {
	from: string;
	to: string[];
	raw: Buffer;
	parsed: ParsedMail;
	sessionId: string;
	receivedAt: Date;
}

export type SmtpStage = 'mail' | 'rcpt' | 'data';

export interface SmtpFault {
	stage: SmtpStage;
	code: number;
	message?: string;
}

export interface SmtpServerOptions {
	/** Require AUTH with these credentials; any login is accepted when omitted. */
	user?: string;
	password?: string;
	port?: number;
	/** Largest message accepted, in bytes. */
	size?: number;
}

class SmtpReplyError extends Error {
	responseCode: number;

	constructor(code: number, message: string) {
		super(message);
		this.responseCode = code;
	}
}

export class SmtpTestServer {
	readonly messages: ReceivedMail[] = [];
	connections = 0;
	/** Sessions the client broke off (a killed sender): a server shrugs them off, the message is not kept. */
	dropped = 0;
	private server!: SMTPServer;
	private readonly faults: SmtpFault[] = [];
	private readonly rejected = new Map<string, { code: number; message: string }>();
	private readonly waiters: Array<{ count: number; resolve: () => void }> = [];

	constructor(private readonly options: SmtpServerOptions = {}) {}

	get port(): number {
		return (this.server.server.address() as AddressInfo).port;
	}

	/** Credential data for `postPurchaseSmtp` pointing at this server. */
	credentials(extra: Record<string, unknown> = {}) {
		return {
			host: '127.0.0.1',
			port: this.port,
			secure: false,
			user: this.options.user ?? 'shop',
			password: this.options.password ?? 'secret',
			fromEmail: 'service@shop.example',
			fromName: 'Beispiel Shop',
			allowUnauthorizedCerts: true,
			...extra,
		};
	}

	async start(): Promise<this> {
		this.server = new SMTPServer({
			secure: false,
			disabledCommands: ['STARTTLS'],
			authOptional: this.options.user === undefined,
			size: this.options.size ?? 25 * 1024 * 1024,
			logger: false,
			onConnect: (_session, callback) => {
				this.connections++;
				callback();
			},
			onAuth: (auth, _session, callback) => {
				if (this.options.user === undefined || (auth.username === this.options.user && auth.password === this.options.password)) {
					return callback(null, { user: auth.username });
				}
				return callback(new SmtpReplyError(535, 'Authentication credentials invalid'));
			},
			onMailFrom: (_address, _session, callback) => callback(this.takeFault('mail') ?? undefined),
			onRcptTo: (address, _session, callback) => {
				const rejected = this.rejected.get(address.address.toLowerCase());
				if (rejected) return callback(new SmtpReplyError(rejected.code, rejected.message));
				return callback(this.takeFault('rcpt') ?? undefined);
			},
			onData: (stream, session, callback) => void this.receive(stream, session, callback),
		});
		// A client that dies mid-session (ECONNRESET) is an 'error' of the server; unheard, it would crash the process.
		this.server.on('error', () => this.dropped++);
		await new Promise<void>((resolve) => this.server.listen(this.options.port ?? 0, '127.0.0.1', resolve));
		return this;
	}

	async stop(): Promise<void> {
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	/** The next command at `stage` answers with `code` (e.g. 451 then success, or 550). */
	failNext(fault: SmtpFault, times = 1): void {
		for (let i = 0; i < times; i++) this.faults.push(fault);
	}

	/** Every RCPT TO for this address is refused. */
	rejectRecipient(address: string, code = 550, message = 'Mailbox unavailable'): void {
		this.rejected.set(address.toLowerCase(), { code, message });
	}

	clearFaults(): void {
		this.faults.length = 0;
		this.rejected.clear();
	}

	/** Resolves once at least `count` messages have arrived. */
	waitFor(count: number, timeoutMs = 5000): Promise<void> {
		if (this.messages.length >= count) return Promise.resolve();
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`Only ${this.messages.length} of ${count} e-mails arrived`)), timeoutMs);
			this.waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
		});
	}

	private takeFault(stage: SmtpStage): SmtpReplyError | null {
		const index = this.faults.findIndex((f) => f.stage === stage);
		if (index < 0) return null;
		const [fault] = this.faults.splice(index, 1);
		return new SmtpReplyError(fault.code, fault.message ?? (fault.code >= 500 ? 'Requested action not taken' : 'Try again later'));
	}

	private async receive(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null) => void): Promise<void> {
		const chunks: Buffer[] = [];
		try {
			for await (const chunk of stream) chunks.push(chunk as Buffer);
		} catch (error) {
			// The connection closed before the message was complete: nothing arrived, as at a real server.
			this.dropped++;
			return callback(error as Error);
		}
		const fault = this.takeFault('data');
		if (fault) return callback(fault);
		const raw = Buffer.concat(chunks);
		const parsed = await simpleParser(raw);
		const envelopeFrom = session.envelope.mailFrom;
		this.messages.push({
			from: envelopeFrom ? envelopeFrom.address : '',
			to: session.envelope.rcptTo.map((r) => r.address),
			raw,
			parsed,
			sessionId: session.id,
			receivedAt: new Date(),
		});
		for (const waiter of this.waiters.filter((w) => this.messages.length >= w.count)) {
			this.waiters.splice(this.waiters.indexOf(waiter), 1);
			waiter.resolve();
		}
		callback();
	}
}

export async function startSmtpServer(options: SmtpServerOptions = {}): Promise<SmtpTestServer> {
	return new SmtpTestServer(options).start();
}
