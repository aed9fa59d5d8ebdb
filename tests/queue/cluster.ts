/**
 * n8n in queue mode on this machine: one main, one webhook processor (`n8n webhook`) and two workers (`n8n worker`),
 * all on PostgreSQL and Redis at 127.0.0.1, our package on every process, every template published with the journey
 * store credential on PostgreSQL. Every setting here is also in docker-compose.yml (docs/scaling.md says which).
 *
 * Each run gets its own n8n database, journey-store database and Bull key prefix, and removes them at the end, so runs
 * never see each other's queue or state.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { SHOP_SECRET, sandboxCredentials } from '../../sandbox/config';
import { ensureN8n, importAndPublish, installPackage, n8nEnv, nodeDescriptions, packPackage, startN8n, templateFiles, webhookPathsOf } from '../../sandbox/n8n';
import type { N8nInstance, SandboxCredential } from '../../sandbox/n8n';
import { startOutbox } from '../../sandbox/outbox';
import type { Outbox } from '../../sandbox/outbox';
import { freePort } from '../e2e/sandbox';
import { MESSAGES_PER_SECOND, QUEUE_SETTINGS, WORKER_CONCURRENCY } from './settings';

export const PG = { host: '127.0.0.1', port: 5432, user: 'postgres' };
export const STORE_CREDENTIAL_ID = 'ppStoreQueue';

export interface QueueCluster {
	main: N8nInstance;
	webhook: N8nInstance;
	workers: N8nInstance[];
	outbox: Outbox;
	/** n8n's own database and the journey store's, both fresh for this run. */
	n8nDatabase: string;
	storeDatabase: string;
	/** Webhook URL on the main and on the webhook processor. */
	urls: { main: string; webhook: string };
	stop(): Promise<void>;
}

async function admin<T>(run: (client: Client) => Promise<T>): Promise<T> {
	const client = new Client({ ...PG, database: 'postgres' });
	await client.connect();
	try {
		return await run(client);
	} finally {
		await client.end();
	}
}

/** Removes this run's Bull keys from Redis (and nothing else), with the ioredis that ships inside n8n. */
async function flushPrefix(n8nBin: string, prefix: string): Promise<void> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const Redis = require(join(resolve(n8nBin, '..', '..'), 'ioredis')) as new (options: object) => {
		scan(cursor: string, ...args: Array<string | number>): Promise<[string, string[]]>;
		del(...keys: string[]): Promise<number>;
		quit(): Promise<unknown>;
	};
	const redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: false });
	try {
		let cursor = '0';
		do {
			const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
			if (keys.length) await redis.del(...keys);
			cursor = next;
		} while (cursor !== '0');
	} finally {
		await redis.quit();
	}
}

/** The templates with the PostgreSQL store credential on every node of ours that uses the store, and a higher send rate. */
function queueTemplates(extra: string[], dir: string): string[] {
	const usesStore = new Set(nodeDescriptions().filter((d) => d.credentials?.some((c) => c.name === 'postPurchaseStoreApi')).map((d) => d.type));
	return [...templateFiles(), ...extra].map((file) => {
		const workflow = JSON.parse(readFileSync(file, 'utf8')) as { id: string; nodes: Array<{ type: string; credentials?: Record<string, unknown>; parameters?: { options?: Record<string, unknown> } }> };
		for (const node of workflow.nodes) {
			if (usesStore.has(node.type)) node.credentials = { ...node.credentials, postPurchaseStoreApi: { id: STORE_CREDENTIAL_ID, name: 'Journey store (PostgreSQL)' } };
			if (node.type === 'n8n-nodes-post-purchase.smsCompose') node.parameters = { ...node.parameters, options: { ...node.parameters?.options, messagesPerSecond: MESSAGES_PER_SECOND } };
		}
		const out = join(dir, `${workflow.id}.json`);
		writeFileSync(out, JSON.stringify(workflow));
		return out;
	});
}

