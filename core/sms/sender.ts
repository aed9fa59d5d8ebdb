import type { Twilio } from 'twilio';
import type { JourneyStore, MessageStatus, Purpose, Suppression } from '../store';
import { RemoteError } from '../shared/errors';
import { maskPhone } from '../shared/mask';
import { backoffMs, RateLimiter, realTime, SharedRateLimiter } from './rateLimit';
import type { Pacer } from './rateLimit';
import type { Sleeper } from './rateLimit';
import { onceStep, sendKey } from '../shared/sendKey';
import { claimSend } from '../shared/sendClaim';
import type { SendClaim } from '../shared/sendClaim';
import { checkBeforeSend } from '../shared/sendCheck';
import type { SendCheck } from '../shared/sendCheck';
import { classifyTwilioError, twilioErrorReason } from './twilioErrors';
import { smartReplace } from './encoding';

/**
 * Sends SMS through the Twilio SDK exactly once per customer + journey step: the send is claimed in the journey
 * store first (a lease, `core/shared/sendClaim.ts`); Twilio's "no" releases the claim (a fixed retry may go), a
 * success settles it for good. Messages.json has no
 * idempotency key, so after an ambiguous failure (5xx, timeout, dropped connection) the recipient's recent messages
 * are listed and compared with the body before anything is sent again.
 */

export interface SmsSendRequest {
	/** E.164, already normalized. */
	to: string;
	body: string;
	from?: string;
	messagingServiceSid?: string;
	statusCallback?: string;
	mediaUrl?: string[];
	shortenUrls?: boolean;
	journeyStep: string;
	purpose: Purpose;
	/** Distinguishes several sends of the same step to one customer (e.g. one per order); empty = once ever. */
	dedupeId?: string;
	/** A voucher code the text carries: logged, so win-back can tell a voucher that was never redeemed. */
	couponCode?: string;
	segments: number;
	encoding: string;
}

export interface SmsSendResult {
	/** `suppressed`: a STOP (or other suppression) recorded after the Consent Gate decided stopped this marketing SMS. */
	outcome: 'sent' | 'already_sent' | 'suppressed';
	sid: string | null;
	status: string;
	sentAt: string | null;
	attempts: number;
	/** Whether an ambiguous failure was resolved by finding the message at Twilio. */
	reconciled: boolean;
	/** Set when the message went out but the message log could not be written. */
	logError?: string;
	/** Why it was not sent, for `suppressed`: the suppression's reason and when it was recorded. */
	suppressedBy?: { reason: string; at: string };
}

export interface SmsSenderOptions {
	client: Twilio;
	store?: JourneyStore | null;
	/** Messages per second across this sender (default 1, a single long code). */
	messagesPerSecond?: number;
	/**
	 * Shares `messagesPerSecond` through the store with every sender of the same name (the Twilio account), in any
	 * process: n8n workers together keep the account's rate. Needs `store`; without it the rate is this sender's.
	 */
	shareRateAs?: string;
	/** Retries after 5xx / timeouts / dropped connections (default 4). */
	maxRetries?: number;
	/** Retries after HTTP 429 (default 8). */
	maxThrottleRetries?: number;
	backoffBaseMs?: number;
	backoffCapMs?: number;
	time?: Sleeper;
	random?: () => number;
	/** Wall clock for log entries and the reconciliation window. */
	now?: () => Date;
}

/** How far back a message found at Twilio may date from before our first attempt (clock skew between hosts). */
const RECONCILE_SKEW_MS = 120_000;

const LOG_STATUSES = new Set<string>(['queued', 'accepted', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'read']);

function logStatus(status: string | undefined): MessageStatus {
	return (status && LOG_STATUSES.has(status) ? status : 'queued') as MessageStatus;
}

const URLS = /https?:\/\/\S+/g;

/** Twilio may rewrite a body (Smart Encoding, link shortening); compare what survives both. */
function sameBody(sent: string | null | undefined, ours: string, shortened: boolean): boolean {
	if (sent === ours) return true;
	if (typeof sent !== 'string') return false;
	const norm = (text: string) => {
		const replaced = smartReplace(text).text;
		return (shortened ? replaced.replace(URLS, '<link>') : replaced).trim();
	};
	return norm(sent) === norm(ours);
}

export class SmsSender {
	readonly limiter: Pacer;
	private readonly client: Twilio;
	private readonly store: JourneyStore | null;
	private readonly maxRetries: number;
	private readonly maxThrottleRetries: number;
	private readonly time: Sleeper;
	private readonly random: () => number;
	private readonly now: () => Date;
	private readonly backoffBaseMs: number;
	private readonly backoffCapMs: number;
	/** Counters for reports and tests. */
	readonly stats = { creates: 0, throttled: 0, ambiguous: 0, reconciled: 0, rejected: 0 };

