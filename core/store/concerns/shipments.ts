import type { StoreCall, StoreContext } from '../context';
import type { Row } from '../dialect/Dialect';
import { checkKey, checkPositiveInt, checkTtl, ms, num, toJson } from '../impl/values';
import { insertEvent, eventFromRow, shipmentFromRow, STAGE_COLUMNS, stagesFromRow, stuckEvents } from './shipmentRows';
import type { OrderStage, ShipmentEvent, ShipmentStatusUpdate, ShipmentStore, StuckQuery, WatchShipmentInput, WatchedShipment } from './shipmentTypes';

export type * from './shipmentTypes';

/**
 * The `shipments` concern: every tracking number a Shipped Trigger (any workflow) or Carrier Track has seen, what its
 * carrier said last, the history of status changes, and per trigger which changes it has emitted.
 *
 * Exactly once without a coordinator: a status change is recorded by a compare-and-set on the shipment row (a
 * concurrent push and poll of the same change: one of them changes the row, the other finds it already changed), and
 * each trigger takes its events with an `INSERT … ON CONFLICT DO NOTHING` into `shipment_deliveries`, so two
 * processes running the same workflow never emit one event twice.
 */

/** Events recorded up to this long before a trigger's last read are looked at again (commit order is not id order). */
const REREAD_MS = 15 * 60_000;

export function createShipmentStore(call: StoreCall, ctx: StoreContext): ShipmentStore {
	const { db } = ctx;
	return {
		watch: (input) => call('watch a shipment', () => watch(ctx, input)),
		get: (number) =>
			call('read a shipment', async () => {
				const row = await db.get('SELECT * FROM shipments WHERE tracking_number = ?', [checkKey(number, 'trackingNumber')]);
				return row ? shipmentFromRow(row) : null;
			}),
		ofOrder: (orderId) =>
			call("read an order's shipments", async () =>
				(await db.all(`SELECT * FROM shipments WHERE order_id = ? ORDER BY COALESCE(shipped_at, watched_at), tracking_number${db.binary}`, [checkKey(orderId, 'orderId')])).map(
					shipmentFromRow,
				),
			),
		leaseDue: (options) => call('pick shipments to check', () => leaseDue(ctx, options)),
		recordStatus: (number, update) => call('record a shipment status', () => recordStatus(ctx, number, update)),
		reschedule: (number, next, reason, at) =>
			call('schedule a shipment check', async () => {
				const t = ms(at, ctx.now());
				await db.run(
					`UPDATE shipments SET checks = checks + 1, next_check_at = ?, lease_until = NULL, updated_at = ?,
						finished_at = CASE WHEN CAST(? AS TEXT) IS NULL THEN finished_at ELSE CAST(? AS BIGINT) END, finish_reason = COALESCE(?, finish_reason)
					WHERE tracking_number = ?`,
					[next ? next.getTime() : null, t, reason ?? null, reason ? t : null, reason ?? null, checkKey(number, 'trackingNumber')],
				);
			}),
		markDelayed: (options) => call('mark delayed shipments', () => markDelayed(ctx, options)),
		markStuck: (query) => call('mark stuck orders', () => stuckEvents(ctx, query as StuckQuery)),
		history: (number) =>
			call('read a shipment history', async () =>
				(await db.all('SELECT * FROM shipment_events WHERE tracking_number = ? ORDER BY id', [checkKey(number, 'trackingNumber')])).map(eventFromRow),
			),
		deliver: (scope, options) => call('hand out shipment events', () => deliver(ctx, scope, options)),
		recordStage: (orderId, stage, at, extra) => call('record an order stage', () => recordStage(ctx, orderId, stage, at, extra)),
		orderStages: (orderId) =>
			call('read order stages', async () => {
				const row = await db.get('SELECT * FROM order_stages WHERE order_id = ?', [checkKey(orderId, 'orderId')]);
				return row ? stagesFromRow(row) : null;
			}),
		addTransitSample: (sample) =>
			call('record a transit sample', async () => {
				await db.run(
					`INSERT INTO transit_samples (tracking_number, lane, working_days, delivered_at) VALUES (?, ?, ?, ?)
					ON CONFLICT (tracking_number) DO NOTHING`,
					[checkKey(sample.trackingNumber, 'trackingNumber'), checkKey(sample.lane, 'lane'), Math.max(0, Math.round(sample.workingDays)), ms(sample.deliveredAt, Number.NaN)],
				);
			}),
		transitSamples: (lane, limit) =>
			call('read transit samples', async () =>
				(
					await db.values('SELECT working_days FROM transit_samples WHERE lane = ? ORDER BY delivered_at DESC LIMIT ?', [
						checkKey(lane, 'lane'),
						checkPositiveInt(limit, 'limit'),
					])
				).map((r) => num(r[0])),
			),
	};
}

