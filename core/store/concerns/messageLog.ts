import type { StoreContext } from '../context';
import { BATCH } from '../dialect/Dialect';
import type { Row } from '../dialect/Dialect';
import { checkMessageInput } from '../impl/inputs';
import { allowedPriorStatuses } from '../impl/status';
import { DEFAULT_UNCOUNTED_STATUSES, checkKey, chunks, fromJson, ms, num, toJson } from '../impl/values';
import type { MessageCountQuery, MessageLogEntry, MessageLogInput, MessageStatus } from '../JourneyStore';

/** The message log: every send and inbound message, with delivery callbacks; purged by retention (`messageLogDays`). */

export function messageFromRow(row: Row, subject?: string): MessageLogEntry {
	return {
		id: String(row.id),
		subject: (row.subject as string | null) ?? subject ?? '',
		channel: row.channel as MessageLogEntry['channel'],
		purpose: row.purpose as MessageLogEntry['purpose'],
		journeyStep: row.journey_step as string,
		providerId: (row.provider_id as string | null) ?? null,
		status: row.status as MessageStatus,
		units: num(row.units),
		sentAt: new Date(num(row.sent_at)),
		updatedAt: new Date(num(row.updated_at)),
		errorCode: (row.error_code as string | null) ?? null,
		meta: fromJson(row.meta, {}),
	};
}

export async function logMessage(ctx: StoreContext, entry: MessageLogInput): Promise<MessageLogEntry> {
	checkMessageInput(entry);
	const { subject, hash } = ctx.subject(entry.channel, entry.subject);
	const t = ctx.now();
	const row = await ctx.db.get(
		`INSERT INTO messages (subject, subject_hash, channel, purpose, journey_step, provider_id, status, units,
			sent_at, updated_at, error_code, meta)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?) RETURNING *`,
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
	return messageFromRow(row as Row);
}

/**
 * One transaction on both backends: the status change and the "is the id known" answer come from one snapshot, so a
 * concurrent callback or retention purge cannot make a known id look unknown (or the reverse).
 */
export async function updateMessageStatus(
	ctx: StoreContext,
	providerId: string,
	status: MessageStatus,
	errorCode?: string | null,
	at?: Date,
): Promise<boolean> {
	checkKey(providerId, 'providerId');
	const prior = allowedPriorStatuses(status);
	const t = ms(at, ctx.now());
	const { db } = ctx;
	// `undefined` keeps the stored error code; null clears it.
	const setError = errorCode === undefined ? '' : ', error_code = ?';
	const params = errorCode === undefined ? [status, t] : [status, t, errorCode];
	return db.tx(async (tx) => {
		// Callbacks arrive out of order: a late "sent" must not overwrite "delivered".
		const changed = await tx.run(
			`UPDATE messages SET status = ?, updated_at = ?${setError} WHERE provider_id = ? AND ${db.inList('status')}`,
			[...params, providerId, db.listParam(prior)],
		);
		return changed > 0 || (await tx.get('SELECT 1 AS x FROM messages WHERE provider_id = ? LIMIT 1', [providerId])) !== undefined;
	});
}

/** The shared WHERE of both counts, over `messages AS m`. */
function countWhere(ctx: StoreContext, query: Omit<MessageCountQuery, 'subject'>): { sql: string; params: unknown[] } {
	const { db } = ctx;
	const since = ms(query.since, Number.NaN);
	const status = query.statuses ? db.inList('m.status') : db.notInList('m.status');
	const params: unknown[] = [query.channel, since, db.listParam(query.statuses ?? DEFAULT_UNCOUNTED_STATUSES)];
	if (query.purpose) params.push(query.purpose);
	return { sql: `m.channel = ? AND m.sent_at >= ? AND ${status}${query.purpose ? ' AND m.purpose = ?' : ''}`, params };
}

export async function countMessages(ctx: StoreContext, query: MessageCountQuery): Promise<number> {
	const s = ctx.subject(query.channel, query.subject);
	const { sql, params } = countWhere(ctx, query);
	const row = await ctx.db.get(`SELECT COUNT(*) AS n FROM messages AS m WHERE m.subject_hash = ? AND ${sql}`, [s.hash, ...params]);
	return Number(row?.n ?? 0);
}

export async function countMessagesMany(
	ctx: StoreContext,
	subjects: string[],
	query: Omit<MessageCountQuery, 'subject'>,
): Promise<Map<string, number>> {
	const { byHash, hashes } = ctx.batch(query.channel, subjects);
	const { sql, params } = countWhere(ctx, query);
	const { db } = ctx;
	// Everyone starts at 0; the join then returns only subjects with messages in the window, so a batch of mostly quiet
	// subjects does not build a row per subject.
	const result = new Map<string, number>();
	for (const entry of byHash.values()) for (const input of entry.inputs) result.set(input, 0);
	for (const chunk of chunks(hashes, BATCH)) {
		// An IN-list on the (subject_hash, channel, sent_at) index: both planners probe it per subject.
		const rows = await db.values(
			`SELECT m.subject_hash, COUNT(*) FROM messages AS m WHERE ${db.inList('m.subject_hash')} AND ${sql} GROUP BY m.subject_hash`,
			[db.listParam(chunk), ...params],
		);
		for (const [hash, n] of rows) for (const input of byHash.get(hash as string)?.inputs ?? []) result.set(input, Number(n));
	}
	return result;
}

export async function findMessageByProviderId(ctx: StoreContext, providerId: string): Promise<MessageLogEntry | null> {
	const row = await ctx.db.get('SELECT * FROM messages WHERE provider_id = ? ORDER BY id DESC LIMIT 1', [checkKey(providerId, 'providerId')]);
	return row ? messageFromRow(row) : null;
}
