import { CARRIERS, trackingUrl } from '../carriers';
import type { CarrierCode } from '../carriers';
import type { JourneyStore, OrderRecord, WatchedShipment } from '../store';
import { eventGroupOf } from './groups';

/**
 * One order's status as the customer sees it on the tracking page: the steps it went through (placed → paid →
 * shipped → out for delivery → delivered, each with its time when the journey store saw it), a problem with a parcel,
 * each parcel's carrier, link and delivery estimate (with where the estimate comes from), the items, and products
 * other customers of the same items bought. Read from the store only: nothing leaves the shop's n8n.
 */

export type StepId = 'placed' | 'paid' | 'shipped' | 'out_for_delivery' | 'delivered';
export const STEP_IDS: readonly StepId[] = ['placed', 'paid', 'shipped', 'out_for_delivery', 'delivered'];

export interface StatusStep {
	id: StepId;
	/** When the order reached the step; null when it did, but the time is unknown (e.g. paid, seen only as shipped). */
	at: Date | null;
	done: boolean;
}

/** A parcel problem worth telling: a failed attempt, a carrier exception, on its way back, or past its promised day. */
export type ProblemKind = 'failed_attempt' | 'exception' | 'returned_to_sender' | 'delayed';

export interface ParcelView {
	trackingNumber: string;
	carrierName: string | null;
	/** http(s) only; the renderer checks again. */
	trackingUrl: string | null;
	delivered: boolean;
	problem: ProblemKind | null;
	problemAt: Date | null;
	/** The stored estimate: days (YYYY-MM-DD or ISO) and who made it (`carrier`, `learned`, `table`, `shop`). */
	estimate: { earliest: string; latest: string; source: string; sampleSize: number | null } | null;
}

export interface Recommendation {
	title: string;
	url: string | null;
	imageUrl: string | null;
	price: string | null;
	currency: string | null;
}

export interface OrderStatusView {
	platform: string;
	orderId: string;
	number: string;
	/** `placed`, or `cancelled` / `refunded` (the page says so instead of the steps). */
	state: string;
	placedAt: Date;
	currency: string | null;
	total: string | null;
	/** The customer's locale and time zone from the order, when it named them. */
	locale: string | null;
	timezone: string | null;
	steps: StatusStep[];
	/** The step the order is at (the last one done). */
	current: StepId;
	parcels: ParcelView[];
	lines: Array<{ title: string; quantity: number; unitPrice: string | null }>;
	recommendations: Recommendation[];
}