export async function startQueueCluster(extraWorkflows: string[] = [], extraWebhooks: string[] = []): Promise<QueueCluster> {
	const n8nBin = ensureN8n();
	const tarball = packPackage();
	const run = `${Date.now().toString(36)}${process.pid.toString(36)}`;
	const n8nDatabase = `pp_queue_n8n_${run}`;
	const storeDatabase = `pp_queue_store_${run}`;
	const prefix = `ppq${run}`;
	await admin(async (c) => {
		await c.query(`CREATE DATABASE ${n8nDatabase}`);
		await c.query(`CREATE DATABASE ${storeDatabase}`);
	});
	const root = mkdtempSync(join(tmpdir(), 'pp-queue-'));
	// Each process has its own user folder, as each container has its own volume; the package is installed once and
	// copied, which is what every process ends up with (see docs/scaling.md for why not N8N_COMMUNITY_PACKAGES here).
	const folders = ['main', 'webhook', 'worker1', 'worker2'].map((name) => join(root, name));
	installPackage(folders[0], tarball);
	for (const folder of folders.slice(1)) cpSync(join(folders[0], '.n8n', 'nodes'), join(folder, '.n8n', 'nodes'), { recursive: true });
	const outbox = await startOutbox({ statusCallbacks: false });
	const [mainPort, webhookPort, w1Port, w2Port, h1, h2] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort(), freePort()]);
	const shared = {
		...QUEUE_SETTINGS,
		DB_POSTGRESDB_HOST: PG.host,
		DB_POSTGRESDB_PORT: String(PG.port),
		DB_POSTGRESDB_DATABASE: n8nDatabase,
		DB_POSTGRESDB_USER: PG.user,
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: '6379',
		QUEUE_BULL_PREFIX: prefix,
		// Public webhook URL (resume and callback URLs) = the webhook processor, as behind a load balancer.
		WEBHOOK_URL: `http://localhost:${webhookPort}/`,
	};
	const mainEnv = n8nEnv(folders[0], mainPort, shared);
	const credentials: SandboxCredential[] = [
		...sandboxCredentials({ twilio: outbox.twilio.port, smtp: outbox.smtp.port }),
		{ id: 'ppShopCustomE2e', name: 'Custom shop (e2e)', type: 'postPurchaseShopApi', data: { platform: 'custom', webhookSecret: SHOP_SECRET } },
		{ id: STORE_CREDENTIAL_ID, name: 'Journey store (PostgreSQL)', type: 'postPurchaseStoreApi', data: { backend: 'postgres', host: PG.host, port: PG.port, database: storeDatabase, user: PG.user, password: '', ssl: false } },
	];
	const started: N8nInstance[] = [];
	const stop = async () => {
		await Promise.all(started.map((p) => p.stop()));
		// The four logs stay beside the user folders for a failed run.
		started.forEach((p, i) => writeFileSync(join(root, `${['main', 'webhook', 'worker1', 'worker2'][i]}.log`), p.log.join('')));
		console.log(`queue mode: n8n logs in ${root}`);
		await outbox.stop();
		await flushPrefix(n8nBin, prefix);
		await admin(async (c) => {
			await c.query(`DROP DATABASE IF EXISTS ${n8nDatabase} WITH (FORCE)`);
			await c.query(`DROP DATABASE IF EXISTS ${storeDatabase} WITH (FORCE)`);
		});
	};
	try {
		const workflowFiles = queueTemplates(extraWorkflows, root);
		await importAndPublish(n8nBin, mainEnv, { credentials, workflowFiles, reset: true });
		const webhooks = [...webhookPathsOf(workflowFiles), ...extraWebhooks];
		// A boot took over 5 minutes at a load of 25 on the 2-core machine.
		const timeoutMs = 480_000;
		const webhookEnv = n8nEnv(folders[1], webhookPort, shared);
		const workerEnv = (folder: string, port: number, health: number) =>
			n8nEnv(folder, port, { ...shared, QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(health) });
		const args = [`--concurrency=${WORKER_CONCURRENCY}`];
		// The main first: it takes n8n's migration lock and activates the workflows; then the other three side by side.
		// Each one that came up is stopped again if another did not.
		started.push(await startN8n(n8nBin, mainEnv, { webhooks, timeoutMs }));
		const starting = await Promise.allSettled([
			startN8n(n8nBin, webhookEnv, { command: 'webhook', webhooks, timeoutMs }),
			startN8n(n8nBin, workerEnv(folders[2], w1Port, h1), { command: 'worker', args, timeoutMs }),
			startN8n(n8nBin, workerEnv(folders[3], w2Port, h2), { command: 'worker', args, timeoutMs }),
		]);
		for (const s of starting) if (s.status === 'fulfilled') started.push(s.value);
		const failed = starting.find((s) => s.status === 'rejected');
		if (failed) throw failed.reason;
		const [main, webhook, ...workers] = started;
		return { main, webhook, workers, outbox, n8nDatabase, storeDatabase, urls: { main: main.url, webhook: webhook.url }, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}