	constructor(options: SmsSenderOptions) {
		this.client = options.client;
		this.store = options.store ?? null;
		this.time = options.time ?? realTime;
		const rate = options.messagesPerSecond ?? 1;
		this.limiter =
			this.store && options.shareRateAs
				? new SharedRateLimiter(this.store, `sms:${options.shareRateAs}`, rate, Date.now, (ms) => this.time.sleep(ms))
				: new RateLimiter(rate, this.time);
		this.maxRetries = options.maxRetries ?? 4;
		this.maxThrottleRetries = options.maxThrottleRetries ?? 8;
		this.random = options.random ?? Math.random;
		this.now = options.now ?? (() => new Date());
		this.backoffBaseMs = options.backoffBaseMs ?? 200;
		this.backoffCapMs = options.backoffCapMs ?? 5_000;
	}

	/** Requests in flight needed to keep the rate busy at a given API latency. */
	static concurrencyFor(messagesPerSecond: number, expectedLatencyMs = 1_000): number {
		return Math.max(1, Math.min(200, Math.ceil((messagesPerSecond * expectedLatencyMs) / 1000) + 1));
	}

	async send(request: SmsSendRequest): Promise<SmsSendResult> {
		const key = sendKey(request.to, onceStep(request.journeyStep, request.dedupeId), 'sms');
		const claim = this.store ? await claimSend(this.store, key, { now: this.now, sleep: (ms) => this.time.sleep(ms) }) : null;
		if (this.store && !claim) {
			return { outcome: 'already_sent', sid: null, status: 'already_sent', sentAt: null, attempts: 0, reconciled: false };
		}
		try {
			return await this.sendClaimed(request, claim);
		} finally {
			// Settled or released on every expected path; on any other error the lease runs out and a retry reconciles.
			claim?.abandon();
		}
	}

	private async sendClaimed(request: SmsSendRequest, claim: SendClaim | null): Promise<SmsSendResult> {
		// A send taken over from a sender that died half-way may have gone out: ask Twilio before sending again.
		const startedAt = claim?.takenOverFrom ?? this.now();
		let ambiguous = Boolean(claim?.takenOverFrom);
		let attempts = 0;
		let throttles = 0;
		let failures = 0;
		let lastMessage = '';
		let lastCheck: SendCheck | null = null;
		for (;;) {
			if (ambiguous) {
				const check = await this.findCreated(request, startedAt);
				if (check.found) {
					this.stats.reconciled++;
					return this.succeeded(request, claim, check.found, attempts, true, lastCheck);
				}
				if (failures > this.maxRetries) return this.giveUp(request, claim, check.checked, lastMessage);
				if (!check.checked) {
					// Twilio cannot tell us yet; wait and ask again rather than risk a second copy.
					failures++;
					await this.time.sleep(backoffMs(failures, this.backoffBaseMs, this.backoffCapMs, this.random));
					continue;
				}
			}
			await this.limiter.take();
			// Asked after the slot was granted, the last wait before the message leaves.
			const check = await checkBeforeSend(this.store, request.to, 'sms', request.purpose, this.now);
			if (check?.suppression) return this.suppressed(claim, check.suppression, attempts);
			lastCheck = check;
			attempts++;
			this.stats.creates++;
			try {
				const message = await this.client.messages.create({
					to: request.to,
					body: request.body,
					...(request.messagingServiceSid ? { messagingServiceSid: request.messagingServiceSid } : { from: request.from }),
					...(request.statusCallback ? { statusCallback: request.statusCallback } : {}),
					...(request.mediaUrl?.length ? { mediaUrl: request.mediaUrl } : {}),
					...(request.shortenUrls ? { shortenUrls: true } : {}),
				});
				return this.succeeded(request, claim, message, attempts, false, lastCheck);
			} catch (error) {
				const c = classifyTwilioError(error);
				lastMessage = c.message;
				if (c.outcome === 'throttled') {
					this.stats.throttled++;
					throttles++;
					if (throttles > this.maxThrottleRetries) {
						await claim?.release();
						throw new RemoteError('Twilio', 'Twilio kept answering "too many requests"; the message was not sent.', {
							httpCode: 429,
							providerCode: c.code ?? 20429,
							retryable: true,
							hint: 'Lower "Messages Per Second" in the node options and run the items again.',
						});
					}
					await this.time.sleep(backoffMs(throttles, this.backoffBaseMs, this.backoffCapMs, this.random));
					continue;
				}
				if (c.outcome === 'rejected') return this.rejected(request, claim, c.httpCode, c.code, c.message);
				this.stats.ambiguous++;
				ambiguous = true;
				failures++;
				if (failures <= this.maxRetries) await this.time.sleep(backoffMs(failures, this.backoffBaseMs, this.backoffCapMs, this.random));
			}
		}
	}

