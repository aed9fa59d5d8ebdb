import type { ShipmentEvent, ShipmentEventGroup, WatchedShipment } from '../store';

/**
 * An emitted event in the canonical shape: `{ event, platform, receivedAt, eventId, customer, order?, shipment,
 * tracking }`, so the SMS and e-mail nodes find the customer and the tracking link where every trigger puts them.
 */

/** Output of the Tracking Update Trigger per group (order of the node's outputs). */
export const OUTPUT_OF_GROUP: Record<ShipmentEventGroup, number> = {
	info_received: 0,
	in_transit: 0,
	out_for_delivery: 1,
	available_for_pickup: 1,
	delivered: 2,
	failed_attempt: 3,
	exception: 3,
	returned_to_sender: 3,
	delayed: 4,
	stuck: 5,
};

export const OUTPUT_NAMES = ['In Transit', 'Out for Delivery', 'Delivered', 'Problem', 'Delayed', 'Stuck'];

export function trackingItem(event: ShipmentEvent, shipment: WatchedShipment | null, orderContext: Record<string, unknown> = {}): Record<string, unknown> {
	const context = shipment?.context ?? orderContext;
	const shipmentJson = (context.shipment ?? null) as Record<string, unknown> | null;
	const detail = event.detail;
	return {
		event: `tracking.${event.group}`,
		platform: context.platform ?? 'carrier',
		receivedAt: event.detectedAt.toISOString(),
		eventId: `tracking:${event.id}`,
		customer: context.customer ?? null,
		...(context.order ? { order: context.order } : {}),
		shipment: shipmentJson,
		tracking: {
			status: event.group,
			carrierStatus: event.status,
			subStatus: event.subStatus,
			previousStatus: event.previousGroup,
			trackingNumber: event.trackingNumber,
			orderId: event.orderId,
			carrier: shipmentJson?.carrier ?? (shipment?.carrier ? { code: shipment.carrier } : null),
			trackingUrl: shipmentJson?.trackingUrl ?? null,
			eventTime: event.eventTime,
			location: event.location,
			deliveredTo: detail.deliveredTo ?? null,
			carrierStatusText: detail.carrierStatusText ?? null,
			lastEventText: detail.lastEventText ?? null,
			estimatedDelivery: shipmentJson?.estimatedDelivery ?? null,
			promisedLatest: detail.promisedLatest ?? shipment?.promisedLatest ?? null,
			reason: detail.reason ?? null,
			source: event.source,
		},
	};
}
