// Runs once before any test file, in Jest's parent process; the workers inherit the environment it sets.
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { Client } = require('pg');

module.exports = async function globalSetup() {
	// n8n-core writes <user folder>/.n8n/config on first use; the default SQLite journey store lives there too.
	if (!process.env.PP_TEST_USER_FOLDER) {
		process.env.PP_TEST_USER_FOLDER = mkdtempSync(join(tmpdir(), 'pp-test-'));
		process.env.N8N_USER_FOLDER = process.env.PP_TEST_USER_FOLDER;
	}
	process.env.TZ = process.env.TZ || 'UTC';

	// The PostgreSQL store contract needs a server. Outside CI a missing server skips that suite with this reason
	// (reported as skipped, never as passed); in CI it fails the run.
	const pg = {
		host: process.env.PGHOST || '127.0.0.1',
		port: Number(process.env.PGPORT || 5432),
		database: process.env.PGDATABASE || 'test',
		user: process.env.PGUSER || 'postgres',
		password: process.env.PGPASSWORD || undefined,
	};
	const client = new Client({ ...pg, connectionTimeoutMillis: 3000 });
	try {
		await client.connect();
		await client.query('SELECT 1');
		delete process.env.PP_POSTGRES_UNAVAILABLE;
	} catch (error) {
		const reason = `PostgreSQL at ${pg.host}:${pg.port}/${pg.database} is not reachable (${error.message}); set CI=true to make this a failure`;
		if (process.env.CI === 'true') throw new Error(`PostgreSQL is required in CI: ${reason}`);
		process.env.PP_POSTGRES_UNAVAILABLE = reason;
	} finally {
		await client.end().catch(() => undefined);
	}
};
