import type { StoreContext } from '../context';
import { pick } from '../dialect/Dialect';
import type { BulkColumn, Dialect, Row } from '../dialect/Dialect';
import { checkText, fromJson, ms, num, toJson } from '../impl/values';
import type { DecisionInput, MessageLogEntry, SubjectExport } from '../JourneyStore';

/** The decision log: why the Consent Gate sent, deferred or suppressed; purged by retention (`decisionsDays`). */

const COLUMNS: readonly BulkColumn[] = [
	...['subject', 'subject_hash', 'channel', 'purpose', 'journey_step', 'decision', 'reason', 'policy_version'].map((name) => ({
		name,
		type: 'text' as const,
	})),
	{ name: 'decided_at', type: 'bigint' },
	{ name: 'detail', type: 'text' },
];

/**
 * The log's rows of one subject: the 8-byte hash prefix its index is built on (migration 17), then the whole hash.
 * Its parameters come from `subjectParams`.
 */
export function ofSubject(db: Dialect): string {
	return pick(db, {
		sqlite: 'unhex(substr(subject_hash, 1, 16)) = ? AND subject_hash = ?',
		postgres: "decode(substr(subject_hash, 1, 16), 'hex') = ? AND subject_hash = ?",
	});
}

export function subjectParams(hash: string): [Buffer, string] {
	return [Buffer.from(hash.slice(0, 16), 'hex'), hash];
}

export function decisionFromRow(row: Row, subject: string): SubjectExport['decisions'][number] {
	return {
		subject: (row.subject as string | null) ?? subject,
		channel: row.channel as MessageLogEntry['channel'],
		purpose: row.purpose as MessageLogEntry['purpose'],
		journeyStep: (row.journey_step as string | null) ?? undefined,
		decision: row.decision as 'send' | 'deferred' | 'suppressed',
		reason: row.reason as string,
		policyVersion: row.policy_version as string,
		decidedAt: new Date(num(row.decided_at)),
		detail: fromJson(row.detail, {}),
	};
}

function values(ctx: StoreContext, decision: DecisionInput, t: number, resolved: boolean): unknown[] {
	const { subject, hash } = resolved ? ctx.resolvedSubject(decision.channel, decision.subject) : ctx.subject(decision.channel, decision.subject);
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

/**
 * Appends decisions, all or none; every entry is checked before anything is written. `resolved` subjects (the Consent
 * Gate's recipients, already parsed and validated by it) skip the second parse: at 100,000 distinct numbers per batch
 * the phone memo cannot hold them, and parsing each again was a tenth of a logged gate run.
 */
export async function appendDecisions(ctx: StoreContext, decisions: DecisionInput[], resolved = false): Promise<void> {
	const t = ctx.now();
	const rows = decisions.map((d) => values(ctx, d, t, resolved));
	await ctx.db.insertMany('decisions', COLUMNS, rows);
}
