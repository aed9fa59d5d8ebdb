import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerStoreContractTests } from './contract';
import { startChild } from './spawnChild';

const dir = mkdtempSync(join(tmpdir(), 'pp-store-sqlite-'));
let n = 0;

registerStoreContractTests({
	name: 'sqlite',
	startChild,
	freshConfig: async () => ({ backend: 'sqlite', path: join(dir, `store-${++n}.sqlite`) }),
	cleanup: async () => rmSync(dir, { recursive: true, force: true }),
});
