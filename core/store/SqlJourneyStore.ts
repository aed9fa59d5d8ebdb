import { createHmac } from 'node:crypto';
import { InputError, StoreError } from '../shared/errors';
import type { Clock } from '../shared/clock';
import type { RetentionSettings } from './config';
import { StoreContext } from './context';
import type { StoreCall } from './context';
import type { Dialect } from './dialect/Dialect';
import type {
	Channel,
	ConsentRecord,
	ConsentRecordInput,
	DecisionInput,
	DueItem,
	DueItemInput,
	DueKind,
	ErasureReport,
	JourneyStore,
	MessageCountQuery,
	MessageLogEntry,
	MessageLogInput,
	MessageStatus,
	Purpose,
	SubjectExport,
	Suppression,
	SuppressionInput,
} from './JourneyStore';
import { createCartStore } from './concerns/carts';
import type { CartStore } from './concerns/carts';
import * as claims from './concerns/claims';
import type { LeaseClaim } from './concerns/claims';
import * as consent from './concerns/consentLedger';
import * as decisions from './concerns/decisions';
import { HOUSEKEEPING_INTERVAL_MS, hasRetention, runHousekeeping } from './concerns/housekeeping';
import type { HousekeepingReport } from './concerns/housekeeping';
import { createLinkStore } from './concerns/links';
import type { LinkStore } from './concerns/links';
import { createReportReadStore } from './concerns/reportReads';
import type { ReportReadStore } from './concerns/reportReads';
import * as messages from './concerns/messageLog';
import { createOrderHistoryStore } from './concerns/orderHistory';
import type { OrderHistoryStore } from './concerns/orderHistory';
import { createOrderImportStore } from './concerns/orderImports';
import type { OrderImportStore } from './concerns/orderImports';
import { createDueReadStore } from './concerns/dueReads';
import type { DueReadStore } from './concerns/dueReads';
import * as privacy from './concerns/privacy';
import { createRatingStore } from './concerns/ratings';
import type { RatingStore } from './concerns/ratings';
import * as scheduled from './concerns/scheduled';
import * as shared from './concerns/sharedState';
import { createShipmentStore } from './concerns/shipments';
import type { ShipmentStore } from './concerns/shipments';
import * as suppressions from './concerns/suppressions';

export interface SqlJourneyStoreOptions {
	clock?: Clock;
	retention?: RetentionSettings;
}

/**
 * The one `JourneyStore`: each method hands its concern (`concerns/`) the context and the dialect it was opened with.
 * Every call checks the store is open, wraps database failures into a `StoreError` (input errors pass through), and
 * starts the hourly housekeeping when retention is set and it is due.
 */
export class SqlJourneyStore implements JourneyStore {
	readonly backend: 'sqlite' | 'postgres';
	readonly ratings: RatingStore;
	readonly carts: CartStore;
	readonly orders: OrderHistoryStore;
	readonly imports: OrderImportStore;
	readonly due: DueReadStore;
	readonly shipments: ShipmentStore;
	readonly links: LinkStore;
	readonly reports: ReportReadStore;
	private readonly ctx: StoreContext;
	private readonly retention: RetentionSettings | undefined;
	private nextHousekeepingAt = Number.NEGATIVE_INFINITY;
	private housekeeping: Promise<HousekeepingReport | null> = Promise.resolve(null);
	private closed = false;

	constructor(
		private readonly db: Dialect,
		options: SqlJourneyStoreOptions = {},
	) {
		this.backend = db.backend;
		const clock = options.clock;
		this.ctx = new StoreContext(db, clock ? () => clock.now().getTime() : () => Date.now());
		this.retention = hasRetention(options.retention) ? options.retention : undefined;
		const call: StoreCall = (action, fn) => this.call(action, fn);
		this.ratings = createRatingStore(call, this.ctx);
		this.carts = createCartStore(call, this.ctx);
		this.orders = createOrderHistoryStore(call, this.ctx);
		this.imports = createOrderImportStore(call, this.ctx);
		this.due = createDueReadStore(call, this.ctx);
		this.shipments = createShipmentStore(call, this.ctx);
		this.links = createLinkStore(call, this.ctx);
		this.reports = createReportReadStore(call, this.ctx);
	}

