import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, test } from '@jest/globals';
import type { ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';
import {
	closeCachedStores,
	getJourneyStore,
	storeConfigFromCredential,
	testStoreCredential,
} from '../../../nodes/shared/storeFromCredential';
import { SQLITE_MIGRATIONS } from '../../../core/store/migrations/sqlite';

const userFolder = mkdtempSync(join(tmpdir(), 'pp-store-cred-'));
process.env.N8N_USER_FOLDER = userFolder;

afterAll(async () => {
	await closeCachedStores();
	rmSync(userFolder, { recursive: true, force: true });
});

/** The two context methods the helper uses, as n8n provides them to a node. */
function context(credential?: ICredentialDataDecryptedObject): IExecuteFunctions {
	let reads = 0;
	return {
		getNode: () => ({ credentials: credential ? { postPurchaseStoreApi: { id: '1', name: 'Store' } } : undefined }),
		getCredentials: async () => {
			reads++;
			if (!credential) throw new Error('getCredentials must not be called without a credential');
			return credential;
		},
		get reads() {
			return reads;
		},
	} as unknown as IExecuteFunctions;
}

test('without a credential the store is the SQLite file in the n8n folder, opened once per process', async () => {
	const a = await getJourneyStore(context());
	const b = await getJourneyStore(context());
	assert.equal(a, b);
	assert.equal(a.backend, 'sqlite');
	assert.ok(existsSync(join(userFolder, '.n8n', 'post-purchase-journey.sqlite')));
	assert.equal(await a.claim(`k-${Date.now()}`, 1000), true);
});

test('a credential with an SQLite path opens that file (relative paths from the n8n folder)', async () => {
	const store = await getJourneyStore(context({ backend: 'sqlite', sqlitePath: 'custom/store.sqlite' }));
	assert.equal(store.backend, 'sqlite');
	assert.ok(existsSync(join(userFolder, '.n8n', 'custom', 'store.sqlite')));
	assert.notEqual(store, await getJourneyStore(context()));
	assert.equal(store, await getJourneyStore(context({ backend: 'sqlite', sqlitePath: 'custom/store.sqlite' })), 'cached per configuration');
	// Two files, not two handles on one: a claim in the custom store is not seen by the default one.
	const key = `custom-${Date.now()}`;
	assert.equal(await store.claim(key, 60_000), true);
	assert.equal(await (await getJourneyStore(context())).isClaimed(key), false);
	assert.equal(await store.isClaimed(key), true);
});

test('maps the Postgres credential fields, including SSL', () => {
	assert.deepEqual(
		storeConfigFromCredential({ backend: 'postgres', host: 'db', port: 6543, database: 'shop', user: 'n8n', password: 'pw', ssl: true, rejectUnauthorized: false, schema: 'pp' }),
		{ backend: 'postgres', host: 'db', port: 6543, database: 'shop', user: 'n8n', password: 'pw', ssl: { rejectUnauthorized: false }, schema: 'pp' },
	);
	const plain = storeConfigFromCredential({ backend: 'postgres', host: 'db', database: 'shop', user: 'n8n', ssl: false });
	assert.equal(plain.backend === 'postgres' && plain.ssl, false);
});

test('maps the retention ages (empty or 0 = keep) onto the store config', () => {
	assert.equal(storeConfigFromCredential({ backend: 'sqlite', sqlitePath: '/x.sqlite' }).retention, undefined);
	assert.equal(storeConfigFromCredential({ backend: 'sqlite', retentionMessageLogDays: '', retentionDecisionsDays: 0 }).retention, undefined);
	assert.deepEqual(
		storeConfigFromCredential({ backend: 'postgres', host: 'db', database: 'shop', user: 'n8n', retentionMessageLogDays: 365, retentionDecisionsDays: '', retentionOrderHistoryDays: 730.5 }).retention,
		{ messageLogDays: 365, orderHistoryDays: 730 },
	);
	assert.deepEqual(storeConfigFromCredential({ backend: 'sqlite', sqlitePath: '/x.sqlite', retentionDecisionsDays: 90 }), {
		backend: 'sqlite',
		path: '/x.sqlite',
		retention: { decisionsDays: 90 },
	});
});

test('the credential test reports the schema version, or a readable error', async () => {
	const ok = await testStoreCredential({ backend: 'sqlite', sqlitePath: join(userFolder, 'test.sqlite') });
	assert.equal(ok.status, 'OK');
	assert.match(ok.message, /schema version \d+/);
	assert.equal(ok.message, `Connected to the SQLite journey store (schema version ${Math.max(...SQLITE_MIGRATIONS.map((m) => m.version))}).`);
	const bad = await testStoreCredential({ backend: 'postgres', host: '127.0.0.1', port: 1, database: 'x', user: 'x' });
	assert.equal(bad.status, 'Error');
	assert.match(bad.message, /could not be opened/);
});
