import type { StoreContext } from '../context';
import { BATCH } from '../dialect/Dialect';
import type { Row } from '../dialect/Dialect';
import { checkText, chunks, ms, num, toJson } from '../impl/values';
import type { Channel, Suppression, SuppressionInput } from '../JourneyStore';

/**
 * The suppression list: one row per subject hash + channel. Kept as proof (never purged by retention); erasure
 * leaves a hashed `erasure` row that nothing can lift or overwrite.
 */

export function suppressionFromRow(row: Row): Suppression {
	return {
		channel: row.channel as Suppression['channel'],
		reason: row.reason as Suppression['reason'],
		source: row.source as string,
		at: new Date(num(row.at)),
		subjectKnown: row.subject !== null && row.subject !== undefined,
	};
}

export async function suppress(ctx: StoreContext, entry: SuppressionInput): Promise<void> {
	const { subject, hash } = ctx.subject(entry.channel, entry.subject);
	checkText(entry.source, 'source');
	// An erasure suppression is final: a later STOP or bounce must not bring the clear subject back.
	await ctx.db.run(
		`INSERT INTO suppressions (subject_hash, channel, subject, reason, source, at, evidence)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (subject_hash, channel) DO UPDATE SET subject = excluded.subject, reason = excluded.reason,
			source = excluded.source, at = excluded.at, evidence = excluded.evidence
		WHERE suppressions.reason <> 'erasure'`,
		[hash, entry.channel, subject, entry.reason, entry.source, ms(entry.at, ctx.now()), toJson(entry.evidence)],
	);
}

export async function unsuppress(ctx: StoreContext, subject: string, channel: Channel): Promise<boolean> {
	const s = ctx.subject(channel, subject);
	return (await ctx.db.run("DELETE FROM suppressions WHERE subject_hash = ? AND channel = ? AND reason <> 'erasure'", [s.hash, channel])) > 0;
}

export async function getSuppression(ctx: StoreContext, subject: string, channel: Channel): Promise<Suppression | null> {
	const s = ctx.subject(channel, subject);
	const row = await ctx.db.get('SELECT * FROM suppressions WHERE subject_hash = ? AND channel = ?', [s.hash, channel]);
	return row ? suppressionFromRow(row) : null;
}

export async function getSuppressionMany(ctx: StoreContext, subjects: string[], channel: Channel): Promise<Map<string, Suppression>> {
	const { byHash, hashes } = ctx.batch(channel, subjects);
	const result = new Map<string, Suppression>();
	const { db } = ctx;
	for (const chunk of chunks(hashes, BATCH)) {
		const rows = await db.all(`SELECT * FROM suppressions WHERE ${db.inList('subject_hash')} AND channel = ?`, [db.listParam(chunk), channel]);
		for (const row of rows) {
			const entry = byHash.get(row.subject_hash as string);
			if (!entry) continue;
			const suppression = suppressionFromRow(row);
			for (const input of entry.inputs) result.set(input, suppression);
		}
	}
	return result;
}
