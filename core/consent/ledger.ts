import { createHash } from 'node:crypto';
import { InputError } from '../shared/errors';
import { normalizeSubject } from '../store';
import type { Channel, ConsentEvidence, ConsentRecord, ConsentRecordInput, JourneyStore, LegalBasis, Purpose } from '../store/JourneyStore';

/** Consent ledger writes: every change is a new record (append-only), with the evidence a court asks for. */

export interface RecordConsentInput {
	subject: string;
	channel: Channel;
	purpose?: Purpose;
	/** `double_opt_in` records start as pending until confirmed, unless `confirmed` is set. */
	legalBasis: LegalBasis;
	source: string;
	consentTextVersion?: string;
	/** The exact consent wording shown; stored as a SHA-256 hash. */
	consentText?: string;
	ip?: string;
	userAgent?: string;
	/** When the customer acted; default now. */
	at?: Date;
	/** The double opt-in was already confirmed (e.g. the shop ran it). */
	confirmed?: boolean;
	defaultCountry?: string;
	evidence?: ConsentEvidence;
}

export async function recordConsent(store: JourneyStore, input: RecordConsentInput): Promise<ConsentRecord> {
	const subject = normalizeSubject(input.channel, input.subject, input.defaultCountry);
	if (!input.source?.trim()) throw new InputError('Say where the consent came from (e.g. checkout, signup form).', 'source');
	if (input.legalBasis === 'soft_opt_in' && input.channel !== 'email') {
		throw new InputError('Soft opt-in applies to e-mail only; SMS marketing needs express consent.', 'legalBasis');
	}
	const evidence: ConsentEvidence = { ...(input.evidence ?? {}) };
	if (input.ip) evidence.ip = input.ip;
	if (input.userAgent) evidence.userAgent = input.userAgent;
	if (input.legalBasis === 'soft_opt_in' && !(evidence.orderId ?? evidence.originOrderId)) {
		throw new InputError('A soft opt-in must name the order the address was collected with.', 'evidence.orderId');
	}
	const status = input.legalBasis === 'double_opt_in' && !input.confirmed ? 'pending' : input.legalBasis === 'withdrawal' ? 'opted_out' : 'opted_in';
	return store.appendConsent({
		subject,
		channel: input.channel,
		purpose: input.purpose ?? 'marketing',
		status,
		legalBasis: input.legalBasis,
		source: input.source.trim(),
		consentTextVersion: input.consentTextVersion,
		consentTextHash: input.consentText ? createHash('sha256').update(input.consentText, 'utf8').digest('hex') : undefined,
		evidence,
		recordedAt: input.at,
	});
}

/**
 * An opt-out: the suppression first (it is what every sender checks), then the ledger withdrawal for marketing.
 */
export async function recordOptOut(
	store: JourneyStore,
	input: { subject: string; channel: Channel; source: string; at?: Date; evidence?: ConsentEvidence; defaultCountry?: string },
): Promise<void> {
	const subject = normalizeSubject(input.channel, input.subject, input.defaultCountry);
	await store.suppress({ subject, channel: input.channel, reason: 'stop', source: input.source, at: input.at, evidence: input.evidence });
	await store.appendConsent({
		subject,
		channel: input.channel,
		purpose: 'marketing',
		status: 'opted_out',
		legalBasis: 'withdrawal',
		source: input.source,
		evidence: input.evidence ?? {},
		recordedAt: input.at,
	});
}

/**
 * A keyword opt-in (START/YES/UNSTOP/JA): lifts a STOP and, when a double opt-in was pending, confirms it; else
 * records a plain consent from the handset. Returns what happened.
 */
/**
 * A customer opts (back) in. `replyFromNumber`: the request came as a keyword reply (START, JA, YES) sent from the
 * very number it is about. Only the number's owner can send that, so it is confirmed consent in itself, like the
 * reply that confirms a double opt-in: recorded as `double_opt_in` with the inbound message as evidence, and the gate
 * sends again to countries that require a double opt-in (DE, AT, CH) — as the auto-reply promises.
 */
export async function recordOptIn(
	store: JourneyStore,
	input: { subject: string; channel: Channel; source: string; at?: Date; evidence?: ConsentEvidence; replyFromNumber?: boolean },
): Promise<{ lifted: boolean; confirmedDoubleOptIn: boolean }> {
	const subject = normalizeSubject(input.channel, input.subject);
	const lifted = await store.unsuppress(subject, input.channel, input.source, input.at);
	const confirmedDoubleOptIn = await confirmPendingDoubleOptIn(store, { ...input, subject });
	if (!confirmedDoubleOptIn) {
		await store.appendConsent({
			subject,
			channel: input.channel,
			purpose: 'marketing',
			status: 'opted_in',
			legalBasis: input.replyFromNumber && input.channel === 'sms' ? 'double_opt_in' : 'consent',
			source: input.source,
			evidence: input.replyFromNumber ? { ...(input.evidence ?? {}), confirmedBy: 'reply_from_number' } : (input.evidence ?? {}),
			recordedAt: input.at,
		});
	}
	return { lifted, confirmedDoubleOptIn };
}

/** Confirms a pending double opt-in (the customer replied YES/JA or clicked the link). Returns whether one was pending. */
export async function confirmPendingDoubleOptIn(
	store: JourneyStore,
	input: { subject: string; channel: Channel; source: string; at?: Date; evidence?: ConsentEvidence },
): Promise<boolean> {
	const subject = normalizeSubject(input.channel, input.subject);
	const current = await store.currentConsent(subject, input.channel, 'marketing');
	if (current?.status !== 'pending') return false;
	await store.appendConsent({
		subject,
		channel: input.channel,
		purpose: 'marketing',
		status: 'opted_in',
		legalBasis: 'double_opt_in',
		source: input.source,
		consentTextVersion: current.consentTextVersion ?? undefined,
		consentTextHash: current.consentTextHash ?? undefined,
		evidence: { ...(input.evidence ?? {}), confirms: current.id },
		recordedAt: input.at,
	});
	return true;
}

/** A marketing opt-out the shop reported (checkout, account page, shop admin), found by the gate. */
export interface ShopOptOut {
	subject: string;
	channel: Channel;
	at: Date;
	evidence: ConsentEvidence;
}

/**
 * Records the shop's opt-outs in the ledger in one transaction: a withdrawal with source `shop` and what the shop
 * said as evidence. No suppression: the customer left marketing, not order and shipping messages.
 */
export async function recordShopOptOuts(store: JourneyStore, optOuts: readonly ShopOptOut[]): Promise<ConsentRecord[]> {
	if (optOuts.length === 0) return [];
	const records: ConsentRecordInput[] = optOuts.map((o) => ({
		subject: o.subject,
		channel: o.channel,
		purpose: 'marketing',
		status: 'opted_out',
		legalBasis: 'withdrawal',
		source: SHOP_SOURCE,
		evidence: o.evidence,
		recordedAt: o.at,
	}));
	await store.appendConsentMany(records);
	// What the ledger now holds, without reading it back (the batch decides on it right away).
	return records.map((r, i) => ({
		id: `shop-opt-out-${i}`,
		subject: r.subject,
		channel: r.channel,
		purpose: r.purpose,
		status: r.status,
		legalBasis: r.legalBasis,
		source: r.source,
		consentTextVersion: null,
		consentTextHash: null,
		evidence: r.evidence ?? {},
		recordedAt: r.recordedAt as Date,
	}));
}

/** The ledger source of opt-outs the shop reported. */
export const SHOP_SOURCE = 'shop';
