import type { Clock } from '../shared/clock';

/** Where the embedded store lives when nothing else is configured, relative to n8n's `.n8n` folder. */
export const DEFAULT_SQLITE_FILE = 'post-purchase-journey.sqlite';

export interface SqliteStoreConfig {
	backend: 'sqlite';
	/** Database file; created (with its folder) on first open. */
	path: string;
	busyTimeoutMs?: number;
	clock?: Clock;
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
}

export type StoreConfig = SqliteStoreConfig | PostgresStoreConfig;
