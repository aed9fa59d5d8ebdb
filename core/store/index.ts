import type { JourneyStore } from './JourneyStore';
import type { PostgresStoreConfig, SqliteStoreConfig, StoreConfig } from './config';
import { MIGRATIONS } from './migrations/index';
import { SqlJourneyStore } from './SqlJourneyStore';

/**
 * The journey store's public barrel. Dialects are loaded on first use, so a Postgres user never loads `node:sqlite`
 * and an embedded user never loads `pg`.
 */

export type * from './JourneyStore';
export type * from './concerns/shipmentTypes';
export type { PostgresStoreConfig, RetentionSettings, SqliteStoreConfig, StoreConfig } from './config';
export type { HousekeepingReport } from './concerns/housekeeping';
export type { LeaseClaim } from './concerns/claims';
export type { CartActivity, CartPollOptions, CartRecord, CartStatus, CartStore, OrderForCarts, PolledCart } from './concerns/carts';
export type { SqlJourneyStore } from './SqlJourneyStore';
export type { AlsoBought, CustomerRef, LastOrder, OrderContact, OrderRecord, SkuPurchase } from './concerns/orderHistory';
export { numberKey } from './concerns/orderHistory';
export type { DueReadStore, SentVoucher } from './concerns/dueReads';
export type { AttributedOrderRow, BoardOrderRow, BoardQuery, BoardShipment, ClickFigures, MessageFigures, OptOutFigures, ReportReadStore, ReportWindow, SmsSegments } from './concerns/reportReads';
export { DEFAULT_SQLITE_FILE } from './config';
export { channelOfSubject, normalizeAnySubject, normalizeSubject, subjectHash } from './subject';
export { MAX_KEY_LENGTH } from './impl/values';

/** Opens (and migrates) the embedded SQLite store. */
export async function openSqliteStore(options: Omit<SqliteStoreConfig, 'backend'>): Promise<JourneyStore> {
	const { SqliteDialect } = await import('./dialect/sqlite');
	return new SqlJourneyStore(SqliteDialect.open(options, MIGRATIONS), options);
}

/** Opens a pooled PostgreSQL store and migrates its schema (safe when several processes start at once). */
export async function openPostgresStore(options: Omit<PostgresStoreConfig, 'backend'>): Promise<JourneyStore> {
	const { PostgresDialect } = await import('./dialect/postgres');
	return new SqlJourneyStore(await PostgresDialect.open(options, MIGRATIONS), options);
}

export async function openStore(config: StoreConfig): Promise<JourneyStore> {
	return config.backend === 'postgres' ? openPostgresStore(config) : openSqliteStore(config);
}
