import type { StoreContext } from '../context';
import { KEY_BYTES } from '../context';
import { pick } from '../dialect/Dialect';
import type { BothSql, BulkColumn } from '../dialect/Dialect';
import { checkConsentInput } from '../impl/inputs';
import { fromJson, ms, num, toJson } from '../impl/values';
import type { Channel, ConsentRecord, ConsentRecordInput, Purpose } from '../JourneyStore';
import { INLINE_ROW } from '../migrations/v18';

/**
 * The consent ledger: append-only proof (a trigger refuses any change but erasure), plus `consent_current`, the
 * newest record per subject + channel + purpose, kept by a trigger on append (migration 2; keyed by the binary subject
 * key since migration 6). Reads of "the current consent" go to `consent_current`: one row per subject, however long
 * the history.
 */

/** The record's fields, in the order of `ConsentRecordInput`; the one list every statement here is built from. */
const RECORD_FIELDS = [
	'status',
	'legal_basis',
	'source',
	'consent_text_version',
	'consent_text_hash',
	'evidence',
	'recorded_at',
] as const;

const INSERT_COLUMNS: readonly BulkColumn[] = [
	...['subject', 'subject_hash', 'channel', 'purpose'].map((name) => ({ name, type: 'text' as const })),
	...RECORD_FIELDS.map((name) => ({ name, type: name === 'recorded_at' ? ('bigint' as const) : ('text' as const) })),
	{ name: 'created_at', type: 'bigint' },
];
const INSERT = `INSERT INTO consent_ledger (${INSERT_COLUMNS.map((c) => c.name).join(', ')})
	VALUES (${INSERT_COLUMNS.map(() => '?').join(', ')})`;
/**
 * What ledger reads return, in this order: the ledger id, the clear subject (NULL after erasure), channel, purpose
 * and the record fields. Rows come back as arrays (cheap to build for large batches) and `consentFromRow` reads them
 * by position.
 */
export const LEDGER_SELECT = `id, subject, channel, purpose, ${RECORD_FIELDS.join(', ')}`;
/**
 * What `consent_current` reads return: the ledger id and the record fields. Subject, channel and purpose are what the
 * reader asked for, so they are not sent back (three fewer values per row in a 10,000-subject batch).
 */
const CURRENT_SELECT = (p: string) => `${p}ledger_id, ${RECORD_FIELDS.map((f) => p + f).join(', ')}`;

/** The one mapping of a consent row (`LEDGER_SELECT` order) to a record; `subject` stands in when the row has none. */
export function consentFromRow(row: readonly unknown[], subject: string): ConsentRecord {
	return {
		id: String(row[0]),
		subject: (row[1] as string | null) ?? subject,
		channel: row[2] as ConsentRecord['channel'],
		purpose: row[3] as ConsentRecord['purpose'],
		status: row[4] as ConsentRecord['status'],
		legalBasis: row[5] as ConsentRecord['legalBasis'],
		source: row[6] as string,
		consentTextVersion: (row[7] as string | null) ?? null,
		consentTextHash: (row[8] as string | null) ?? null,
		evidence: fromJson(row[9], {}),
		recordedAt: new Date(num(row[10])),
	};
}

/** A `consent_current` row (`CURRENT_SELECT` order, from `at`) as the same record `consentFromRow` would give. */
function currentFromRow(row: readonly unknown[], at: number, subject: string, channel: Channel, purpose: Purpose): ConsentRecord {
	return {
		id: String(row[at]),
		subject,
		channel,
		purpose,
		status: row[at + 1] as ConsentRecord['status'],
		legalBasis: row[at + 2] as ConsentRecord['legalBasis'],
		source: row[at + 3] as string,
		consentTextVersion: (row[at + 4] as string | null) ?? null,
		consentTextHash: (row[at + 5] as string | null) ?? null,
		evidence: fromJson(row[at + 6], {}),
		recordedAt: new Date(num(row[at + 7])),
	};
}

