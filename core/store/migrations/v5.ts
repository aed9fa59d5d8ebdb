import type { Migration } from '../dialect/Dialect';

/**
 * Version 5: watched shipments, their status history, order stages and transit samples (the `shipments` concern).
 * Stands on version 2's tables only: nothing here refers to tables of versions 3 and 4.
 *
 * - `shipments`: one row per tracking number any workflow watches; the last known status, when to ask the carrier
 *   next (`next_check_at`, leased by one poller at a time), the promised latest delivery day and what to emit with an
 *   event (`context`, personal data: erased with the subject).
 * - `shipment_events`: every status change, delay and stuck order, recorded once (the CAS on `shipments` decides).
 * - `shipment_deliveries`: which trigger (scope) has emitted which event: a primary key makes it exactly once per
 *   trigger across processes. `shipment_subscribers`: when a trigger started listening, and read last.
 * - `order_stages`: first time an order reached each stage. `transit_samples`: working days per delivered parcel
 *   by lane (no personal data), for the learning estimate.
 * Times are epoch ms (SQLite INTEGER, PostgreSQL BIGINT), JSON is TEXT, as in version 1.
 */
const tables = (int: string, serial: string) => `
CREATE TABLE shipments (
	tracking_number TEXT PRIMARY KEY,
	carrier TEXT,
	order_id TEXT,
	subject TEXT,
	subject_hash TEXT,
	origin_country TEXT,
	destination_country TEXT,
	destination_region TEXT,
	shipped_at ${int},
	promised_latest TEXT,
	estimate_source TEXT,
	context TEXT NOT NULL,
	status TEXT NOT NULL,
	sub_status TEXT,
	last_event_time TEXT,
	last_scan_at ${int},
	checks INTEGER NOT NULL,
	next_check_at ${int},
	lease_until ${int},
	delayed_at ${int},
	stuck_at ${int},
	finished_at ${int},
	finish_reason TEXT,
	watched_at ${int} NOT NULL,
	updated_at ${int} NOT NULL
);
CREATE INDEX shipments_due ON shipments (next_check_at) WHERE finished_at IS NULL;
CREATE INDEX shipments_subject ON shipments (subject_hash) WHERE subject_hash IS NOT NULL;
CREATE INDEX shipments_order ON shipments (order_id) WHERE order_id IS NOT NULL;
CREATE TABLE shipment_events (
	id ${serial},
	tracking_number TEXT,
	order_id TEXT,
	kind TEXT NOT NULL,
	status_group TEXT NOT NULL,
	status TEXT,
	sub_status TEXT,
	previous_group TEXT,
	event_time TEXT,
	location TEXT,
	source TEXT NOT NULL,
	detail TEXT NOT NULL,
	detected_at ${int} NOT NULL
);
CREATE INDEX shipment_events_detected ON shipment_events (detected_at);
CREATE INDEX shipment_events_number ON shipment_events (tracking_number, id);
CREATE INDEX shipment_events_order ON shipment_events (order_id, kind);
CREATE TABLE shipment_subscribers (scope TEXT PRIMARY KEY, since ${int} NOT NULL, read_at ${int} NOT NULL);
CREATE TABLE shipment_deliveries (
	scope TEXT NOT NULL,
	event_id ${int} NOT NULL,
	delivered_at ${int} NOT NULL,
	PRIMARY KEY (scope, event_id)
);
CREATE INDEX shipment_deliveries_at ON shipment_deliveries (delivered_at);
CREATE TABLE order_stages (
	order_id TEXT PRIMARY KEY,
	subject TEXT,
	subject_hash TEXT,
	placed_at ${int},
	paid_at ${int},
	shipped_at ${int},
	out_for_delivery_at ${int},
	delivered_at ${int},
	returned_at ${int},
	stuck_at ${int},
	context TEXT NOT NULL,
	updated_at ${int} NOT NULL
);
CREATE INDEX order_stages_paid ON order_stages (paid_at) WHERE shipped_at IS NULL;
CREATE INDEX order_stages_subject ON order_stages (subject_hash) WHERE subject_hash IS NOT NULL;
CREATE TABLE transit_samples (
	tracking_number TEXT PRIMARY KEY,
	lane TEXT NOT NULL,
	working_days INTEGER NOT NULL,
	delivered_at ${int} NOT NULL
);
CREATE INDEX transit_samples_lane ON transit_samples (lane, delivered_at);
`;

export const V5: Migration = {
	version: 5,
	sqlite: tables('INTEGER', 'INTEGER PRIMARY KEY AUTOINCREMENT'),
	postgres: tables('BIGINT', 'BIGSERIAL PRIMARY KEY'),
};
