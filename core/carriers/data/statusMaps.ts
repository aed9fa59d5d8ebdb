import type { SubStatus, TrackingStatus } from '../status';

/**
 * Provider codes → our status (research §4). Sources: UPS activity types and status codes, FedEx derived codes,
 * USPS status categories, AfterShip tags/subtags, 17TRACK main/sub statuses, DHL Unified status codes.
 */
export type Mapped = [TrackingStatus, SubStatus | null];

export const UPS_BY_STATUS_CODE: Record<string, Mapped> = {
	'003': ['InfoReceived', 'label_created'],
	'080': ['InfoReceived', 'label_created'],
	'005': ['InTransit', null],
	'010': ['InTransit', null],
	'025': ['InTransit', null],
	'038': ['InTransit', 'picked_up'],
	'039': ['InTransit', null],
	'047': ['InTransit', null],
	'079': ['InTransit', null],
	'087': ['InTransit', null],
	'006': ['OutForDelivery', null],
	'021': ['OutForDelivery', null],
	'037': ['OutForDelivery', null],
	'072': ['OutForDelivery', null],
	'089': ['OutForDelivery', null],
	'091': ['OutForDelivery', null],
	'011': ['Delivered', null],
	'026': ['Delivered', null],
	'017': ['AvailableForPickup', 'held'],
	'040': ['AvailableForPickup', 'held'],
	'022': ['AttemptFail', null],
	'023': ['AttemptFail', null],
	'024': ['AttemptFail', null],
	'060': ['AttemptFail', null],
	'061': ['AttemptFail', null],
	'062': ['AttemptFail', null],
	'063': ['AttemptFail', 'address_issue'],
	'064': ['AttemptFail', null],
	'066': ['AttemptFail', null],
	'033': ['Exception', 'returning'],
	'034': ['Exception', 'returning'],
	'035': ['Exception', 'returned'],
	'036': ['Exception', 'returned'],
	'046': ['Exception', 'delayed'],
	'048': ['Exception', 'delayed'],
	'086': ['Exception', 'delayed'],
	'007': ['Exception', 'cancelled'],
};

export const UPS_BY_TYPE: Record<string, Mapped> = {
	M: ['InfoReceived', 'label_created'],
	P: ['InTransit', 'picked_up'],
	I: ['InTransit', null],
	D: ['Delivered', null],
	X: ['Exception', null],
	MV: ['Exception', 'cancelled'],
	NA: ['Pending', null],
	RS: ['Exception', 'returning'],
};

export const FEDEX_BY_DERIVED_CODE: Record<string, Mapped> = {
	OC: ['InfoReceived', 'label_created'],
	OX: ['InfoReceived', 'label_created'],
	PU: ['InTransit', 'picked_up'],
	PX: ['InTransit', 'picked_up'],
	IT: ['InTransit', null],
	IX: ['InTransit', null],
	AR: ['InTransit', null],
	AF: ['InTransit', null],
	DP: ['InTransit', null],
	FD: ['InTransit', null],
	LO: ['InTransit', null],
	AA: ['InTransit', null],
	PL: ['InTransit', null],
	PF: ['InTransit', null],
	SF: ['InTransit', null],
	TR: ['InTransit', null],
	CC: ['InTransit', 'customs'],
	OD: ['OutForDelivery', null],
	ED: ['OutForDelivery', null],
	AD: ['OutForDelivery', null],
	DL: ['Delivered', null],
	DE: ['AttemptFail', null],
	HL: ['AvailableForPickup', 'held'],
	HP: ['AvailableForPickup', 'held'],
	SE: ['Exception', null],
	CD: ['Exception', 'customs'],
	DY: ['Exception', 'delayed'],
	DD: ['Exception', 'delayed'],
	PD: ['Exception', 'delayed'],
	RS: ['Exception', 'returning'],
	CA: ['Exception', 'cancelled'],
};

/** USPS v3 `statusCategory` (compared lower-cased). */
export const USPS_BY_CATEGORY: Record<string, Mapped> = {
	'pre-shipment': ['InfoReceived', 'label_created'],
	accepted: ['InTransit', 'picked_up'],
	'in transit': ['InTransit', null],
	'out for delivery': ['OutForDelivery', null],
	'delivery attempt': ['AttemptFail', null],
	'available for pickup': ['AvailableForPickup', 'held'],
	delivered: ['Delivered', null],
	alert: ['Exception', null],
	'return to sender': ['Exception', 'returning'],
};