	private async call<T>(action: string, fn: () => Promise<T>): Promise<T> {
		if (this.closed) throw new StoreError('The journey store was already closed.');
		if (this.retention) this.housekeepIfDue(this.retention);
		try {
			return await fn();
		} catch (error) {
			if (error instanceof InputError || error instanceof StoreError) throw error;
			throw new StoreError(`The journey store (${this.db.label}) failed to ${action}.`, error);
		}
	}

	private housekeepIfDue(retention: RetentionSettings): void {
		const now = this.ctx.now();
		if (now < this.nextHousekeepingAt) return;
		this.nextHousekeepingAt = now + HOUSEKEEPING_INTERVAL_MS;
		// In the background: the call that happens to trigger it does not wait. A failure is retried next hour.
		this.housekeeping = this.housekeeping.then(() => runHousekeeping(this.ctx, retention, now).catch(() => null));
	}

	/** The housekeeping pass started last (null when none ran: no retention, or another process ran it this hour). */
	housekeepingDone(): Promise<HousekeepingReport | null> {
		return this.housekeeping;
	}

	async schemaVersion(): Promise<number> {
		return this.call('read the schema version', async () => Number((await this.db.get('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations'))?.v));
	}

	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		await this.housekeeping;
		await this.db.close();
	}

	claim(key: string, ttlMs: number | null, now?: Date): Promise<boolean> {
		return this.call('claim a key', () => claims.claim(this.ctx, key, ttlMs, now));
	}
	release(key: string): Promise<void> {
		return this.call('release a claim', () => claims.release(this.ctx, key));
	}
	isClaimed(key: string, now?: Date): Promise<boolean> {
		return this.call('check a claim', () => claims.isClaimed(this.ctx, key, now));
	}
	isClaimedMany(keys: string[], now?: Date): Promise<Set<string>> {
		return this.call('check claims', () => claims.isClaimedMany(this.ctx, keys, now));
	}
	claimLease(key: string, leaseMs: number, now?: Date): Promise<LeaseClaim> {
		return this.call('claim a key', () => claims.claimLease(this.ctx, key, leaseMs, now));
	}
	renewLease(key: string, claimedAt: number, leaseMs: number, now?: Date): Promise<boolean> {
		return this.call('renew a claim', () => claims.renewLease(this.ctx, key, claimedAt, leaseMs, now));
	}
	settleLease(key: string, claimedAt: number): Promise<boolean> {
		return this.call('settle a claim', () => claims.settleLease(this.ctx, key, claimedAt));
	}
	releaseLease(key: string, claimedAt: number): Promise<void> {
		return this.call('release a claim', () => claims.releaseLease(this.ctx, key, claimedAt));
	}

	appendConsent(record: ConsentRecordInput): Promise<ConsentRecord> {
		return this.call('record consent', () => consent.appendConsent(this.ctx, record));
	}
	appendConsentMany(records: ConsentRecordInput[]): Promise<number> {
		return this.call('record consent', () => consent.appendConsentMany(this.ctx, records));
	}
	currentConsent(subject: string, channel: Channel, purpose: Purpose): Promise<ConsentRecord | null> {
		return this.call('read consent', () => consent.currentConsent(this.ctx, subject, channel, purpose));
	}
	currentConsentMany(subjects: string[], channel: Channel, purpose: Purpose): Promise<Map<string, ConsentRecord>> {
		return this.call('read consent', () => consent.currentConsentMany(this.ctx, subjects, channel, purpose));
	}
	exportSubject(subject: string): Promise<SubjectExport> {
		return this.call('export a subject', () => privacy.exportSubject(this.ctx, subject));
	}
	eraseSubject(subject: string, at?: Date): Promise<ErasureReport> {
		return this.call('erase a subject', () => privacy.eraseSubject(this.ctx, subject, at));
	}

	suppress(entry: SuppressionInput): Promise<void> {
		return this.call('suppress a subject', () => suppressions.suppress(this.ctx, entry));
	}
	/** `source` and `at` are accepted for the interface; a lifted suppression leaves no row (the ledger records why). */
	unsuppress(subject: string, channel: Channel, _source: string, _at?: Date): Promise<boolean> {
		return this.call('lift a suppression', () => suppressions.unsuppress(this.ctx, subject, channel));
	}
	getSuppression(subject: string, channel: Channel): Promise<Suppression | null> {
		return this.call('read a suppression', () => suppressions.getSuppression(this.ctx, subject, channel));
	}
	getSuppressionMany(subjects: string[], channel: Channel): Promise<Map<string, Suppression>> {
		return this.call('read suppressions', () => suppressions.getSuppressionMany(this.ctx, subjects, channel));
	}

	logMessage(entry: MessageLogInput): Promise<MessageLogEntry> {
		return this.call('log a message', () => messages.logMessage(this.ctx, entry));
	}
	updateMessageStatus(providerId: string, status: MessageStatus, errorCode?: string | null, at?: Date): Promise<boolean> {
		return this.call('update a message status', () => messages.updateMessageStatus(this.ctx, providerId, status, errorCode, at));
	}
	countMessages(query: MessageCountQuery): Promise<number> {
		return this.call('count messages', () => messages.countMessages(this.ctx, query));
	}
	countMessagesMany(subjects: string[], query: Omit<MessageCountQuery, 'subject'>): Promise<Map<string, number>> {
		return this.call('count messages', () => messages.countMessagesMany(this.ctx, subjects, query));
	}
	findMessageByProviderId(providerId: string): Promise<MessageLogEntry | null> {
		return this.call('find a message', () => messages.findMessageByProviderId(this.ctx, providerId));
	}
	appendDecision(decision: DecisionInput): Promise<void> {
		return this.call('record a decision', () => decisions.appendDecisions(this.ctx, [decision]));
	}
	appendDecisions(entries: DecisionInput[], options?: { resolved?: boolean }): Promise<void> {
		return this.call('record decisions', () => decisions.appendDecisions(this.ctx, entries, options?.resolved ?? false));
	}

	upsertDue(item: DueItemInput): Promise<void> {
		return this.call('schedule an item', () => scheduled.upsertDue(this.ctx, item));
	}
	claimDue(kind: DueKind, options: { now?: Date; limit: number; leaseMs: number }): Promise<DueItem[]> {
		return this.call('pick due items', () => scheduled.claimDue(this.ctx, kind, options));
	}
	completeDue(kind: DueKind, key: string): Promise<void> {
		return this.call('finish an item', () => scheduled.completeDue(this.ctx, kind, key));
	}
	cancelDue(kind: DueKind, key: string): Promise<boolean> {
		return this.call('cancel an item', () => scheduled.cancelDue(this.ctx, kind, key));
	}
	getDue(kind: DueKind, key: string): Promise<DueItem | null> {
		return this.call('read an item', () => scheduled.getDue(this.ctx, kind, key));
	}

	cacheGet<T = unknown>(namespace: string, key: string, now?: Date): Promise<T | null> {
		return this.call('read the cache', () => shared.cacheGet<T>(this.ctx, namespace, key, now));
	}
	cachePut(namespace: string, key: string, value: unknown, ttlMs: number | null, now?: Date): Promise<void> {
		return this.call('write the cache', () => shared.cachePut(this.ctx, namespace, key, value, ttlMs, now));
	}
	takeQuota(name: string, limit: number, windowMs: number, now?: Date): Promise<boolean> {
		return this.call('take a quota', () => shared.takeQuota(this.ctx, name, limit, windowMs, now));
	}
	reserveSlot(name: string, intervalMs: number, now?: Date): Promise<number> {
		return this.call('reserve a send slot', () => shared.reserveSlot(this.ctx, name, intervalMs, now));
	}
	derivedKey(purpose: string): Buffer {
		if (this.closed) throw new StoreError('The journey store was already closed.');
		// A NUL never occurs in a normalized subject, so no derived key equals a subject hash.
		return createHmac('sha256', this.db.salt).update(`\u0000key\u0000${purpose}`).digest();
	}
}
