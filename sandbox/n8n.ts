/**
 * Real n8n for `npm start` and the end-to-end tests: the pinned n8n from the cache, our packed tarball installed the
 * way n8n installs community packages, templates and credentials imported with n8n's CLI, workflows published.
 */
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

export const repoRoot = resolve(__dirname, '..');

export interface N8nInstance {
	url: string;
	port: number;
	userFolder: string;
	process: ChildProcess;
	log: string[];
	stop(): Promise<void>;
}

export interface SandboxCredential {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export const OWNER = { email: 'owner@sandbox.local', password: 'Sandbox-Passw0rd', firstName: 'Sandra', lastName: 'Sandbox' };

/** Installs n8n once into the cache (scripts/ensure-n8n.sh) and returns the path of its executable. */
export function ensureN8n(): string {
	return execFileSync('sh', [join(repoRoot, 'scripts/ensure-n8n.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

/** Builds the package and packs it; returns the tarball path. */
export function packPackage(): string {
	const outDir = join(repoRoot, '.tmp');
	mkdirSync(outDir, { recursive: true });
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: repoRoot, stdio: 'inherit' });
	const out = execFileSync('npm', ['pack', '--pack-destination', outDir, '--json', '--loglevel=error'], { cwd: repoRoot, encoding: 'utf8' });
	return join(outDir, JSON.parse(out)[0].filename as string);
}

/**
 * Installs the tarball into `<userFolder>/.n8n/nodes` as n8n's community-package installer does: runtime
 * dependencies only, install scripts skipped, peer dependencies left to n8n.
 */
export function installPackage(userFolder: string, tarball: string): void {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	const manifest = join(nodesDir, 'package.json');
	if (!existsSync(manifest)) writeFileSync(manifest, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
	execFileSync('npm', ['install', tarball, '--ignore-scripts', '--legacy-peer-deps', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd: nodesDir,
		stdio: 'inherit',
	});
}

export function n8nEnv(userFolder: string, port: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const ownerHash = bcryptHash(OWNER.password);
	// Not the test runner's variables: Jest sets NODE_ENV=test, which n8n must not run under.
	const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'NODE_ENV' && !key.startsWith('JEST_')));
	return {
		...inherited,
		NODE_ENV: 'production',
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		// The task runner broker's default port (5679) would collide between two n8n on one machine (sandbox + e2e).
		N8N_RUNNERS_BROKER_PORT: String(port + 1),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: 'localhost',
		N8N_PROTOCOL: 'http',
		WEBHOOK_URL: `http://localhost:${port}/`,
		N8N_EDITOR_BASE_URL: `http://localhost:${port}/`,
		N8N_ENCRYPTION_KEY: 'post-purchase-sandbox-key-not-for-production',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: OWNER.email,
		N8N_INSTANCE_OWNER_FIRST_NAME: OWNER.firstName,
		N8N_INSTANCE_OWNER_LAST_NAME: OWNER.lastName,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: ownerHash,
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		DB_SQLITE_POOL_SIZE: '4',
		GENERIC_TIMEZONE: 'Europe/Berlin',
		...extra,
	};
}

/** bcrypt hash of the owner password, made with the bcryptjs that ships inside n8n. */
function bcryptHash(password: string): string {
	const n8nBin = ensureN8n();
	const modules = resolve(n8nBin, '..', '..');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const bcrypt = require(join(modules, 'bcryptjs')) as { hashSync(p: string, rounds: number): string };
	return bcrypt.hashSync(password, 10);
}

function cli(n8nBin: string, env: NodeJS.ProcessEnv, args: string[]): string {
	return execFileSync(n8nBin, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * n8n's own database, SQLite (the default) or PostgreSQL (`DB_TYPE=postgresdb`, queue mode), as the same two calls.
 * The statements below are written once for both: identifiers in double quotes and `true`/`false` work in SQLite too;
 * only the placeholders differ (`?` here, `$1…` for pg). Null when an SQLite database does not exist yet.
 */
interface N8nDatabase {
	all(sql: string, params?: unknown[]): Promise<Array<Record<string, unknown>>>;
	run(sql: string, params?: unknown[]): Promise<number>;
	close(): Promise<void>;
}

async function openN8nDatabase(env: NodeJS.ProcessEnv): Promise<N8nDatabase | null> {
	if (env.DB_TYPE === 'postgresdb') {
		const { Client } = await import('pg');
		const client = new Client({
			host: env.DB_POSTGRESDB_HOST ?? 'localhost',
			port: Number(env.DB_POSTGRESDB_PORT ?? 5432),
			database: env.DB_POSTGRESDB_DATABASE ?? 'n8n',
			user: env.DB_POSTGRESDB_USER ?? 'postgres',
			password: env.DB_POSTGRESDB_PASSWORD || undefined,
		});
		await client.connect();
		const numbered = (sql: string) => {
			let n = 0;
			return sql.replace(/\?/g, () => `$${++n}`);
		};
		return {
			all: async (sql, params = []) => (await client.query(numbered(sql), params)).rows as Array<Record<string, unknown>>,
			run: async (sql, params = []) => (await client.query(numbered(sql), params)).rowCount ?? 0,
			close: () => client.end(),
		};
	}
	const file = join(env.N8N_USER_FOLDER!, '.n8n', 'database.sqlite');
	if (!existsSync(file)) return null;
	const db = new DatabaseSync(file);
	return {
		all: async (sql, params = []) => db.prepare(sql).all(...(params as never[])) as Array<Record<string, unknown>>,
		run: async (sql, params = []) => Number(db.prepare(sql).run(...(params as never[])).changes),
		close: async () => db.close(),
	};
}

/** Ids already in this n8n's database (workflows or credentials); none before the first import. */
export async function existingIds(env: NodeJS.ProcessEnv, table: 'workflow_entity' | 'credentials_entity'): Promise<Set<string>> {
	const db = await openN8nDatabase(env);
	if (!db) return new Set();
	try {
		return new Set((await db.all(`SELECT id FROM ${table}`)).map((row) => String(row.id)));
	} finally {
		await db.close();
	}
}

export interface ImportResult {
	/** Workflow ids imported (and published) now. */
	imported: string[];
	/** Workflow ids that were there already and were left as they are. */
	kept: string[];
}

/**
 * Imports the credentials and workflows that this n8n does not have yet and publishes the newly imported ones (all by
 * default, or those in `publish`). What is there already is left alone — the user's edits in the editor survive a
 * restart — unless `reset` asks to import everything afresh.
 */
export async function importAndPublish(
	n8nBin: string,
	env: NodeJS.ProcessEnv,
	options: { credentials: SandboxCredential[]; workflowFiles: string[]; publish?: string[]; reset?: boolean },
): Promise<ImportResult> {
	const userFolder = env.N8N_USER_FOLDER!;
	const haveCredentials = options.reset ? new Set<string>() : await existingIds(env, 'credentials_entity');
	const credentials = options.credentials.filter((c) => !haveCredentials.has(c.id));
	if (credentials.length) {
		const credFile = join(userFolder, 'sandbox-credentials.json');
		writeFileSync(credFile, JSON.stringify(credentials, null, 2));
		cli(n8nBin, env, ['import:credentials', `--input=${credFile}`]);
	}
	const haveWorkflows = options.reset ? new Set<string>() : await existingIds(env, 'workflow_entity');
	const result: ImportResult = { imported: [], kept: [] };
	const missing: unknown[] = [];
	for (const file of options.workflowFiles) {
		const workflow = JSON.parse(readFileSync(file, 'utf8')) as { id: string };
		if (haveWorkflows.has(workflow.id)) {
			result.kept.push(workflow.id);
			continue;
		}
		missing.push(workflow);
		result.imported.push(workflow.id);
	}
	// One CLI run for all of them: every n8n CLI command boots n8n (10–30 s), and a run per file made start-up minutes.
	if (missing.length) {
		const workflowsFile = join(userFolder, 'sandbox-workflows.json');
		writeFileSync(workflowsFile, JSON.stringify(missing));
		cli(n8nBin, env, ['import:workflow', `--input=${workflowsFile}`]);
	}
	const publish = options.publish ?? result.imported;
	await publishWorkflows(env, publish.filter((p) => result.imported.includes(p)));
	return result;
}

/**
 * Publishes the current version of each workflow while n8n is stopped. This is the database update that n8n's
 * `publish:workflow` command makes (WorkflowRepository.publishVersion: `active` and `activeVersionId` set to the
 * current version, which must exist in the workflow history), done in one transaction instead of one CLI boot per
 * workflow. n8n activates published workflows when it starts.
 */
async function publishWorkflows(env: NodeJS.ProcessEnv, ids: string[]): Promise<void> {
	if (!ids.length) return;
	const db = await openN8nDatabase(env);
	if (!db) throw new Error('n8n has no database yet to publish workflows in (did the import fail?)');
	try {
		await db.run('BEGIN');
		for (const id of ids) {
			const changed = await db.run(
				`UPDATE workflow_entity SET active = true, "activeVersionId" = "versionId"
				WHERE id = ? AND "isArchived" = false AND "versionId" IN (SELECT "versionId" FROM workflow_history WHERE "workflowId" = ?)`,
				[id, id],
			);
			if (changed !== 1) {
				await db.run('ROLLBACK');
				throw new Error(`n8n has no current version of workflow ${id} to publish (did the import fail?)`);
			}
		}
		await db.run('COMMIT');
	} finally {
		await db.close();
	}
}

export function templateFiles(dir = join(repoRoot, 'workflows')): string[] {
	return readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => join(dir, f));
}

export interface BuiltNodeDescription {
	/** The type string templates use: `<package name>.<node name>`. */
	type: string;
	webhooks?: Array<{ path: string; isFullPath?: boolean }>;
	credentials?: Array<{ name: string }>;
}

/** The descriptions of our built nodes (dist/, as n8n loads them), for what start-up needs to know about templates. */
export function nodeDescriptions(): BuiltNodeDescription[] {
	const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { name: string; n8n: { nodes: string[] } };
	const descriptions: BuiltNodeDescription[] = [];
	for (const file of manifest.n8n.nodes) {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const module = require(join(repoRoot, file)) as Record<string, new () => { description: Omit<BuiltNodeDescription, 'type'> & { name: string } }>;
		for (const NodeClass of Object.values(module)) {
			if (typeof NodeClass !== 'function' || !NodeClass.prototype) continue; // node files may export helpers too
			const { description } = new NodeClass();
			descriptions.push({ ...description, type: `${manifest.name}.${description.name}` });
		}
	}
	return descriptions;
}

/**
 * The production webhook paths (`<webhookId>/<path>`) of our trigger nodes in these workflow files, with each path
 * read from the built node's description, so start-up can wait until n8n has registered every one.
 */
export function webhookPathsOf(workflowFiles: string[]): string[] {
	const pathByType = new Map<string, string>();
	for (const description of nodeDescriptions()) {
		const hook = description.webhooks?.[0];
		// A full path taken from the node's "Path" parameter (Short Link Trigger) has no webhook ID in front.
		if (hook) pathByType.set(description.type, hook.isFullPath && hook.path.startsWith('=') ? '' : hook.path);
	}
	return workflowFiles.flatMap((file) => {
		const workflow = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Array<{ type: string; webhookId?: string; parameters?: { path?: string } }> };
		return workflow.nodes
			.filter((node) => node.webhookId && pathByType.has(node.type))
			.map((node) => (pathByType.get(node.type) ? `${node.webhookId}/${pathByType.get(node.type)}` : String(node.parameters?.path ?? '')));
	});
}

/**
 * n8n answers its readiness check before it has activated the published workflows; until then their webhooks are
 * unknown. The probe is a GET on a POST-only webhook: n8n answers "The requested webhook … is not registered" until
 * the workflow is active, then "This webhook is not registered for GET requests. Did you mean to make a POST
 * request?". Our trigger never runs, so the probe starts no execution and logs no rejected delivery. (A CORS
 * preflight is no probe: n8n answers it before the POST route exists.)
 */
async function waitForWebhooks(url: string, paths: string[], deadline: number): Promise<void> {
	for (const path of paths) {
		for (;;) {
			const res = await fetch(`${url}/webhook/${path}`);
			const text = await res.text();
			if (res.status !== 404 || /Did you mean to make a [A-Z]/.test(text)) break;
			if (Date.now() > deadline) throw new Error(`n8n did not register the webhook /webhook/${path} in time (is the workflow published?)`);
			await new Promise((r) => setTimeout(r, 300));
		}
	}
}

/**
 * Starts an n8n process and resolves once its health check answers and the given webhooks are registered: `n8n start`
 * (main) by default; in queue mode also `n8n webhook` (webhook processor) and `n8n worker`, whose health check listens
 * on `QUEUE_HEALTH_CHECK_PORT` (set `QUEUE_HEALTH_CHECK_ACTIVE=true`).
 */
export async function startN8n(
	n8nBin: string,
	env: NodeJS.ProcessEnv,
	options: { echo?: boolean; timeoutMs?: number; webhooks?: string[]; command?: 'start' | 'webhook' | 'worker'; args?: string[] } = {},
): Promise<N8nInstance> {
	const command = options.command ?? 'start';
	const port = Number(command === 'worker' ? env.QUEUE_HEALTH_CHECK_PORT : env.N8N_PORT);
	const child = spawn(n8nBin, [command, ...(options.args ?? [])], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	const log: string[] = [];
	const collect = (chunk: Buffer) => {
		const text = chunk.toString('utf8');
		log.push(text);
		if (options.echo) process.stdout.write(text);
	};
	child.stdout!.on('data', collect);
	child.stderr!.on('data', collect);
	const url = `http://localhost:${port}`;
	const deadline = Date.now() + (options.timeoutMs ?? 90_000);
	for (;;) {
		if (exited(child)) throw new Error(`n8n ${command} exited (${child.exitCode ?? child.signalCode}):\n${log.join('').slice(-4000)}`);
		try {
			const res = await fetch(`${url}/healthz/readiness`);
			if (res.ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`n8n ${command} did not become ready within ${options.timeoutMs ?? 90_000} ms:\n${log.join('').slice(-4000)}`);
		}
		await new Promise((r) => setTimeout(r, 300));
	}
	try {
		await waitForWebhooks(url, options.webhooks ?? [], deadline);
	} catch (error) {
		child.kill('SIGKILL');
		throw new Error(`${(error as Error).message}\n${log.join('').slice(-4000)}`);
	}
	const stop = () =>
		new Promise<void>((resolveStop) => {
			// A process killed by a signal (a test's SIGKILL) has no exit code, only a signal code, and emits no more 'exit'.
			if (exited(child)) return resolveStop();
			const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
			child.once('exit', () => {
				clearTimeout(timer);
				resolveStop();
			});
			child.kill('SIGTERM');
		});
	return { url, port, userFolder: env.N8N_USER_FOLDER!, process: child, log, stop };
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Logs in as the sandbox owner and returns the session cookie for REST calls (executions, workflows). */
export async function login(url: string): Promise<string> {
	const res = await fetch(`${url}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
	});
	if (!res.ok) throw new Error(`Login failed: ${res.status} ${await res.text()}`);
	return (res.headers.get('set-cookie') ?? '').split(';')[0];
}
