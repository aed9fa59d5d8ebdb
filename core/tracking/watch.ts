import type { CanonicalEvent } from '../commerce/model';
import { transitLane } from '../journey';
import { normalizeAnySubject } from '../store';
import type { JourneyStore, OrderStage, WatchShipmentInput } from '../store';

/**
 * What the commerce triggers and Carrier Track tell the tracking side: each tracking number of a shipment is watched
 * (with what an event about it should carry: customer, order number, shipment, tracking link), and each order's
 * stages are stamped. Called by every Shipped Trigger and Order Placed Trigger of any workflow.
 */

type ShipmentEvent = Extract<CanonicalEvent, { shipment: unknown }>;

/**
 * One watch per tracking number of a shipment event. The watch keeps the promised window the event carries (the
 * "delayed" check uses exactly it) and the lane its transit will be learned under once delivered.
 */
export function watchInputsOf(event: ShipmentEvent, originCountry: string | null): WatchShipmentInput[] {
	const { shipment, customer } = event;
	const destination = shipment.shippingAddress?.country ?? customer.country ?? null;
	const sameCountry = shipment.shippingAddress?.country === destination;
	const region = (sameCountry ? shipment.shippingAddress?.region : customer.region) ?? null;
	const postalCode = sameCountry ? (shipment.shippingAddress?.postalCode ?? null) : null;
	const shippedAt = shipment.shippedAt ? new Date(shipment.shippedAt) : new Date(event.receivedAt);
	const subject = subjectOf(customer);
	return shipment.trackings.map((t) => ({
		trackingNumber: t.trackingNumber.replace(/\s+/g, '').toUpperCase(),
		carrier: t.carrier.code ?? shipment.carrier.code ?? null,
		orderId: shipment.orderId,
		subject,
		originCountry,
		destinationCountry: destination,
		destinationRegion: region,
		shippedAt: Number.isNaN(shippedAt.getTime()) ? null : shippedAt,
		promisedLatest: shipment.estimatedDelivery?.latest?.slice(0, 10) ?? null,
		estimateSource: shipment.estimatedDelivery?.source ?? null,
		context: {
			lane: transitLane({ carrier: t.carrier.code ?? shipment.carrier.code, originCountry, destinationCountry: destination, destinationRegion: region, postalCode }),
			platform: event.platform,
			customer: customer as unknown as Record<string, unknown>,
			shipment: { ...shipment, trackingNumber: t.trackingNumber, trackingUrl: t.trackingUrl ?? shipment.trackingUrl, carrier: t.carrier },
		},
	}));
}

/** The customer's e-mail, else phone, when it is one the store can hash (else the watch carries none). */
function subjectOf(customer: { email: string | null; phone: string | null }): string | null {
	for (const value of [customer.email, customer.phone]) {
		if (!value) continue;
		try {
			return normalizeAnySubject(value);
		} catch {
			// Not a usable address or number: try the other one.
		}
	}
	return null;
}

const STAGE_OF_EVENT: Partial<Record<CanonicalEvent['event'], OrderStage>> = {
	'order.placed': 'placed',
	'order.paid': 'paid',
	'shipment.created': 'shipped',
	'shipment.updated': 'shipped',
	'return.received': 'returned',
};

function orderIdOf(event: CanonicalEvent): string | null {
	if ('order' in event) return event.order.id;
	if ('shipment' in event) return event.shipment.orderId;
	if ('return' in event) return event.return.orderId;
	// A cart is not an order yet.
	return null;
}

/**
 * Watches the shipments and stamps the order stages of the events of a shop delivery (called by the commerce
 * pipeline, `core/commerce/receive.ts`, for every delivery). `originCountry` is the shop's country (the lane of the
 * learning estimate).
 */
export async function recordCommerceEvents(store: Pick<JourneyStore, 'shipments'>, events: CanonicalEvent[], originCountry: string | null): Promise<number> {
	let watched = 0;
	for (const event of events) {
		const orderId = orderIdOf(event);
		const stage = STAGE_OF_EVENT[event.event];
		if (orderId && stage) {
			const when = 'order' in event && stage === 'placed' ? event.order.placedAt : 'shipment' in event ? event.shipment.shippedAt : null;
			const at = new Date(when ?? event.receivedAt);
			const subject = subjectOf(event.customer);
			const context = 'order' in event ? { platform: event.platform, customer: event.customer, order: { id: event.order.id, number: event.order.number } } : undefined;
			await store.shipments.recordStage(orderId, stage, Number.isNaN(at.getTime()) ? new Date(event.receivedAt) : at, {
				subject,
				context: context as Record<string, unknown> | undefined,
			});
		}
		if ('shipment' in event) {
			for (const input of watchInputsOf(event, originCountry)) {
				if (await store.shipments.watch(input)) watched++;
			}
		}
	}
	return watched;
}

/**
 * A watch from an item that went through Carrier Track: the item's customer, order and shipment (when it has them)
 * travel with the events, the tracking result gives carrier and link.
 */
export function watchInputFromItem(
	json: Record<string, unknown>,
	found: {
		trackingNumber: string;
		carrier: string | null;
		originCountry: string;
		estimate: { earliest: string; latest: string; source: string } | null;
		tracking: { trackingUrl: string | null; carrier: unknown };
		/** The lane the estimate was looked up under (learned once the parcel is delivered). */
		lane?: string | null;
		shippedAt?: string | null;
	},
): WatchShipmentInput {
	const pick = (key: string) => (json[key] && typeof json[key] === 'object' && !Array.isArray(json[key]) ? (json[key] as Record<string, unknown>) : undefined);
	const customer = pick('customer') ?? {};
	const shipment = pick('shipment') ?? {};
	const address = (shipment.shippingAddress ?? {}) as Record<string, unknown>;
	const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
	const shippedAt = new Date(text(found.shippedAt) ?? text(shipment.shippedAt) ?? Number.NaN);
	return {
		trackingNumber: found.trackingNumber,
		carrier: found.carrier,
		orderId: text(shipment.orderId) ?? text(pick('order')?.id),
		subject: subjectOf({ email: text(customer.email), phone: text(customer.phone) }),
		originCountry: found.originCountry,
		destinationCountry: text(address.country) ?? text(customer.country),
		destinationRegion: text(address.region) ?? text(customer.region),
		shippedAt: Number.isNaN(shippedAt.getTime()) ? null : shippedAt,
		promisedLatest: found.estimate?.latest.slice(0, 10) ?? null,
		estimateSource: found.estimate?.source ?? null,
		context: {
			lane: found.lane ?? null,
			...(pick('customer') ? { customer } : {}),
			...(pick('order') ? { order: pick('order') } : {}),
			shipment: { ...shipment, trackingNumber: found.trackingNumber, trackingUrl: found.tracking.trackingUrl, carrier: found.tracking.carrier },
		},
	};
}
