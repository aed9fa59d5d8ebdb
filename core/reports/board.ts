import { maskEmail, maskPhone } from '../shared/mask';
import type { BoardOrderRow, OrderStage, ReportReadStore } from '../store';

/**
 * The journey board: where every order stands. An order's stage is the furthest one the store has stamped (order
 * placed, paid, shipped, out for delivery, delivered, returned; `store.shipments.recordStage`), "since" is when it got
 * there. Stuck: longer in its stage than the shop allows (unpaid, paid but not shipped, on the way without a carrier
 * scan), or marked stuck by the Tracking Update Trigger. Delayed: a parcel's promised day has passed without delivery.
 */

export const BOARD_STAGES: readonly OrderStage[] = ['placed', 'paid', 'shipped', 'out_for_delivery', 'delivered', 'returned'];

export interface BoardThresholds {
	/** Placed but not paid for longer than this many days. */
	unpaidDays: number;
	/** Paid but not shipped for longer than this many days. */
	unshippedDays: number;
	/** Shipped or out for delivery without a carrier scan for longer than this many days. */
	noScanDays: number;
}

export const DEFAULT_THRESHOLDS: BoardThresholds = { unpaidDays: 3, unshippedDays: 2, noScanDays: 4 };

export interface BoardOptions {
	now: Date;
	thresholds?: Partial<BoardThresholds>;
	/** Orders first seen within this many days (default 30). */
	days?: number;
	/** Delivered and returned orders stay on the board this many days after their last change (default 7). */
	finishedDays?: number;
	limit?: number;
	/** Show the customer's e-mail / phone in clear (default: masked). */
	includeContact?: boolean;
	/** Order number, order ID or the customer's e-mail / phone; empty = all orders. */
	search?: string;
}

export interface BoardCard {
	orderId: string;
	orderNumber: string;
	stage: OrderStage;
	/** ISO time the order reached its stage. */
	since: string;
	/** Whole hours in the stage. */
	hoursInStage: number;
	stuck: boolean;
	delayed: boolean;
	/** Why the order is flagged: `unpaid`, `not_shipped`, `no_scan`, `marked_stuck`, `past_promised_day`. */
	flags: string[];
	contact: string;
	trackingNumber: string | null;
	carrier: string | null;
	/** The carrier's last normalized status of the newest parcel. */
	parcelStatus: string | null;
	promisedLatest: string | null;
	placedAt: string | null;
}

