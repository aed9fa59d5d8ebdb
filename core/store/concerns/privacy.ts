import type { StoreContext } from '../context';
import type { Queryable } from '../dialect/Dialect';
import { ERASED_JSON, ms } from '../impl/values';
import type { ConsentRecord, DecisionInput, DueItem, MessageLogEntry, Suppression } from '../JourneyStore';
import type { Attribution, LinkClick, ShortLink } from './links';
import type { Rating, ReviewAsk } from './ratings';
import type { CartRecord } from './carts';
import type { OrderRecord } from './orderHistory';
import type { OrderStages, WatchedShipment } from './shipmentTypes';
import { channelOfSubject } from '../subject';
import { LEDGER_SELECT, consentFromRow } from './consentLedger';
import { decisionFromRow, ofSubject, subjectParams } from './decisions';
import { messageFromRow } from './messageLog';
import { cartFromRow } from './carts';
import { dueFromRow } from './scheduled';
import { eraseLinks, exportLinks } from './links';
import { eraseRatings, exportRatings } from './ratings';
import { withLines } from './orderHistory';
import { suppressionFromRow } from './suppressions';
import { shipmentFromRow, stagesFromRow } from './shipmentRows';

/**
 * GDPR requests over every concern: the subject export (Art. 15) and erasure (Art. 17). Order-history imports
 * (`order_imports`) hold no personal data (shop, period, paging position, counts), so neither touches them.
 */


/** Everything the store knows about one subject, for a GDPR/UWG proof request. */
export interface SubjectExport {
	subject: string;
	subjectHash: string;
	exportedAt: Date;
	consent: ConsentRecord[];
	suppressions: Suppression[];
	messages: MessageLogEntry[];
	decisions: Array<DecisionInput & { decidedAt: Date }>;
	/** Scheduled work (carts, purchases, shipments) that names the subject. Always filled by both backends. */
	scheduled?: DueItem[];
	/** Short links made for the subject. Always filled by both backends. */
	shortLinks?: ShortLink[];
	/** Clicks on the subject's links (counted or not), and the subject's orders attributed to a journey step. */
	linkClicks?: LinkClick[];
	attributions?: Attribution[];
	/** Review requests asked of the subject (scale, order, products). Always filled by both backends. */
	reviewAsks?: ReviewAsk[];
	/** The subject's ratings, one per order. Always filled by both backends. */
	ratings?: Rating[];
	/** Carts of the subject (by e-mail address or phone number) waiting for, or done with, reminders. */
	carts?: CartRecord[];
	/** The subject's recorded orders (every status), newest first. Always filled by both backends. */
	orders?: OrderRecord[];
	/** Watched shipments sent to the subject, and the stages of the subject's orders. */
	shipments?: WatchedShipment[];
	orderStages?: OrderStages[];
}

export interface ErasureReport {
	subjectHash: string;
	erasedAt: Date;
	/** Rows whose personal data was removed, per table. */
	removed: Record<string, number>;
	/** Whether a hashed suppression was kept so the subject stays suppressed. */
	suppressionKept: boolean;
}


/** Everything about one subject, read in one snapshot. */
export async function exportSubject(ctx: StoreContext, value: string): Promise<SubjectExport> {
	const { subject, hash } = ctx.anySubject(value);
	const b = ctx.db.binary;
	return ctx.db.tx(
		async (tx) => {
			const read = (sql: string) => tx.all(sql, [hash]);
			return {
				subject,
				subjectHash: hash,
				exportedAt: new Date(ctx.now()),
				consent: (await tx.values(`SELECT ${LEDGER_SELECT} FROM consent_ledger WHERE subject_hash = ? ORDER BY recorded_at, id`, [hash])).map(
					(r) => consentFromRow(r, subject),
				),
				suppressions: (await read(`SELECT * FROM suppressions WHERE subject_hash = ? ORDER BY channel${b}`)).map(suppressionFromRow),
				messages: (await read('SELECT * FROM messages WHERE subject_hash = ? ORDER BY sent_at, id')).map((r) => messageFromRow(r, subject)),
				decisions: (await tx.all(`SELECT * FROM decisions WHERE ${ofSubject(ctx.db)} ORDER BY decided_at, id`, subjectParams(hash))).map((r) =>
					decisionFromRow(r, subject),
				),
				scheduled: (await read(`SELECT * FROM due_items WHERE subject_hash = ? ORDER BY due_at, kind${b}, key${b}`)).map(dueFromRow),
				...(await exportLinks(tx, hash, b)),
				...(await exportRatings(tx, hash)),
				carts: (await tx.all(`SELECT * FROM carts WHERE email_hash = ? OR phone_hash = ? ORDER BY activity_at, scope${b}, token${b}`, [hash, hash])).map(
					cartFromRow,
				),
				orders: await withLines(
					tx,
					await tx.all(`SELECT * FROM orders WHERE subject_hash = ? OR phone_hash = ? ORDER BY placed_at DESC, platform${b}, order_id${b}`, [hash, hash]),
				),
				shipments: (await read(`SELECT * FROM shipments WHERE subject_hash = ? ORDER BY watched_at, tracking_number${b}`)).map(shipmentFromRow),
				orderStages: (await read(`SELECT * FROM order_stages WHERE subject_hash = ? ORDER BY order_id${b}`)).map(stagesFromRow),
			};
		},
		{ readOnly: true },
	);
}