/** Checks one record and turns it into insert values, in `INSERT_COLUMNS` order. */
function values(ctx: StoreContext, record: ConsentRecordInput, t: number): unknown[] {
	checkConsentInput(record);
	const { subject, hash } = ctx.subject(record.channel, record.subject);
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

export async function appendConsent(ctx: StoreContext, record: ConsentRecordInput): Promise<ConsentRecord> {
	const params = values(ctx, record, ctx.now());
	const [row] = await ctx.db.values(`${INSERT} RETURNING ${LEDGER_SELECT}`, params);
	return consentFromRow(row, params[0] as string);
}

export async function appendConsentMany(ctx: StoreContext, records: ConsentRecordInput[]): Promise<number> {
	const t = ctx.now();
	// Checked and converted up front, so one bad record rejects the batch before anything is written.
	const rows = records.map((record) => values(ctx, record, t));
	return ctx.db.insertMany('consent_ledger', INSERT_COLUMNS, rows);
}

/**
 * PostgreSQL's `consent_current` row for one subject key (`$2`, `$3`: channel and purpose), read from an index alone
 * (migration 18): from `consent_current_inline`, or for the rare record too long to index whole, from
 * `consent_current_large` and the table. A row is in exactly one of them; the planner uses the partial indexes only
 * because the reads ask for their very condition (`INLINE_ROW`) and its negation.
 */
const pgCurrentOf = (key: string) => `SELECT ${CURRENT_SELECT('')} FROM consent_current
	WHERE subject_key = ${key} AND channel = $2 AND purpose = $3 AND ${INLINE_ROW}
	UNION ALL SELECT ${CURRENT_SELECT('')} FROM consent_current
	WHERE subject_key = ${key} AND channel = $2 AND purpose = $3 AND NOT ${INLINE_ROW} LIMIT 1`;

export const CURRENT_ONE: BothSql = {
	sqlite: `SELECT ${CURRENT_SELECT('')} FROM consent_current WHERE subject_key = ? AND channel = ? AND purpose = ?`,
	postgres: pgCurrentOf('$1'),
};

export async function currentConsent(ctx: StoreContext, subject: string, channel: Channel, purpose: Purpose): Promise<ConsentRecord | null> {
	const s = ctx.subject(channel, subject);
	const [row] = await ctx.db.values(pick(ctx.db, CURRENT_ONE), [ctx.keyOf(s.subject), channel, purpose]);
	return row ? currentFromRow(row, 0, s.subject, channel, purpose) : null;
}

/** Subjects per batched statement: the keys travel as one buffer (32 bytes each), so this bounds only memory. */
const KEY_BATCH = 50_000;
/** Below this many subjects per statement, splitting a batch over connections costs more round trips than it saves. */
const MIN_SPLIT = 1_000;

/**
 * One statement per batch (PostgreSQL: per part of it, see `Dialect.parallelReads`): the keys go as one BLOB / bytea
 * that the statement splits into 32-byte keys, probing the primary key (PostgreSQL: `pgCurrentOf`'s indexes) once per
 * key, a nested loop by construction (a LATERAL subquery with LIMIT cannot become a hash join over the whole table).
 * Rows name their key by position `i`, so no hash comes back to be matched.
 */
export const CURRENT_MANY: BothSql = {
	sqlite: `WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i + 1 < length(?1) / ${KEY_BYTES})
		SELECT k.i, ${CURRENT_SELECT('c.')} FROM k
		JOIN consent_current AS c ON c.subject_key = substr(?1, k.i * ${KEY_BYTES} + 1, ${KEY_BYTES}) AND c.channel = ?2 AND c.purpose = ?3`,
	postgres: `WITH b AS (SELECT $1::bytea AS keys)
		SELECT k.i, ${CURRENT_SELECT('c.')} FROM b CROSS JOIN generate_series(0, length(b.keys) / ${KEY_BYTES} - 1) AS k(i)
		CROSS JOIN LATERAL (${pgCurrentOf(`substring(b.keys FROM k.i * ${KEY_BYTES} + 1 FOR ${KEY_BYTES})`)}) AS c`,
};

/** Lets a statement just handed to the pool leave for the server before the next part is hashed. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The batch is hashed and sent part by part: on PostgreSQL the server probes one part while this process hashes the
 * next and turns the rows of the first into records (on a 2-core machine the two sides then overlap instead of
 * taking turns); SQLite reads it in one part.
 */
export async function currentConsentMany(
	ctx: StoreContext,
	subjects: string[],
	channel: Channel,
	purpose: Purpose,
): Promise<Map<string, ConsentRecord>> {
	const batch = ctx.subjectsOf(channel, subjects);
	const total = batch.subjects.length;
	const result = new Map<string, ConsentRecord>();
	const sql = pick(ctx.db, CURRENT_MANY);
	const per = Math.min(KEY_BATCH, Math.max(MIN_SPLIT, Math.ceil(total / ctx.db.parallelReads)));
	const reads: Array<Promise<void>> = [];
	for (let start = 0; start < total; start += per) {
		if (start > 0) await nextTurn();
		const part = ctx.keysOf(batch, start, Math.min(total, start + per));
		const read = ctx.db.values(sql, [part.keys, channel, purpose]).then((rows) => {
			for (const row of rows) {
				const at = Number(row[0]);
				const record = currentFromRow(row, 1, part.subjects[at], channel, purpose);
				const input = part.inputs[at];
				if (typeof input === 'string') result.set(input, record);
				else for (const each of input) result.set(each, record);
			}
		});
		// Awaited together below; until then a failed part must not count as an unhandled rejection.
		read.catch(() => undefined);
		reads.push(read);
	}
	await Promise.all(reads);
	return result;
}