export const AFTERSHIP_TAGS: Record<string, TrackingStatus> = {
	Pending: 'Pending',
	InfoReceived: 'InfoReceived',
	InTransit: 'InTransit',
	OutForDelivery: 'OutForDelivery',
	AttemptFail: 'AttemptFail',
	Delivered: 'Delivered',
	AvailableForPickup: 'AvailableForPickup',
	Exception: 'Exception',
	Expired: 'Expired',
};

/** AfterShip subtags we can name; others keep the tag only. */
export const AFTERSHIP_SUBTAGS: Record<string, SubStatus> = {
	InTransit_002: 'picked_up',
	InTransit_004: 'customs',
	InTransit_008: 'customs',
	Exception_004: 'address_issue',
	Exception_005: 'returning',
	Exception_006: 'held',
	Exception_007: 'delayed',
	Exception_008: 'refused',
	Exception_009: 'damaged',
	Exception_010: 'returned',
	Exception_011: 'returned',
	Exception_012: 'lost',
	Exception_013: 'lost',
	AttemptFail_002: 'address_issue',
};

export const SEVENTEEN_MAIN: Record<string, TrackingStatus> = {
	NotFound: 'Pending',
	InfoReceived: 'InfoReceived',
	InTransit: 'InTransit',
	Expired: 'Expired',
	AvailableForPickup: 'AvailableForPickup',
	OutForDelivery: 'OutForDelivery',
	DeliveryFailure: 'AttemptFail',
	Delivered: 'Delivered',
	Exception: 'Exception',
};

export const SEVENTEEN_SUB: Record<string, SubStatus> = {
	NotFound_Other: 'not_found',
	NotFound_InvalidCode: 'not_found',
	InTransit_PickedUp: 'picked_up',
	InTransit_CustomsProcessing: 'customs',
	InTransit_CustomsReleased: 'customs',
	InTransit_CustomsRequiringInformation: 'customs',
	DeliveryFailure_InvalidAddress: 'address_issue',
	DeliveryFailure_Rejected: 'refused',
	Exception_Returning: 'returning',
	Exception_Returned: 'returned',
	Exception_Damage: 'damaged',
	Exception_Rejected: 'refused',
	Exception_Delayed: 'delayed',
	Exception_Lost: 'lost',
	Exception_Destroyed: 'lost',
	Exception_Cancel: 'cancelled',
	Exception_Security: 'held',
};

/** DHL Unified has no "out for delivery" or "pickup" code: derive them from the event text (German and English). */
export const DHL_TEXT_RULES: Array<{ pattern: RegExp; mapped: Mapped; onlyFor?: string[] }> = [
	{ pattern: /zurück an den absender|rücksendung|returned to (the )?(sender|shipper)|return to sender/i, mapped: ['Exception', 'returning'] },
	{ pattern: /annahme verweigert|refused/i, mapped: ['Exception', 'refused'] },
	{ pattern: /nicht angetroffen|konnte nicht zugestellt|could not be delivered|delivery attempt|zustellversuch/i, mapped: ['AttemptFail', null] },
	{ pattern: /adresse.*(unvollständig|falsch)|address (is )?(incorrect|incomplete)/i, mapped: ['AttemptFail', 'address_issue'] },
	{ pattern: /zum abholen bereit|abholbereit|liegt .*(filiale|packstation|postfiliale).*bereit|ready for (pick ?up|collection)|available for pick ?up/i, mapped: ['AvailableForPickup', null], onlyFor: ['transit', 'failure'] },
	{ pattern: /in zustellung|zustellfahrzeug|wird (heute )?zugestellt|out for delivery|with delivery courier/i, mapped: ['OutForDelivery', null], onlyFor: ['transit'] },
	{ pattern: /zoll|customs/i, mapped: ['InTransit', 'customs'], onlyFor: ['transit'] },
];

export const DHL_BY_CODE: Record<string, Mapped> = {
	'pre-transit': ['InfoReceived', 'label_created'],
	transit: ['InTransit', null],
	delivered: ['Delivered', null],
	failure: ['Exception', null],
	unknown: ['Pending', null],
};
