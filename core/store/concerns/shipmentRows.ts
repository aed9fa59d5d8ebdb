import type { StoreContext } from '../context';
import type { Queryable, Row } from '../dialect/Dialect';
import { checkPositiveInt, fromJson, ms, num, numOrNull, toJson } from '../impl/values';
import type { OrderStage, OrderStages, ShipmentEvent, StuckQuery, WatchedShipment } from './shipmentTypes';

/** Row mapping of the `shipments` concern, the one event insert, and the stuck-order scan. */

const date = (value: unknown): Date | null => {
	const n = numOrNull(value);
	return n === null ? null : new Date(n);
};
const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

export function shipmentFromRow(row: Row): WatchedShipment {
	return {
		trackingNumber: String(row.tracking_number),
		carrier: text(row.carrier),
		orderId: text(row.order_id),
		originCountry: text(row.origin_country),
		destinationCountry: text(row.destination_country),
		destinationRegion: text(row.destination_region),
		shippedAt: date(row.shipped_at),
		promisedLatest: text(row.promised_latest),
		estimateSource: text(row.estimate_source),
		context: fromJson(row.context, {}),
		status: String(row.status),
		subStatus: text(row.sub_status),
		lastEventTime: text(row.last_event_time),
		lastScanAt: date(row.last_scan_at),
		checks: num(row.checks),
		nextCheckAt: date(row.next_check_at),
		delayedAt: date(row.delayed_at),
		finishedAt: date(row.finished_at),
		finishReason: text(row.finish_reason),
		watchedAt: new Date(num(row.watched_at)),
	};
}

export function eventFromRow(row: Row): ShipmentEvent {
	return {
		id: String(row.id),
		trackingNumber: text(row.tracking_number),
		orderId: text(row.order_id),
		kind: row.kind as ShipmentEvent['kind'],
		group: row.status_group as ShipmentEvent['group'],
		status: text(row.status),
		subStatus: text(row.sub_status),
		previousGroup: text(row.previous_group),
		eventTime: text(row.event_time),
		location: text(row.location),
		source: String(row.source),
		detail: fromJson(row.detail, {}),
		detectedAt: new Date(num(row.detected_at)),
	};
}

export const STAGE_COLUMNS: Record<OrderStage, string> = {
	placed: 'placed_at',
	paid: 'paid_at',
	shipped: 'shipped_at',
	out_for_delivery: 'out_for_delivery_at',
	delivered: 'delivered_at',
	returned: 'returned_at',
};

export function stagesFromRow(row: Row): OrderStages {
	return {
		orderId: String(row.order_id),
		placedAt: date(row.placed_at),
		paidAt: date(row.paid_at),
		shippedAt: date(row.shipped_at),
		outForDeliveryAt: date(row.out_for_delivery_at),
		deliveredAt: date(row.delivered_at),
		returnedAt: date(row.returned_at),
		context: fromJson(row.context, {}),
	};
}

export async function insertEvent(tx: Queryable, e: Omit<ShipmentEvent, 'id' | 'detectedAt'> & { detectedAt: number }): Promise<ShipmentEvent> {
	const row = await tx.get(
		`INSERT INTO shipment_events (tracking_number, order_id, kind, status_group, status, sub_status, previous_group, event_time, location,
			source, detail, detected_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
		[e.trackingNumber, e.orderId, e.kind, e.group, e.status, e.subStatus, e.previousGroup, e.eventTime, e.location, e.source, toJson(e.detail), e.detectedAt],
	);
	return eventFromRow(row as Row);
}

/**
 * Stuck orders, each reported once (a compare-and-set on `stuck_at`): paid before `paidBefore` and still not shipped
 * (nor returned), and watched shipments whose last carrier scan (or, without any, the start of watching) is older
 * than `noScanSince`.
 */
export async function stuckEvents(ctx: StoreContext, query: StuckQuery): Promise<ShipmentEvent[]> {
	const t = ms(query.now, ctx.now());
	const limit = checkPositiveInt(query.limit, 'limit');
	const { db } = ctx;
	const events: ShipmentEvent[] = [];
	if (query.paidBefore) {
		const rows = await db.all(
			`SELECT order_id, paid_at FROM order_stages WHERE shipped_at IS NULL AND returned_at IS NULL AND stuck_at IS NULL AND paid_at < ?
			ORDER BY paid_at LIMIT ?`,
			[query.paidBefore.getTime(), limit],
		);
		for (const row of rows) {
			const event = await db.tx(async (tx) => {
				if ((await tx.run('UPDATE order_stages SET stuck_at = ? WHERE order_id = ? AND stuck_at IS NULL AND shipped_at IS NULL', [t, row.order_id])) === 0) return null;
				return insertEvent(tx, {
					trackingNumber: null,
					orderId: String(row.order_id),
					kind: 'stuck',
					group: 'stuck',
					status: null,
					subStatus: null,
					previousGroup: null,
					eventTime: null,
					location: null,
					source: 'stages',
					detail: { reason: 'not_shipped', paidAt: new Date(num(row.paid_at)).toISOString() },
					detectedAt: t,
				});
			});
			if (event) events.push(event);
		}
	}
	if (query.noScanSince) {
		const rows = await db.all(
			`SELECT tracking_number, order_id, status, sub_status, last_scan_at, watched_at FROM shipments
			WHERE finished_at IS NULL AND stuck_at IS NULL AND COALESCE(last_scan_at, watched_at) < ? ORDER BY watched_at LIMIT ?`,
			[query.noScanSince.getTime(), limit],
		);
		for (const row of rows) {
			const event = await db.tx(async (tx) => {
				if ((await tx.run('UPDATE shipments SET stuck_at = ? WHERE tracking_number = ? AND stuck_at IS NULL', [t, row.tracking_number])) === 0) return null;
				const last = numOrNull(row.last_scan_at);
				return insertEvent(tx, {
					trackingNumber: String(row.tracking_number),
					orderId: text(row.order_id),
					kind: 'stuck',
					group: 'stuck',
					status: text(row.status),
					subStatus: text(row.sub_status),
					previousGroup: null,
					eventTime: null,
					location: null,
					source: 'stages',
					detail: { reason: 'no_scan', lastScanAt: last === null ? null : new Date(last).toISOString() },
					detectedAt: t,
				});
			});
			if (event) events.push(event);
		}
	}
	return events;
}
