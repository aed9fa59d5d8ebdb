import type { Clock } from '../shared/clock';

/** Where the embedded store lives when nothing else is configured, relative to n8n's `.n8n` folder. */
export const DEFAULT_SQLITE_FILE = 'post-purchase-journey.sqlite';

/**
 * How long the store keeps personal data that is not proof (GDPR Art. 5(1)(e)), in days; unset, null or 0 = keep.
 * The consent ledger and the suppression list are always kept.
 */
export interface RetentionSettings {
	/** Message log entries, by send time. */
	messageLogDays?: number | null;
	/** Consent Gate decisions, by decision time. */
	decisionsDays?: number | null;
	/** Finished scheduled work (done or cancelled carts, purchases, shipments), by its last change. */
	orderHistoryDays?: number | null;
}

export interface SqliteStoreConfig {
	backend: 'sqlite';
	/** Database file; created (with its folder) on first open. */
	path: string;
	busyTimeoutMs?: number;
	clock?: Clock;
	retention?: RetentionSettings;
}

export interface PostgresStoreConfig {
	backend: 'postgres';
	host: string;
	port?: number;
	database: string;
	user: string;
	password?: string;
	/** `true` = TLS with certificate checks; pass `{ rejectUnauthorized: false }` for self-signed servers. */
	ssl?: boolean | { rejectUnauthorized?: boolean; ca?: string };
	/** Schema that holds the tables (default `public`); created when missing. */
	schema?: string;
	/** Pool size per process (default 10). */
	max?: number;
	connectionTimeoutMs?: number;
	clock?: Clock;
	retention?: RetentionSettings;
}

export type StoreConfig = SqliteStoreConfig | PostgresStoreConfig;
