import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from '@jest/globals';
import { registerStoreContractTests } from './contract';
import type { ContractTarget } from './contract';
import { registerStoreV2Tests } from './storeV2';
import { registerStoreV6Tests } from './storeV6';
import { registerStoreV17Tests } from './storeV17';
import { registerStoreV18Tests } from './storeV18';
import { startChild } from './spawnChild';

const dir = mkdtempSync(join(tmpdir(), 'pp-store-sqlite-'));
let n = 0;

const target: ContractTarget = {
	name: 'sqlite',
	startChild,
	freshConfig: async () => ({ backend: 'sqlite', path: join(dir, `store-${++n}.sqlite`) }),
};

registerStoreContractTests(target);
registerStoreV2Tests(target);
registerStoreV6Tests(target);
registerStoreV17Tests(target);
registerStoreV18Tests(target);
// After both suites (the contract's own clean-up would run between them).
afterAll(() => rmSync(dir, { recursive: true, force: true }));