async function watch(ctx: StoreContext, input: WatchShipmentInput): Promise<boolean> {
	const number = checkKey(input.trackingNumber, 'trackingNumber');
	const s = input.subject ? ctx.anySubject(input.subject) : null;
	const t = ctx.now();
	const first = ms(input.firstCheckAt, t);
	const values = [
		input.carrier ?? null,
		input.orderId ?? null,
		s?.subject ?? null,
		s?.hash ?? null,
		input.originCountry ?? null,
		input.destinationCountry ?? null,
		input.destinationRegion ?? null,
		input.shippedAt ? ms(input.shippedAt, Number.NaN) : null,
		input.promisedLatest ?? null,
		input.estimateSource ?? null,
		toJson(input.context ?? {}),
	];
	const inserted = await ctx.db.get(
		`INSERT INTO shipments (tracking_number, carrier, order_id, subject, subject_hash, origin_country, destination_country,
			destination_region, shipped_at, promised_latest, estimate_source, context, status, checks, next_check_at, watched_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'unknown', 0, ?, ?, ?)
		ON CONFLICT (tracking_number) DO NOTHING RETURNING tracking_number`,
		[number, ...values, first, t, t],
	);
	if (inserted) return true;
	// A second sighting (shipment updated, Carrier Track) fills gaps and refreshes the context; it never resets the
	// status, the schedule or a finished watch.
	await ctx.db.run(
		`UPDATE shipments SET carrier = COALESCE(?, carrier), order_id = COALESCE(?, order_id), subject = COALESCE(?, subject),
			subject_hash = COALESCE(?, subject_hash), origin_country = COALESCE(?, origin_country),
			destination_country = COALESCE(?, destination_country), destination_region = COALESCE(?, destination_region),
			shipped_at = COALESCE(shipped_at, ?), promised_latest = COALESCE(?, promised_latest), estimate_source = COALESCE(?, estimate_source),
			context = CASE WHEN CAST(? AS TEXT) = '{}' THEN context ELSE ? END, updated_at = ?
		WHERE tracking_number = ?`,
		[...values.slice(0, 10), values[10], values[10], t, number],
	);
	return false;
}

async function leaseDue(ctx: StoreContext, options: { now?: Date; limit: number; leaseMs: number }): Promise<WatchedShipment[]> {
	const limit = checkPositiveInt(options.limit, 'limit');
	const lease = checkTtl(options.leaseMs, 'leaseMs') ?? 0;
	const t = ms(options.now, ctx.now());
	const { db } = ctx;
	const rows = await db.all(
		`UPDATE shipments SET lease_until = ? WHERE tracking_number IN (
			SELECT tracking_number FROM shipments WHERE finished_at IS NULL AND next_check_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
			ORDER BY next_check_at, tracking_number${db.binary} LIMIT ? ${db.skipLocked})
		RETURNING *`,
		[t + lease, t, t, limit],
	);
	return rows.map(shipmentFromRow).sort((a, b) => (a.nextCheckAt?.getTime() ?? 0) - (b.nextCheckAt?.getTime() ?? 0));
}