export interface RecommendationSettings {
	/** How many to show; 0 = none. */
	limit: number;
	/** Link for a recommended product: `{sku}` and `{productId}` are replaced (URL-encoded). Empty = no link. */
	productUrl?: string;
	/** Shown when the history knows too little (a new shop, a rare product), and to fill up. */
	fallback?: Recommendation[];
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

function parcelOf(s: WatchedShipment, locale: string | null): ParcelView {
	const shipment = obj(s.context.shipment);
	const carrier = obj(shipment.carrier);
	const code = (text(carrier.code) ?? s.carrier) as CarrierCode | null;
	const known = code && code in CARRIERS ? code : null;
	const group = eventGroupOf({ status: s.status, subStatus: s.subStatus } as Parameters<typeof eventGroupOf>[0]);
	const delivered = group === 'delivered';
	const problem: ProblemKind | null =
		group === 'failed_attempt' || group === 'exception' || group === 'returned_to_sender' ? group : s.delayedAt && !delivered && !s.finishedAt ? 'delayed' : null;
	const stated = obj(shipment.estimatedDelivery);
	const earliest = text(stated.earliest) ?? s.promisedLatest;
	const latest = text(stated.latest) ?? s.promisedLatest ?? earliest;
	const sampleSize = typeof stated.sampleSize === 'number' ? stated.sampleSize : null;
	return {
		trackingNumber: s.trackingNumber,
		carrierName: text(carrier.name) ?? (known ? CARRIERS[known].name : null),
		trackingUrl: text(shipment.trackingUrl) ?? (known ? trackingUrl(known, s.trackingNumber, { locale: locale ?? undefined }) : null),
		delivered,
		problem,
		problemAt: problem === 'delayed' ? s.delayedAt : problem ? (s.lastScanAt ?? null) : null,
		estimate: earliest && latest && !delivered ? { earliest, latest, source: text(stated.source) ?? s.estimateSource ?? 'table', sampleSize } : null,
	};
}

function fill(template: string, values: Record<string, string | null>): string | null {
	let missing = false;
	const url = template.replace(/\{(sku|productId)\}/g, (_, k: string) => {
		const v = values[k];
		if (!v) missing = true;
		return encodeURIComponent(v ?? '');
	});
	return missing ? null : url;
}

/** Products bought by the customers who bought this order's items (this shop's history), filled up from the fallback list. */
export async function recommendationsFor(store: JourneyStore, order: OrderRecord, settings: RecommendationSettings): Promise<Recommendation[]> {
	if (!(settings.limit > 0)) return [];
	const skus = order.lines.map((l) => l.sku).filter((s): s is string => !!s);
	const found = await store.orders.alsoBought(skus, { limit: settings.limit, exceptCustomer: order.customerKey });
	const out: Recommendation[] = found
		.filter((p) => p.title)
		.map((p) => ({
			title: p.title as string,
			url: settings.productUrl ? fill(settings.productUrl, { sku: p.sku, productId: p.productId }) : null,
			imageUrl: null,
			price: p.unitPrice,
			currency: p.currency,
		}));
	const bought = new Set(order.lines.map((l) => l.title?.toLowerCase()));
	for (const p of settings.fallback ?? []) {
		if (out.length >= settings.limit) break;
		if (p.title && !bought.has(p.title.toLowerCase()) && !out.some((o) => o.title === p.title)) out.push(p);
	}
	return out.slice(0, settings.limit);
}

/** The whole status of one order (found by the form or a signed link). */
export async function orderStatus(store: JourneyStore, order: OrderRecord, options: { recommendations: RecommendationSettings }): Promise<OrderStatusView> {
	const [stages, shipments] = await Promise.all([store.shipments.orderStages(order.orderId), store.shipments.ofOrder(order.orderId)]);
	const locale = text(order.contact.locale) ?? text(obj(obj(stages?.context).customer).locale);
	const parcels = shipments.map((s) => parcelOf(s, locale));
	const firstShipped = shipments.map((s) => s.shippedAt?.getTime() ?? Number.NaN).filter((t) => !Number.isNaN(t));
	const times: Record<StepId, Date | null> = {
		placed: stages?.placedAt ?? order.placedAt,
		paid: stages?.paidAt ?? null,
		shipped: stages?.shippedAt ?? (firstShipped.length ? new Date(Math.min(...firstShipped)) : null),
		out_for_delivery: stages?.outForDeliveryAt ?? null,
		delivered: stages?.deliveredAt ?? (parcels.length > 0 && parcels.every((p) => p.delivered) ? (shipments[0].lastScanAt ?? null) : null),
	};
	const allDelivered = parcels.length > 0 && parcels.every((p) => p.delivered);
	// A later step implies the earlier ones (a shop that reports "shipped" was paid), even without their time.
	let reached = 0;
	STEP_IDS.forEach((id, i) => {
		if (times[id] || (id === 'delivered' && allDelivered) || (id === 'shipped' && parcels.length > 0)) reached = i;
	});
	const steps = STEP_IDS.map((id, i) => ({ id, at: times[id], done: i <= reached }));
	return {
		platform: order.platform,
		orderId: order.orderId,
		number: order.number ?? order.orderId,
		state: order.status,
		placedAt: order.placedAt,
		currency: order.currency,
		total: order.total,
		locale,
		timezone: text(order.contact.timezone),
		steps,
		current: STEP_IDS[reached],
		parcels,
		lines: order.lines.filter((l) => l.quantity > 0).map((l) => ({ title: l.title ?? l.sku ?? '', quantity: l.quantity, unitPrice: l.unitPrice })),
		recommendations: order.status === 'placed' ? await recommendationsFor(store, order, options.recommendations) : [],
	};
}
