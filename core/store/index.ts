import type { JourneyStore } from './JourneyStore';
import type { PostgresStoreConfig, SqliteStoreConfig, StoreConfig } from './config';

/**
 * The journey store's public barrel. Backends are loaded on first use, so a Postgres user never loads
 * `node:sqlite` and an embedded user never loads `pg`.
 */

export type * from './JourneyStore';
export type { PostgresStoreConfig, SqliteStoreConfig, StoreConfig } from './config';
export { DEFAULT_SQLITE_FILE } from './config';
export { channelOfSubject, normalizeAnySubject, normalizeSubject, subjectHash } from './subject';
export { MAX_KEY_LENGTH } from './impl/values';

/** Opens (and migrates) the embedded SQLite store. */
export async function openSqliteStore(options: Omit<SqliteStoreConfig, 'backend'>): Promise<JourneyStore> {
	const { SqliteJourneyStore } = await import('./sqlite/SqliteStore');
	return SqliteJourneyStore.open(options);
}

/** Opens a pooled PostgreSQL store and migrates its schema (safe when several processes start at once). */
export async function openPostgresStore(options: Omit<PostgresStoreConfig, 'backend'>): Promise<JourneyStore> {
	const { PostgresJourneyStore } = await import('./postgres/PostgresStore');
	return PostgresJourneyStore.open(options);
}

export async function openStore(config: StoreConfig): Promise<JourneyStore> {
	return config.backend === 'postgres' ? openPostgresStore(config) : openSqliteStore(config);
}
