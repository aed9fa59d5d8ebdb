import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import type { PoolClient, PoolConfig } from 'pg';
import { InputError, StoreError } from '../../shared/errors';
import type { PostgresStoreConfig } from '../config';
import { BATCH } from './Dialect';
import type { BulkColumn, Dialect, Migration, Queryable, Row } from './Dialect';

const SCHEMA_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * `?` placeholders (how the concerns write SQL) become `$1, $2 …`, once per statement text (a statement that uses a
 * parameter twice writes `$n` itself, which passes through, as SQLite's statements write `?n`), and statements with an
 * explicit column list get a name, so every pooled connection parses and plans them once (a single consent check is
 * then one bind + execute). Statements with `*` stay unnamed: a newer process adding a column would otherwise make
 * their cached plans fail ("cached plan must not change result type") during a rolling upgrade.
 */
const prepared = new Map<string, { name?: string; text: string }>();
function statement(sql: string): { name?: string; text: string } {
	let out = prepared.get(sql);
	if (out === undefined) {
		let n = 0;
		const text = sql.replace(/\?/g, () => `$${++n}`);
		out = sql.includes('*') ? { text } : { name: `pp_${prepared.size + 1}`, text };
		prepared.set(sql, out);
	}
	return out;
}

/** Statements on one pg connection or the pool. */
class Handle implements Queryable {
	constructor(private readonly on: Pool | PoolClient) {}

	async query(sql: string, params: readonly unknown[] = []): Promise<{ rows: Row[]; rowCount: number }> {
		const result = await this.on.query({ ...statement(sql), values: params as unknown[] });
		return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
	}

	async get(sql: string, params?: readonly unknown[]): Promise<Row | undefined> {
		return (await this.query(sql, params)).rows[0];
	}

	async all(sql: string, params?: readonly unknown[]): Promise<Row[]> {
		return (await this.query(sql, params)).rows;
	}

	async values(sql: string, params: readonly unknown[] = []): Promise<unknown[][]> {
		const result = await this.on.query({ ...statement(sql), values: params as unknown[], rowMode: 'array' });
		return result.rows as unknown[][];
	}

	async run(sql: string, params?: readonly unknown[]): Promise<number> {
		return (await this.query(sql, params)).rowCount;
	}

	/** One `INSERT … SELECT FROM unnest(…) WITH ORDINALITY … ORDER BY n` per chunk: ids keep the input order. */
	async insertMany(table: string, columns: readonly BulkColumn[], rows: readonly unknown[][]): Promise<number> {
		const names = columns.map((c) => c.name).join(', ');
		const arrays = columns.map((c) => `?::${c.type}[]`).join(', ');
		const sql = `INSERT INTO ${table} (${names}) SELECT ${names} FROM unnest(${arrays}) WITH ORDINALITY AS u(${names}, n) ORDER BY n`;
		let inserted = 0;
		for (let start = 0; start < rows.length; start += BATCH) {
			const chunk = rows.slice(start, start + BATCH);
			inserted += await this.run(sql, columns.map((_, i) => chunk.map((row) => row[i])));
		}
		return inserted;
	}
}

/**
 * The shared dialect for n8n in queue mode: a `pg` pool per process, the store's schema first on every connection's
 * `search_path` (so the SQL never names it), and transactions on one pooled client.
 */
export class PostgresDialect implements Dialect {
	readonly backend = 'postgres' as const;
	readonly label = 'PostgreSQL';
	readonly skipLocked = 'FOR UPDATE SKIP LOCKED';
	readonly binary = ' COLLATE "C"';
	/**
	 * A 10,000-subject consent batch in four parts, each sent as soon as it is hashed, took 63–66 ms (median of 40)
	 * against 70–77 in two parts on a 2-core machine; six and eight parts gained nothing more.
	 */
	readonly parallelReads = 4;
	salt = '';
	private readonly pool: Pool;
	private readonly handle: Handle;
	private readonly schema: string;
	private closed = false;

	private constructor(options: Omit<PostgresStoreConfig, 'backend'>) {
		this.schema = (options.schema ?? 'public').trim().toLowerCase();
		if (!SCHEMA_PATTERN.test(this.schema)) {
			throw new InputError('The schema name may only contain letters, digits and underscores.', 'schema');
		}
		const config: PoolConfig = {
			host: options.host,
			port: options.port ?? 5432,
			database: options.database,
			user: options.user,
			password: options.password,
			ssl: options.ssl === true ? { rejectUnauthorized: true } : options.ssl || undefined,
			max: options.max ?? 10,
			connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
			options: `-c search_path=${this.schema}`,
			application_name: 'n8n-nodes-post-purchase',
		};
		this.pool = new Pool(config);
		// An idle client dropped by the server (restart, failover) must not crash n8n; the pool replaces it and the next
		// query reports any lasting failure.
		this.pool.on('error', () => undefined);
		this.handle = new Handle(this.pool);
	}

	static async open(options: Omit<PostgresStoreConfig, 'backend'>, migrations: readonly Migration[]): Promise<PostgresDialect> {
		const dialect = new PostgresDialect(options);
		try {
			await dialect.migrate(migrations);
			return dialect;
		} catch (error) {
			await dialect.pool.end().catch(() => undefined);
			if (error instanceof StoreError || error instanceof InputError) throw error;
			throw new StoreError('The journey store (PostgreSQL) could not be opened. Check host, port, database, user and password.', error);
		}
	}

	/**
	 * Runs pending migrations under a session advisory lock (one per schema), so processes that start together take
	 * turns and the later ones find the schema already current.
	 */
	private async migrate(migrations: readonly Migration[]): Promise<void> {
		const client = await this.pool.connect();
		const lockKey = `n8n-nodes-post-purchase:${this.schema}`;
		try {
			await client.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey]);
			try {
				await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
				await client.query('BEGIN');
				let committed = false;
				try {
					await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
					const { rows } = await client.query('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations');
					let current = Number(rows[0].v);
					for (const migration of migrations) {
						if (migration.version <= current) continue;
						await client.query(migration.postgres.replace('{salt}', randomBytes(32).toString('hex')));
						await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [migration.version, Date.now()]);
						current = migration.version;
					}
					await client.query('COMMIT');
					committed = true;
				} finally {
					if (!committed) await client.query('ROLLBACK').catch(() => undefined);
				}
			} finally {
				await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]);
			}
			const { rows } = await client.query("SELECT value FROM store_meta WHERE key = 'subject_salt'");
			if (!rows[0]) throw new StoreError('The journey store is damaged: its subject salt is missing.');
			this.salt = String(rows[0].value);
		} finally {
			client.release();
		}
	}

	get(sql: string, params?: readonly unknown[]): Promise<Row | undefined> {
		return this.handle.get(sql, params);
	}

	all(sql: string, params?: readonly unknown[]): Promise<Row[]> {
		return this.handle.all(sql, params);
	}

	values(sql: string, params?: readonly unknown[]): Promise<unknown[][]> {
		return this.handle.values(sql, params);
	}

	run(sql: string, params?: readonly unknown[]): Promise<number> {
		return this.handle.run(sql, params);
	}

	/** One chunk is one statement (atomic on its own); more chunks share a transaction. */
	insertMany(table: string, columns: readonly BulkColumn[], rows: readonly unknown[][]): Promise<number> {
		if (rows.length === 0) return Promise.resolve(0);
		if (rows.length <= BATCH) return this.handle.insertMany(table, columns, rows);
		return this.tx((t) => t.insertMany(table, columns, rows));
	}

	async tx<T>(fn: (t: Queryable) => Promise<T>, options: { readOnly?: boolean } = {}): Promise<T> {
		const client = await this.pool.connect();
		let committed = false;
		try {
			await client.query(options.readOnly ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN');
			const result = await fn(new Handle(client));
			await client.query('COMMIT');
			committed = true;
			return result;
		} finally {
			if (!committed) await client.query('ROLLBACK').catch(() => undefined);
			client.release();
		}
	}

	inList(column: string): string {
		return `${column} = ANY(?::text[])`;
	}

	notInList(column: string): string {
		return `${column} <> ALL(?::text[])`;
	}

	listParam(values: readonly string[]): readonly string[] {
		return values;
	}

	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		await this.pool.end();
	}
}
