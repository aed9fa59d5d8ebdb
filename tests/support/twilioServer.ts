/**
 * A Twilio-compatible REST server on 127.0.0.1 for tests, benchmarks and the sandbox outbox. It speaks the parts of
 * the 2010-04-01 Messages API our nodes use, checks Basic auth, records every message, can be told to misbehave
 * (429, 500, slow replies, dropped connections, Twilio error codes per recipient) and sends delivery status
 * callbacks signed with `X-Twilio-Signature` the way Twilio does.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { SegmentedMessage } from 'sms-segments-calculator';
import { twilioSignature } from '../../core/shared/twilioSignature';

export interface TwilioMessageRecord {
	sid: string;
	accountSid: string;
	to: string;
	from: string | null;
	messagingServiceSid: string | null;
	body: string;
	mediaUrl: string[];
	statusCallback: string | null;
	shortenUrls: boolean;
	numSegments: number;
	encoding: string;
	status: string;
	errorCode: number | null;
	dateCreated: Date;
	dateUpdated: Date;
	params: Record<string, string | string[]>;
}

export type FaultKind = 'http429' | 'http500' | 'http503' | 'dropBeforeCreate' | 'dropAfterCreate' | 'hang';

export interface TwilioServerOptions {
	accountSid?: string;
	authToken?: string;
	/** Extra API keys accepted for Basic auth (`SK…` sid → secret). */
	apiKeys?: Record<string, string>;
	/** Delay before each reply. */
	latencyMs?: number;
	/** Accept at most this many creates per second; more get 429 / 20429 (like a real account's queue limit). */
	maxPerSecond?: number;
	/** Send status callbacks automatically (queued → sent → delivered). */
	autoCallbacks?: boolean;
	callbackDelayMs?: number;
	/** Port to listen on; random by default. */
	port?: number;
}

export interface CallbackRecord {
	url: string;
	params: Record<string, string>;
	statusCode: number | null;
	error?: string;
}

interface ErrorReply {
	status: number;
	code: number;
	message: string;
}

