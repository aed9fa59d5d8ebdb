import { createHash } from 'node:crypto';
import { InputError } from '../../shared/errors';
import type { StoreCall, StoreContext } from '../context';
import type { Queryable, Row } from '../dialect/Dialect';
import { checkKey, checkText, ERASED_JSON, fromJson, ms, num, numOrNull, toJson } from '../impl/values';
import type { Channel } from '../JourneyStore';

/**
 * Short links, their clicks and the orders attributed to a journey step (`store.links`). A link made for a message
 * (`messageKey`) is unique per message and target URL, so a retried send finds the code made the first time. Clicks
 * are kept whether counted or not (a link preview is recorded with its reason, so the rule can be checked later).
 * History, not proof: purged by retention, and the subject is removed on erasure.
 */

export interface ShortLink {
	code: string;
	url: string;
	subject: string | null;
	meta: Record<string, unknown>;
	createdAt: Date;
	/** Counted clicks (previews and scanners are recorded, not counted). */
	clicks: number;
	channel: Channel | null;
	journeyStep: string | null;
	expiresAt: Date | null;
	firstClickAt: Date | null;
}

export interface ShortLinkInput {
	code: string;
	url: string;
	subject?: string;
	/** One message: customer + journey step + channel + "Send Once Per" (the send key). With it, the same message and URL always get the same code. */
	messageKey?: string;
	channel?: Channel;
	journeyStep?: string;
	expiresAt?: Date | null;
	meta?: Record<string, unknown>;
}

export interface ClickInput {
	at?: Date;
	/** False for link previews, scanners and HEAD requests: recorded with `reason`, not counted. */
	counted?: boolean;
	reason?: string | null;
	meta?: Record<string, unknown>;
}

export interface ClickResult {
	link: ShortLink;
	counted: boolean;
	/** Whether this was the link's first counted click. */
	first: boolean;
}

export interface LinkClick {
	code: string;
	at: Date;
	counted: boolean;
	reason: string | null;
	journeyStep: string | null;
	meta: Record<string, unknown>;
}

export type TouchKind = 'click' | 'message';

export interface AttributionInput {
	platform: string;
	orderId: string;
	/** The customer's phone numbers and e-mail addresses (values that are no subject are ignored). */
	subjects: string[];
	placedAt: Date;
	/** How far back a click or delivered message counts, in ms. */
	windowMs: number;
	currency?: string | null;
	total?: string | null;
}

export interface Attribution {
	platform: string;
	orderId: string;
	journeyStep: string;
	channel: Channel | null;
	touch: TouchKind;
	touchAt: Date;
	code: string | null;
	providerId: string | null;
	placedAt: Date;
	currency: string | null;
	total: string | null;
	attributedAt: Date;
}

export interface LinkStore {
	/** Makes a link; idempotent for the same code + URL, and for the same message + URL (the first code wins). */
	create(link: ShortLinkInput): Promise<ShortLink>;
	resolve(code: string): Promise<ShortLink | null>;
	/** Records a click (counted or not) in one transaction with the counter; null when the code is unknown. */
	recordClick(code: string, click?: ClickInput): Promise<ClickResult | null>;
	clicks(code: string): Promise<LinkClick[]>;
	/**
	 * Attributes an order to the journey step of the customer's last counted click in the window, else of the last
	 * delivered message; stored once per order (a redelivered order gets the first answer). Null when nothing touched it.
	 */
	attributeOrder(input: AttributionInput): Promise<Attribution | null>;
	getAttribution(platform: string, orderId: string): Promise<Attribution | null>;
}

export function shortLinkFromRow(row: Row): ShortLink {
	const t = (v: unknown) => (numOrNull(v) === null ? null : new Date(num(v)));
	return {
		code: row.code as string,
		url: row.url as string,
		subject: (row.subject as string | null) ?? null,
		meta: fromJson(row.meta, {}),
		createdAt: new Date(num(row.created_at)),
		clicks: num(row.clicks),
		channel: (row.channel as Channel | null) ?? null,
		journeyStep: (row.journey_step as string | null) ?? null,
		expiresAt: t(row.expires_at),
		firstClickAt: t(row.first_click_at),
	};
}

function clickFromRow(row: Row): LinkClick {
	return {
		code: row.code as string,
		at: new Date(num(row.at)),
		counted: num(row.counted) === 1,
		reason: (row.reason as string | null) ?? null,
		journeyStep: (row.journey_step as string | null) ?? null,
		meta: fromJson(row.meta, {}),
	};
}