async function recordStatus(ctx: StoreContext, trackingNumber: string, u: ShipmentStatusUpdate): Promise<ShipmentEvent | null> {
	const number = checkKey(trackingNumber, 'trackingNumber');
	const t = ms(u.at, ctx.now());
	const scan = u.lastScanAt ? u.lastScanAt.getTime() : null;
	const next = u.nextCheckAt ? u.nextCheckAt.getTime() : null;
	const finish = u.finishReason ?? null;
	return ctx.db.tx(async (tx) => {
		const old = await tx.get('SELECT status, sub_status, order_id FROM shipments WHERE tracking_number = ?', [number]);
		if (!old) return null;
		const same = old.status === u.status && (old.sub_status ?? null) === (u.subStatus ?? null);
		const schedule = `checks = checks + 1, next_check_at = ?, lease_until = NULL, updated_at = ?,
			last_scan_at = COALESCE(?, last_scan_at), stuck_at = CASE WHEN CAST(? AS BIGINT) IS NULL THEN stuck_at ELSE NULL END, last_event_time = COALESCE(?, last_event_time),
			finished_at = CASE WHEN CAST(? AS TEXT) IS NULL THEN finished_at ELSE CAST(? AS BIGINT) END, finish_reason = COALESCE(?, finish_reason)`;
		const scheduleParams = [next, t, scan, scan, u.eventTime ?? null, finish, finish ? t : null, finish];
		if (same) {
			await tx.run(`UPDATE shipments SET ${schedule} WHERE tracking_number = ?`, [...scheduleParams, number]);
			return null;
		}
		// The compare-and-set: only the writer that still sees the old status records the change.
		const changed = await tx.run(
			`UPDATE shipments SET status = ?, sub_status = ?, ${schedule}
			WHERE tracking_number = ? AND status = ? AND COALESCE(sub_status, '') = ?`,
			[u.status, u.subStatus ?? null, ...scheduleParams, number, old.status, (old.sub_status as string | null) ?? ''],
		);
		if (changed === 0 || u.group === null) return null;
		const previous = await tx.get("SELECT status_group FROM shipment_events WHERE tracking_number = ? AND kind = 'status' ORDER BY id DESC LIMIT 1", [number]);
		return insertEvent(tx, {
			trackingNumber: number,
			orderId: (old.order_id as string | null) ?? null,
			kind: 'status',
			group: u.group,
			status: u.status,
			subStatus: u.subStatus ?? null,
			previousGroup: (previous?.status_group as string | undefined) ?? null,
			eventTime: u.eventTime ?? null,
			location: u.location ?? null,
			source: u.source,
			detail: u.detail ?? {},
			detectedAt: t,
		});
	});
}

async function markDelayed(
	ctx: StoreContext,
	options: { now?: Date; limit: number; detail?: (s: WatchedShipment) => Record<string, unknown> },
): Promise<ShipmentEvent[]> {
	const t = ms(options.now, ctx.now());
	// The promise is a calendar day; it counts as missed once that day is over in Europe and the Americas alike (UTC
	// minus eight hours: 09:00 the next morning in Berlin, midnight in California), never during a late round.
	const today = new Date(t - 8 * 3_600_000).toISOString().slice(0, 10);
	const candidates = await ctx.db.all(
		`SELECT * FROM shipments WHERE finished_at IS NULL AND delayed_at IS NULL AND promised_latest IS NOT NULL AND promised_latest < ?
		ORDER BY promised_latest, tracking_number${ctx.db.binary} LIMIT ?`,
		[today, checkPositiveInt(options.limit, 'limit')],
	);
	const events: ShipmentEvent[] = [];
	for (const row of candidates) {
		const s = shipmentFromRow(row);
		const event = await ctx.db.tx(async (tx) => {
			const won = await tx.run('UPDATE shipments SET delayed_at = ?, updated_at = ? WHERE tracking_number = ? AND delayed_at IS NULL AND finished_at IS NULL', [
				t,
				t,
				s.trackingNumber,
			]);
			if (won === 0) return null;
			return insertEvent(tx, {
				trackingNumber: s.trackingNumber,
				orderId: s.orderId,
				kind: 'delayed',
				group: 'delayed',
				status: s.status,
				subStatus: s.subStatus,
				previousGroup: null,
				eventTime: null,
				location: null,
				source: 'estimate',
				detail: { promisedLatest: s.promisedLatest, estimateSource: s.estimateSource, ...(options.detail?.(s) ?? {}) },
				detectedAt: t,
			});
		});
		if (event) events.push(event);
	}
	return events;
}

