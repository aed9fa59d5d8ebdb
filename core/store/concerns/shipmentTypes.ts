/**
 * Types of the `shipments` concern (`store.shipments`): watched shipments, their status history, what each trigger
 * has emitted, order stages and transit samples. Statuses are the carriers domain's normalized names, kept as text
 * here so the store imports nothing of the carriers domain.
 */

/** What an event reports; the Tracking Update Trigger routes on it. */
export type ShipmentEventGroup =
	| 'info_received'
	| 'in_transit'
	| 'out_for_delivery'
	| 'available_for_pickup'
	| 'delivered'
	| 'failed_attempt'
	| 'exception'
	| 'returned_to_sender'
	| 'delayed'
	| 'stuck';

export type OrderStage = 'placed' | 'paid' | 'shipped' | 'out_for_delivery' | 'delivered' | 'returned';

export interface WatchShipmentInput {
	trackingNumber: string;
	/** Our carrier code (`dhl`, `ups` …), null when unknown. */
	carrier?: string | null;
	orderId?: string | null;
	/** The customer's e-mail or phone, so GDPR export and erasure find the shipment. */
	subject?: string | null;
	originCountry?: string | null;
	destinationCountry?: string | null;
	destinationRegion?: string | null;
	shippedAt?: Date | null;
	/** Last day of the promised window (YYYY-MM-DD): passed without delivery = delayed. */
	promisedLatest?: string | null;
	estimateSource?: string | null;
	/** What an event of this shipment carries (customer, order, shipment as the Shipped Trigger emitted them). */
	context?: Record<string, unknown>;
	/** When to ask the carrier first; default now. */
	firstCheckAt?: Date;
}

export interface WatchedShipment {
	trackingNumber: string;
	carrier: string | null;
	orderId: string | null;
	originCountry: string | null;
	destinationCountry: string | null;
	destinationRegion: string | null;
	shippedAt: Date | null;
	promisedLatest: string | null;
	estimateSource: string | null;
	context: Record<string, unknown>;
	/** Normalized status (`unknown` until the carrier first answered). */
	status: string;
	subStatus: string | null;
	lastEventTime: string | null;
	lastScanAt: Date | null;
	checks: number;
	nextCheckAt: Date | null;
	delayedAt: Date | null;
	finishedAt: Date | null;
	finishReason: string | null;
	watchedAt: Date;
}

export interface ShipmentStatusUpdate {
	status: string;
	subStatus: string | null;
	/** The event group of the new status; null records the status without an event (e.g. "no information yet"). */
	group: ShipmentEventGroup | null;
	eventTime?: string | null;
	location?: string | null;
	/** When the carrier last scanned the parcel (its newest event). */
	lastScanAt?: Date | null;
	detail?: Record<string, unknown>;
	/** `poll` or `push` (which provider). */
	source: string;
	/** Next time to ask the carrier; null = never again. */
	nextCheckAt: Date | null;
	/** Set when watching ends with this status (delivered, returned, given up). */
	finishReason?: string | null;
	at?: Date;
}

export interface ShipmentEvent {
	id: string;
	trackingNumber: string | null;
	orderId: string | null;
	kind: 'status' | 'delayed' | 'stuck';
	group: ShipmentEventGroup;
	status: string | null;
	subStatus: string | null;
	previousGroup: string | null;
	eventTime: string | null;
	location: string | null;
	source: string;
	detail: Record<string, unknown>;
	detectedAt: Date;
}

export interface OrderStages {
	orderId: string;
	placedAt: Date | null;
	paidAt: Date | null;
	shippedAt: Date | null;
	outForDeliveryAt: Date | null;
	deliveredAt: Date | null;
	returnedAt: Date | null;
	context: Record<string, unknown>;
}

export interface StuckQuery {
	/** Orders paid before this and not shipped. */
	paidBefore?: Date;
	/** Watched shipments without a carrier scan since this. */
	noScanSince?: Date;
	now?: Date;
	limit: number;
}

export interface ShipmentStore {
	/** Starts watching a tracking number (or refreshes what is known of it); true when it was not watched yet. */
	watch(input: WatchShipmentInput): Promise<boolean>;
	get(trackingNumber: string): Promise<WatchedShipment | null>;
	/** The shipments of one order, first shipped first. */
	ofOrder(orderId: string): Promise<WatchedShipment[]>;
	/** Leases shipments due for a carrier check; two pollers never get the same shipment while its lease runs. */
	leaseDue(options: { now?: Date; limit: number; leaseMs: number }): Promise<WatchedShipment[]>;
	/**
	 * Records what the carrier said (poll or push) and schedules the next check. Returns the event when the status
	 * changed (exactly one caller across all processes gets it for one change), else null.
	 */
	recordStatus(trackingNumber: string, update: ShipmentStatusUpdate): Promise<ShipmentEvent | null>;
	/** Only schedules the next check (nothing new, or the check failed) and gives the lease back. */
	reschedule(trackingNumber: string, nextCheckAt: Date | null, finishReason?: string | null, at?: Date): Promise<void>;
	/** Shipments whose promised day has passed without delivery: one `delayed` event each, ever. */
	markDelayed(options: { now?: Date; limit: number; detail?: (s: WatchedShipment) => Record<string, unknown> }): Promise<ShipmentEvent[]>;
	/** Orders paid but not shipped, and shipments without a scan, past the limits: one `stuck` event each, ever. */
	markStuck(query: StuckQuery): Promise<ShipmentEvent[]>;
	/** The events of one tracking number, oldest first. */
	history(trackingNumber: string): Promise<ShipmentEvent[]>;
	/**
	 * Events recorded since the trigger `scope` started listening that it has not emitted yet, each handed to exactly
	 * one caller per scope across all processes. The first call starts listening (nothing older is handed out).
	 */
	deliver(scope: string, options: { now?: Date; limit: number }): Promise<ShipmentEvent[]>;
	/** Stamps the first time an order reached a stage (later stamps of the same stage are ignored). */
	recordStage(orderId: string, stage: OrderStage, at: Date, extra?: { subject?: string | null; context?: Record<string, unknown> }): Promise<void>;
	orderStages(orderId: string): Promise<OrderStages | null>;
	/** Adds a delivered parcel's transit (working days) to its lane; a tracking number counts once. */
	addTransitSample(sample: { trackingNumber: string; lane: string; workingDays: number; deliveredAt: Date }): Promise<void>;
	/** The newest `limit` samples of a lane, in working days. */
	transitSamples(lane: string, limit: number): Promise<number[]>;
}
