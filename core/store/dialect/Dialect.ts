/**
 * The one abstraction under the journey store (luxon's `Zone` is the model): everything that truly differs between
 * SQLite and PostgreSQL, and nothing else. Concerns (`../concerns/`) write their SQL once with `?` placeholders and ask
 * the dialect for the few fragments that differ; where a whole statement differs, the concern keeps both versions
 * side by side.
 */

export type Row = Record<string, unknown>;

/** A column of a bulk insert; PostgreSQL needs the array type, SQLite ignores it. */
export interface BulkColumn {
	name: string;
	type: 'text' | 'bigint';
}

/** Runs statements: the dialect itself (each statement on its own) or a transaction handle. */
export interface Queryable {
	get(sql: string, params?: readonly unknown[]): Promise<Row | undefined>;
	all(sql: string, params?: readonly unknown[]): Promise<Row[]>;
	/** Like `all`, each row an array in column order: much cheaper to build and read for large batches. */
	values(sql: string, params?: readonly unknown[]): Promise<unknown[][]>;
	/** Runs a statement and returns how many rows it changed. */
	run(sql: string, params?: readonly unknown[]): Promise<number>;
	/**
	 * Inserts many rows, all or none, in input order (ids ascend with it). SQLite: one prepared INSERT per row in a
	 * transaction; PostgreSQL: one `INSERT … SELECT FROM unnest(…)` per chunk.
	 */
	insertMany(table: string, columns: readonly BulkColumn[], rows: readonly unknown[][]): Promise<number>;
}

export interface Dialect extends Queryable {
	readonly backend: 'sqlite' | 'postgres';
	/** Name used in error messages: "The journey store (SQLite) failed to …". */
	readonly label: string;
	/** The store's secret salt for subject hashes (read after migrating). */
	readonly salt: string;
	/**
	 * The transaction unit. SQLite: `BEGIN IMMEDIATE` on the one connection, every other caller queued until it ends;
	 * PostgreSQL: one pooled client. `readOnly` gives one consistent snapshot for reads.
	 */
	tx<T>(fn: (t: Queryable) => Promise<T>, options?: { readOnly?: boolean }): Promise<T>;
	/**
	 * `column` is one of a bound list (`?` = `listParam(values)`): SQLite `IN (SELECT value FROM json_each(?))`,
	 * PostgreSQL `= ANY(?::text[])`. One parameter carries a whole batch, and both planners probe the column's index
	 * once per value.
	 */
	inList(column: string): string;
	/** `column` is none of a bound list. */
	notInList(column: string): string;
	listParam(values: readonly string[]): unknown;
	/** Row locking for leases: PostgreSQL `FOR UPDATE SKIP LOCKED`; SQLite's one writer needs none. */
	readonly skipLocked: string;
	/** Byte-order collation for ORDER BY on text, so both backends sort keys alike. */
	readonly binary: string;
	/**
	 * How many statements one batched read may have in flight: PostgreSQL runs them on separate pooled connections, so
	 * the server's cores share a large batch; SQLite's one synchronous connection runs them in turn, so 1.
	 */
	readonly parallelReads: number;
	close(): Promise<void>;
}

/** One schema step, in both dialects. Never edit a released step: append a new one. */
export interface Migration {
	version: number;
	sqlite: string;
	postgres: string;
}

/** Statements that differ per dialect, kept side by side in the concern that owns them. */
export interface BothSql {
	sqlite: string;
	postgres: string;
}

export function pick(db: Dialect, sql: BothSql): string {
	return db.backend === 'sqlite' ? sql.sqlite : sql.postgres;
}

/** Rows per statement for batches: bounds memory and keeps plans cheap on both backends. */
export const BATCH = 5000;