function attributionFromRow(row: Row): Attribution {
	return {
		platform: row.platform as string,
		orderId: row.order_id as string,
		journeyStep: row.journey_step as string,
		channel: (row.channel as Channel | null) ?? null,
		touch: row.touch as TouchKind,
		touchAt: new Date(num(row.touch_at)),
		code: (row.code as string | null) ?? null,
		providerId: (row.provider_id as string | null) ?? null,
		placedAt: new Date(num(row.placed_at)),
		currency: (row.currency as string | null) ?? null,
		total: (row.total as string | null) ?? null,
		attributedAt: new Date(num(row.attributed_at)),
	};
}

/** The message + URL key: a hash, so neither the subject nor the URL is readable from it. */
function linkKeyOf(messageKey: string, url: string): string {
	return createHash('sha256').update(`${messageKey}\n${url}`, 'utf8').digest('hex');
}

/** SMS count as delivered on the carrier's report; e-mail once the receiving server accepted it (attribution and the journey report). */
export const DELIVERED = `((m.channel = 'sms' AND m.status IN ('delivered', 'read')) OR (m.channel = 'email' AND m.status IN ('sent', 'delivered', 'read')))`;

async function createLink(ctx: StoreContext, link: ShortLinkInput): Promise<ShortLink> {
	checkKey(link.code, 'code');
	checkText(link.url, 'url');
	if (link.journeyStep) checkKey(link.journeyStep, 'journeyStep');
	const s = link.subject ? ctx.anySubject(link.subject) : null;
	const key = link.messageKey ? linkKeyOf(checkKey(link.messageKey, 'messageKey'), link.url) : null;
	const expires = link.expiresAt ? ms(link.expiresAt, Number.NaN) : null;
	return ctx.db.tx(async (tx) => {
		if (key) {
			const existing = await tx.get('SELECT * FROM short_links WHERE link_key = ?', [key]);
			if (existing) return shortLinkFromRow(existing);
		}
		await tx.run(
			`INSERT INTO short_links (code, url, subject, subject_hash, meta, created_at, clicks, link_key, channel, journey_step, expires_at)
			VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
			[link.code, link.url, s?.subject ?? null, s?.hash ?? null, toJson(link.meta), ctx.now(), key, link.channel ?? null, link.journeyStep ?? null, expires],
		);
		// A concurrent send of the same message may have won the link key: its code is the message's code.
		const row = (key ? await tx.get('SELECT * FROM short_links WHERE link_key = ?', [key]) : undefined) ?? (await tx.get('SELECT * FROM short_links WHERE code = ?', [link.code]));
		const made = shortLinkFromRow(row as Row);
		if (made.url !== link.url) throw new InputError('This short link code is already used for another URL.', 'code', 'Generate a new random code.');
		return made;
	});
}

async function recordClick(ctx: StoreContext, code: string, click: ClickInput): Promise<ClickResult | null> {
	checkKey(code, 'code');
	const t = ms(click.at, ctx.now());
	const counted = click.counted !== false;
	return ctx.db.tx(async (tx) => {
		const before = await tx.get('SELECT * FROM short_links WHERE code = ?', [code]);
		if (!before) return null;
		let first = false;
		if (counted) {
			await tx.run('UPDATE short_links SET clicks = clicks + 1, first_click_at = COALESCE(first_click_at, ?) WHERE code = ?', [t, code]);
			first = num(before.clicks) === 0;
		}
		await tx.run('INSERT INTO link_clicks (code, at, meta, subject_hash, journey_step, counted, reason) VALUES (?, ?, ?, ?, ?, ?, ?)', [
			code,
			t,
			toJson(click.meta),
			before.subject_hash ?? null,
			before.journey_step ?? null,
			counted ? 1 : 0,
			click.reason ?? null,
		]);
		const link = shortLinkFromRow((await tx.get('SELECT * FROM short_links WHERE code = ?', [code])) as Row);
		return { link, counted, first };
	});
}

async function attributeOrder(ctx: StoreContext, input: AttributionInput): Promise<Attribution | null> {
	checkKey(input.platform, 'platform');
	checkKey(input.orderId, 'orderId');
	const placed = ms(input.placedAt, Number.NaN);
	if (!(input.windowMs > 0)) throw new InputError('The attribution window must be a positive number of milliseconds.', 'windowMs');
	const hashes = ctx.anySubjectHashes(input.subjects);
	const { db } = ctx;
	return db.tx(async (tx) => {
		const done = await tx.get('SELECT * FROM order_attributions WHERE platform = ? AND order_id = ?', [input.platform, input.orderId]);
		if (done) return attributionFromRow(done);
		if (!hashes.length) return null;
		const list = db.listParam(hashes);
		const from = placed - input.windowMs;
		const click = await tx.get(
			`SELECT c.code, c.at, c.subject_hash, c.journey_step, l.channel FROM link_clicks AS c JOIN short_links AS l ON l.code = c.code
			WHERE ${db.inList('c.subject_hash')} AND c.counted = 1 AND c.journey_step IS NOT NULL AND c.at >= ? AND c.at <= ?
			ORDER BY c.at DESC, c.id DESC LIMIT 1`,
			[list, from, placed],
		);
		const message = click
			? undefined
			: await tx.get(
					`SELECT m.subject_hash, m.journey_step, m.channel, m.provider_id, m.sent_at FROM messages AS m
					WHERE ${db.inList('m.subject_hash')} AND ${DELIVERED} AND m.sent_at >= ? AND m.sent_at <= ? ORDER BY m.sent_at DESC, m.id DESC LIMIT 1`,
					[list, from, placed],
				);
		if (!click && !message) return null;
		const touch = click
			? { step: click.journey_step, channel: click.channel ?? null, kind: 'click', at: num(click.at), code: click.code, provider: null, hash: click.subject_hash }
			: { step: message!.journey_step, channel: message!.channel, kind: 'message', at: num(message!.sent_at), code: null, provider: message!.provider_id ?? null, hash: message!.subject_hash };
		await tx.run(
			`INSERT INTO order_attributions (platform, order_id, subject_hash, journey_step, channel, touch, touch_at, code, provider_id, placed_at, currency, total, attributed_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
			[input.platform, input.orderId, touch.hash, touch.step, touch.channel, touch.kind, touch.at, touch.code, touch.provider, placed, input.currency ?? null, input.total ?? null, ctx.now()],
		);
		return attributionFromRow((await tx.get('SELECT * FROM order_attributions WHERE platform = ? AND order_id = ?', [input.platform, input.orderId])) as Row);
	});
}

export function createLinkStore(call: StoreCall, ctx: StoreContext): LinkStore {
	const { db } = ctx;
	return {
		create: (link) => call('create a short link', () => createLink(ctx, link)),
		resolve: (code) =>
			call('resolve a short link', async () => {
				const row = await db.get('SELECT * FROM short_links WHERE code = ?', [checkKey(code, 'code')]);
				return row ? shortLinkFromRow(row) : null;
			}),
		recordClick: (code, click = {}) => call('record a click', () => recordClick(ctx, code, click)),
		clicks: (code) => call('read clicks', async () => (await db.all('SELECT * FROM link_clicks WHERE code = ? ORDER BY at, id', [checkKey(code, 'code')])).map(clickFromRow)),
		attributeOrder: (input) => call('attribute an order', () => attributeOrder(ctx, input)),
		getAttribution: (platform, orderId) =>
			call('read an attribution', async () => {
				const row = await db.get('SELECT * FROM order_attributions WHERE platform = ? AND order_id = ?', [checkKey(platform, 'platform'), checkKey(orderId, 'orderId')]);
				return row ? attributionFromRow(row) : null;
			}),
	};
}

/** For the subject export (Art. 15), inside its snapshot. */
export async function exportLinks(tx: Queryable, hash: string, binary: string): Promise<{ shortLinks: ShortLink[]; linkClicks: LinkClick[]; attributions: Attribution[] }> {
	return {
		shortLinks: (await tx.all(`SELECT * FROM short_links WHERE subject_hash = ? ORDER BY created_at, code${binary}`, [hash])).map(shortLinkFromRow),
		linkClicks: (await tx.all('SELECT * FROM link_clicks WHERE subject_hash = ? ORDER BY at, id', [hash])).map(clickFromRow),
		attributions: (await tx.all(`SELECT * FROM order_attributions WHERE subject_hash = ? ORDER BY placed_at, order_id${binary}`, [hash])).map(attributionFromRow),
	};
}

/**
 * For erasure (Art. 17), inside its transaction. The link keeps working (the customer may still tap it) but names
 * nobody; clicks and attributions keep their facts (step, time, revenue) for the report without the subject's hash.
 */
export async function eraseLinks(tx: Queryable, hash: string): Promise<{ linkClicks: number; shortLinks: number; attributions: number }> {
	const E = ERASED_JSON;
	return {
		linkClicks: await tx.run(
			`UPDATE link_clicks SET meta = ?, subject_hash = NULL
			WHERE (code IN (SELECT code FROM short_links WHERE subject_hash = ?) OR subject_hash = ?) AND (meta <> ? OR subject_hash IS NOT NULL)`,
			[E, hash, hash, E],
		),
		shortLinks: await tx.run('UPDATE short_links SET subject = NULL, meta = ? WHERE subject_hash = ? AND (subject IS NOT NULL OR meta <> ?)', [E, hash, E]),
		attributions: await tx.run('UPDATE order_attributions SET subject_hash = NULL WHERE subject_hash = ?', [hash]),
	};
}
