// Runs the test suites with Node's built-in runner (TypeScript through tsx).
//   node scripts/test.mjs            unit + workflow (in-process n8n engine) tests
//   node scripts/test.mjs --e2e      end-to-end tests against a real n8n
//   node scripts/test.mjs <files…>   just these files
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const e2e = args.includes('--e2e');
const files = args.filter((a) => !a.startsWith('--'));
const patterns = files.length ? files : e2e ? ['tests/e2e/**/*.test.ts'] : ['tests/unit/**/*.test.ts', 'tests/workflow/**/*.test.ts'];

// n8n-core writes <user folder>/.n8n/config on first use; the default SQLite store lives there too.
const userFolder = mkdtempSync(join(tmpdir(), 'pp-test-'));
const env = { ...process.env, N8N_USER_FOLDER: userFolder, TZ: process.env.TZ ?? 'UTC' };
const result = spawnSync(
	process.execPath,
	["--import", "tsx", "--test", "--test-reporter=spec", `--test-concurrency=${e2e ? 1 : 2}`, `--test-timeout=${e2e ? 600_000 : 60_000}`, "--test-force-exit", ...patterns],
	{ stdio: 'inherit', env },
);
rmSync(userFolder, { recursive: true, force: true });
process.exit(result.status ?? 1);
