import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { StatementSync, SQLInputValue } from 'node:sqlite';
import type { Clock } from '../../shared/clock';
import { InputError, StoreError } from '../../shared/errors';
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
	ShortLink,
	SubjectExport,
	Suppression,
	SuppressionInput,
} from '../JourneyStore';
import { SQLITE_MIGRATIONS } from '../migrations/sqlite';
import { channelOfSubject, lookupSubject, normalizeAnySubject, normalizeSubject } from '../subject';
import { hmacSha256Hex } from '../impl/hmac';
import { allowedPriorStatuses } from '../impl/status';
import {
	ERASED_JSON,
	DEFAULT_UNCOUNTED_STATUSES,
	checkKey,
	checkPositiveInt,
	checkText,
	checkTtl,
	chunks,
	consentFromRow,
	decisionFromRow,
	dueFromRow,
	messageFromRow,
	ms,
	shortLinkFromRow,
	suppressionFromRow,
	toJson,
	fromJson,
} from '../impl/values';
import type { Row } from '../impl/values';
import { checkConsentInput, checkMessageInput } from '../impl/inputs';

export interface SqliteStoreOptions {
	/** Database file; created with its folder when missing. */
	path: string;
	/** How long a writer waits for another process's lock before failing (default 10 s). */
	busyTimeoutMs?: number;
	clock?: Clock;
}

