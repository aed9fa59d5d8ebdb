import { Client } from 'pg';
import { afterAll } from '@jest/globals';
import { registerStoreContractTests } from './contract';
import type { ContractTarget } from './contract';
import { registerStoreV2Tests } from './storeV2';
import { registerStoreV6Tests } from './storeV6';
import { registerStoreV17Tests } from './storeV17';
import { registerStoreV18Tests } from './storeV18';
import { startChild } from './spawnChild';
import type { PostgresStoreConfig } from '../../../core/store';

/** Real server from the environment (trust auth); every run gets fresh schemas that are dropped afterwards. */
const base = {
	host: process.env.PGHOST || '127.0.0.1',
	port: Number(process.env.PGPORT || 5432),
	database: process.env.PGDATABASE || 'test',
	user: process.env.PGUSER || 'postgres',
	password: process.env.PGPASSWORD || undefined,
};
const run = `pp_store_${process.pid}_${Date.now().toString(36)}`;
const schemas: string[] = [];

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
	const client = new Client({ ...base, connectionTimeoutMillis: 3000 });
	await client.connect();
	try {
		return await fn(client);
	} finally {
		await client.end();
	}
}

const target: ContractTarget = {
	name: 'postgres',
	startChild,
	// Probed once per run by the Jest global set-up (tests/support/jest/globalSetup.ts), which fails the run in CI.
	unavailable: process.env.PP_POSTGRES_UNAVAILABLE || undefined,
	freshConfig: async (): Promise<PostgresStoreConfig> => {
		const schema = `${run}_${schemas.length + 1}`;
		schemas.push(schema);
		return { backend: 'postgres', ...base, schema, max: 20 };
	},
};

registerStoreContractTests(target);
registerStoreV2Tests(target);
registerStoreV6Tests(target);
registerStoreV17Tests(target);
registerStoreV18Tests(target);
// After both suites (the contract's own clean-up would run between them).
afterAll(async () => {
	if (schemas.length === 0) return;
	await admin(async (c) => {
		for (const schema of schemas) await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
	}).catch(() => undefined);
});
