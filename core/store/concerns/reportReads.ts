import type { StoreCall, StoreContext } from '../context';
import { BATCH } from '../dialect/Dialect';
import type { Row } from '../dialect/Dialect';
import { checkPositiveInt, chunks, ms, num, numOrNull } from '../impl/values';
import type { Channel } from '../JourneyStore';
import { DELIVERED } from './links';
import { stagesFromRow } from './shipmentRows';
import type { OrderStages } from './shipmentTypes';

/**
 * The reads behind the journey report and the journey board (`store.reports`): figures of a period summed per
 * journey step, channel and day in SQL, and the orders with their stages and shipments. Reads only; the sums and the
 * board's stage rules live in `core/reports`. Days are cut at UTC midnight shifted by `dayOffsetMs` (the shop's UTC
 * offset), so "a day" is the shop's day; a day is the number of days since 1970-01-01 in that shifted time.
 */

export interface ReportWindow {
	from: Date;
	/** Exclusive. */
	to: Date;
	/** Added to every time before cutting it into days: the shop's offset from UTC in ms. */
	dayOffsetMs?: number;
}

export interface MessageFigures {
	journeyStep: string;
	channel: Channel;
	day: number;
	/** Every outbound message handed to Twilio or the mail server (failed ones included). */
	sent: number;
	delivered: number;
	/** Refused, undelivered or bounced. */
	failed: number;
}

/** SMS segments sent per step and the first four characters of the number (`+491`), for the cost estimate. */
export interface SmsSegments {
	journeyStep: string;
	prefix: string | null;
	segments: number;
}

export interface ClickFigures {
	journeyStep: string;
	channel: Channel | null;
	day: number;
	/** Links clicked for the first time that day (a link clicked again counts once). */
	clicked: number;
}

export interface OptOutFigures {
	journeyStep: string;
	channel: Channel;
	/** Customers who opted out within the look-back after a message of the step. */
	optedOut: number;
}

export interface AttributedOrderRow {
	journeyStep: string;
	channel: Channel | null;
	day: number;
	currency: string | null;
	total: string | null;
}

export interface BoardShipment {
	trackingNumber: string;
	carrier: string | null;
	status: string;
	shippedAt: Date | null;
	promisedLatest: string | null;
	lastScanAt: Date | null;
	delayedAt: Date | null;
	finishedAt: Date | null;
}

/** An order's stages (`store.shipments.orderStages`) with what the board adds. */
export interface BoardOrderRow extends OrderStages {
	/** The customer's e-mail or phone; null after erasure. */
	subject: string | null;
	/** Set once the Tracking Update Trigger reported the order stuck. */
	stuckAt: Date | null;
	updatedAt: Date;
	shipments: BoardShipment[];
}

export interface BoardQuery {
	/** Orders whose first known stage is at or after this. */
	since: Date;
	/** Delivered or returned orders are left out once their last change is older than this. */
	finishedSince: Date;
	limit: number;
}

export interface ReportReadStore {
	messages(window: ReportWindow): Promise<MessageFigures[]>;
	smsSegments(window: ReportWindow): Promise<SmsSegments[]>;
	clicks(window: ReportWindow): Promise<ClickFigures[]>;
	/** Opt-outs in the window, each credited to the step of the customer's last message on that channel within `lookbackMs`. */
	optOuts(window: ReportWindow, lookbackMs: number): Promise<OptOutFigures[]>;
	/** One row per order attributed to a step, placed in the window. */
	attributedOrders(window: ReportWindow): Promise<AttributedOrderRow[]>;
	/** Orders for the board, newest first, with their shipments. */
	boardOrders(query: BoardQuery): Promise<BoardOrderRow[]>;
}

const DAY_MS = 86_400_000;
const date = (v: unknown): Date | null => (numOrNull(v) === null ? null : new Date(num(v)));

/** The window's bounds and the day expression of a time column (grouped by position: both planners accept it). */
function bounds(window: ReportWindow): { from: number; to: number; offset: number } {
	return { from: ms(window.from, Number.NaN), to: ms(window.to, Number.NaN), offset: Math.trunc(window.dayOffsetMs ?? 0) };
}
/** SQLite may divide as REAL (the offset is bound as a double): the reader floors the day. */
const dayOf = (column: string) => `((${column} + ?) / ${DAY_MS})`;

async function messages(ctx: StoreContext, window: ReportWindow): Promise<MessageFigures[]> {
	const b = bounds(window);
	const rows = await ctx.db.values(
		`SELECT m.journey_step, m.channel, ${dayOf('m.sent_at')} AS day, COUNT(*),
			SUM(CASE WHEN ${DELIVERED} THEN 1 ELSE 0 END), SUM(CASE WHEN m.status IN ('failed', 'undelivered', 'bounced') THEN 1 ELSE 0 END)
		FROM messages AS m WHERE m.sent_at >= ? AND m.sent_at < ? AND m.status <> 'received' GROUP BY 1, 2, 3 ORDER BY 3, 1, 2`,
		[b.offset, b.from, b.to],
	);
	return rows.map(([journeyStep, channel, day, sent, delivered, failed]) => ({
		journeyStep: String(journeyStep),
		channel: channel as Channel,
		day: Math.floor(num(day)),
		sent: num(sent),
		delivered: num(delivered),
		failed: num(failed),
	}));
}