const CONSENT_INSERT = `INSERT INTO consent_ledger (subject, subject_hash, channel, purpose, status, legal_basis, source,
	consent_text_version, consent_text_hash, evidence, recorded_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

const DECISION_INSERT = `INSERT INTO decisions (subject, subject_hash, channel, purpose, journey_step, decision, reason,
	policy_version, decided_at, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** Batches go through `json_each`, so one bound parameter carries a whole chunk; the chunk size bounds memory. */
const BATCH = 5000;
/** Subjects per generation of the hash memo (two generations are kept: at most ~2 × 100k × ~150 bytes). */
const HASH_MEMO_SIZE = 100_000;

/**
 * The embedded backend: one SQLite file in WAL mode through Node's built-in `node:sqlite`. `DatabaseSync` is
 * synchronous, so every method does its database work in one synchronous stretch: no `await` can interleave
 * two callers' statements, and every multi-statement change runs inside `BEGIN IMMEDIATE` (the write lock is
 * taken up front, so processes queue on `busy_timeout` instead of failing on a lock upgrade).
 */
export class SqliteJourneyStore implements JourneyStore {
	readonly backend = 'sqlite' as const;
	private readonly db: DatabaseSync;
	private readonly statements = new Map<string, StatementSync>();
	private readonly arrayStatements = new Map<string, StatementSync>();
	private readonly now: () => number;
	private salt = '';
	private hmac: (subject: string) => string = () => {
		throw new StoreError('The journey store is not open yet.');
	};
	private hashMemo = new Map<string, string>();
	private oldHashMemo = new Map<string, string>();
	private version = 0;
	private closed = false;

	private constructor(options: SqliteStoreOptions) {
		this.now = options.clock ? () => options.clock!.now().getTime() : () => Date.now();
		if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
		this.db = new DatabaseSync(options.path, { timeout: options.busyTimeoutMs ?? 10_000 });
		this.db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.round(options.busyTimeoutMs ?? 10_000))}`);
		// Switching a new file to WAL needs an exclusive lock, and SQLite does not wait on busy_timeout for it: when two
		// processes open a new store at once, the second retries for up to ~5 s instead of failing.
		for (let attempt = 0; ; attempt++) {
			try {
				this.db.exec('PRAGMA journal_mode = WAL');
				break;
			} catch (error) {
				if (attempt >= 200 || !/locked|busy/i.test(error instanceof Error ? error.message : String(error))) throw error;
				Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25);
			}
		}
		// NORMAL in WAL mode survives a killed process; only a power loss may drop the last commits.
		this.db.exec('PRAGMA synchronous = NORMAL');
		// Erasure must not leave the old personal data readable in freed pages of the file.
		this.db.exec('PRAGMA secure_delete = ON');
		// Batched look-ups touch thousands of random pages; reading them through a memory map instead of one read()
		// per page cut a 10,000-subject batch by a fifth. SQLite only maps what the file holds.
		this.db.exec('PRAGMA mmap_size = 1073741824');
	}

	static open(options: SqliteStoreOptions): SqliteJourneyStore {
		let store: SqliteJourneyStore | undefined;
		try {
			store = new SqliteJourneyStore(options);
			store.migrate();
			return store;
		} catch (error) {
			if (store && !store.closed) store.db.close();
			throw openFailure(error);
		}
	}

	private migrate(): void {
		this.tx(() => {
			this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
			const row = this.db.prepare('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations').get() as Row;
			let current = Number(row.v);
			for (const migration of SQLITE_MIGRATIONS) {
				if (migration.version <= current) continue;
				this.db.exec(migration.sql.replace('{salt}', randomBytes(32).toString('hex')));
				this.db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(migration.version, Date.now());
				current = migration.version;
			}
			this.version = current;
		});
		const salt = this.db.prepare("SELECT value FROM store_meta WHERE key = 'subject_salt'").get() as Row | undefined;
		if (!salt) throw new StoreError('The journey store is damaged: its subject salt is missing.');
		this.salt = String(salt.value);
		this.hmac = hmacSha256Hex(this.salt);
	}

	// Plumbing ----------------------------------------------------------------------------------------------------

	private stmt(sql: string): StatementSync {
		let statement = this.statements.get(sql);
		if (!statement) {
			statement = this.db.prepare(sql);
			this.statements.set(sql, statement);
		}
		return statement;
	}

	private run(sql: string, ...params: SQLInputValue[]): number {
		return Number(this.stmt(sql).run(...params).changes);
	}

	private get(sql: string, ...params: SQLInputValue[]): Row | undefined {
		return this.stmt(sql).get(...params) as Row | undefined;
	}

	// The native driver builds its arrays in Node's main realm. Copying the list here makes it (and every `.map` of it)
	// an array of the realm that loaded this module, so callers in an isolated VM context (Jest) get ordinary arrays.
	private all(sql: string, ...params: SQLInputValue[]): Row[] {
		return Array.from(this.stmt(sql).all(...params) as Row[]);
	}

	/** Like `all`, but each row is an array in column order: much cheaper to build and read for large batches. */
	private allArrays(sql: string, ...params: SQLInputValue[]): unknown[][] {
		let statement = this.arrayStatements.get(sql);
		if (!statement) {
			statement = this.db.prepare(sql);
			statement.setReturnArrays(true);
			this.arrayStatements.set(sql, statement);
		}
		return statement.all(...params) as unknown as unknown[][];
	}

	/** Runs `fn` synchronously inside `BEGIN IMMEDIATE`; never pass a function that awaits. */
	private tx<T>(fn: () => T): T {
		this.db.exec('BEGIN IMMEDIATE');
		let committed = false;
		try {
			const result = fn();
			this.db.exec('COMMIT');
			committed = true;
			return result;
		} finally {
			if (!committed && this.db.isTransaction) this.db.exec('ROLLBACK');
		}
	}

	/** Wraps a database failure into a `StoreError` (input errors pass through untouched). */
	private guard<T>(action: string, fn: () => T): Promise<T> {
		try {
			if (this.closed) throw new StoreError('The journey store was already closed.');
			return Promise.resolve(fn());
		} catch (error) {
			if (error instanceof InputError || error instanceof StoreError) return Promise.reject(error);
			return Promise.reject(new StoreError(`The journey store (SQLite) failed to ${action}.`, error));
		}
	}

	private subject(channel: Channel, value: string): { subject: string; hash: string } {
		const subject = normalizeSubject(channel, value);
		return { subject, hash: this.hashOf(subject) };
	}

	/**
	 * The subject's salted hash, remembered for recently seen subjects: a gated batch hashes each subject for its
	 * suppression, consent, counts, re-check and decision log, and HMAC setup is most of a cold look-up's cost.
	 */
	private hashOf(subject: string): string {
		let hash = this.hashMemo.get(subject) ?? this.oldHashMemo.get(subject);
		if (hash === undefined) {
			hash = this.hmac(subject);
			if (this.hashMemo.size >= HASH_MEMO_SIZE) {
				this.oldHashMemo = this.hashMemo;
				this.hashMemo = new Map();
			}
			this.hashMemo.set(subject, hash);
		}
		return hash;
	}

	private anySubject(value: string): { subject: string; hash: string } {
		const subject = normalizeAnySubject(value);
		return { subject, hash: this.hashOf(subject) };
	}

	/**
	 * Normalizes a batch for reading, grouped by hash (duplicates and different spellings share one look-up). Values
	 * that cannot be subjects are left out: they cannot have records (see `lookupSubject`). Hashes come back sorted so
	 * the index is walked in order.
	 */
	private batchSubjects(channel: Channel, values: string[]): { byHash: Map<string, { subject: string; inputs: string[] }>; hashes: string[] } {
		const byHash = new Map<string, { subject: string; inputs: string[] }>();
		for (const value of values) {
			const subject = lookupSubject(channel, value);
			if (subject === null) continue;
			const hash = this.hashOf(subject);
			const entry = byHash.get(hash);
			if (entry) entry.inputs.push(value);
			else byHash.set(hash, { subject, inputs: [value] });
		}
		return { byHash, hashes: [...byHash.keys()].sort() };
	}

	schemaVersion(): Promise<number> {
		return this.guard('read the schema version', () => {
			const row = this.get('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations');
			return Number(row?.v ?? this.version);
		});
	}

	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		this.statements.clear();
		this.arrayStatements.clear();
		this.db.close();
	}

	// 1. Claims ------------------------------------------------------------------------------------------------------

	claim(key: string, ttlMs: number | null, now?: Date): Promise<boolean> {
		return this.guard('claim a key', () => {
			checkKey(key, 'key');
			const ttl = checkTtl(ttlMs);
			const t = ms(now, this.now());
			// One statement: insert, or take over an expired claim; a live claim makes the WHERE false → no row.
			const row = this.get(
				`INSERT INTO claims (key, claimed_at, expires_at) VALUES (?, ?, ?)
				ON CONFLICT (key) DO UPDATE SET claimed_at = excluded.claimed_at, expires_at = excluded.expires_at
				WHERE claims.expires_at IS NOT NULL AND claims.expires_at <= excluded.claimed_at
				RETURNING key`,
				key,
				t,
				ttl === null ? null : t + ttl,
			);
			return row !== undefined;
		});
	}

	release(key: string): Promise<void> {
		return this.guard('release a claim', () => {
			this.run('DELETE FROM claims WHERE key = ?', checkKey(key, 'key'));
		});
	}

	isClaimed(key: string, now?: Date): Promise<boolean> {
		return this.guard('check a claim', () => {
			const row = this.get(
				'SELECT 1 AS x FROM claims WHERE key = ? AND (expires_at IS NULL OR expires_at > ?)',
				checkKey(key, 'key'),
				ms(now, this.now()),
			);
			return row !== undefined;
		});
	}

	isClaimedMany(keys: string[], now?: Date): Promise<Set<string>> {
		return this.guard('check claims', () => {
			const unique = [...new Set(keys)];
			for (const key of unique) checkKey(key, 'key');
			const t = ms(now, this.now());
			const claimed = new Set<string>();
			for (const chunk of chunks(unique, BATCH)) {
				const rows = this.all(
					`SELECT c.key FROM json_each(?) AS j JOIN claims AS c ON c.key = j.value
					WHERE c.expires_at IS NULL OR c.expires_at > ?`,
					JSON.stringify(chunk),
					t,
				);
				for (const row of rows) claimed.add(row.key as string);
			}
			return claimed;
		});
	}

	// 2. Consent ledger ----------------------------------------------------------------------------------------------

	appendConsent(record: ConsentRecordInput): Promise<ConsentRecord> {
		return this.guard('record consent', () => {
			const params = this.consentParams(record, this.now());
			return consentFromRow(this.get(`${CONSENT_INSERT} RETURNING *`, ...params) as Row, params[0] as string);
		});
	}

	appendConsentMany(records: ConsentRecordInput[]): Promise<number> {
		return this.guard('record consent', () => {
			const t = this.now();
			// Checked and converted before the transaction, so one bad record rejects the batch without a write.
			const rows = records.map((record) => this.consentParams(record, t));
			if (rows.length === 0) return 0;
			return this.tx(() => {
				for (const params of rows) this.run(CONSENT_INSERT, ...params);
				return rows.length;
			});
		});
	}

	private consentParams(record: ConsentRecordInput, t: number): SQLInputValue[] {
		checkConsentInput(record);
		const { subject, hash } = this.subject(record.channel, record.subject);
		return [
			subject,
			hash,
			record.channel,
			record.purpose,
			record.status,
			record.legalBasis,
			record.source,
			record.consentTextVersion ?? null,
			record.consentTextHash ?? null,
			toJson(record.evidence),
			ms(record.recordedAt, t),
			t,
		];
	}

	currentConsent(subject: string, channel: Channel, purpose: Purpose): Promise<ConsentRecord | null> {
		return this.guard('read consent', () => {
			const s = this.subject(channel, subject);
			const row = this.get(
				`SELECT * FROM consent_ledger WHERE subject_hash = ? AND channel = ? AND purpose = ?
				ORDER BY recorded_at DESC, id DESC LIMIT 1`,
				s.hash,
				channel,
				purpose,
			);
			return row ? consentFromRow(row, s.subject) : null;
		});
	}

	currentConsentMany(subjects: string[], channel: Channel, purpose: Purpose): Promise<Map<string, ConsentRecord>> {
		return this.guard('read consent', () => {
			const { byHash, hashes } = this.batchSubjects(channel, subjects);
			const result = new Map<string, ConsentRecord>();
			for (const chunk of chunks(hashes, BATCH)) {
				// A plain join returns each subject's whole (usually one-row) history; picking the newest here is
				// cheaper than a correlated "newest" sub-query, which walks the index twice per subject. The clear
				// subject is not read: it is the normalized input (or NULL after erasure, where the input is used too).
				// `j.key` is the position in the chunk: cheaper to return and to match than the 64-character hash.
				const rows = this.allArrays(
					`SELECT j.key, c.recorded_at, c.id, c.status, c.legal_basis, c.source, c.consent_text_version,
						c.consent_text_hash, c.evidence
					FROM json_each(?) AS j JOIN consent_ledger AS c ON c.subject_hash = j.value AND c.channel = ? AND c.purpose = ?`,
					JSON.stringify(chunk),
					channel,
					purpose,
				);
				const newest: Array<unknown[] | undefined> = new Array(chunk.length);
				for (const row of rows) {
					const at = row[0] as number;
					const seen = newest[at];
					// Newest by recorded_at, then by id (the later append wins a tie).
					if (!seen || (row[1] as number) > (seen[1] as number) || (row[1] === seen[1] && (row[2] as number) > (seen[2] as number))) {
						newest[at] = row;
					}
				}
				for (let at = 0; at < chunk.length; at++) {
					const row = newest[at];
					if (!row) continue;
					const entry = byHash.get(chunk[at]) as { subject: string; inputs: string[] };
					const record: ConsentRecord = {
						id: String(row[2]),
						subject: entry.subject,
						channel,
						purpose,
						status: row[3] as ConsentRecord['status'],
						legalBasis: row[4] as ConsentRecord['legalBasis'],
						source: row[5] as string,
						consentTextVersion: (row[6] as string | null) ?? null,
						consentTextHash: (row[7] as string | null) ?? null,
						evidence: fromJson(row[8], {}),
						recordedAt: new Date(row[1] as number),
					};
					for (const input of entry.inputs) result.set(input, record);
				}
			}
			return result;
		});
	}

	exportSubject(subjectValue: string): Promise<SubjectExport> {
		return this.guard('export a subject', () => {
			const { subject, hash } = this.anySubject(subjectValue);
			// One read transaction so the export is a consistent snapshot.
			this.db.exec('BEGIN');
			try {
				return {
					subject,
					subjectHash: hash,
					exportedAt: new Date(this.now()),
					consent: this.all('SELECT * FROM consent_ledger WHERE subject_hash = ? ORDER BY recorded_at, id', hash).map((r) =>
						consentFromRow(r, subject),
					),
					suppressions: this.all('SELECT * FROM suppressions WHERE subject_hash = ? ORDER BY channel', hash).map(suppressionFromRow),
					messages: this.all('SELECT * FROM messages WHERE subject_hash = ? ORDER BY sent_at, id', hash).map((r) =>
						messageFromRow(r, subject),
					),
					decisions: this.all('SELECT * FROM decisions WHERE subject_hash = ? ORDER BY decided_at, id', hash).map((r) =>
						decisionFromRow(r, subject),
					),
					scheduled: this.all('SELECT * FROM due_items WHERE subject_hash = ? ORDER BY due_at, kind, key', hash).map(dueFromRow),
					shortLinks: this.all('SELECT * FROM short_links WHERE subject_hash = ? ORDER BY created_at, code', hash).map(
						shortLinkFromRow,
					),
				};
			} finally {
				this.db.exec('COMMIT');
			}
		});
	}

	eraseSubject(subjectValue: string, at?: Date): Promise<ErasureReport> {
		return this.guard('erase a subject', () => {
			const { subject, hash } = this.anySubject(subjectValue);
			const t = ms(at, this.now());
			return this.tx(() => {
				const removed: Record<string, number> = {
					consent: this.run(
						`UPDATE consent_ledger SET subject = NULL, evidence = ?
						WHERE subject_hash = ? AND (subject IS NOT NULL OR evidence <> ?)`,
						ERASED_JSON,
						hash,
						ERASED_JSON,
					),
					messages: this.run(
						'UPDATE messages SET subject = NULL, meta = ? WHERE subject_hash = ? AND (subject IS NOT NULL OR meta <> ?)',
						ERASED_JSON,
						hash,
						ERASED_JSON,
					),
					decisions: this.run(
						'UPDATE decisions SET subject = NULL, detail = ? WHERE subject_hash = ? AND (subject IS NOT NULL OR detail <> ?)',
						ERASED_JSON,
						hash,
						ERASED_JSON,
					),
					scheduled: this.run(
						`UPDATE due_items SET subject = NULL, payload = ?, lease_until = NULL, updated_at = ?,
							status = CASE WHEN status IN ('pending', 'leased') THEN 'cancelled' ELSE status END
						WHERE subject_hash = ? AND (subject IS NOT NULL OR payload <> ?)`,
						ERASED_JSON,
						t,
						hash,
						ERASED_JSON,
					),
					linkClicks: this.run(
						'UPDATE link_clicks SET meta = ? WHERE meta <> ? AND code IN (SELECT code FROM short_links WHERE subject_hash = ?)',
						ERASED_JSON,
						ERASED_JSON,
						hash,
					),
					shortLinks: this.run(
						'UPDATE short_links SET subject = NULL, meta = ? WHERE subject_hash = ? AND (subject IS NOT NULL OR meta <> ?)',
						ERASED_JSON,
						hash,
						ERASED_JSON,
					),
					suppressions: this.run(
						'UPDATE suppressions SET subject = NULL, evidence = ? WHERE subject_hash = ? AND subject IS NOT NULL',
						ERASED_JSON,
						hash,
					),
				};
				this.run(
					`INSERT INTO suppressions (subject_hash, channel, subject, reason, source, at, evidence)
					VALUES (?, ?, NULL, 'erasure', 'erasure', ?, ?)
					ON CONFLICT (subject_hash, channel) DO UPDATE SET subject = NULL, reason = 'erasure', source = 'erasure',
						at = excluded.at, evidence = excluded.evidence`,
					hash,
					channelOfSubject(subject),
					t,
					ERASED_JSON,
				);
				return { subjectHash: hash, erasedAt: new Date(t), removed, suppressionKept: true };
			});
		});
	}

	// 3. Suppression list --------------------------------------------------------------------------------------------

	suppress(entry: SuppressionInput): Promise<void> {
		return this.guard('suppress a subject', () => {
			const { subject, hash } = this.subject(entry.channel, entry.subject);
			checkText(entry.source, 'source');
			// An erasure suppression is final: a later STOP or bounce must not bring the clear subject back.
			this.run(
				`INSERT INTO suppressions (subject_hash, channel, subject, reason, source, at, evidence)
				VALUES (?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (subject_hash, channel) DO UPDATE SET subject = excluded.subject, reason = excluded.reason,
					source = excluded.source, at = excluded.at, evidence = excluded.evidence
				WHERE suppressions.reason <> 'erasure'`,
				hash,
				entry.channel,
				subject,
				entry.reason,
				entry.source,
				ms(entry.at, this.now()),
				toJson(entry.evidence),
			);
		});
	}

	unsuppress(subject: string, channel: Channel, source: string, at?: Date): Promise<boolean> {
		return this.guard('lift a suppression', () => {
			void source;
			void at;
			const s = this.subject(channel, subject);
			return this.run("DELETE FROM suppressions WHERE subject_hash = ? AND channel = ? AND reason <> 'erasure'", s.hash, channel) > 0;
		});
	}

	getSuppression(subject: string, channel: Channel): Promise<Suppression | null> {
		return this.guard('read a suppression', () => {
			const s = this.subject(channel, subject);
			const row = this.get('SELECT * FROM suppressions WHERE subject_hash = ? AND channel = ?', s.hash, channel);
			return row ? suppressionFromRow(row) : null;
		});
	}

	getSuppressionMany(subjects: string[], channel: Channel): Promise<Map<string, Suppression>> {
		return this.guard('read suppressions', () => {
			const { byHash, hashes } = this.batchSubjects(channel, subjects);
			const result = new Map<string, Suppression>();
			for (const chunk of chunks(hashes, BATCH)) {
				const rows = this.all(
					`SELECT s.* FROM json_each(?) AS j JOIN suppressions AS s ON s.subject_hash = j.value AND s.channel = ?`,
					JSON.stringify(chunk),
					channel,
				);
				for (const row of rows) {
					const entry = byHash.get(row.subject_hash as string);
					if (!entry) continue;
					const suppression = suppressionFromRow(row);
					for (const input of entry.inputs) result.set(input, suppression);
				}
			}
			return result;
		});
	}

	// 4. Message log -------------------------------------------------------------------------------------------------

	logMessage(entry: MessageLogInput): Promise<MessageLogEntry> {
		return this.guard('log a message', () => {
			checkMessageInput(entry);
			const { subject, hash } = this.subject(entry.channel, entry.subject);
			const t = this.now();
			const sentAt = ms(entry.sentAt, t);
			const row = this.get(
				`INSERT INTO messages (subject, subject_hash, channel, purpose, journey_step, provider_id, status, units,
					sent_at, updated_at, error_code, meta)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?) RETURNING *`,
				subject,
				hash,
				entry.channel,
				entry.purpose,
				entry.journeyStep,
				entry.providerId ?? null,
				entry.status,
				entry.units ?? 1,
				sentAt,
				t,
				toJson(entry.meta),
			) as Row;
			return messageFromRow(row);
		});
	}

	updateMessageStatus(providerId: string, status: MessageStatus, errorCode?: string | null, at?: Date): Promise<boolean> {
		return this.guard('update a message status', () => {
			checkKey(providerId, 'providerId');
			const prior = allowedPriorStatuses(status);
			const t = ms(at, this.now());
			return this.tx(() => {
				// Callbacks arrive out of order: a late "sent" must not overwrite "delivered".
				const changed = this.run(
					`UPDATE messages SET status = ?, error_code = CASE WHEN ? THEN ? ELSE error_code END, updated_at = ?
					WHERE provider_id = ? AND status IN (SELECT value FROM json_each(?))`,
					status,
					errorCode === undefined ? 0 : 1,
					errorCode ?? null,
					t,
					providerId,
					JSON.stringify(prior),
				);
				return changed > 0 || this.get('SELECT 1 AS x FROM messages WHERE provider_id = ? LIMIT 1', providerId) !== undefined;
			});
		});
	}

	countMessages(query: MessageCountQuery): Promise<number> {
		return this.guard('count messages', () => {
			const s = this.subject(query.channel, query.subject);
			const { sql, params } = this.countSql(query);
			const row = this.get(`SELECT COUNT(*) AS n FROM messages AS m WHERE m.subject_hash = ? AND ${sql}`, s.hash, ...params);
			return Number(row?.n ?? 0);
		});
	}

	countMessagesMany(subjects: string[], query: Omit<MessageCountQuery, 'subject'>): Promise<Map<string, number>> {
		return this.guard('count messages', () => {
			const { byHash, hashes } = this.batchSubjects(query.channel, subjects);
			const { sql, params } = this.countSql(query);
			// Everyone starts at 0; the join then returns only subjects that have messages in the window, so a batch of
			// mostly quiet subjects does not build a row per subject.
			const result = new Map<string, number>();
			for (const entry of byHash.values()) for (const input of entry.inputs) result.set(input, 0);
			for (const chunk of chunks(hashes, BATCH)) {
				const rows = this.allArrays(
					`SELECT m.subject_hash, COUNT(*) FROM json_each(?) AS j JOIN messages AS m ON m.subject_hash = j.value
					WHERE ${sql} GROUP BY m.subject_hash`,
					JSON.stringify(chunk),
					...params,
				);
				for (const [hash, n] of rows) for (const input of byHash.get(hash as string)?.inputs ?? []) result.set(input, Number(n));
			}
			return result;
		});
	}

	private countSql(query: Omit<MessageCountQuery, 'subject'>): { sql: string; params: SQLInputValue[] } {
		const since = ms(query.since, Number.NaN);
		const statuses = query.statuses ?? DEFAULT_UNCOUNTED_STATUSES;
		const statusSql = query.statuses
			? 'm.status IN (SELECT value FROM json_each(?))'
			: 'm.status NOT IN (SELECT value FROM json_each(?))';
		const purposeSql = query.purpose ? ' AND m.purpose = ?' : '';
		const params: SQLInputValue[] = [query.channel, since, JSON.stringify(statuses)];
		if (query.purpose) params.push(query.purpose);
		return { sql: `m.channel = ? AND m.sent_at >= ? AND ${statusSql}${purposeSql}`, params };
	}

	findMessageByProviderId(providerId: string): Promise<MessageLogEntry | null> {
		return this.guard('find a message', () => {
			const row = this.get('SELECT * FROM messages WHERE provider_id = ? ORDER BY id DESC LIMIT 1', checkKey(providerId, 'providerId'));
			return row ? messageFromRow(row) : null;
		});
	}

	appendDecision(decision: DecisionInput): Promise<void> {
		return this.guard('record a decision', () => {
			this.run(DECISION_INSERT, ...this.decisionParams(decision, this.now()));
		});
	}

	appendDecisions(decisions: DecisionInput[]): Promise<void> {
		return this.guard('record decisions', () => {
			const t = this.now();
			// Checked and converted up front: a bad entry rejects the batch before anything is written.
			const rows = decisions.map((d) => this.decisionParams(d, t));
			if (rows.length === 0) return;
			this.tx(() => {
				for (const params of rows) this.run(DECISION_INSERT, ...params);
			});
		});
	}

	private decisionParams(decision: DecisionInput, t: number): SQLInputValue[] {
		const { subject, hash } = this.subject(decision.channel, decision.subject);
		return [
			subject,
			hash,
			decision.channel,
			decision.purpose,
			decision.journeyStep ?? null,
			decision.decision,
			checkText(decision.reason, 'reason'),
			checkText(decision.policyVersion, 'policyVersion'),
			ms(decision.decidedAt, t),
			toJson(decision.detail),
		];
	}

	// 5. Scheduled work ----------------------------------------------------------------------------------------------

	upsertDue(item: DueItemInput): Promise<void> {
		return this.guard('schedule an item', () => {
			checkKey(item.kind, 'kind');
			checkKey(item.key, 'key');
			const s = item.subject ? this.anySubject(item.subject) : null;
			const t = this.now();
			this.run(
				`INSERT INTO due_items (kind, key, subject, subject_hash, due_at, payload, attempts, status, lease_until, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, 0, 'pending', NULL, ?)
				ON CONFLICT (kind, key) DO UPDATE SET subject = excluded.subject, subject_hash = excluded.subject_hash,
					due_at = excluded.due_at, payload = excluded.payload, attempts = 0, status = 'pending', lease_until = NULL,
					updated_at = excluded.updated_at`,
				item.kind,
				item.key,
				s?.subject ?? null,
				s?.hash ?? null,
				ms(item.dueAt, Number.NaN),
				toJson(item.payload),
				t,
			);
		});
	}

	claimDue(kind: DueKind, options: { now?: Date; limit: number; leaseMs: number }): Promise<DueItem[]> {
		return this.guard('pick due items', () => {
			checkKey(kind, 'kind');
			const limit = checkPositiveInt(options.limit, 'limit');
			const lease = checkTtl(options.leaseMs, 'leaseMs') ?? 0;
			const t = ms(options.now, this.now());
			// A single UPDATE … RETURNING takes SQLite's write lock for its whole run, so no other process can lease
			// the same rows in between.
			const rows = this.all(
				`UPDATE due_items SET status = 'leased', attempts = attempts + 1, lease_until = ?, updated_at = ?
				WHERE rowid IN (
					SELECT rowid FROM due_items WHERE kind = ?
						AND ((status = 'pending' AND due_at <= ?) OR (status = 'leased' AND lease_until <= ?))
					ORDER BY due_at, key LIMIT ?)
				RETURNING *`,
				t + lease,
				t,
				kind,
				t,
				t,
				limit,
			);
			return rows.map(dueFromRow).sort(byDue);
		});
	}

	completeDue(kind: DueKind, key: string): Promise<void> {
		return this.guard('finish an item', () => {
			// Only a leased item: one replaced (re-scheduled) while it was out stays pending with its new time.
			this.run(
				"UPDATE due_items SET status = 'done', lease_until = NULL, updated_at = ? WHERE kind = ? AND key = ? AND status = 'leased'",
				this.now(),
				checkKey(kind, 'kind'),
				checkKey(key, 'key'),
			);
		});
	}

	cancelDue(kind: DueKind, key: string): Promise<boolean> {
		return this.guard('cancel an item', () => {
			return (
				this.run(
					`UPDATE due_items SET status = 'cancelled', lease_until = NULL, updated_at = ?
					WHERE kind = ? AND key = ? AND status IN ('pending', 'leased')`,
					this.now(),
					checkKey(kind, 'kind'),
					checkKey(key, 'key'),
				) > 0
			);
		});
	}

	getDue(kind: DueKind, key: string): Promise<DueItem | null> {
		return this.guard('read an item', () => {
			const row = this.get('SELECT * FROM due_items WHERE kind = ? AND key = ?', checkKey(kind, 'kind'), checkKey(key, 'key'));
			return row ? dueFromRow(row) : null;
		});
	}

	// Short links ----------------------------------------------------------------------------------------------------

	createShortLink(link: { code: string; url: string; subject?: string; meta?: Record<string, unknown> }): Promise<ShortLink> {
		return this.guard('create a short link', () => {
			checkKey(link.code, 'code');
			checkText(link.url, 'url');
			const s = link.subject ? this.anySubject(link.subject) : null;
			return this.tx(() => {
				this.run(
					`INSERT INTO short_links (code, url, subject, subject_hash, meta, created_at, clicks) VALUES (?, ?, ?, ?, ?, ?, 0)
					ON CONFLICT (code) DO NOTHING`,
					link.code,
					link.url,
					s?.subject ?? null,
					s?.hash ?? null,
					toJson(link.meta),
					this.now(),
				);
				const existing = shortLinkFromRow(this.get('SELECT * FROM short_links WHERE code = ?', link.code) as Row);
				if (existing.url !== link.url) {
					throw new InputError('This short link code is already used for another URL.', 'code', 'Generate a new random code.');
				}
				return existing;
			});
		});
	}

	resolveShortLink(code: string): Promise<ShortLink | null> {
		return this.guard('resolve a short link', () => {
			const row = this.get('SELECT * FROM short_links WHERE code = ?', checkKey(code, 'code'));
			return row ? shortLinkFromRow(row) : null;
		});
	}

	recordClick(code: string, at?: Date, meta?: Record<string, unknown>): Promise<boolean> {
		return this.guard('record a click', () => {
			checkKey(code, 'code');
			const t = ms(at, this.now());
			return this.tx(() => {
				if (this.run('UPDATE short_links SET clicks = clicks + 1 WHERE code = ?', code) === 0) return false;
				this.run('INSERT INTO link_clicks (code, at, meta) VALUES (?, ?, ?)', code, t, toJson(meta));
				return true;
			});
		});
	}

	// Small shared state ---------------------------------------------------------------------------------------------

	cacheGet<T = unknown>(namespace: string, key: string, now?: Date): Promise<T | null> {
		return this.guard('read the cache', () => {
			const row = this.get(
				'SELECT value FROM cache_entries WHERE namespace = ? AND key = ? AND (expires_at IS NULL OR expires_at > ?)',
				checkKey(namespace, 'namespace'),
				checkKey(key, 'key'),
				ms(now, this.now()),
			);
			return row ? fromJson<T | null>(row.value, null) : null;
		});
	}

	cachePut(namespace: string, key: string, value: unknown, ttlMs: number | null, now?: Date): Promise<void> {
		return this.guard('write the cache', () => {
			const ttl = checkTtl(ttlMs);
			const t = ms(now, this.now());
			this.run(
				`INSERT INTO cache_entries (namespace, key, value, expires_at) VALUES (?, ?, ?, ?)
				ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
				checkKey(namespace, 'namespace'),
				checkKey(key, 'key'),
				JSON.stringify(value ?? null),
				ttl === null ? null : t + ttl,
			);
		});
	}

	takeQuota(name: string, limit: number, windowMs: number, now?: Date): Promise<boolean> {
		return this.guard('take a quota', () => {
			checkKey(name, 'name');
			checkPositiveInt(limit, 'limit');
			const size = checkTtl(windowMs, 'windowMs') ?? 1;
			const t = ms(now, this.now());
			const windowStart = t - (t % size);
			const row = this.get(
				`INSERT INTO quotas (name, window_start, count) VALUES (?, ?, 1)
				ON CONFLICT (name) DO UPDATE SET
					count = CASE WHEN quotas.window_start = excluded.window_start THEN quotas.count + 1 ELSE 1 END,
					window_start = excluded.window_start
				WHERE quotas.window_start <> excluded.window_start OR quotas.count < ?
				RETURNING count`,
				name,
				windowStart,
				limit,
			);
			return row !== undefined;
		});
	}
}

function openFailure(error: unknown): Error {
	if (error instanceof StoreError || error instanceof InputError) return error;
	return new StoreError('The journey store (SQLite) could not be opened. Check that the folder is writable.', error);
}

function byDue(a: DueItem, b: DueItem): number {
	return a.dueAt.getTime() - b.dueAt.getTime() || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}
