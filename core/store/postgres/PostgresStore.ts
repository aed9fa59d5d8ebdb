import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import type { PoolClient, PoolConfig } from 'pg';
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
import type { PostgresStoreConfig } from '../config';
import { POSTGRES_MIGRATIONS } from '../migrations/postgres';
import { channelOfSubject, lookupSubject, normalizeAnySubject, normalizeSubject } from '../subject';
import { hmacSha256Hex } from '../impl/hmac';
import { allowedPriorStatuses } from '../impl/status';
import { checkConsentInput, checkMessageInput } from '../impl/inputs';
import {
	DEFAULT_UNCOUNTED_STATUSES,
	ERASED_JSON,
	checkKey,
	checkPositiveInt,
	checkText,
	checkTtl,
	chunks,
	consentFromRow,
	decisionFromRow,
	dueFromRow,
	fromJson,
	messageFromRow,
	ms,
	shortLinkFromRow,
	suppressionFromRow,
	toJson,
} from '../impl/values';
import type { Row } from '../impl/values';

const BATCH = 5000;
/** Subjects per generation of the hash memo (two generations are kept: at most ~2 × 100k × ~150 bytes). */
const HASH_MEMO_SIZE = 100_000;
const SCHEMA_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

type Queryable = Pool | PoolClient;

/**
 * The shared backend for n8n in queue mode: a `pg` pool per process. Each operation is one statement where
 * possible (claims, quotas and leases rely on `INSERT … ON CONFLICT … WHERE` and `FOR UPDATE SKIP LOCKED`), and
 * multi-statement changes run in a transaction on one pooled client.
 */
export class PostgresJourneyStore implements JourneyStore {
	readonly backend = 'postgres' as const;
	private readonly pool: Pool;
	private readonly schema: string;
	private readonly now: () => number;
	private salt = '';
	private hmac: (subject: string) => string = () => {
		throw new StoreError('The journey store is not open yet.');
	};
	private hashMemo = new Map<string, string>();
	private oldHashMemo = new Map<string, string>();
	private closed = false;

	private constructor(options: Omit<PostgresStoreConfig, 'backend'>) {
		this.schema = (options.schema ?? 'public').trim().toLowerCase();
		if (!SCHEMA_PATTERN.test(this.schema)) {
			throw new InputError('The schema name may only contain letters, digits and underscores.', 'schema');
		}
		this.now = options.clock ? () => options.clock!.now().getTime() : () => Date.now();
		const config: PoolConfig = {
			host: options.host,
			port: options.port ?? 5432,
			database: options.database,
			user: options.user,
			password: options.password,
			ssl: options.ssl === true ? { rejectUnauthorized: true } : options.ssl || undefined,
			max: options.max ?? 10,
			connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
			// Every connection sees the store's schema first, so the SQL never names it.
			options: `-c search_path=${this.schema}`,
			application_name: 'n8n-nodes-post-purchase',
		};
		this.pool = new Pool(config);
		// An idle client dropped by the server (restart, failover) must not crash n8n; the pool replaces it and
		// the next query reports any lasting failure.
		this.pool.on('error', () => undefined);
	}

	static async open(options: Omit<PostgresStoreConfig, 'backend'>): Promise<PostgresJourneyStore> {
		const store = new PostgresJourneyStore(options);
		try {
			await store.migrate();
			return store;
		} catch (error) {
			await store.pool.end().catch(() => undefined);
			throw failure('could not be opened. Check host, port, database, user and password', error);
		}
	}

