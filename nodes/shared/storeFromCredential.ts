import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IExecuteFunctions,
	IHookFunctions,
	INodeCredentialTestResult,
	IPollFunctions,
	ITriggerFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { DEFAULT_SQLITE_FILE, openStore } from '../../core/store';
import type { JourneyStore, RetentionSettings, StoreConfig } from '../../core/store';
import { maskText } from '../../core/shared/mask';

/**
 * How nodes reach the journey store.
 *
 * A node that uses the store declares the optional credential in its description:
 *   credentials: [{ name: 'postPurchaseStoreApi', required: false, testedBy: 'postPurchaseStoreConnectionTest' }]
 * and registers the connection test:
 *   methods = { credentialTest: { postPurchaseStoreConnectionTest } };
 * then calls `await getJourneyStore(this)` once per execution (not per item). Without the credential the
 * embedded SQLite file `<n8n user folder>/.n8n/post-purchase-journey.sqlite` is used, so nothing needs setting up.
 */

export const STORE_CREDENTIAL = 'postPurchaseStoreApi';

type StoreContext = IExecuteFunctions | IWebhookFunctions | IPollFunctions | IHookFunctions | ITriggerFunctions;

/**
 * One open store per configuration per process: SQLite connections and Postgres pools are shared by every
 * execution, opening one per execution (or per item) would exhaust connections and repeat migrations.
 */
const openStores = new Map<string, Promise<JourneyStore>>();

export async function getJourneyStore(ctx: StoreContext): Promise<JourneyStore> {
	return cachedStore(await storeConfigFor(ctx));
}

/** The store configuration for a node: its `postPurchaseStoreApi` credential, or the embedded default. */
export async function storeConfigFor(ctx: StoreContext): Promise<StoreConfig> {
	// The credential is optional. n8n's getCredentials throws when none is selected, so look first rather than
	// catch: any other failure (decryption, a missing credential record) must still surface.
	if (!ctx.getNode().credentials?.[STORE_CREDENTIAL]) return defaultStoreConfig();
	const data = await ctx.getCredentials(STORE_CREDENTIAL);
	return storeConfigFromCredential(data);
}

/** n8n's own rule: `N8N_USER_FOLDER`, else the home folder, then `.n8n` inside it. */
export function n8nFolder(): string {
	return join(process.env.N8N_USER_FOLDER || homedir(), '.n8n');
}

export function defaultStoreConfig(): StoreConfig {
	return { backend: 'sqlite', path: join(n8nFolder(), DEFAULT_SQLITE_FILE) };
}

/** A retention age in whole days from the credential; empty, 0 or not a number = keep. */
function days(value: unknown): number | undefined {
	const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
	return Number.isFinite(n) && n > 0 ? Math.floor(n) : undefined;
}

/** The credential's retention ages; undefined when none is set (nothing is purged). */
export function retentionFromCredential(data: ICredentialDataDecryptedObject): RetentionSettings | undefined {
	const retention: RetentionSettings = {
		messageLogDays: days(data.retentionMessageLogDays),
		decisionsDays: days(data.retentionDecisionsDays),
		orderHistoryDays: days(data.retentionOrderHistoryDays),
	};
	for (const key of Object.keys(retention) as Array<keyof RetentionSettings>) if (retention[key] === undefined) delete retention[key];
	return Object.keys(retention).length ? retention : undefined;
}

export function storeConfigFromCredential(data: ICredentialDataDecryptedObject): StoreConfig {
	const retention = retentionFromCredential(data);
	return retention ? { ...connectionFromCredential(data), retention } : connectionFromCredential(data);
}

function connectionFromCredential(data: ICredentialDataDecryptedObject): StoreConfig {
	if (data.backend === 'postgres') {
		const ssl = data.ssl === true ? { rejectUnauthorized: data.rejectUnauthorized !== false } : false;
		return {
			backend: 'postgres',
			host: String(data.host ?? 'localhost'),
			port: Number(data.port ?? 5432) || 5432,
			database: String(data.database ?? ''),
			user: String(data.user ?? ''),
			password: data.password ? String(data.password) : undefined,
			ssl,
			schema: data.schema ? String(data.schema) : undefined,
		};
	}
	const path = String(data.sqlitePath ?? '').trim();
	if (!path) return defaultStoreConfig();
	return { backend: 'sqlite', path: isAbsolute(path) ? path : join(n8nFolder(), path) };
}

function cacheKey(config: StoreConfig): string {
	// Hashed so the password is not kept as a readable map key.
	return createHash('sha256').update(JSON.stringify(config)).digest('hex');
}

async function cachedStore(config: StoreConfig): Promise<JourneyStore> {
	const key = cacheKey(config);
	let store = openStores.get(key);
	if (!store) {
		store = openStore(config);
		openStores.set(key, store);
		// A failed open is not cached, so fixing the database lets the next execution succeed.
		store.catch(() => openStores.delete(key));
	}
	return store;
}

/** Closes every cached store (tests and shutdown). */
export async function closeCachedStores(): Promise<void> {
	const stores = [...openStores.values()];
	openStores.clear();
	await Promise.allSettled(stores.map(async (s) => (await s).close()));
}

/** Opens the store described by credential data, reports its schema version and closes it again. */
export async function testStoreCredential(data: ICredentialDataDecryptedObject): Promise<INodeCredentialTestResult> {
	let store: JourneyStore | undefined;
	try {
		const config = storeConfigFromCredential(data);
		store = await openStore(config);
		const version = await store.schemaVersion();
		const where = config.backend === 'postgres' ? 'PostgreSQL' : 'SQLite';
		return { status: 'OK', message: `Connected to the ${where} journey store (schema version ${version}).` };
	} catch (error) {
		const cause = error instanceof Error && error.cause instanceof Error ? ` ${error.cause.message}` : '';
		const message = error instanceof Error ? error.message : String(error);
		return { status: 'Error', message: maskText(message + cause) };
	} finally {
		await store?.close();
	}
}

/** Register as `methods.credentialTest.postPurchaseStoreConnectionTest` in every node that uses the store. */
export async function postPurchaseStoreConnectionTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	return testStoreCredential(credential.data ?? {});
}