	private async findCreated(
		request: SmsSendRequest,
		since: Date,
	): Promise<{ checked: boolean; found?: { sid: string; status: string } }> {
		try {
			// Listing by recipient, newest first. DateSent is null while a message is queued, so we filter on
			// date_created ourselves instead of asking Twilio for "sent today".
			const recent = await this.client.messages.list({ to: request.to, limit: 20, pageSize: 20 });
			const found = recent.find(
				(m) =>
					sameBody(m.body, request.body, Boolean(request.shortenUrls)) &&
					(!m.dateCreated || m.dateCreated.getTime() >= since.getTime() - RECONCILE_SKEW_MS),
			);
			return { checked: true, found: found ? { sid: found.sid, status: found.status } : undefined };
		} catch {
			return { checked: false };
		}
	}

	private async suppressed(claim: SendClaim | null, { reason, at }: Suppression, attempts: number): Promise<SmsSendResult> {
		// Nothing went out: should the customer opt in again, the step may be sent later.
		await claim?.release();
		return { outcome: 'suppressed', sid: null, status: 'suppressed', sentAt: null, attempts, reconciled: false, suppressedBy: { reason, at: at.toISOString() } };
	}

	private async succeeded(
		request: SmsSendRequest,
		claim: SendClaim | null,
		message: { sid: string; status: string },
		attempts: number,
		reconciled: boolean,
		check: SendCheck | null,
	): Promise<SmsSendResult> {
		await claim?.settle();
		const sentAt = this.now();
		const result: SmsSendResult = { outcome: 'sent', sid: message.sid, status: message.status, sentAt: sentAt.toISOString(), attempts, reconciled };
		if (this.store) {
			try {
				await this.store.logMessage({
					subject: request.to,
					channel: 'sms',
					purpose: request.purpose,
					journeyStep: request.journeyStep,
					providerId: message.sid,
					status: logStatus(message.status),
					units: request.segments,
					sentAt,
					meta: {
						encoding: request.encoding,
						attempts,
						reconciled,
						dedupeId: request.dedupeId || undefined,
						couponCode: request.couponCode || undefined,
						suppressionCheckedAt: check?.checkedAt.toISOString(),
					},
				});
			} catch (error) {
				result.logError = error instanceof Error ? error.message : String(error);
			}
		}
		return result;
	}

	private async rejected(request: SmsSendRequest, claim: SendClaim | null, httpCode: number | undefined, code: number | undefined, raw: string): Promise<never> {
		this.stats.rejected++;
		const reason = twilioErrorReason(code, raw);
		await claim?.release();
		if (this.store) {
			await this.store.logMessage({
				subject: request.to,
				channel: 'sms',
				purpose: request.purpose,
				journeyStep: request.journeyStep,
				status: 'failed',
				units: 0,
				sentAt: this.now(),
				meta: { errorCode: code ?? null, httpCode: httpCode ?? null, reason: reason.kind },
			});
			if (code === 21610) {
				await this.store.suppress({ subject: request.to, channel: 'sms', reason: 'carrier_opt_out', source: 'twilio_21610', at: this.now() });
			}
		}
		throw new RemoteError('Twilio', `${reason.message} (${maskPhone(request.to)}, Twilio error ${code ?? httpCode ?? 'unknown'})`, {
			httpCode,
			providerCode: code,
			retryable: reason.kind === 'throttled',
			hint: reason.hint,
		});
	}

	private async giveUp(request: SmsSendRequest, claim: SendClaim | null, checked: boolean, raw: string): Promise<never> {
		if (checked) {
			// Twilio's list shows the message was never created, so a later run may safely try again.
			await claim?.release();
			throw new RemoteError('Twilio', `Twilio could not be reached reliably; the SMS to ${maskPhone(request.to)} was not sent. (${raw})`, {
				retryable: true,
				hint: 'Run the item again later; it will not be sent twice.',
			});
		}
		await claim?.settle();
		throw new RemoteError('Twilio', `It is unknown whether the SMS to ${maskPhone(request.to)} was sent: Twilio did not answer. (${raw})`, {
			retryable: false,
			hint: 'The send stays marked as done so the customer never gets it twice. Check the Twilio message log; to send anyway, use another journey step or deduplication ID.',
		});
	}
}
