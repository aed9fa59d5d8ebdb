import { DateTime } from 'luxon';
import type { NormalizedTracking } from '../carriers';
import { dayOf, transitDays, transitLane } from '../journey';
import type { JourneyStore, ShipmentEvent, WatchedShipment } from '../store';
import { nextCheck } from './cadence';
import { deliveredToOf, eventGroupOf, stageOfGroup } from './groups';

/**
 * What one answer of a carrier (poll or push) means for a watched shipment: its event group, the next look-up, the
 * status recorded once, and for a change the order stage it reaches. Poll and push of the same change both come here;
 * the store's compare-and-set lets only the first record it.
 */
export async function recordTracking(
	store: JourneyStore,
	shipment: WatchedShipment,
	tracking: NormalizedTracking,
	options: { source: string; now: Date; everyMs?: number },
): Promise<ShipmentEvent | null> {
	const { now } = options;
	const group = eventGroupOf(tracking);
	const next = nextCheck(group, tracking.isTerminal, shipment.watchedAt, now, options.everyMs);
	const last = tracking.lastEvent;
	const scan = last?.time ? new Date(last.time) : null;
	const deliveredTo = group === 'delivered' ? deliveredToOf([last?.text, tracking.carrierStatusText]) : null;
	const event = await store.shipments.recordStatus(shipment.trackingNumber, {
		status: tracking.status,
		subStatus: tracking.subStatus,
		group,
		eventTime: last?.time ?? null,
		location: last?.location ?? null,
		lastScanAt: scan && !Number.isNaN(scan.getTime()) ? scan : null,
		detail: {
			carrierStatusCode: tracking.carrierStatusCode,
			carrierStatusText: tracking.carrierStatusText,
			lastEventText: last?.text ?? null,
			...(deliveredTo ? { deliveredTo } : {}),
			...(tracking.carrierEstimate ? { carrierEstimate: tracking.carrierEstimate } : {}),
		},
		source: options.source,
		nextCheckAt: next.nextCheckAt,
		finishReason: next.finishReason,
		at: now,
	});
	if (event && shipment.orderId) {
		const stage = stageOfGroup(event.group);
		if (stage) await store.shipments.recordStage(shipment.orderId, stage, scan && !Number.isNaN(scan.getTime()) ? scan : now);
	}
	if (event?.group === 'delivered') await learnTransit(store, shipment, last?.time && !Number.isNaN(new Date(last.time).getTime()) ? last.time : now);
	return event;
}

/**
 * A delivered parcel teaches its lane: its transit in delivery days (handover → delivery day, the destination region's
 * holidays and the carrier's delivery weekdays), once per tracking number. Without a lane or a shipping time it
 * teaches nothing.
 */
async function learnTransit(store: JourneyStore, shipment: WatchedShipment, deliveredAt: string | Date): Promise<void> {
	const { originCountry, destinationCountry, shippedAt } = shipment;
	const postal = (shipment.context.shipment as { shippingAddress?: { postalCode?: unknown } } | undefined)?.shippingAddress?.postalCode;
	const lane =
		(typeof shipment.context.lane === 'string' ? shipment.context.lane : null) ??
		transitLane({ ...shipment, postalCode: typeof postal === 'string' ? postal : null });
	if (!lane || !originCountry || !destinationCountry || !shippedAt) return;
	const zone = originCountry === 'DE' ? 'Europe/Berlin' : 'UTC';
	const days = transitDays({
		carrier: shipment.carrier,
		originCountry,
		destinationCountry,
		destinationRegion: shipment.destinationRegion,
		shippedAt: DateTime.fromJSDate(shippedAt, { zone }),
		deliveredAt: dayOf(deliveredAt, zone),
	});
	if (days === null) return;
	await store.shipments.addTransitSample({ trackingNumber: shipment.trackingNumber, lane, workingDays: days, deliveredAt: dayOf(deliveredAt, zone).toJSDate() });
}
