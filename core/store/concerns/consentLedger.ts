import type { StoreContext } from '../context';
import { BATCH } from '../dialect/Dialect';
import type { BulkColumn } from '../dialect/Dialect';
import { checkConsentInput } from '../impl/inputs';
import { chunks, fromJson, ms, num, toJson } from '../impl/values';
import type { Channel, ConsentRecord, ConsentRecordInput, Purpose } from '../JourneyStore';

/**
 * The consent ledger: append-only proof (a trigger refuses any change but erasure), plus `consent_current`, the
 * newest record per subject + channel + purpose, kept by a trigger on append (migration 2). Reads of "the current
 * consent" go to `consent_current`: one row per subject, however long the history.
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
 * What every read returns, in this order, from either table: the ledger id, the clear subject (NULL after erasure,
 * and always NULL from `consent_current`, whose reader knows the subject), channel, purpose and the record fields.
 * Rows come back as arrays (cheap to build for 10,000-subject batches) and `consentFromRow` reads them by position.
 */
export const LEDGER_SELECT = `id, subject, channel, purpose, ${RECORD_FIELDS.join(', ')}`;
const currentSelect = (p = '') =>
	`${p}ledger_id, NULL, ${p}channel, ${p}purpose, ${RECORD_FIELDS.map((f) => p + f).join(', ')}`;

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

export async function currentConsent(ctx: StoreContext, subject: string, channel: Channel, purpose: Purpose): Promise<ConsentRecord | null> {
	const s = ctx.subject(channel, subject);
	const [row] = await ctx.db.values(`SELECT ${currentSelect()} FROM consent_current WHERE subject_hash = ? AND channel = ? AND purpose = ?`, [
		s.hash,
		channel,
		purpose,
	]);
	return row ? consentFromRow(row, s.subject) : null;
}

export async function currentConsentMany(
	ctx: StoreContext,
	subjects: string[],
	channel: Channel,
	purpose: Purpose,
): Promise<Map<string, ConsentRecord>> {
	const { byHash, hashes } = ctx.batch(channel, subjects);
	const result = new Map<string, ConsentRecord>();
	const { db } = ctx;
	for (const chunk of chunks(hashes, BATCH)) {
		// An IN-list, not a join: both planners then probe the primary key once per subject (a join let PostgreSQL hash
		// the whole table). The hash comes back last to find the subject's spellings.
		const rows = await db.values(
			`SELECT ${currentSelect('c.')}, c.subject_hash FROM consent_current AS c
			WHERE ${db.inList('c.subject_hash')} AND c.channel = ? AND c.purpose = ?`,
			[db.listParam(chunk), channel, purpose],
		);
		for (const row of rows) {
			const entry = byHash.get(row[11] as string);
			if (!entry) continue;
			const record = consentFromRow(row, entry.subject);
			for (const input of entry.inputs) result.set(input, record);
		}
	}
	return result;
}
