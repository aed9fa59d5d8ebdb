import { Client } from 'pg';

/** The PostgreSQL the benches use (the PG* variables, else the test server on 127.0.0.1) and an admin connection. */
export function benchPgConfig() {
	return {
		host: process.env.PGHOST || '127.0.0.1',
		port: Number(process.env.PGPORT || 5432),
		database: process.env.PGDATABASE || 'test',
		user: process.env.PGUSER || 'postgres',
		password: process.env.PGPASSWORD || undefined,
	};
}

/** Connects the admin client, or says why PostgreSQL is skipped and returns null. */
export async function connectBenchPg(): Promise<{ base: ReturnType<typeof benchPgConfig>; admin: Client } | null> {
	const base = benchPgConfig();
	const admin = new Client({ ...base, connectionTimeoutMillis: 3000 });
	try {
		await admin.connect();
	} catch (error) {
		console.log(`PostgreSQL skipped: ${base.host}:${base.port}/${base.database} not reachable (${(error as Error).message}).`);
		return null;
	}
	return { base, admin };
}