	/**
	 * Runs pending migrations under a session advisory lock (one per schema), so processes that start together
	 * take turns and the later ones find the schema already current.
	 */
	private async migrate(): Promise<void> {
		const client = await this.pool.connect();
		const lockKey = `n8n-nodes-post-purchase:${this.schema}`;
		try {
			await client.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey]);
			try {
				await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
				await client.query('BEGIN');
				let committed = false;
				try {
					await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
					const { rows } = await client.query('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations');
					let current = Number(rows[0].v);
					for (const migration of POSTGRES_MIGRATIONS) {
						if (migration.version <= current) continue;
						await client.query(migration.sql.replace('{salt}', randomBytes(32).toString('hex')));
						await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [migration.version, Date.now()]);
						current = migration.version;
					}
					await client.query('COMMIT');
					committed = true;
				} finally {
					if (!committed) await client.query('ROLLBACK').catch(() => undefined);
				}
			} finally {
				await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]);
			}
			const { rows } = await client.query("SELECT value FROM store_meta WHERE key = 'subject_salt'");
			if (!rows[0]) throw new StoreError('The journey store is damaged: its subject salt is missing.');
			this.salt = String(rows[0].value);
			this.hmac = hmacSha256Hex(this.salt);
		} finally {
			client.release();
		}
	}

	// Plumbing ----------------------------------------------------------------------------------------------------

	private async q(sql: string, params: unknown[] = [], on: Queryable = this.pool): Promise<{ rows: Row[]; rowCount: number }> {
		const result = await on.query(sql, params);
		return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
	}

	private async tx<T>(fn: (client: PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
		const client = await this.pool.connect();
		let committed = false;
		try {
			await client.query(begin);
			const result = await fn(client);
			await client.query('COMMIT');
			committed = true;
			return result;
		} finally {
			if (!committed) await client.query('ROLLBACK').catch(() => undefined);
			client.release();
		}
	}

	private async guard<T>(action: string, fn: () => Promise<T>): Promise<T> {
		if (this.closed) throw new StoreError('The journey store was already closed.');
		try {
			return await fn();
		} catch (error) {
			throw failure(`failed to ${action}`, error);
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
	private batchSubjects(channel: Channel, values: string[]): Map<string, { subject: string; inputs: string[] }> {
		const byHash = new Map<string, { subject: string; inputs: string[] }>();
		for (const value of values) {
			const subject = lookupSubject(channel, value);
			if (subject === null) continue;
			const hash = this.hashOf(subject);
			const entry = byHash.get(hash);
			if (entry) entry.inputs.push(value);
			else byHash.set(hash, { subject, inputs: [value] });
		}
		return new Map([...byHash.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
	}

	schemaVersion(): Promise<number> {
		return this.guard('read the schema version', async () => {
			const { rows } = await this.q('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations');
			return Number(rows[0].v);
		});
	}

	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		await this.pool.end();
	}

	// 1. Claims ------------------------------------------------------------------------------------------------------

	claim(key: string, ttlMs: number | null, now?: Date): Promise<boolean> {
		return this.guard('claim a key', async () => {
			checkKey(key, 'key');
			const ttl = checkTtl(ttlMs);
			const t = ms(now, this.now());
			const { rows } = await this.q(
				`INSERT INTO claims (key, claimed_at, expires_at) VALUES ($1, $2, $3)
				ON CONFLICT (key) DO UPDATE SET claimed_at = excluded.claimed_at, expires_at = excluded.expires_at
				WHERE claims.expires_at IS NOT NULL AND claims.expires_at <= excluded.claimed_at
				RETURNING key`,
				[key, t, ttl === null ? null : t + ttl],
			);
			return rows.length > 0;
		});
	}

	release(key: string): Promise<void> {
		return this.guard('release a claim', async () => {
			await this.q('DELETE FROM claims WHERE key = $1', [checkKey(key, 'key')]);
		});
	}

	isClaimed(key: string, now?: Date): Promise<boolean> {
		return this.guard('check a claim', async () => {
			const { rows } = await this.q('SELECT 1 FROM claims WHERE key = $1 AND (expires_at IS NULL OR expires_at > $2)', [
				checkKey(key, 'key'),
				ms(now, this.now()),
			]);
			return rows.length > 0;
		});
	}

	isClaimedMany(keys: string[], now?: Date): Promise<Set<string>> {
		return this.guard('check claims', async () => {
			const unique = [...new Set(keys)];
			for (const key of unique) checkKey(key, 'key');
			const t = ms(now, this.now());
			const claimed = new Set<string>();
			for (const chunk of chunks(unique, BATCH)) {
				const { rows } = await this.q('SELECT key FROM claims WHERE key = ANY($1::text[]) AND (expires_at IS NULL OR expires_at > $2)', [
					chunk,
					t,
				]);
				for (const row of rows) claimed.add(row.key as string);
			}
			return claimed;
		});
	}

	// 2. Consent ledger ----------------------------------------------------------------------------------------------

	appendConsent(record: ConsentRecordInput): Promise<ConsentRecord> {
		return this.guard('record consent', async () => {
			checkConsentInput(record);
			const { subject, hash } = this.subject(record.channel, record.subject);
			const t = this.now();
			const { rows } = await this.q(
				`INSERT INTO consent_ledger (subject, subject_hash, channel, purpose, status, legal_basis, source,
					consent_text_version, consent_text_hash, evidence, recorded_at, created_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
				[
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
				],
			);
			return consentFromRow(rows[0], subject);
		});
	}

	appendConsentMany(records: ConsentRecordInput[]): Promise<number> {
		return this.guard('record consent', async () => {
			const t = this.now();
			const columns: unknown[][] = Array.from({ length: 11 }, () => []);
			// Checked and converted up front: a bad record rejects the batch before anything is written.
			for (const record of records) {
				checkConsentInput(record);
				const { subject, hash } = this.subject(record.channel, record.subject);
				const values = [
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
				];
				values.forEach((v, i) => columns[i].push(v));
			}
			let appended = 0;
			// One statement per chunk inside one transaction: all or none, and ids keep the input order.
			await this.tx(async (c) => {
				for (let start = 0; start < records.length; start += BATCH) {
					const { rowCount } = await this.q(
						`INSERT INTO consent_ledger (subject, subject_hash, channel, purpose, status, legal_basis, source,
							consent_text_version, consent_text_hash, evidence, recorded_at, created_at)
						SELECT s, h, ch, pu, st, lb, so, tv, th, ev, ra, $12
						FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
							$9::text[], $10::text[], $11::bigint[]) WITH ORDINALITY AS u(s, h, ch, pu, st, lb, so, tv, th, ev, ra, n)
						ORDER BY n`,
						[...columns.map((col) => col.slice(start, start + BATCH)), t],
						c,
					);
					appended += rowCount;
				}
			});
			return appended;
		});
	}

	currentConsent(subject: string, channel: Channel, purpose: Purpose): Promise<ConsentRecord | null> {
		return this.guard('read consent', async () => {
			const s = this.subject(channel, subject);
			const { rows } = await this.q(
				`SELECT * FROM consent_ledger WHERE subject_hash = $1 AND channel = $2 AND purpose = $3
				ORDER BY recorded_at DESC, id DESC LIMIT 1`,
				[s.hash, channel, purpose],
			);
			return rows[0] ? consentFromRow(rows[0], s.subject) : null;
		});
	}

	currentConsentMany(subjects: string[], channel: Channel, purpose: Purpose): Promise<Map<string, ConsentRecord>> {
		return this.guard('read consent', async () => {
			const byHash = this.batchSubjects(channel, subjects);
			const result = new Map<string, ConsentRecord>();
			for (const chunk of chunks([...byHash.keys()], BATCH)) {
				const { rows } = await this.q(
					`SELECT c.* FROM unnest($1::text[]) AS h(hash)
					CROSS JOIN LATERAL (
						SELECT * FROM consent_ledger AS x WHERE x.subject_hash = h.hash AND x.channel = $2 AND x.purpose = $3
						ORDER BY x.recorded_at DESC, x.id DESC LIMIT 1) AS c`,
					[chunk, channel, purpose],
				);
				for (const row of rows) {
					const entry = byHash.get(row.subject_hash as string);
					if (!entry) continue;
					const record = consentFromRow(row, entry.subject);
					for (const input of entry.inputs) result.set(input, record);
				}
			}
			return result;
		});
	}

	exportSubject(subjectValue: string): Promise<SubjectExport> {
		return this.guard('export a subject', async () => {
			const { subject, hash } = this.anySubject(subjectValue);
			// One snapshot for the whole export.
			return this.tx(async (c) => {
				const read = async (sql: string) => (await this.q(sql, [hash], c)).rows;
				return {
					subject,
					subjectHash: hash,
					exportedAt: new Date(this.now()),
					consent: (await read('SELECT * FROM consent_ledger WHERE subject_hash = $1 ORDER BY recorded_at, id')).map((r) =>
						consentFromRow(r, subject),
					),
					suppressions: (await read('SELECT * FROM suppressions WHERE subject_hash = $1 ORDER BY channel COLLATE "C"')).map(
						suppressionFromRow,
					),
					messages: (await read('SELECT * FROM messages WHERE subject_hash = $1 ORDER BY sent_at, id')).map((r) =>
						messageFromRow(r, subject),
					),
					decisions: (await read('SELECT * FROM decisions WHERE subject_hash = $1 ORDER BY decided_at, id')).map((r) =>
						decisionFromRow(r, subject),
					),
					scheduled: (
						await read('SELECT * FROM due_items WHERE subject_hash = $1 ORDER BY due_at, kind COLLATE "C", key COLLATE "C"')
					).map(dueFromRow),
					shortLinks: (await read('SELECT * FROM short_links WHERE subject_hash = $1 ORDER BY created_at, code COLLATE "C"')).map(
						shortLinkFromRow,
					),
				};
			}, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
		});
	}

	eraseSubject(subjectValue: string, at?: Date): Promise<ErasureReport> {
		return this.guard('erase a subject', async () => {
			const { subject, hash } = this.anySubject(subjectValue);
			const t = ms(at, this.now());
			return this.tx(async (c) => {
				const run = async (sql: string, params: unknown[]) => (await this.q(sql, params, c)).rowCount;
				const removed: Record<string, number> = {
					consent: await run(
						`UPDATE consent_ledger SET subject = NULL, evidence = $1
						WHERE subject_hash = $2 AND (subject IS NOT NULL OR evidence <> $1)`,
						[ERASED_JSON, hash],
					),
					messages: await run(
						'UPDATE messages SET subject = NULL, meta = $1 WHERE subject_hash = $2 AND (subject IS NOT NULL OR meta <> $1)',
						[ERASED_JSON, hash],
					),
					decisions: await run(
						'UPDATE decisions SET subject = NULL, detail = $1 WHERE subject_hash = $2 AND (subject IS NOT NULL OR detail <> $1)',
						[ERASED_JSON, hash],
					),
					scheduled: await run(
						`UPDATE due_items SET subject = NULL, payload = $1, lease_until = NULL, updated_at = $2,
							status = CASE WHEN status IN ('pending', 'leased') THEN 'cancelled' ELSE status END
						WHERE subject_hash = $3 AND (subject IS NOT NULL OR payload <> $1)`,
						[ERASED_JSON, t, hash],
					),
					linkClicks: await run(
						'UPDATE link_clicks SET meta = $1 WHERE meta <> $1 AND code IN (SELECT code FROM short_links WHERE subject_hash = $2)',
						[ERASED_JSON, hash],
					),
					shortLinks: await run(
						'UPDATE short_links SET subject = NULL, meta = $1 WHERE subject_hash = $2 AND (subject IS NOT NULL OR meta <> $1)',
						[ERASED_JSON, hash],
					),
					suppressions: await run(
						'UPDATE suppressions SET subject = NULL, evidence = $1 WHERE subject_hash = $2 AND subject IS NOT NULL',
						[ERASED_JSON, hash],
					),
				};
				await run(
					`INSERT INTO suppressions (subject_hash, channel, subject, reason, source, at, evidence)
					VALUES ($1, $2, NULL, 'erasure', 'erasure', $3, $4)
					ON CONFLICT (subject_hash, channel) DO UPDATE SET subject = NULL, reason = 'erasure', source = 'erasure',
						at = excluded.at, evidence = excluded.evidence`,
					[hash, channelOfSubject(subject), t, ERASED_JSON],
				);
				return { subjectHash: hash, erasedAt: new Date(t), removed, suppressionKept: true };
			});
		});
	}

	// 3. Suppression list --------------------------------------------------------------------------------------------

	suppress(entry: SuppressionInput): Promise<void> {
		return this.guard('suppress a subject', async () => {
			const { subject, hash } = this.subject(entry.channel, entry.subject);
			checkText(entry.source, 'source');
			await this.q(
				`INSERT INTO suppressions (subject_hash, channel, subject, reason, source, at, evidence)
				VALUES ($1, $2, $3, $4, $5, $6, $7)
				ON CONFLICT (subject_hash, channel) DO UPDATE SET subject = excluded.subject, reason = excluded.reason,
					source = excluded.source, at = excluded.at, evidence = excluded.evidence
				WHERE suppressions.reason <> 'erasure'`,
				[hash, entry.channel, subject, entry.reason, entry.source, ms(entry.at, this.now()), toJson(entry.evidence)],
			);
		});
	}

	unsuppress(subject: string, channel: Channel, source: string, at?: Date): Promise<boolean> {
		return this.guard('lift a suppression', async () => {
			void source;
			void at;
			const s = this.subject(channel, subject);
			const { rowCount } = await this.q("DELETE FROM suppressions WHERE subject_hash = $1 AND channel = $2 AND reason <> 'erasure'", [
				s.hash,
				channel,
			]);
			return rowCount > 0;
		});
	}

	getSuppression(subject: string, channel: Channel): Promise<Suppression | null> {
		return this.guard('read a suppression', async () => {
			const s = this.subject(channel, subject);
			const { rows } = await this.q('SELECT * FROM suppressions WHERE subject_hash = $1 AND channel = $2', [s.hash, channel]);
			return rows[0] ? suppressionFromRow(rows[0]) : null;
		});
	}

	getSuppressionMany(subjects: string[], channel: Channel): Promise<Map<string, Suppression>> {
		return this.guard('read suppressions', async () => {
			const byHash = this.batchSubjects(channel, subjects);
			const result = new Map<string, Suppression>();
			for (const chunk of chunks([...byHash.keys()], BATCH)) {
				const { rows } = await this.q('SELECT * FROM suppressions WHERE subject_hash = ANY($1::text[]) AND channel = $2', [chunk, channel]);
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
		return this.guard('log a message', async () => {
			checkMessageInput(entry);
			const { subject, hash } = this.subject(entry.channel, entry.subject);
			const t = this.now();
			const { rows } = await this.q(
				`INSERT INTO messages (subject, subject_hash, channel, purpose, journey_step, provider_id, status, units,
					sent_at, updated_at, error_code, meta)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL, $11) RETURNING *`,
				[
					subject,
					hash,
					entry.channel,
					entry.purpose,
					entry.journeyStep,
					entry.providerId ?? null,
					entry.status,
					entry.units ?? 1,
					ms(entry.sentAt, t),
					t,
					toJson(entry.meta),
				],
			);
			return messageFromRow(rows[0]);
		});
	}

	updateMessageStatus(providerId: string, status: MessageStatus, errorCode?: string | null, at?: Date): Promise<boolean> {
		return this.guard('update a message status', async () => {
			checkKey(providerId, 'providerId');
			const t = ms(at, this.now());
			// Callbacks arrive out of order: a late "sent" must not overwrite "delivered".
			const { rowCount } = await this.q(
				`UPDATE messages SET status = $1, error_code = CASE WHEN $2::boolean THEN $3 ELSE error_code END, updated_at = $4
				WHERE provider_id = $5 AND status = ANY($6::text[])`,
				[status, errorCode !== undefined, errorCode ?? null, t, providerId, allowedPriorStatuses(status)],
			);
			if (rowCount > 0) return true;
			const { rows } = await this.q('SELECT 1 FROM messages WHERE provider_id = $1 LIMIT 1', [providerId]);
			return rows.length > 0;
		});
	}

	countMessages(query: MessageCountQuery): Promise<number> {
		return this.guard('count messages', async () => {
			const s = this.subject(query.channel, query.subject);
			const { sql, params } = countSql(query, 2);
			const { rows } = await this.q(`SELECT COUNT(*) AS n FROM messages AS m WHERE m.subject_hash = $1 AND ${sql}`, [s.hash, ...params]);
			return Number(rows[0].n);
		});
	}

	countMessagesMany(subjects: string[], query: Omit<MessageCountQuery, 'subject'>): Promise<Map<string, number>> {
		return this.guard('count messages', async () => {
			const byHash = this.batchSubjects(query.channel, subjects);
			const { sql, params } = countSql(query, 2);
			const result = new Map<string, number>();
			for (const chunk of chunks([...byHash.keys()], BATCH)) {
				const { rows } = await this.q(
					`SELECT h.hash AS h, (SELECT COUNT(*) FROM messages AS m WHERE m.subject_hash = h.hash AND ${sql}) AS n
					FROM unnest($1::text[]) AS h(hash)`,
					[chunk, ...params],
				);
				for (const row of rows) for (const input of byHash.get(row.h as string)?.inputs ?? []) result.set(input, Number(row.n));
			}
			return result;
		});
	}

	findMessageByProviderId(providerId: string): Promise<MessageLogEntry | null> {
		return this.guard('find a message', async () => {
			const { rows } = await this.q('SELECT * FROM messages WHERE provider_id = $1 ORDER BY id DESC LIMIT 1', [checkKey(providerId, 'providerId')]);
			return rows[0] ? messageFromRow(rows[0]) : null;
		});
	}

	appendDecision(decision: DecisionInput): Promise<void> {
		return this.guard('record a decision', () => this.insertDecisions([decision]));
	}

	appendDecisions(decisions: DecisionInput[]): Promise<void> {
		return this.guard('record decisions', () => this.insertDecisions(decisions));
	}

	/** One INSERT … SELECT FROM unnest per chunk, inside one transaction when there are several: all or none. */
	private async insertDecisions(decisions: DecisionInput[]): Promise<void> {
		const t = this.now();
		const columns: unknown[][] = Array.from({ length: 10 }, () => []);
		for (const decision of decisions) {
			const { subject, hash } = this.subject(decision.channel, decision.subject);
			const values = [
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
			values.forEach((v, i) => columns[i].push(v));
		}
		if (decisions.length === 0) return;
		const insert = (start: number, on: Queryable) =>
			this.q(
				`INSERT INTO decisions (subject, subject_hash, channel, purpose, journey_step, decision, reason, policy_version,
					decided_at, detail)
				SELECT s, h, ch, pu, js, de, re, pv, da, dt
				FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
					$9::bigint[], $10::text[]) WITH ORDINALITY AS u(s, h, ch, pu, js, de, re, pv, da, dt, n)
				ORDER BY n`,
				columns.map((col) => col.slice(start, start + BATCH)),
				on,
			);
		if (decisions.length <= BATCH) {
			await insert(0, this.pool);
			return;
		}
		await this.tx(async (c) => {
			for (let start = 0; start < decisions.length; start += BATCH) await insert(start, c);
		});
	}

	// 5. Scheduled work ----------------------------------------------------------------------------------------------

	upsertDue(item: DueItemInput): Promise<void> {
		return this.guard('schedule an item', async () => {
			checkKey(item.kind, 'kind');
			checkKey(item.key, 'key');
			const s = item.subject ? this.anySubject(item.subject) : null;
			await this.q(
				`INSERT INTO due_items (kind, key, subject, subject_hash, due_at, payload, attempts, status, lease_until, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, 0, 'pending', NULL, $7)
				ON CONFLICT (kind, key) DO UPDATE SET subject = excluded.subject, subject_hash = excluded.subject_hash,
					due_at = excluded.due_at, payload = excluded.payload, attempts = 0, status = 'pending', lease_until = NULL,
					updated_at = excluded.updated_at`,
				[item.kind, item.key, s?.subject ?? null, s?.hash ?? null, ms(item.dueAt, Number.NaN), toJson(item.payload), this.now()],
			);
		});
	}

	claimDue(kind: DueKind, options: { now?: Date; limit: number; leaseMs: number }): Promise<DueItem[]> {
		return this.guard('pick due items', async () => {
			checkKey(kind, 'kind');
			const limit = checkPositiveInt(options.limit, 'limit');
			const lease = checkTtl(options.leaseMs, 'leaseMs') ?? 0;
			const t = ms(options.now, this.now());
			// SKIP LOCKED: a second poller passes over rows the first is leasing instead of waiting and re-leasing them;
			// a row leased and committed meanwhile is re-checked against the WHERE and left out.
			const { rows } = await this.q(
				`UPDATE due_items AS d SET status = 'leased', attempts = d.attempts + 1, lease_until = $1, updated_at = $2
				FROM (
					SELECT kind, key FROM due_items WHERE kind = $3
						AND ((status = 'pending' AND due_at <= $2) OR (status = 'leased' AND lease_until <= $2))
					ORDER BY due_at, key COLLATE "C" LIMIT $4
					FOR UPDATE SKIP LOCKED) AS s
				WHERE d.kind = s.kind AND d.key = s.key
				RETURNING d.*`,
				[t + lease, t, kind, limit],
			);
			return rows.map(dueFromRow).sort(byDue);
		});
	}

	completeDue(kind: DueKind, key: string): Promise<void> {
		return this.guard('finish an item', async () => {
			await this.q(
				"UPDATE due_items SET status = 'done', lease_until = NULL, updated_at = $1 WHERE kind = $2 AND key = $3 AND status = 'leased'",
				[this.now(), checkKey(kind, 'kind'), checkKey(key, 'key')],
			);
		});
	}

	cancelDue(kind: DueKind, key: string): Promise<boolean> {
		return this.guard('cancel an item', async () => {
			const { rowCount } = await this.q(
				`UPDATE due_items SET status = 'cancelled', lease_until = NULL, updated_at = $1
				WHERE kind = $2 AND key = $3 AND status IN ('pending', 'leased')`,
				[this.now(), checkKey(kind, 'kind'), checkKey(key, 'key')],
			);
			return rowCount > 0;
		});
	}

	getDue(kind: DueKind, key: string): Promise<DueItem | null> {
		return this.guard('read an item', async () => {
			const { rows } = await this.q('SELECT * FROM due_items WHERE kind = $1 AND key = $2', [checkKey(kind, 'kind'), checkKey(key, 'key')]);
			return rows[0] ? dueFromRow(rows[0]) : null;
		});
	}

	// Short links ----------------------------------------------------------------------------------------------------

	createShortLink(link: { code: string; url: string; subject?: string; meta?: Record<string, unknown> }): Promise<ShortLink> {
		return this.guard('create a short link', async () => {
			checkKey(link.code, 'code');
			checkText(link.url, 'url');
			const s = link.subject ? this.anySubject(link.subject) : null;
			const inserted = await this.q(
				`INSERT INTO short_links (code, url, subject, subject_hash, meta, created_at, clicks) VALUES ($1, $2, $3, $4, $5, $6, 0)
				ON CONFLICT (code) DO NOTHING RETURNING *`,
				[link.code, link.url, s?.subject ?? null, s?.hash ?? null, toJson(link.meta), this.now()],
			);
			const row = inserted.rows[0] ?? (await this.q('SELECT * FROM short_links WHERE code = $1', [link.code])).rows[0];
			const existing = shortLinkFromRow(row);
			if (existing.url !== link.url) {
				throw new InputError('This short link code is already used for another URL.', 'code', 'Generate a new random code.');
			}
			return existing;
		});
	}

	resolveShortLink(code: string): Promise<ShortLink | null> {
		return this.guard('resolve a short link', async () => {
			const { rows } = await this.q('SELECT * FROM short_links WHERE code = $1', [checkKey(code, 'code')]);
			return rows[0] ? shortLinkFromRow(rows[0]) : null;
		});
	}

	recordClick(code: string, at?: Date, meta?: Record<string, unknown>): Promise<boolean> {
		return this.guard('record a click', async () => {
			// One statement: the counter and the click row commit together or not at all.
			const { rows } = await this.q(
				`WITH hit AS (UPDATE short_links SET clicks = clicks + 1 WHERE code = $1 RETURNING code)
				INSERT INTO link_clicks (code, at, meta) SELECT code, $2, $3 FROM hit RETURNING id`,
				[checkKey(code, 'code'), ms(at, this.now()), toJson(meta)],
			);
			return rows.length > 0;
		});
	}

	// Small shared state ---------------------------------------------------------------------------------------------

	cacheGet<T = unknown>(namespace: string, key: string, now?: Date): Promise<T | null> {
		return this.guard('read the cache', async () => {
			const { rows } = await this.q(
				'SELECT value FROM cache_entries WHERE namespace = $1 AND key = $2 AND (expires_at IS NULL OR expires_at > $3)',
				[checkKey(namespace, 'namespace'), checkKey(key, 'key'), ms(now, this.now())],
			);
			return rows[0] ? fromJson<T | null>(rows[0].value, null) : null;
		});
	}

	cachePut(namespace: string, key: string, value: unknown, ttlMs: number | null, now?: Date): Promise<void> {
		return this.guard('write the cache', async () => {
			const ttl = checkTtl(ttlMs);
			const t = ms(now, this.now());
			await this.q(
				`INSERT INTO cache_entries (namespace, key, value, expires_at) VALUES ($1, $2, $3, $4)
				ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
				[checkKey(namespace, 'namespace'), checkKey(key, 'key'), JSON.stringify(value ?? null), ttl === null ? null : t + ttl],
			);
		});
	}

	takeQuota(name: string, limit: number, windowMs: number, now?: Date): Promise<boolean> {
		return this.guard('take a quota', async () => {
			checkKey(name, 'name');
			checkPositiveInt(limit, 'limit');
			const size = checkTtl(windowMs, 'windowMs') ?? 1;
			const t = ms(now, this.now());
			const { rows } = await this.q(
				`INSERT INTO quotas (name, window_start, count) VALUES ($1, $2, 1)
				ON CONFLICT (name) DO UPDATE SET
					count = CASE WHEN quotas.window_start = excluded.window_start THEN quotas.count + 1 ELSE 1 END,
					window_start = excluded.window_start
				WHERE quotas.window_start <> excluded.window_start OR quotas.count < $3
				RETURNING count`,
				[name, t - (t % size), limit],
			);
			return rows.length > 0;
		});
	}
}

/** Typed errors pass through; anything else (a pg or network error) becomes a `StoreError`. */
function failure(what: string, error: unknown): Error {
	if (error instanceof StoreError || error instanceof InputError) return error;
	return new StoreError(`The journey store (PostgreSQL) ${what}.`, error);
}

function countSql(query: Omit<MessageCountQuery, 'subject'>, first: number): { sql: string; params: unknown[] } {
	const since = ms(query.since, Number.NaN);
	const statusSql = query.statuses ? `m.status = ANY($${first + 2}::text[])` : `m.status <> ALL($${first + 2}::text[])`;
	const params: unknown[] = [query.channel, since, query.statuses ?? DEFAULT_UNCOUNTED_STATUSES];
	let sql = `m.channel = $${first} AND m.sent_at >= $${first + 1} AND ${statusSql}`;
	if (query.purpose) {
		params.push(query.purpose);
		sql += ` AND m.purpose = $${first + 3}`;
	}
	return { sql, params };
}

function byDue(a: DueItem, b: DueItem): number {
	return a.dueAt.getTime() - b.dueAt.getTime() || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}
