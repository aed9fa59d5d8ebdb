import { InputError } from '../../shared/errors';
import type { StoreCall, StoreContext } from '../context';
import type { Queryable, Row } from '../dialect/Dialect';
import { checkKey, checkText, fromJson, ms, num, numOrNull } from '../impl/values';
import type { Channel } from '../JourneyStore';

/**
 * Review requests and ratings (`store.ratings`): which scale each ask named, so a "1" is read right later; one
 * rating per customer and order, a later reply replacing it; and what the timing rules need to know (when the
 * customer was last asked, which products they rated). History, not proof: purged by retention and erasable.
 */

/** Scale ids as `core/review` names them; the store only keeps the string. */
export type StoredScale = 'grades_1_6' | 'stars_1_5' | 'zero_to_ten';
export type RatingSentiment = 'happy' | 'neutral' | 'unhappy';

const SCALES: readonly string[] = ['grades_1_6', 'stars_1_5', 'zero_to_ten'];
const SENTIMENTS: readonly string[] = ['happy', 'neutral', 'unhappy'];
/** The message log's names for the review step (the registry id and its alias). */
const REVIEW_STEPS = ['review_request', 'reviewRequest'];

export interface ReviewAskInput {
	subject: string;
	channel: Channel;
	orderId: string;
	scale: StoredScale;
	/** Language of the ask's text (BCP 47 primary tag). */
	language: string;
	/** The provider's message id (Twilio SID) of the ask. */
	providerId?: string | null;
	/** Product IDs or SKUs the ask was about. */
	products?: string[];
	askedAt?: Date;
}

export interface ReviewAsk extends Required<Omit<ReviewAskInput, 'providerId' | 'askedAt'>> {
	id: string;
	providerId: string | null;
	askedAt: Date;
	/** When the one clarifying question went out (null: not yet). */
	clarifiedAt: Date | null;
}

export interface RatingInput {
	subject: string;
	orderId: string;
	scale: StoredScale;
	value: number;
	/** 0 (worst) to 1 (best), comparable across scales. */
	score: number;
	sentiment: RatingSentiment;
	products?: string[];
	/** The customer's reply as sent. */
	reply?: string | null;
	providerId?: string | null;
	ratedAt?: Date;
}

export interface Rating extends Required<Omit<RatingInput, 'reply' | 'providerId' | 'ratedAt' | 'subject'>> {
	subject: string | null;
	reply: string | null;
	providerId: string | null;
	ratedAt: Date;
}

export interface RatingStore {
	/** Remembers an ask (after it was sent). */
	recordAsk(ask: ReviewAskInput): Promise<ReviewAsk>;
	/** The customer's newest ask, optionally only one made since `since`. */
	latestAsk(subject: string, since?: Date): Promise<ReviewAsk | null>;
	/** Marks that the one clarifying question for an ask goes out; true for exactly one caller. */
	markClarified(askId: string, at?: Date): Promise<boolean>;
	/** Stores the rating for customer + order; a later one replaces it. */
	recordRating(rating: RatingInput): Promise<Rating>;
	getRating(subject: string, orderId: string): Promise<Rating | null>;
	/** Product IDs and SKUs the customer (any of the given phone numbers and e-mail addresses) has rated. */
	ratedProducts(subjects: string[]): Promise<Set<string>>;
	/** When any of the subjects last got a review request: the message log's `review_request` sends and the asks. */
	lastAskedAt(subjects: string[]): Promise<Date | null>;
}

function askFromRow(row: Row): ReviewAsk {
	return {
		id: String(row.id),
		subject: (row.subject as string | null) ?? '',
		channel: row.channel as Channel,
		orderId: row.order_id as string,
		scale: row.scale as StoredScale,
		language: row.language as string,
		providerId: (row.provider_id as string | null) ?? null,
		products: fromJson(row.products, [] as string[]),
		askedAt: new Date(num(row.asked_at)),
		clarifiedAt: numOrNull(row.clarified_at) === null ? null : new Date(num(row.clarified_at)),
	};
}

function ratingFromRow(row: Row): Rating {
	return {
		subject: (row.subject as string | null) ?? null,
		orderId: row.order_id as string,
		scale: row.scale as StoredScale,
		value: num(row.value),
		score: num(row.score),
		sentiment: row.sentiment as RatingSentiment,
		products: fromJson(row.products, [] as string[]),
		reply: (row.reply as string | null) ?? null,
		providerId: (row.provider_id as string | null) ?? null,
		ratedAt: new Date(num(row.rated_at)),
	};
}

function checkOneOf(value: unknown, allowed: readonly string[], field: string): void {
	if (typeof value !== 'string' || !allowed.includes(value)) throw new InputError(`The ${field} must be one of ${allowed.join(', ')}.`, field);
}

function productsJson(products: string[] | undefined): string {
	const list = (products ?? []).map((p) => checkKey(String(p), 'products'));
	return JSON.stringify([...new Set(list)]);
}

