import type { Migration } from '../dialect/Dialect';

/**
 * Version 12: send slots (`concerns/sharedState.ts` `reserveSlot`), one row per rate-limited account. Every process
 * that sends through the account reserves the next slot here, so two n8n workers together keep the account's rate.
 * Times in epoch microseconds: at 100 messages per second a slot is 10,300 µs, which milliseconds would round.
 * Versions 8–11 belong to other concerns developed side by side; the runner applies every step above a store's
 * recorded version, and this table refers to none of theirs.
 */
const SLOTS = (bigint: string) => `CREATE TABLE send_slots (name TEXT PRIMARY KEY, next_at ${bigint} NOT NULL);`;

export const V12: Migration = {
	version: 12,
	sqlite: SLOTS('INTEGER'),
	postgres: SLOTS('BIGINT'),
};
