import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { SQLInputValue, StatementSync } from 'node:sqlite';
import { InputError, StoreError } from '../../shared/errors';
import type { BulkColumn, Dialect, Migration, Queryable, Row } from './Dialect';

export interface SqliteDialectOptions {
	/** Database file; created with its folder when missing. */
	path: string;
	/** How long a writer waits for another process's lock before failing (default 10 s). */
	busyTimeoutMs?: number;
}

/**
 * The embedded dialect: one SQLite file in WAL mode through Node's built-in `node:sqlite`. `DatabaseSync` is
 * synchronous, so a statement runs at once; while a transaction is open (`BEGIN IMMEDIATE`: the write lock is taken
 * up front, so processes queue on `busy_timeout` instead of failing on a lock upgrade), every other caller of this
 * connection waits in a queue, so no statement of theirs can land inside it.
 */
export class SqliteDialect implements Dialect {
	readonly backend = 'sqlite' as const;
	readonly label = 'SQLite';
	readonly skipLocked = '';
	readonly binary = '';
	readonly parallelReads = 1;
	salt = '';
	private readonly db: DatabaseSync;
	private readonly statements = new Map<string, StatementSync>();
	private readonly arrayStatements = new Map<string, StatementSync>();
	/** Transactions (and statements queued behind one) not finished yet; 0 = statements may run at once. */
	private pending = 0;
	private tail: Promise<void> = Promise.resolve();
	private closed = false;
	/** The handle given to a transaction's body: runs at once, it already holds the connection. */
	private readonly inside: Queryable = {
		get: (sql, params) => Promise.resolve(this.getNow(sql, params)),
		all: (sql, params) => Promise.resolve(this.allNow(sql, params)),
		values: (sql, params) => Promise.resolve(this.valuesNow(sql, params)),
		run: (sql, params) => Promise.resolve(this.runNow(sql, params)),
		insertMany: (table, columns, rows) => Promise.resolve(this.insertNow(table, columns, rows)),
	};