async function deliver(ctx: StoreContext, scope: string, options: { now?: Date; limit: number }): Promise<ShipmentEvent[]> {
	checkKey(scope, 'scope');
	const limit = checkPositiveInt(options.limit, 'limit');
	const t = ms(options.now, ctx.now());
	const { db } = ctx;
	await db.run('INSERT INTO shipment_subscribers (scope, since, read_at) VALUES (?, ?, ?) ON CONFLICT (scope) DO NOTHING', [scope, t, t]);
	const sub = (await db.get('SELECT since, read_at FROM shipment_subscribers WHERE scope = ?', [scope])) as Row;
	const from = Math.max(num(sub.since), num(sub.read_at) - REREAD_MS);
	const taken = await db.values(
		`INSERT INTO shipment_deliveries (scope, event_id, delivered_at)
		SELECT ?, e.id, ? FROM shipment_events e WHERE e.detected_at >= ?
			AND NOT EXISTS (SELECT 1 FROM shipment_deliveries d WHERE d.scope = ? AND d.event_id = e.id)
		ORDER BY e.id LIMIT ?
		ON CONFLICT (scope, event_id) DO NOTHING
		RETURNING event_id`,
		[scope, t, from, scope, limit],
	);
	// All caught up: later reads start near here. With a full batch, the rest waits for the next read.
	if (taken.length < limit) await db.run('UPDATE shipment_subscribers SET read_at = ? WHERE scope = ? AND read_at < ?', [t, scope, t]);
	if (taken.length === 0) return [];
	const ids = new Set(taken.map((r) => String(r[0])));
	const numbers = taken.map((r) => num(r[0]));
	// One range read by primary key; events in between that another caller took are left out.
	const rows = await db.all('SELECT * FROM shipment_events WHERE id >= ? AND id <= ? ORDER BY id', [Math.min(...numbers), Math.max(...numbers)]);
	return rows.map(eventFromRow).filter((e) => ids.has(e.id));
}

async function recordStage(
	ctx: StoreContext,
	orderId: string,
	stage: OrderStage,
	at: Date,
	extra: { subject?: string | null; context?: Record<string, unknown> } = {},
): Promise<void> {
	const column = STAGE_COLUMNS[stage];
	if (!column) throw new TypeError(`Unknown order stage ${String(stage)}`);
	const s = extra.subject ? ctx.anySubject(extra.subject) : null;
	const t = ms(at, Number.NaN);
	await ctx.db.run(
		`INSERT INTO order_stages (order_id, subject, subject_hash, ${column}, context, updated_at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (order_id) DO UPDATE SET ${column} = COALESCE(order_stages.${column}, excluded.${column}),
			subject = COALESCE(excluded.subject, order_stages.subject), subject_hash = COALESCE(excluded.subject_hash, order_stages.subject_hash),
			context = CASE WHEN excluded.context = '{}' THEN order_stages.context ELSE excluded.context END, updated_at = excluded.updated_at`,
		[checkKey(orderId, 'orderId'), s?.subject ?? null, s?.hash ?? null, t, toJson(extra.context ?? {}), ctx.now()],
	);
}
