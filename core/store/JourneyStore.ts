import type { ShipmentStore } from './concerns/shipmentTypes';
import type { RatingStore } from './concerns/ratings';
import type { OrderHistoryStore } from './concerns/orderHistory';
import type { OrderImportStore } from './concerns/orderImports';
import type { DueReadStore } from './concerns/dueReads';
import type { CartStore } from './concerns/carts';
import type { ErasureReport, SubjectExport } from './concerns/privacy';
import type { LinkStore } from './concerns/links';
import type { ReportReadStore } from './concerns/reportReads';
import type { LeaseClaim } from './concerns/claims';

export type { Rating, RatingInput, RatingSentiment, RatingStore, ReviewAsk, ReviewAskInput, StoredScale } from './concerns/ratings';
export type { ErasureReport, SubjectExport } from './concerns/privacy';
export type { Attribution, AttributionInput, ClickInput, ClickResult, LinkClick, LinkStore, ShortLink, ShortLinkInput, TouchKind } from './concerns/links';
export type { ImportCounts, ImportKey, ImportStart, OrderImport, OrderImportStore } from './concerns/orderImports';

/**
 * The journey store: state that outlives one execution and is shared by every workflow and every n8n process.
 * One implementation (`SqlJourneyStore`, each concern in `concerns/`) runs over two dialects (SQLite via `node:sqlite`,
 * PostgreSQL via `pg`, in `dialect/`), and both pass the same contract tests. Every method is atomic on its own. Subjects are normalized first (E.164 phone, lower-cased e-mail; see
 * `normalizeSubject`), and no backend ever logs a subject in clear.
 */

export type Channel = 'sms' | 'email';
export type Purpose = 'transactional' | 'marketing';

/** Ledger status of one subject + channel + purpose. `pending` = double opt-in asked, not yet confirmed. */
export type ConsentStatus = 'opted_in' | 'pending' | 'opted_out';

export type LegalBasis =
	| 'consent'
	| 'double_opt_in'
	| 'soft_opt_in'
	| 'contract'
	| 'legitimate_interest'
	| 'withdrawal';

export interface ConsentEvidence {
	ip?: string;
	userAgent?: string;
	/** Provider id of the message that carried the consent (e.g. the Twilio SID of a "JA" reply). */
	messageSid?: string;
	/** Free-form extra facts (form URL, checkbox label, shop order id …). */
	[key: string]: unknown;
}

export interface ConsentRecordInput {
	subject: string;
	channel: Channel;
	purpose: Purpose;
	status: ConsentStatus;
	legalBasis: LegalBasis;
	/** Where the consent came from: `checkout`, `sms_keyword`, `shopify`, `double_opt_in_link` … */
	source: string;
	consentTextVersion?: string;
	/** SHA-256 of the exact consent wording shown to the customer. */
	consentTextHash?: string;
	evidence?: ConsentEvidence;
	/** When the customer acted; defaults to the store's now. */
	recordedAt?: Date;
}

export interface ConsentRecord extends Required<Omit<ConsentRecordInput, 'evidence' | 'consentTextVersion' | 'consentTextHash'>> {
	id: string;
	consentTextVersion: string | null;
	consentTextHash: string | null;
	evidence: ConsentEvidence;
	recordedAt: Date;
}

export type SuppressionReason = 'stop' | 'hard_bounce' | 'complaint' | 'erasure' | 'manual' | 'carrier_opt_out';

export interface SuppressionInput {
	subject: string;
	channel: Channel;
	reason: SuppressionReason;
	source: string;
	at?: Date;
	evidence?: Record<string, unknown>;
}

export interface Suppression {
	channel: Channel;
	reason: SuppressionReason;
	source: string;
	at: Date;
	/** False once the subject was erased: only the hash is left. */
	subjectKnown: boolean;
}

export type MessageStatus =
	| 'queued'
	| 'accepted'
	| 'sending'
	| 'sent'
	| 'delivered'
	| 'undelivered'
	| 'failed'
	| 'read'
	| 'received'
	| 'bounced';

export interface MessageLogInput {
	subject: string;
	channel: Channel;
	purpose: Purpose;
	journeyStep: string;
	providerId?: string;
	status: MessageStatus;
	/** Segments for SMS, 1 for e-mail; used in cost reports. */
	units?: number;
	sentAt?: Date;
	meta?: Record<string, unknown>;
}