const TWILIO_ERRORS: Record<number, ErrorReply> = {
	20003: { status: 401, code: 20003, message: 'Authenticate' },
	20429: { status: 429, code: 20429, message: 'Too Many Requests' },
	21211: { status: 400, code: 21211, message: "The 'To' number is not a valid phone number." },
	21408: { status: 400, code: 21408, message: 'Permission to send an SMS has not been enabled for the region indicated by the \'To\' number.' },
	21602: { status: 400, code: 21602, message: 'Message body is required.' },
	21604: { status: 400, code: 21604, message: "A 'From' phone number is required." },
	21606: { status: 400, code: 21606, message: "The 'From' phone number provided is not a valid message-capable Twilio phone number for this destination." },
	21610: { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' },
	21614: { status: 400, code: 21614, message: "'To' number is not a valid mobile number" },
	30007: { status: 400, code: 30007, message: 'Message filtered' },
};

export class TwilioTestServer {
	readonly accountSid: string;
	readonly authToken: string;
	readonly messages: TwilioMessageRecord[] = [];
	readonly callbacks: CallbackRecord[] = [];
	/** Every create request seen, including rejected ones (for duplicate/loss accounting). */
	createAttempts = 0;
	throttled = 0;
	private readonly apiKeys: Record<string, string>;
	private server!: Server;
	private readonly sockets = new Set<Socket>();
	private readonly faultQueue: FaultKind[] = [];
	private randomFaults: Partial<Record<FaultKind, number>> = {};
	private random: () => number = Math.random;
	private readonly recipientErrors = new Map<string, number>();
	private readonly pendingTimers = new Set<NodeJS.Timeout>();
	private windowStart = 0;
	private windowCount = 0;
	latencyMs: number;
	maxPerSecond: number | undefined;
	autoCallbacks: boolean;
	callbackDelayMs: number;

	constructor(private readonly options: TwilioServerOptions = {}) {
		this.accountSid = options.accountSid ?? 'AC' + randomBytes(16).toString('hex');
		this.authToken = options.authToken ?? randomBytes(16).toString('hex');
		this.apiKeys = options.apiKeys ?? {};
		this.latencyMs = options.latencyMs ?? 0;
		this.maxPerSecond = options.maxPerSecond;
		this.autoCallbacks = options.autoCallbacks ?? true;
		this.callbackDelayMs = options.callbackDelayMs ?? 5;
	}

	get port(): number {
		return (this.server.address() as AddressInfo).port;
	}

	get baseUrl(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	/** Credential data for `postPurchaseTwilioApi` pointing at this server. */
	credentials(extra: Record<string, string> = {}) {
		return { accountSid: this.accountSid, authType: 'authToken', authToken: this.authToken, baseUrl: this.baseUrl, messagingServiceSid: '', defaultFrom: '+15005550006', ...extra };
	}

	async start(): Promise<this> {
		this.server = createServer((req, res) => void this.handle(req, res));
		this.server.keepAliveTimeout = 30_000;
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve) => this.server.listen(this.options.port ?? 0, '127.0.0.1', resolve));
		return this;
	}

	async stop(): Promise<void> {
		for (const t of this.pendingTimers) clearTimeout(t);
		for (const s of this.sockets) s.destroy();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	/** Queue faults for the next create requests, in order. */
	failNext(kind: FaultKind, times = 1): void {
		for (let i = 0; i < times; i++) this.faultQueue.push(kind);
	}

	/** Fail a share of create requests at random, e.g. `{ http500: 0.1, dropAfterCreate: 0.05 }`; seedable for repeatable runs. */
	setRandomFaults(rates: Partial<Record<FaultKind, number>>, seed?: number): void {
		this.randomFaults = rates;
		if (seed !== undefined) this.random = mulberry32(seed);
	}

	/** Every create to this number answers with the given Twilio error code (21610, 21211, 21614, 21408 …). */
	rejectRecipient(to: string, code: number): void {
		this.recipientErrors.set(to, code);
	}

	clearFaults(): void {
		this.faultQueue.length = 0;
		this.randomFaults = {};
		this.recipientErrors.clear();
	}

	/**
	 * Messages created more than once for the same recipient + body. In a test where every intended message has its
	 * own text (or recipient), any entry here is a duplicate send; two different orders with the same text are not.
	 */
	duplicates(): Array<{ to: string; body: string; count: number }> {
		const counts = new Map<string, number>();
		for (const m of this.messages) counts.set(`${m.to}\u0000${m.body}`, (counts.get(`${m.to}\u0000${m.body}`) ?? 0) + 1);
		return [...counts].filter(([, c]) => c > 1).map(([k, count]) => ({ to: k.split('\u0000')[0], body: k.split('\u0000')[1], count }));
	}

	/** Sends one signed status callback now, as Twilio would after a carrier report. */
	async sendStatusCallback(sid: string, status: string, errorCode?: number): Promise<CallbackRecord | undefined> {
		const message = this.messages.find((m) => m.sid === sid);
		if (!message?.statusCallback) return undefined;
		message.status = status;
		message.errorCode = errorCode ?? null;
		message.dateUpdated = new Date();
		const params: Record<string, string> = {
			AccountSid: message.accountSid,
			ApiVersion: '2010-04-01',
			From: message.from ?? '',
			MessageSid: message.sid,
			MessageStatus: status,
			SmsSid: message.sid,
			SmsStatus: status,
			To: message.to,
		};
		if (message.messagingServiceSid) params.MessagingServiceSid = message.messagingServiceSid;
		if (errorCode) params.ErrorCode = String(errorCode);
		return this.postSigned(message.statusCallback, params);
	}

	/** Posts a signed inbound SMS (as a customer's reply) to a webhook URL. */
	async sendInbound(url: string, message: { from: string; to: string; body: string; messageSid?: string; extra?: Record<string, string> }, idempotencyToken?: string): Promise<CallbackRecord> {
		const sid = message.messageSid ?? 'SM' + randomBytes(16).toString('hex');
		const params: Record<string, string> = {
			AccountSid: this.accountSid,
			ApiVersion: '2010-04-01',
			Body: message.body,
			From: message.from,
			MessageSid: sid,
			NumMedia: '0',
			NumSegments: '1',
			SmsMessageSid: sid,
			SmsStatus: 'received',
			To: message.to,
			...message.extra,
		};
		return this.postSigned(url, params, idempotencyToken);
	}

	private async postSigned(url: string, params: Record<string, string>, idempotencyToken: string = randomUUID()): Promise<CallbackRecord> {
		const record: CallbackRecord = { url, params, statusCode: null };
		try {
			const response = await fetch(url, {
				method: 'POST',
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					'x-twilio-signature': twilioSignature(this.authToken, url, params),
					'i-twilio-idempotency-token': idempotencyToken,
					'user-agent': 'TwilioProxy/1.1',
				},
				body: new URLSearchParams(params).toString(),
			});
			record.statusCode = response.status;
			await response.arrayBuffer();
		} catch (error) {
			record.error = (error as Error).message;
		}
		this.callbacks.push(record);
		return record;
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const body = await readBody(req);
		if (this.latencyMs > 0) await sleep(this.latencyMs);
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const match = /^\/2010-04-01\/Accounts\/([^/]+?)(\/Messages(?:\/([^/]+?))?)?\.json$/.exec(url.pathname);
		if (!match) return send(res, 404, { code: 20404, message: 'The requested resource was not found', status: 404 });
		const [, accountSid, messagesPart, messageSid] = match;
		if (!this.authorized(req, accountSid)) return sendError(res, TWILIO_ERRORS[20003]);
		if (!messagesPart) return send(res, 200, { sid: this.accountSid, friendly_name: 'Test account', status: 'active', type: 'Full' });
		if (req.method === 'POST' && !messageSid) return this.create(req, res, body);
		if (req.method === 'GET' && messageSid) {
			const found = this.messages.find((m) => m.sid === messageSid);
			return found ? send(res, 200, this.toJson(found)) : send(res, 404, { code: 20404, message: 'Not found', status: 404 });
		}
		if (req.method === 'GET') return this.list(res, url);
		return send(res, 405, { code: 20004, message: 'Method not allowed', status: 405 });
	}

	private authorized(req: IncomingMessage, accountSid: string): boolean {
		const header = req.headers.authorization ?? '';
		if (!header.startsWith('Basic ')) return false;
		const [user, ...rest] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
		const password = rest.join(':');
		if (accountSid !== this.accountSid) return false;
		if (user === this.accountSid) return password === this.authToken;
		return this.apiKeys[user] !== undefined && this.apiKeys[user] === password;
	}

	private nextFault(): FaultKind | undefined {
		if (this.faultQueue.length) return this.faultQueue.shift();
		for (const [kind, rate] of Object.entries(this.randomFaults) as Array<[FaultKind, number]>) {
			if (this.random() < rate) return kind;
		}
		return undefined;
	}

	private create(req: IncomingMessage, res: ServerResponse, raw: string): void {
		this.createAttempts++;
		const fault = this.nextFault();
		if (fault === 'hang') return; // never answers: the client's timeout must fire
		if (fault === 'dropBeforeCreate') return void req.socket.destroy();
		if (fault === 'http429') return sendError(res, TWILIO_ERRORS[20429]);
		if (fault === 'http500') return send(res, 500, { code: 20500, message: 'Internal Server Error', status: 500 });
		if (fault === 'http503') return send(res, 503, { code: 20503, message: 'Service Unavailable', status: 503 });
		if (this.maxPerSecond !== undefined && !this.takeRateSlot()) {
			this.throttled++;
			return sendError(res, TWILIO_ERRORS[20429]);
		}
		const params = parseForm(raw);
		const first = (name: string) => {
			const v = params[name];
			return Array.isArray(v) ? v[0] : v;
		};
		const to = first('To') ?? '';
		const from = first('From') ?? null;
		const messagingServiceSid = first('MessagingServiceSid') ?? null;
		const text = first('Body') ?? '';
		const mediaUrl = ([] as string[]).concat(params.MediaUrl ?? []);
		if (!/^\+[1-9]\d{6,14}$/.test(to)) return sendError(res, TWILIO_ERRORS[21211]);
		if (!from && !messagingServiceSid) return sendError(res, TWILIO_ERRORS[21604]);
		if (!text && mediaUrl.length === 0) return sendError(res, TWILIO_ERRORS[21602]);
		const rejected = this.recipientErrors.get(to);
		if (rejected) return sendError(res, TWILIO_ERRORS[rejected] ?? { status: 400, code: rejected, message: `Error ${rejected}` });
		const segmented = new SegmentedMessage(text, 'auto');
		const now = new Date();
		const record: TwilioMessageRecord = {
			sid: 'SM' + randomBytes(16).toString('hex'),
			accountSid: this.accountSid,
			to,
			from: from ?? (messagingServiceSid ? null : from),
			messagingServiceSid,
			body: text,
			mediaUrl,
			statusCallback: first('StatusCallback') ?? null,
			shortenUrls: first('ShortenUrls') === 'true',
			numSegments: segmented.segmentsCount,
			encoding: segmented.encodingName,
			status: messagingServiceSid ? 'accepted' : 'queued',
			errorCode: null,
			dateCreated: now,
			dateUpdated: now,
			params,
		};
		this.messages.push(record);
		if (fault === 'dropAfterCreate') return void req.socket.destroy(); // created, but the client never hears so
		send(res, 201, this.toJson(record));
		if (this.autoCallbacks && record.statusCallback) this.scheduleCallbacks(record.sid);
	}

	private takeRateSlot(): boolean {
		const now = Date.now();
		if (now - this.windowStart >= 1000) {
			this.windowStart = now;
			this.windowCount = 0;
		}
		if (this.windowCount >= (this.maxPerSecond ?? Infinity)) return false;
		this.windowCount++;
		return true;
	}

	private scheduleCallbacks(sid: string): void {
		const timer = setTimeout(() => {
			this.pendingTimers.delete(timer);
			void this.sendStatusCallback(sid, 'sent').then(() => this.sendStatusCallback(sid, 'delivered'));
		}, this.callbackDelayMs);
		this.pendingTimers.add(timer);
	}

	private list(res: ServerResponse, url: URL): void {
		const to = url.searchParams.get('To');
		const from = url.searchParams.get('From');
		const dateSent = url.searchParams.get('DateSent') ?? url.searchParams.get('DateSent>');
		const pageSize = Math.min(Number(url.searchParams.get('PageSize') ?? 50), 1000);
		const page = Number(url.searchParams.get('Page') ?? 0);
		let list = this.messages.slice().reverse();
		if (to) list = list.filter((m) => m.to === to);
		if (from) list = list.filter((m) => m.from === from);
		if (dateSent) list = list.filter((m) => m.dateCreated.toISOString().slice(0, 10) >= dateSent.slice(0, 10));
		const slice = list.slice(page * pageSize, (page + 1) * pageSize);
		const base = `/2010-04-01/Accounts/${this.accountSid}/Messages.json`;
		const more = (page + 1) * pageSize < list.length;
		const query = new URLSearchParams(url.searchParams);
		query.set('PageSize', String(pageSize));
		query.set('Page', String(page + 1));
		send(res, 200, {
			messages: slice.map((m) => this.toJson(m)),
			page,
			page_size: pageSize,
			first_page_uri: `${base}?PageSize=${pageSize}&Page=0`,
			uri: `${base}${url.search}`,
			next_page_uri: more ? `${base}?${query.toString()}` : null,
			previous_page_uri: page > 0 ? `${base}?PageSize=${pageSize}&Page=${page - 1}` : null,
			start: page * pageSize,
			end: page * pageSize + slice.length - 1,
		});
	}

	private toJson(m: TwilioMessageRecord) {
		return {
			sid: m.sid,
			account_sid: m.accountSid,
			to: m.to,
			from: m.from,
			messaging_service_sid: m.messagingServiceSid,
			body: m.body,
			status: m.status,
			num_segments: m.messagingServiceSid ? '0' : String(m.numSegments),
			num_media: String(m.mediaUrl.length),
			direction: 'outbound-api',
			api_version: '2010-04-01',
			price: null,
			price_unit: 'USD',
			error_code: m.errorCode,
			error_message: null,
			date_created: m.dateCreated.toUTCString().replace('GMT', '+0000'),
			date_updated: m.dateUpdated.toUTCString().replace('GMT', '+0000'),
			date_sent: null,
			uri: `/2010-04-01/Accounts/${m.accountSid}/Messages/${m.sid}.json`,
			subresource_uris: { media: `/2010-04-01/Accounts/${m.accountSid}/Messages/${m.sid}/Media.json` },
		};
	}
}

export async function startTwilioServer(options: TwilioServerOptions = {}): Promise<TwilioTestServer> {
	return new TwilioTestServer(options).start();
}

function sendError(res: ServerResponse, error: ErrorReply): void {
	send(res, error.status, { code: error.code, message: error.message, more_info: `https://www.twilio.com/docs/errors/${error.code}`, status: error.status });
}

function send(res: ServerResponse, status: number, body: unknown): void {
	if (res.writableEnded || res.destroyed) return;
	const text = JSON.stringify(body);
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
	res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function parseForm(raw: string): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const [k, v] of new URLSearchParams(raw)) {
		const existing = out[k];
		if (existing === undefined) out[k] = v;
		else out[k] = Array.isArray(existing) ? [...existing, v] : [existing, v];
	}
	return out;
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
