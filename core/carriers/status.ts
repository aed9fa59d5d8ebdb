/**
 * The normalized tracking status every provider is mapped to (AfterShip's nine tags, which 17TRACK and most
 * carriers map onto 1:1), plus the fields journeys branch on.
 */
export type TrackingStatus =
	| 'Pending'
	| 'InfoReceived'
	| 'InTransit'
	| 'OutForDelivery'
	| 'AttemptFail'
	| 'Delivered'
	| 'AvailableForPickup'
	| 'Exception'
	| 'Expired';

export type SubStatus =
	| 'label_created'
	| 'picked_up'
	| 'customs'
	| 'delayed'
	| 'returning'
	| 'returned'
	| 'refused'
	| 'address_issue'
	| 'damaged'
	| 'lost'
	| 'cancelled'
	| 'held'
	| 'not_found';

/** The four groups the node can route to. */
export type StatusGroup = 'in_transit' | 'out_for_delivery' | 'delivered' | 'problem';

export interface TrackingEvent {
	/** ISO 8601 with offset when the provider gives one. */
	time: string | null;
	location: string | null;
	text: string;
	code?: string;
}

export interface NormalizedTracking {
	status: TrackingStatus | 'unknown';
	subStatus: SubStatus | null;
	/** Whether nothing will change any more (delivered, expired, returned, lost, cancelled). */
	isTerminal: boolean;
	/** Pending 0 < InfoReceived 1 < InTransit 2 < OutForDelivery / AvailableForPickup / AttemptFail 3 < Delivered 4. */
	progressRank: number;
	statusGroup: StatusGroup;
	carrierStatusCode: string | null;
	carrierStatusText: string | null;
	lastEvent: TrackingEvent | null;
	events: TrackingEvent[];
	/** The carrier's own delivery date or window, when it gave one. */
	carrierEstimate: { earliest: string; latest: string } | null;
}

const RANK: Record<TrackingStatus | 'unknown', number> = {
	unknown: 0,
	Pending: 0,
	InfoReceived: 1,
	InTransit: 2,
	Exception: 2,
	Expired: 2,
	OutForDelivery: 3,
	AvailableForPickup: 3,
	AttemptFail: 3,
	Delivered: 4,
};

export function progressRank(status: TrackingStatus | 'unknown'): number {
	return RANK[status];
}

export function statusGroup(status: TrackingStatus | 'unknown'): StatusGroup {
	switch (status) {
		case 'Delivered':
			return 'delivered';
		case 'OutForDelivery':
		case 'AvailableForPickup':
			return 'out_for_delivery';
		case 'AttemptFail':
		case 'Exception':
		case 'Expired':
			return 'problem';
		default:
			return 'in_transit';
	}
}

const TERMINAL_SUB: ReadonlySet<SubStatus> = new Set(['returned', 'lost', 'cancelled']);

export function isTerminal(status: TrackingStatus | 'unknown', subStatus: SubStatus | null): boolean {
	return status === 'Delivered' || status === 'Expired' || (status === 'Exception' && subStatus !== null && TERMINAL_SUB.has(subStatus));
}

/** Builds the full record from a mapped status; events newest first. */
export function buildTracking(input: {
	status: TrackingStatus | 'unknown';
	subStatus?: SubStatus | null;
	code?: string | null;
	text?: string | null;
	events?: TrackingEvent[];
	carrierEstimate?: { earliest: string; latest: string } | null;
}): NormalizedTracking {
	const events = [...(input.events ?? [])].sort((a, b) => (b.time ?? '').localeCompare(a.time ?? ''));
	const subStatus = input.subStatus ?? null;
	return {
		status: input.status,
		subStatus,
		isTerminal: isTerminal(input.status, subStatus),
		progressRank: progressRank(input.status),
		statusGroup: statusGroup(input.status),
		carrierStatusCode: input.code ?? null,
		carrierStatusText: input.text ?? null,
		lastEvent: events[0] ?? null,
		events,
		carrierEstimate: input.carrierEstimate ?? null,
	};
}

/** The record for a number no provider could be asked about: only the URL is known. */
export function unknownTracking(): NormalizedTracking {
	return buildTracking({ status: 'unknown' });
}