export interface MessageLogEntry extends Required<Omit<MessageLogInput, 'providerId' | 'meta' | 'units' | 'sentAt'>> {
	id: string;
	providerId: string | null;
	units: number;
	sentAt: Date;
	updatedAt: Date;
	errorCode: string | null;
	meta: Record<string, unknown>;
}

export interface MessageCountQuery {
	subject: string;
	channel: Channel;
	purpose?: Purpose;
	since: Date;
	/** Count only these statuses; default: everything except `failed` and `undelivered`. */
	statuses?: MessageStatus[];
}

export interface DecisionInput {
	subject: string;
	channel: Channel;
	purpose: Purpose;
	journeyStep?: string;
	decision: 'send' | 'deferred' | 'suppressed';
	reason: string;
	policyVersion: string;
	decidedAt?: Date;
	detail?: Record<string, unknown>;
}

/** Kinds of scheduled work the pollers pick up. */
export type DueKind = 'cart' | 'purchase' | 'shipment' | (string & {});

export interface DueItemInput {
	kind: DueKind;
	/** Stable id within the kind: cart token, `customer|sku`, tracking number. */
	key: string;
	subject?: string;
	dueAt: Date;
	payload: Record<string, unknown>;
}

export interface DueItem {
	kind: DueKind;
	key: string;
	subject: string | null;
	dueAt: Date;
	payload: Record<string, unknown>;
	/** How many times the item was claimed (a re-claim after an expired lease counts again). */
	attempts: number;
	status: 'pending' | 'leased' | 'done' | 'cancelled';
}

export interface JourneyStore {
	readonly backend: 'sqlite' | 'postgres';
	/** Review requests and ratings (`concerns/ratings.ts`). */
	readonly ratings: RatingStore;
	/** Carts waiting for a reminder (Cart Abandoned Trigger); orders cancel them. */
	readonly carts: CartStore;
	/** The shop's order history (`concerns/orderHistory.ts`). */
	readonly orders: OrderHistoryStore;
	/** Where each order-history import stands, so an interrupted one resumes (`concerns/orderImports.ts`). */
	readonly imports: OrderImportStore;
	/** What refill reminders, product birthdays and win-back read besides the history (`concerns/dueReads.ts`). */
	readonly due: DueReadStore;
	/** Watched shipments, their status history, order stages and transit samples (`concerns/shipments.ts`). */
	readonly shipments: ShipmentStore;
	/** Short links, their clicks and orders attributed to a journey step (`concerns/links.ts`). */
	readonly links: LinkStore;
	/** What the journey report and the journey board read (`concerns/reportReads.ts`). */
	readonly reports: ReportReadStore;

	/** Applied schema version (migrations run on open). */
	schemaVersion(): Promise<number>;
	close(): Promise<void>;

	// 1. Idempotency claims ------------------------------------------------------------------------------------
	/**
	 * Claims `key` for `ttlMs` (null = forever). Returns true for exactly one caller across all processes until the
	 * claim is released or expires.
	 */
	claim(key: string, ttlMs: number | null, now?: Date): Promise<boolean>;
	/** Gives a claim back (the guarded work failed), so a retry can claim it again. */
	release(key: string): Promise<void>;
	/** Whether a live claim exists. */
	isClaimed(key: string, now?: Date): Promise<boolean>;
	/** Batched `isClaimed`: the keys (of those given) that hold a live claim. */
	isClaimedMany(keys: string[], now?: Date): Promise<Set<string>>;
	/**
	 * A claim with a lease (`concerns/claims.ts`): taken, held by another live holder, or done for good. A lease that
	 * runs out before it is settled (the holder died) is taken over, and the new holder is told since when it was held.
	 */
	claimLease(key: string, leaseMs: number, now?: Date): Promise<LeaseClaim>;
	renewLease(key: string, claimedAt: number, leaseMs: number, now?: Date): Promise<boolean>;
	settleLease(key: string, claimedAt: number): Promise<boolean>;
	releaseLease(key: string, claimedAt: number): Promise<void>;

