import { sendKey } from '../shared/sendKey';
import { claimSend } from '../shared/sendClaim';
import { checkBeforeSend } from '../shared/sendCheck';
import { RemoteError } from '../shared/errors';
import { maskEmail, maskText } from '../shared/mask';
import type { JourneyStore } from '../store';
import type { EmailPurpose } from './input';
import { sleep } from './transport';
import type { MailTransport, OutgoingEmail, SendInfo } from './transport';

/**
 * Sends one journey e-mail at most once per customer + journey step. The claim (a lease, `core/shared/sendClaim.ts`)
 * is taken before sending and given back only when nothing went out, so "Retry On Fail", a re-run or a second n8n
 * process can never send it twice. SMTP cannot be asked afterwards whether a message arrived: a sender killed in the
 * moment between the server's "250 OK" and settling the claim leaves a lease that a retry takes over and sends again,
 * with the same Message-ID.
 */

export interface DeliverOptions {
	store?: JourneyStore;
	/** The customer the e-mail is about (normally the first "to" address). */
	subject: string;
	journeyStep: string;
	purpose: EmailPurpose;
	/** What to do when some, but not all, recipients were refused: fail the item, or report them and go on. */
	onRejected?: 'error' | 'continue';
	now?: Date;
	/** A voucher code the e-mail shows: logged, so win-back can tell a voucher that was never redeemed. */
	couponCode?: string;
	/** How to wait while another sender holds the claim (tests); real time by default. */
	sleep?: (ms: number) => Promise<void>;
}

export type DeliverResult =
	| ({ status: 'sent' } & SendInfo)
	| { status: 'already_sent'; messageId: null; accepted: string[]; rejected: string[] }
	/** A marketing e-mail stopped by an unsubscribe (or other suppression) recorded after the Consent Gate decided. */
	| { status: 'suppressed'; messageId: null; accepted: string[]; rejected: string[]; suppressedBy: { reason: string; at: string } };

/** The claim key, shared with the Consent Gate and the SMS sender (`send:email:<journeyStep>:<subject hash>`). */
export function emailSendKey(subject: string, journeyStep: string): string {
	return sendKey(subject, journeyStep, 'email');
}

export async function deliverOnce(transport: MailTransport, message: OutgoingEmail, options: DeliverOptions): Promise<DeliverResult> {
	const subject = options.subject.trim().normalize('NFC').toLowerCase();
	const key = emailSendKey(subject, options.journeyStep);
	const store = options.store;
	const now = () => options.now ?? new Date();
	const claim = store ? await claimSend(store, key, { now, sleep: options.sleep ?? sleep }) : null;
	if (store && !claim) {
		return { status: 'already_sent', messageId: null, accepted: [], rejected: [] };
	}
	const check = await checkBeforeSend(store, subject, 'email', options.purpose, now);
	if (check?.suppression) {
		// Nothing went out: should the customer subscribe again, the step may be sent later.
		await claim?.release();
		const { reason, at } = check.suppression;
		return { status: 'suppressed', messageId: null, accepted: [], rejected: [], suppressedBy: { reason, at: at.toISOString() } };
	}
	let info: SendInfo | undefined;
	let failure: unknown;
	try {
		// One Message-ID per claim key: if a sender died after the server took the e-mail but before the claim was
		// settled, the copy sent on takeover carries the same ID, which mailbox providers use to drop duplicates.
		info = await transport.send({ ...message, messageIdSeed: key });
	} catch (error) {
		failure = error;
	}
	if (!info) {
		// Nothing was accepted, so a later attempt may send it.
		await claim?.release();
		throw failure;
	}
	await claim?.settle();
	if (store) {
		await store.logMessage({
			subject,
			channel: 'email',
			purpose: options.purpose,
			journeyStep: options.journeyStep,
			providerId: info.messageId,
			status: 'sent',
			units: 1,
			sentAt: options.now,
			meta: {
				accepted: info.accepted.length,
				rejected: info.rejected.length,
				attempts: info.attempts,
				couponCode: options.couponCode || undefined,
				takenOverFrom: claim?.takenOverFrom?.toISOString(),
				suppressionCheckedAt: check?.checkedAt.toISOString(),
			},
		});
	}
	if (info.rejected.length > 0 && (options.onRejected ?? 'error') === 'error') {
		// The claim stays: the accepted recipients already have the e-mail.
		const who = info.rejected.map(maskEmail).join(', ');
		const replies = info.rejectedReplies.length ? `: ${info.rejectedReplies.join('; ')}` : '';
		throw new RemoteError('smtp', maskText(`The mail server refused ${info.rejected.length} of ${info.rejected.length + info.accepted.length} recipients (${who})${replies}`), {
			providerCode: 'EENVELOPE',
			hint: `The e-mail was sent to the other recipients (message ID ${info.messageId}). Set "Refused Recipients" to "Report and Continue" to treat this as a success.`,
		});
	}
	return { status: 'sent', ...info };
}