export interface JourneyBoard {
	generatedAt: string;
	thresholds: BoardThresholds;
	counts: Record<OrderStage, number>;
	stuck: number;
	delayed: number;
	cards: BoardCard[];
	search: string;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

function stageOf(o: BoardOrderRow): { stage: OrderStage; since: Date } {
	const shippedAt = o.shippedAt ?? o.shipments.map((s) => s.shippedAt).find((d): d is Date => d !== null) ?? null;
	const steps: Array<[OrderStage, Date | null]> = [
		['returned', o.returnedAt],
		['delivered', o.deliveredAt],
		['out_for_delivery', o.outForDeliveryAt],
		['shipped', shippedAt ?? (o.shipments.length ? o.shipments[0].shippedAt ?? o.updatedAt : null)],
		['paid', o.paidAt],
		['placed', o.placedAt],
	];
	for (const [stage, at] of steps) if (at) return { stage, since: at };
	return { stage: 'placed', since: o.updatedAt };
}

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

function contextOf(o: BoardOrderRow): { number: string; email: string; phone: string } {
	const order = (o.context.order ?? {}) as Record<string, unknown>;
	const customer = (o.context.customer ?? {}) as Record<string, unknown>;
	return { number: text(order.number) || o.orderId, email: text(customer.email), phone: text(customer.phone) };
}

function contactOf(o: BoardOrderRow, clear: boolean): string {
	const c = contextOf(o);
	const value = c.email || c.phone || o.subject || '';
	if (!value || clear) return value;
	return value.includes('@') ? maskEmail(value) : maskPhone(value);
}

/** Order number with or without "#", the order ID, or the customer's e-mail or phone (case-insensitive, whole value). */
export function matchesSearch(o: BoardOrderRow, search: string): boolean {
	const q = search.trim().toLowerCase().replace(/^#/, '');
	if (!q) return true;
	const c = contextOf(o);
	const candidates = [c.number.replace(/^#/, ''), o.orderId, c.email, c.phone, o.subject ?? ''].map((v) => v.toLowerCase());
	return candidates.includes(q) || candidates.includes(q.replace(/\s+/g, ''));
}

export function boardCard(o: BoardOrderRow, now: Date, thresholds: BoardThresholds, includeContact = false): BoardCard {
	const { stage, since } = stageOf(o);
	const age = now.getTime() - since.getTime();
	const parcel = o.shipments.at(-1) ?? null;
	const lastScan = Math.max(since.getTime(), ...o.shipments.map((s) => s.lastScanAt?.getTime() ?? 0));
	const open = stage !== 'delivered' && stage !== 'returned';
	const flags: string[] = [];
	if (stage === 'placed' && age > thresholds.unpaidDays * DAY_MS) flags.push('unpaid');
	if (stage === 'paid' && age > thresholds.unshippedDays * DAY_MS) flags.push('not_shipped');
	if ((stage === 'shipped' || stage === 'out_for_delivery') && now.getTime() - lastScan > thresholds.noScanDays * DAY_MS) flags.push('no_scan');
	if (open && o.stuckAt && !flags.length) flags.push('marked_stuck');
	const today = now.toISOString().slice(0, 10);
	const late = open && o.shipments.some((s) => !s.finishedAt && (s.delayedAt !== null || (s.promisedLatest !== null && s.promisedLatest < today)));
	if (late) flags.push('past_promised_day');
	return {
		orderId: o.orderId,
		orderNumber: contextOf(o).number,
		stage,
		since: since.toISOString(),
		hoursInStage: Math.max(0, Math.floor(age / HOUR_MS)),
		stuck: flags.some((f) => f !== 'past_promised_day'),
		delayed: late,
		flags,
		contact: contactOf(o, includeContact),
		trackingNumber: parcel?.trackingNumber ?? null,
		carrier: parcel?.carrier ?? null,
		parcelStatus: parcel?.status ?? null,
		promisedLatest: parcel?.promisedLatest ?? null,
		placedAt: o.placedAt?.toISOString() ?? null,
	};
}

export async function journeyBoard(reads: ReportReadStore, options: BoardOptions): Promise<JourneyBoard> {
	const thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
	const now = options.now;
	const rows = await reads.boardOrders({
		since: new Date(now.getTime() - (options.days ?? 30) * DAY_MS),
		finishedSince: new Date(now.getTime() - (options.finishedDays ?? 7) * DAY_MS),
		limit: options.limit ?? 2000,
	});
	const search = (options.search ?? '').trim();
	const cards = rows.filter((o) => matchesSearch(o, search)).map((o) => boardCard(o, now, thresholds, options.includeContact));
	const counts = Object.fromEntries(BOARD_STAGES.map((s) => [s, 0])) as Record<OrderStage, number>;
	for (const card of cards) counts[card.stage]++;
	// Flagged orders first in each column, then the longest waiting.
	cards.sort((a, b) => Number(b.stuck || b.delayed) - Number(a.stuck || a.delayed) || b.hoursInStage - a.hoursInStage || a.orderId.localeCompare(b.orderId));
	return {
		generatedAt: now.toISOString(),
		thresholds,
		counts,
		stuck: cards.filter((c) => c.stuck).length,
		delayed: cards.filter((c) => c.delayed).length,
		cards,
		search,
	};
}

export const BOARD_CSV_HEADER = ['order_number', 'order_id', 'stage', 'since', 'hours_in_stage', 'stuck', 'delayed', 'flags', 'contact', 'carrier', 'tracking_number', 'parcel_status', 'promised_latest', 'placed_at'] as const;

export function boardCsvRows(board: JourneyBoard): unknown[][] {
	return board.cards.map((c) => [
		c.orderNumber,
		c.orderId,
		c.stage,
		c.since,
		c.hoursInStage,
		c.stuck,
		c.delayed,
		c.flags.join(' '),
		c.contact,
		c.carrier ?? '',
		c.trackingNumber ?? '',
		c.parcelStatus ?? '',
		c.promisedLatest ?? '',
		c.placedAt ?? '',
	]);
}