async function smsSegments(ctx: StoreContext, window: ReportWindow): Promise<SmsSegments[]> {
	const b = bounds(window);
	const rows = await ctx.db.values(
		`SELECT m.journey_step, SUBSTR(m.subject, 1, 4), SUM(m.units) FROM messages AS m
		WHERE m.sent_at >= ? AND m.sent_at < ? AND m.channel = 'sms' AND m.status <> 'received' GROUP BY 1, 2 ORDER BY 1, 2`,
		[b.from, b.to],
	);
	return rows.map(([journeyStep, prefix, segments]) => ({ journeyStep: String(journeyStep), prefix: prefix === null ? null : String(prefix), segments: num(segments) }));
}

async function clicks(ctx: StoreContext, window: ReportWindow): Promise<ClickFigures[]> {
	const b = bounds(window);
	const rows = await ctx.db.values(
		`SELECT l.journey_step, l.channel, ${dayOf('l.first_click_at')} AS day, COUNT(*) FROM short_links AS l
		WHERE l.first_click_at >= ? AND l.first_click_at < ? AND l.journey_step IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 3, 1, 2`,
		[b.offset, b.from, b.to],
	);
	return rows.map(([journeyStep, channel, day, n]) => ({ journeyStep: String(journeyStep), channel: (channel as Channel | null) ?? null, day: Math.floor(num(day)), clicked: num(n) }));
}

async function optOuts(ctx: StoreContext, window: ReportWindow, lookbackMs: number): Promise<OptOutFigures[]> {
	const b = bounds(window);
	// One customer may withdraw several purposes at once: counted once per step and channel.
	const rows = await ctx.db.values(
		`SELECT t.step, t.channel, COUNT(DISTINCT t.subject_hash) FROM (
			SELECT c.channel, c.subject_hash, (SELECT m.journey_step FROM messages AS m
				WHERE m.subject_hash = c.subject_hash AND m.channel = c.channel AND m.status <> 'received'
					AND m.sent_at <= c.recorded_at AND m.sent_at >= c.recorded_at - ? ORDER BY m.sent_at DESC, m.id DESC LIMIT 1) AS step
			FROM consent_ledger AS c WHERE c.status = 'opted_out' AND c.recorded_at >= ? AND c.recorded_at < ?
		) AS t WHERE t.step IS NOT NULL GROUP BY t.step, t.channel ORDER BY 1, 2`,
		[Math.max(0, Math.trunc(lookbackMs)), b.from, b.to],
	);
	return rows.map(([journeyStep, channel, n]) => ({ journeyStep: String(journeyStep), channel: channel as Channel, optedOut: num(n) }));
}

async function attributedOrders(ctx: StoreContext, window: ReportWindow): Promise<AttributedOrderRow[]> {
	const b = bounds(window);
	const rows = await ctx.db.values(
		`SELECT a.journey_step, a.channel, ${dayOf('a.placed_at')} AS day, a.currency, a.total FROM order_attributions AS a
		WHERE a.placed_at >= ? AND a.placed_at < ? ORDER BY a.placed_at, a.order_id`,
		[b.offset, b.from, b.to],
	);
	return rows.map(([journeyStep, channel, day, currency, total]) => ({
		journeyStep: String(journeyStep),
		channel: (channel as Channel | null) ?? null,
		day: Math.floor(num(day)),
		currency: (currency as string | null) ?? null,
		total: (total as string | null) ?? null,
	}));
}

function boardShipment(row: Row): BoardShipment {
	return {
		trackingNumber: String(row.tracking_number),
		carrier: (row.carrier as string | null) ?? null,
		status: String(row.status),
		shippedAt: date(row.shipped_at),
		promisedLatest: (row.promised_latest as string | null) ?? null,
		lastScanAt: date(row.last_scan_at),
		delayedAt: date(row.delayed_at),
		finishedAt: date(row.finished_at),
	};
}

async function boardOrders(ctx: StoreContext, query: BoardQuery): Promise<BoardOrderRow[]> {
	const { db } = ctx;
	const first = 'COALESCE(placed_at, paid_at, shipped_at, out_for_delivery_at, delivered_at, returned_at, updated_at)';
	const rows = await db.all(
		`SELECT * FROM order_stages WHERE ${first} >= ? AND ((delivered_at IS NULL AND returned_at IS NULL) OR updated_at >= ?)
		ORDER BY ${first} DESC, order_id${db.binary} LIMIT ?`,
		[ms(query.since, Number.NaN), ms(query.finishedSince, Number.NaN), checkPositiveInt(query.limit, 'limit')],
	);
	const orders = rows.map(
		(row): BoardOrderRow => ({
			...stagesFromRow(row),
			subject: (row.subject as string | null) ?? null,
			stuckAt: date(row.stuck_at),
			updatedAt: new Date(num(row.updated_at)),
			shipments: [],
		}),
	);
	const byId = new Map(orders.map((o) => [o.orderId, o]));
	for (const chunk of chunks([...byId.keys()], BATCH)) {
		const found = await db.all(`SELECT * FROM shipments WHERE ${db.inList('order_id')} ORDER BY watched_at, tracking_number${db.binary}`, [db.listParam(chunk)]);
		for (const row of found) byId.get(String(row.order_id))?.shipments.push(boardShipment(row));
	}
	return orders;
}

export function createReportReadStore(call: StoreCall, ctx: StoreContext): ReportReadStore {
	return {
		messages: (w) => call('read report messages', () => messages(ctx, w)),
		smsSegments: (w) => call('read report SMS segments', () => smsSegments(ctx, w)),
		clicks: (w) => call('read report clicks', () => clicks(ctx, w)),
		optOuts: (w, lookbackMs) => call('read report opt-outs', () => optOuts(ctx, w, lookbackMs)),
		attributedOrders: (w) => call('read report orders', () => attributedOrders(ctx, w)),
		boardOrders: (q) => call('read the journey board', () => boardOrders(ctx, q)),
	};
}