	private constructor(options: SqliteDialectOptions) {
		if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
		this.db = new DatabaseSync(options.path, { timeout: options.busyTimeoutMs ?? 10_000 });
		this.db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.round(options.busyTimeoutMs ?? 10_000))}`);
		// Switching a new file to WAL needs an exclusive lock, and SQLite does not wait on busy_timeout for it: when two
		// processes open a new store at once, the second retries for up to ~5 s instead of failing.
		for (let attempt = 0; ; attempt++) {
			try {
				this.db.exec('PRAGMA journal_mode = WAL');
				break;
			} catch (error) {
				if (attempt >= 200 || !/locked|busy/i.test(error instanceof Error ? error.message : String(error))) throw error;
				Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25);
			}
		}
		// NORMAL in WAL mode survives a killed process; only a power loss may drop the last commits.
		this.db.exec('PRAGMA synchronous = NORMAL');
		// Erasure and retention must not leave old personal data readable in freed pages of the file.
		this.db.exec('PRAGMA secure_delete = ON');
		// Batched look-ups touch thousands of random pages; a memory map beats one read() per page.
		this.db.exec('PRAGMA mmap_size = 1073741824');
		// Writes go through the page cache (a memory-mapped page is read-only). Appends to indexes keyed by random hashes
		// (the decision log, the ledger, claims) touch a random leaf each; with SQLite's 2 MB default those leaves were
		// evicted and spilled mid-transaction. 64 MB (allocated only as pages are used): +10–20 % gate decisions/s
		// with the log in a back-to-back comparison at 1,000,000 subjects.
		this.db.exec('PRAGMA cache_size = -65536');
	}

	/** Opens the file and applies pending migrations in one `BEGIN IMMEDIATE` (processes take turns). */
	static open(options: SqliteDialectOptions, migrations: readonly Migration[]): SqliteDialect {
		let dialect: SqliteDialect | undefined;
		try {
			dialect = new SqliteDialect(options);
			dialect.migrate(migrations);
			return dialect;
		} catch (error) {
			if (dialect && !dialect.closed) dialect.db.close();
			if (error instanceof StoreError || error instanceof InputError) throw error;
			throw new StoreError('The journey store (SQLite) could not be opened. Check that the folder is writable.', error);
		}
	}

	private migrate(migrations: readonly Migration[]): void {
		this.db.exec('BEGIN IMMEDIATE');
		try {
			this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
			let current = Number(this.getNow('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations')?.v);
			for (const migration of migrations) {
				if (migration.version <= current) continue;
				this.db.exec(migration.sqlite.replace('{salt}', randomBytes(32).toString('hex')));
				this.runNow('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)', [migration.version, Date.now()]);
				current = migration.version;
			}
			this.db.exec('COMMIT');
		} finally {
			if (this.db.isTransaction) this.db.exec('ROLLBACK');
		}
		const salt = this.getNow("SELECT value FROM store_meta WHERE key = 'subject_salt'");
		if (!salt) throw new StoreError('The journey store is damaged: its subject salt is missing.');
		this.salt = String(salt.value);
	}

	// Statements ------------------------------------------------------------------------------------------------------

	private stmt(sql: string): StatementSync {
		let statement = this.statements.get(sql);
		if (!statement) {
			statement = this.db.prepare(sql);
			this.statements.set(sql, statement);
		}
		return statement;
	}

	private getNow(sql: string, params: readonly unknown[] = []): Row | undefined {
		return this.stmt(sql).get(...(params as SQLInputValue[])) as Row | undefined;
	}

	// The native driver builds its arrays in Node's main realm. Copying the list makes it an array of the realm that
	// loaded this module, so callers in an isolated VM context (Jest) get ordinary arrays.
	private allNow(sql: string, params: readonly unknown[] = []): Row[] {
		return Array.from(this.stmt(sql).all(...(params as SQLInputValue[])) as Row[]);
	}

	private valuesNow(sql: string, params: readonly unknown[] = []): unknown[][] {
		let statement = this.arrayStatements.get(sql);
		if (!statement) {
			statement = this.db.prepare(sql);
			statement.setReturnArrays(true);
			this.arrayStatements.set(sql, statement);
		}
		return Array.from(statement.all(...(params as SQLInputValue[])) as unknown as unknown[][]);
	}

	private runNow(sql: string, params: readonly unknown[] = []): number {
		return Number(this.stmt(sql).run(...(params as SQLInputValue[])).changes);
	}

	private insertNow(table: string, columns: readonly BulkColumn[], rows: readonly unknown[][]): number {
		const sql = `INSERT INTO ${table} (${columns.map((c) => c.name).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
		for (const row of rows) this.runNow(sql, row);
		return rows.length;
	}

	/** Runs `fn` once no transaction holds the connection, keeping callers in order. */
	private async queued<T>(fn: () => T | Promise<T>): Promise<T> {
		this.pending++;
		const before = this.tail;
		let release!: () => void;
		this.tail = new Promise<void>((resolve) => (release = resolve));
		try {
			await before;
			return await fn();
		} finally {
			this.pending--;
			release();
		}
	}

	get(sql: string, params?: readonly unknown[]): Promise<Row | undefined> {
		return this.pending === 0 ? Promise.resolve(this.getNow(sql, params)) : this.queued(() => this.getNow(sql, params));
	}

	all(sql: string, params?: readonly unknown[]): Promise<Row[]> {
		return this.pending === 0 ? Promise.resolve(this.allNow(sql, params)) : this.queued(() => this.allNow(sql, params));
	}

	values(sql: string, params?: readonly unknown[]): Promise<unknown[][]> {
		return this.pending === 0 ? Promise.resolve(this.valuesNow(sql, params)) : this.queued(() => this.valuesNow(sql, params));
	}

	run(sql: string, params?: readonly unknown[]): Promise<number> {
		return this.pending === 0 ? Promise.resolve(this.runNow(sql, params)) : this.queued(() => this.runNow(sql, params));
	}

	insertMany(table: string, columns: readonly BulkColumn[], rows: readonly unknown[][]): Promise<number> {
		if (rows.length === 0) return Promise.resolve(0);
		return this.tx((t) => t.insertMany(table, columns, rows));
	}

	tx<T>(fn: (t: Queryable) => Promise<T>, options: { readOnly?: boolean } = {}): Promise<T> {
		return this.queued(async () => {
			this.db.exec(options.readOnly ? 'BEGIN' : 'BEGIN IMMEDIATE');
			try {
				const result = await fn(this.inside);
				this.db.exec('COMMIT');
				return result;
			} finally {
				if (this.db.isTransaction) this.db.exec('ROLLBACK');
			}
		});
	}

	// Fragments -------------------------------------------------------------------------------------------------------

	inList(column: string): string {
		return `${column} IN (SELECT value FROM json_each(?))`;
	}

	notInList(column: string): string {
		return `${column} NOT IN (SELECT value FROM json_each(?))`;
	}

	listParam(values: readonly string[]): string {
		return JSON.stringify(values);
	}

	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		await this.tail;
		this.statements.clear();
		this.arrayStatements.clear();
		this.db.close();
	}
}