/**
 * Removes the subject's personal data in one transaction and keeps a hashed `erasure` suppression. The ledger keeps
 * its facts (status, basis, times) as proof; its trigger allows exactly this change and mirrors it to
 * `consent_current`.
 */
export async function eraseSubject(ctx: StoreContext, value: string, at?: Date): Promise<ErasureReport> {
	const { subject, hash } = ctx.anySubject(value);
	const t = ms(at, ctx.now());
	const E = ERASED_JSON;
	return ctx.db.tx(async (tx) => {
		const removed: Record<string, number> = {
			consent: await tx.run(
				'UPDATE consent_ledger SET subject = NULL, evidence = ? WHERE subject_hash = ? AND (subject IS NOT NULL OR evidence <> ?)',
				[E, hash, E],
			),
			messages: await tx.run('UPDATE messages SET subject = NULL, meta = ? WHERE subject_hash = ? AND (subject IS NOT NULL OR meta <> ?)', [
				E,
				hash,
				E,
			]),
			decisions: await tx.run(`UPDATE decisions SET subject = NULL, detail = ? WHERE ${ofSubject(ctx.db)} AND (subject IS NOT NULL OR detail <> ?)`, [
				E,
				...subjectParams(hash),
				E,
			]),
			scheduled: await tx.run(
				`UPDATE due_items SET subject = NULL, payload = ?, lease_until = NULL, updated_at = ?,
					status = CASE WHEN status IN ('pending', 'leased') THEN 'cancelled' ELSE status END
				WHERE subject_hash = ? AND (subject IS NOT NULL OR payload <> ?)`,
				[E, t, hash, E],
			),
			// A cart is found by either address: erasing one removes both, and the cart is never reminded again.
			carts: await tx.run(
				`UPDATE carts SET email = NULL, phone = NULL, payload = ?, due_at = NULL, status = 'erased', reason = 'erased', updated_at = ?
				WHERE (email_hash = ? OR phone_hash = ?) AND (email IS NOT NULL OR phone IS NOT NULL OR payload <> ?)`,
				[E, t, hash, hash, E],
			),
			...(await eraseLinks(tx, hash)),
			// Order history is no proof of anything: the subject's orders go entirely, lines and codes first.
			orders: await eraseOrders(tx, hash),
			// Events keep only carrier facts (status, place, time); their detail may say who took the parcel in.
			shipmentEvents: await tx.run(
				'UPDATE shipment_events SET detail = ?, location = NULL WHERE detail <> ? AND tracking_number IN (SELECT tracking_number FROM shipments WHERE subject_hash = ?)',
				[E, E, hash],
			),
			shipments: await tx.run(
				`UPDATE shipments SET subject = NULL, context = ?, finished_at = COALESCE(finished_at, ?), finish_reason = COALESCE(finish_reason, 'erased'),
					lease_until = NULL WHERE subject_hash = ? AND (subject IS NOT NULL OR context <> ?)`,
				[E, t, hash, E],
			),
			orderStages: await tx.run('UPDATE order_stages SET subject = NULL, context = ? WHERE subject_hash = ? AND (subject IS NOT NULL OR context <> ?)', [
				E,
				hash,
				E,
			]),
			suppressions: await tx.run('UPDATE suppressions SET subject = NULL, evidence = ? WHERE subject_hash = ? AND subject IS NOT NULL', [
				E,
				hash,
			]),
			...(await eraseRatings(tx, hash)),
		};
		await tx.run(
			`INSERT INTO suppressions (subject_hash, channel, subject, reason, source, at, evidence)
			VALUES (?, ?, NULL, 'erasure', 'erasure', ?, ?)
			ON CONFLICT (subject_hash, channel) DO UPDATE SET subject = NULL, reason = 'erasure', source = 'erasure',
				at = excluded.at, evidence = excluded.evidence`,
			[hash, channelOfSubject(subject), t, E],
		);
		return { subjectHash: hash, erasedAt: new Date(t), removed, suppressionKept: true };
	});
}

async function eraseOrders(tx: Queryable, hash: string): Promise<number> {
	// Orders keyed by the subject, and orders keyed by an e-mail that named this phone (migration 9).
	const mine = '(platform, order_id) IN (SELECT platform, order_id FROM orders WHERE subject_hash = ? OR phone_hash = ?)';
	await tx.run(`DELETE FROM order_lines WHERE ${mine}`, [hash, hash]);
	await tx.run(`DELETE FROM order_discounts WHERE ${mine}`, [hash, hash]);
	return tx.run('DELETE FROM orders WHERE subject_hash = ? OR phone_hash = ?', [hash, hash]);
}
