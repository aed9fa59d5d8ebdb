import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { languageForCountry } from '../shared/language';
import { normalizeSubject } from '../store';
import type { JourneyStore, MessageStatus } from '../store/JourneyStore';
import { classifyInbound } from './keywords';
import type { InboundClassification } from './keywords';
import { recordOptIn, recordOptOut } from './ledger';

/**
 * Twilio webhooks → ledger. Inbound replies update suppressions and consent BEFORE the workflow runs, so a STOP is
 * honoured even if the workflow fails; status callbacks update the message log.
 */

export type TwilioForm = Record<string, string>;

/** Key for deduplicating Twilio redeliveries: Twilio's idempotency token, else message SID + status. */
export function twilioDedupeKey(params: TwilioForm, idempotencyToken?: string | null): string {
	if (idempotencyToken) return `twilio:idem:${idempotencyToken}`;
	const sid = params.MessageSid ?? params.SmsSid ?? '';
	const status = params.MessageStatus ?? params.SmsStatus ?? 'received';
	return `twilio:${sid}:${status}`;
}

export function isStatusCallback(params: TwilioForm): boolean {
	return params.MessageStatus !== undefined && params.Body === undefined;
}

export interface ReplySettings {
	enabled: boolean;
	brand: string;
	contact: string;
	/** Reply language when neither the keyword nor the sender's country tells. */
	defaultLanguage: 'de' | 'en' | 'fr';
}

type ReplyLanguage = ReplySettings['defaultLanguage'];

/** The language to answer in: the keyword's own (STOPP, ARRET), else the sender's country, else the setting. */
export function replyLanguage(keywordLanguage: ReplyLanguage | null, from: string, fallback: ReplyLanguage): ReplyLanguage {
	if (keywordLanguage) return keywordLanguage;
	return languageForCountry(parsePhoneNumberFromString(from)?.country) ?? fallback;
}

const REPLIES = {
	de: {
		opt_out: (b: string) => `${b}: Sie sind abgemeldet und erhalten keine SMS mehr. Mit START melden Sie sich wieder an.`,
		opt_in: (b: string) => `${b}: Sie erhalten wieder SMS von uns. Abmelden jederzeit mit STOP.`,
		help: (b: string, c: string) => `${b}: Hilfe erhalten Sie unter ${c}. Abmelden mit STOP.`,
	},
	en: {
		opt_out: (b: string) => `${b}: You are unsubscribed and will get no more texts. Reply START to resubscribe.`,
		opt_in: (b: string) => `${b}: You are subscribed again. Reply STOP to unsubscribe at any time.`,
		help: (b: string, c: string) => `${b}: For help contact ${c}. Reply STOP to unsubscribe.`,
	},
	fr: {
		opt_out: (b: string) => `${b} : vous êtes désinscrit(e) et ne recevrez plus de SMS. Répondez START pour vous réinscrire.`,
		opt_in: (b: string) => `${b} : vous êtes de nouveau inscrit(e). Répondez STOP pour vous désinscrire.`,
		help: (b: string, c: string) => `${b} : aide au ${c}. Répondez STOP pour vous désinscrire.`,
	},
} as const;

export interface InboundOutcome {
	classification: InboundClassification;
	from: string;
	/** Whether the ledger changed (a first STOP, a START that lifted a STOP or confirmed a double opt-in). */
	changed: boolean;
	confirmedDoubleOptIn: boolean;
	/** Auto-reply text, or null. Opt-out/opt-in confirmations go out only when the state changed (once). */
	reply: string | null;
}

export async function handleInboundMessage(store: JourneyStore, params: TwilioForm, reply: ReplySettings, at?: Date): Promise<InboundOutcome> {
	const classification = classifyInbound(params.Body);
	const from = normalizeSubject('sms', params.From ?? '');
	const evidence = { messageSid: params.MessageSid ?? params.SmsSid, to: params.To, keyword: classification.keyword ?? undefined };
	let changed = false;
	let confirmedDoubleOptIn = false;
	if (classification.intent === 'opt_out') {
		changed = (await store.getSuppression(from, 'sms')) === null;
		await recordOptOut(store, { subject: from, channel: 'sms', source: 'sms_keyword', at, evidence: { ...evidence, body: params.Body } });
	} else if (classification.intent === 'opt_in') {
		const result = await recordOptIn(store, { subject: from, channel: 'sms', source: 'sms_keyword', at, evidence: { ...evidence, body: params.Body }, replyFromNumber: true });
		confirmedDoubleOptIn = result.confirmedDoubleOptIn;
		changed = result.lifted || result.confirmedDoubleOptIn;
	}
	let text: string | null = null;
	if (reply.enabled && classification.intent !== 'other') {
		const lang = REPLIES[replyLanguage(classification.language, from, reply.defaultLanguage)];
		if (classification.intent === 'help') text = lang.help(reply.brand, reply.contact);
		else if (changed) text = lang[classification.intent](reply.brand);
	}
	return { classification, from, changed, confirmedDoubleOptIn, reply: text };
}

const KNOWN_STATUSES = new Set<MessageStatus>(['queued', 'accepted', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'read', 'received']);

/** Twilio error 21610: the recipient replied STOP at carrier level; treat it as an opt-out too. */
const CARRIER_OPT_OUT = '21610';

export async function handleStatusCallback(
	store: JourneyStore,
	params: TwilioForm,
	at?: Date,
): Promise<{ messageSid: string; status: string; errorCode: string | null; known: boolean }> {
	const messageSid = params.MessageSid ?? params.SmsSid ?? '';
	const status = String(params.MessageStatus ?? '').toLowerCase();
	const errorCode = params.ErrorCode ? String(params.ErrorCode) : null;
	let known = false;
	if (messageSid && KNOWN_STATUSES.has(status as MessageStatus)) known = await store.updateMessageStatus(messageSid, status as MessageStatus, errorCode, at);
	if (errorCode === CARRIER_OPT_OUT && params.To) {
		await store.suppress({ subject: normalizeSubject('sms', params.To), channel: 'sms', reason: 'carrier_opt_out', source: 'twilio_status', at, evidence: { messageSid } });
	}
	return { messageSid, status, errorCode, known };
}

function escapeXml(text: string): string {
	return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] as string);
}

/** A TwiML answer: one reply message, or an empty response (Twilio then sends nothing). */
export function twiml(message: string | null): string {
	const body = message ? `<Message>${escapeXml(message)}</Message>` : '';
	return `<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`;
}