	// 2. Consent ledger (append-only) ---------------------------------------------------------------------------
	appendConsent(record: ConsentRecordInput): Promise<ConsentRecord>;
	/**
	 * Appends many records in one transaction (imports, back-fills): all or none. Every record is checked and its
	 * subject normalized as in `appendConsent`. Returns how many were appended.
	 */
	appendConsentMany(records: ConsentRecordInput[]): Promise<number>;
	/** The newest record for subject + channel + purpose. */
	currentConsent(subject: string, channel: Channel, purpose: Purpose): Promise<ConsentRecord | null>;
	/**
	 * Batched look-up, keyed by the values given; subjects without a record, and values that are not subjects, are
	 * absent from the map (values already in E.164 shape skip the full phone-number parse, see `lookupSubject`).
	 */
	currentConsentMany(subjects: string[], channel: Channel, purpose: Purpose): Promise<Map<string, ConsentRecord>>;
	exportSubject(subject: string): Promise<SubjectExport>;
	/** GDPR erasure: removes personal data, keeps a salted hash in the suppression list. */
	eraseSubject(subject: string, at?: Date): Promise<ErasureReport>;

	// 3. Suppression list ----------------------------------------------------------------------------------------
	suppress(entry: SuppressionInput): Promise<void>;
	/** Lifts a suppression (e.g. START after STOP); erasure suppressions are never lifted. Returns whether one was lifted. */
	unsuppress(subject: string, channel: Channel, source: string, at?: Date): Promise<boolean>;
	getSuppression(subject: string, channel: Channel): Promise<Suppression | null>;
	getSuppressionMany(subjects: string[], channel: Channel): Promise<Map<string, Suppression>>;

	// 4. Message log -----------------------------------------------------------------------------------------------
	logMessage(entry: MessageLogInput): Promise<MessageLogEntry>;
	/** Updates the status from a delivery callback; returns false when the provider id is unknown. */
	updateMessageStatus(providerId: string, status: MessageStatus, errorCode?: string | null, at?: Date): Promise<boolean>;
	countMessages(query: MessageCountQuery): Promise<number>;
	/** Counts for many subjects at once (frequency caps over a batch). */
	countMessagesMany(subjects: string[], query: Omit<MessageCountQuery, 'subject'>): Promise<Map<string, number>>;
	findMessageByProviderId(providerId: string): Promise<MessageLogEntry | null>;
	appendDecision(decision: DecisionInput): Promise<void>;
	/**
	 * Appends many decisions in one transaction (a gated batch): all or none. `resolved`: the subjects are recipients
	 * the caller has already resolved to the store's one spelling (the Consent Gate's), so they are not parsed again.
	 */
	appendDecisions(decisions: DecisionInput[], options?: { resolved?: boolean }): Promise<void>;

	// 5. Scheduled work: pending carts, consumable purchases, watched shipments --------------------------------------
	/** Inserts or replaces an item (a replaced item becomes pending again with the new due time and payload). */
	upsertDue(item: DueItemInput): Promise<void>;
	/**
	 * Leases up to `limit` pending items of `kind` whose due time has passed (or whose lease expired). Two pollers
	 * never receive the same item while its lease of `leaseMs` runs.
	 */
	claimDue(kind: DueKind, options: { now?: Date; limit: number; leaseMs: number }): Promise<DueItem[]>;
	/** Finishes a leased item so it is never emitted again. */
	completeDue(kind: DueKind, key: string): Promise<void>;
	/** Cancels an item (e.g. the cart became an order). Returns whether it existed and was not done. */
	cancelDue(kind: DueKind, key: string): Promise<boolean>;
	getDue(kind: DueKind, key: string): Promise<DueItem | null>;

	// Small shared state: caches, rate windows, last-known values ----------------------------------------------------
	/** Reads a cached value (null when absent or expired). */
	cacheGet<T = unknown>(namespace: string, key: string, now?: Date): Promise<T | null>;
	cachePut(namespace: string, key: string, value: unknown, ttlMs: number | null, now?: Date): Promise<void>;
	/**
	 * Counts one hit against `limit` in a fixed window of `windowMs`; returns false (and does not count) when the
	 * window is full. Used for per-provider API quotas shared by all processes.
	 */
	takeQuota(name: string, limit: number, windowMs: number, now?: Date): Promise<boolean>;
	/**
	 * Reserves the next send slot of `name` (an account), `intervalMs` after the one before, for every process at
	 * once; returns the slot in epoch milliseconds. Used to keep one send rate per Twilio account across workers.
	 */
	reserveSlot(name: string, intervalMs: number, now?: Date): Promise<number>;
	/**
	 * A 32-byte secret for `purpose` (e.g. signing the tracking page's links), derived from the store's own random salt:
	 * the same in every process that opens this store, different for every store and purpose, and never the salt itself.
	 */
	derivedKey(purpose: string): Buffer;
}
