import type { Channel, ConsentRecord, Purpose, Suppression } from '../store/JourneyStore';

export type { Channel, Purpose };

/** Shop-reported consent for one channel, as the canonical model carries it (`customer.consent.sms`). */
export interface ShopConsentFlags {
	/** true / 'subscribed' / 'yes' mean opted in. */
	marketing?: boolean | string | null;
	/** The shop's own state word (Shopify `subscribed`, `pending`, `unsubscribed`), used when `marketing` is null. */
	state?: string | null;
	/** Shopify `marketing_opt_in_level`: `confirmed_opt_in` means double opt-in was done. */
	optInLevel?: string | null;
	level?: string | null;
	collectedAt?: string | null;
	source?: string | null;
}

/** The parts of the canonical customer the gate reads. */
export interface ConsentCustomer {
	id?: string | number | null;
	email?: string | null;
	phone?: string | null;
	country?: string | null;
	/** US state or German Bundesland code (`FL`, `BY`, `DE-BY`). */
	region?: string | null;
	timezone?: string | null;
	locale?: string | null;
	consent?: { sms?: ShopConsentFlags | null; email?: ShopConsentFlags | null } | null;
}

export interface ConsentRequest {
	channel: Channel;
	purpose: Purpose;
	/** Phone number or e-mail address; defaults to the customer's phone/e-mail for the channel. */
	recipient?: string | null;
	journeyStep?: string | null;
	customer?: ConsentCustomer | null;
	/** Optional message text, checked for marketing content when the purpose is transactional. */
	messageText?: string | null;
	/** Urgent transactional messages are never held overnight. */
	urgent?: boolean;
	/** How often this item has already come back to the same gate deferred (the Deferred → Wait → gate loop). */
	deferrals?: number;
	/** The order's or shipment's shipping address; used for where the customer lives when the customer record does not say. */
	shippingAddress?: { country?: string | null; region?: string | null } | null;
	/** Where the item came from (the trigger's platform and event id), kept as evidence when the gate records a shop opt-out. */
	origin?: { platform?: string | null; eventId?: string | null } | null;
}

export type OverCapAction = 'defer' | 'suppress';

export interface ConsentOptions {
	/** Still allow strictly transactional messages to numbers that replied STOP. Default false. */
	allowTransactionalAfterStop: boolean;
	/** Countries whose recipients need a confirmed double opt-in for marketing. */
	doubleOptInCountries: readonly string[];
	/** Accept a recorded soft opt-in (§7(3) UWG / PECR reg. 22(3)) for marketing e-mail. Never for SMS. */
	allowSoftOptIn: boolean;
	/** Fall back to the shop's consent flags on the customer when the ledger has no record. */
	useShopConsentFlags: boolean;
	/** Only these recipient countries (ISO codes) may receive messages; empty = all. */
	countryAllowList: readonly string[];
	/** Country assumed for numbers written without a + prefix. */
	defaultCountry?: string;
	capPer24h: number;
	capPer30d: number;
	overCap: OverCapAction;
	/** Marketer's narrower window in local time, minutes after midnight [start, end). */
	window?: readonly [number, number];
	/** ISO weekdays (1 = Monday … 7 = Sunday) the marketer allows; empty = all. */
	days: readonly number[];
	/** Hold non-urgent transactional messages overnight (08:00–21:00 local). */
	holdTransactionalOvernight: boolean;
	/** Treat a transactional message with marketing content as marketing. */
	strictContent: boolean;
}

export const DEFAULT_OPTIONS: ConsentOptions = {
	allowTransactionalAfterStop: false,
	doubleOptInCountries: ['AT', 'CH', 'DE'],
	allowSoftOptIn: false,
	useShopConsentFlags: true,
	countryAllowList: [],
	capPer24h: 1,
	capPer30d: 4,
	overCap: 'defer',
	days: [],
	holdTransactionalOvernight: false,
	strictContent: false,
};

/** What the store knows about one subject, looked up in batches by the caller. */
export interface SubjectFacts {
	suppression: Suppression | null;
	/** Current ledger record for channel + marketing. */
	consent: ConsentRecord | null;
	/** Marketing messages on this channel in the last 24 h / 30 days. */
	sent24h: number;
	sent30d: number;
	/** A message for this subject + journey step + channel was already claimed. */
	alreadySent: boolean;
}

export const NO_FACTS: SubjectFacts = { suppression: null, consent: null, sent24h: 0, sent30d: 0, alreadySent: false };

export type Decision = 'send' | 'deferred' | 'suppressed';

export type DecisionReason =
	| 'allowed'
	| 'transactional'
	| 'invalid_recipient'
	| 'not_mobile'
	| 'country_not_allowed'
	| 'opted_out'
	| 'bounced'
	| 'complaint'
	| 'erased'
	| 'suppressed'
	| 'already_sent'
	| 'no_consent'
	| 'consent_pending'
	| 'double_opt_in_required'
	| 'quiet_hours'
	| 'frequency_cap'
	| 'deferred_too_often';

export interface Jurisdiction {
	country: string | null;
	region: string | null;
	/** `US-FL`, `DE-BY`, `FR` … */
	code: string | null;
	/** Where the region came from. */
	regionSource: 'address' | 'area_code' | null;
}

export interface ConsentDecision {
	decision: Decision;
	reason: DecisionReason;
	/** Normalized subject (E.164 phone or lower-cased e-mail); null when the recipient is invalid. */
	subject: string | null;
	jurisdiction: string | null;
	timezone: string | null;
	/** Recipient-local wall time at evaluation, ISO with offset. */
	localTime: string | null;
	/** Send now (= evaluation time) or the next allowed moment for deferred items; null when suppressed. */
	sendAt: string | null;
	policyVersion: string;
	/** The quiet-hours rule applied, e.g. `US-FL`. */
	rule: string | null;
	purpose: Purpose;
	warnings: string[];
	detail?: string;
	/** For deferred items: how often this item has now been deferred in a row by this gate. */
	deferrals?: number;
}