export function createRatingStore(call: StoreCall, ctx: StoreContext): RatingStore {
	const { db } = ctx;
	return {
		recordAsk: (ask) =>
			call('remember a review request', async () => {
				checkOneOf(ask.scale, SCALES, 'scale');
				checkKey(ask.orderId, 'orderId');
				checkKey(ask.language, 'language');
				const { subject, hash } = ctx.subject(ask.channel, ask.subject);
				const row = await db.get(
					`INSERT INTO review_asks (subject, subject_hash, channel, order_id, scale, language, provider_id, products, asked_at, clarified_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL) RETURNING *`,
					[subject, hash, ask.channel, ask.orderId, ask.scale, ask.language, ask.providerId ?? null, productsJson(ask.products), ms(ask.askedAt, ctx.now())],
				);
				return askFromRow(row as Row);
			}),
		latestAsk: (value, since) =>
			call('read a review request', async () => {
				const { hash } = ctx.anySubject(value);
				const row = await db.get('SELECT * FROM review_asks WHERE subject_hash = ? AND asked_at >= ? ORDER BY asked_at DESC, id DESC LIMIT 1', [
					hash,
					since ? ms(since, 0) : 0,
				]);
				return row ? askFromRow(row) : null;
			}),
		markClarified: (askId, at) =>
			call('mark a review request clarified', async () => {
				const id = Number(askId);
				if (!Number.isSafeInteger(id)) throw new InputError('The review request ID is not valid.', 'askId');
				return (await db.run('UPDATE review_asks SET clarified_at = ? WHERE id = ? AND clarified_at IS NULL', [ms(at, ctx.now()), id])) > 0;
			}),
		recordRating: (rating) =>
			call('record a rating', async () => {
				checkOneOf(rating.scale, SCALES, 'scale');
				checkOneOf(rating.sentiment, SENTIMENTS, 'sentiment');
				checkKey(rating.orderId, 'orderId');
				if (typeof rating.value !== 'number' || !Number.isFinite(rating.value)) throw new InputError('The rating value is not a number.', 'value');
				if (typeof rating.score !== 'number' || !(rating.score >= 0 && rating.score <= 1)) throw new InputError('The rating score must lie between 0 and 1.', 'score');
				if (rating.reply) checkText(rating.reply, 'reply');
				const { subject, hash } = ctx.anySubject(rating.subject);
				const row = await db.get(
					`INSERT INTO ratings (subject_hash, order_id, subject, scale, value, score, sentiment, products, reply, provider_id, rated_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
					ON CONFLICT (subject_hash, order_id) DO UPDATE SET subject = excluded.subject, scale = excluded.scale,
						value = excluded.value, score = excluded.score, sentiment = excluded.sentiment, products = excluded.products,
						reply = excluded.reply, provider_id = excluded.provider_id, rated_at = excluded.rated_at
					RETURNING *`,
					[
						hash,
						rating.orderId,
						subject,
						rating.scale,
						rating.value,
						rating.score,
						rating.sentiment,
						productsJson(rating.products),
						rating.reply ?? null,
						rating.providerId ?? null,
						ms(rating.ratedAt, ctx.now()),
					],
				);
				return ratingFromRow(row as Row);
			}),
		getRating: (value, orderId) =>
			call('read a rating', async () => {
				const row = await db.get('SELECT * FROM ratings WHERE subject_hash = ? AND order_id = ?', [ctx.anySubject(value).hash, checkKey(orderId, 'orderId')]);
				return row ? ratingFromRow(row) : null;
			}),
		ratedProducts: (subjects) =>
			call('read rated products', async () => {
				const hashes = ctx.anySubjectHashes(subjects);
				const out = new Set<string>();
				if (!hashes.length) return out;
				const rows = await db.values(`SELECT products FROM ratings WHERE ${db.inList('subject_hash')}`, [db.listParam(hashes)]);
				for (const [products] of rows) for (const p of fromJson(products, [] as string[])) out.add(p);
				return out;
			}),
		lastAskedAt: (subjects) =>
			call('read when a customer was last asked', async () => {
				const hashes = ctx.anySubjectHashes(subjects);
				if (!hashes.length) return null;
				const list = db.listParam(hashes);
				const sent = await db.get(
					`SELECT MAX(sent_at) AS t FROM messages WHERE ${db.inList('subject_hash')} AND ${db.inList('journey_step')} AND ${db.notInList('status')}`,
					[list, db.listParam(REVIEW_STEPS), db.listParam(['failed', 'undelivered'])],
				);
				const asked = await db.get(`SELECT MAX(asked_at) AS t FROM review_asks WHERE ${db.inList('subject_hash')}`, [list]);
				const times = [numOrNull(sent?.t), numOrNull(asked?.t)].filter((t): t is number => t !== null);
				return times.length ? new Date(Math.max(...times)) : null;
			}),
	};
}

/** For the subject export (Art. 15), inside its snapshot. */
export async function exportRatings(tx: Queryable, hash: string): Promise<{ reviewAsks: ReviewAsk[]; ratings: Rating[] }> {
	return {
		reviewAsks: (await tx.all('SELECT * FROM review_asks WHERE subject_hash = ? ORDER BY asked_at, id', [hash])).map(askFromRow),
		ratings: (await tx.all('SELECT * FROM ratings WHERE subject_hash = ? ORDER BY rated_at', [hash])).map(ratingFromRow),
	};
}

/** For erasure (Art. 17), inside its transaction: a rating and an ask are about the person, so both go. */
export async function eraseRatings(tx: Queryable, hash: string): Promise<{ reviewAsks: number; ratings: number }> {
	return {
		reviewAsks: await tx.run('DELETE FROM review_asks WHERE subject_hash = ?', [hash]),
		ratings: await tx.run('DELETE FROM ratings WHERE subject_hash = ?', [hash]),
	};
}
