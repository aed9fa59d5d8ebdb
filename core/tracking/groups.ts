import type { NormalizedTracking } from '../carriers';
import type { OrderStage, ShipmentEventGroup } from '../store';

/**
 * From the carriers domain's normalized status to the groups the Tracking Update Trigger emits, and what the carrier's
 * words say about where a delivered parcel went.
 */

type StatusLike = Pick<NormalizedTracking, 'status' | 'subStatus'>;

/** The event group of a status; null when there is nothing to tell yet (no information, status unknown). */
export function eventGroupOf(t: StatusLike): ShipmentEventGroup | null {
	if (t.subStatus === 'returning' || t.subStatus === 'returned') return 'returned_to_sender';
	switch (t.status) {
		case 'InfoReceived':
			return 'info_received';
		case 'InTransit':
			return 'in_transit';
		case 'OutForDelivery':
			return 'out_for_delivery';
		case 'AvailableForPickup':
			return 'available_for_pickup';
		case 'Delivered':
			return 'delivered';
		case 'AttemptFail':
			return 'failed_attempt';
		case 'Exception':
		case 'Expired':
			return 'exception';
		default:
			return null;
	}
}

/** The order stage an event group reaches, when it reaches one. */
export function stageOfGroup(group: ShipmentEventGroup): OrderStage | null {
	if (group === 'out_for_delivery') return 'out_for_delivery';
	if (group === 'delivered') return 'delivered';
	if (group === 'returned_to_sender') return 'returned';
	return null;
}

export type DeliveredTo = 'neighbour' | 'parcel_shop' | 'parcel_locker' | 'mailbox' | 'safe_place' | 'recipient';

/** Carrier wording (German and English) for where the parcel was left, checked in this order. */
const PLACES: ReadonlyArray<[DeliveredTo, RegExp]> = [
	['neighbour', /neighbou?r|nachbar/i],
	['parcel_locker', /packstation|locker|paketkasten|parcel ?box/i],
	['parcel_shop', /paket ?shop|parcel ?shop|filiale|post ?office|pick ?up point|access point|retail location|abholstelle/i],
	['mailbox', /mail ?box|letter ?box|briefkasten/i],
	['safe_place', /safe place|ablageort|front door|porch|garage|terrasse|haustür/i],
	['recipient', /recipient|empfänger|persönlich|in person|signed/i],
];

/** Where a delivered parcel went, from the newest event's text and the status text; null when the carrier does not say. */
export function deliveredToOf(texts: Array<string | null | undefined>): DeliveredTo | null {
	const text = texts.filter(Boolean).join(' | ');
	for (const [place, pattern] of PLACES) if (pattern.test(text)) return place;
	return null;
}
