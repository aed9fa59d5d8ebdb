import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEMPLATE_E2E } from '../../e2e/templateCoverage';

const ROOT = join(__dirname, '..', '..', '..');
const templates = readdirSync(join(ROOT, 'workflows')).filter((f) => f.endsWith('.json')).sort();

describe('every template has an end-to-end test in real n8n', () => {
	it('each file in workflows/ is in tests/e2e/templateCoverage.ts', () => {
		const missing = templates.filter((file) => !TEMPLATE_E2E[file]?.length);
		assert.equal(missing.join(', '), '', `add an end-to-end test that fires these templates' triggers and asserts their messages, and list it in tests/e2e/templateCoverage.ts: ${missing.join(', ')}`);
	});

	it('lists no template that is gone', () => {
		assert.equal(Object.keys(TEMPLATE_E2E).filter((file) => !templates.includes(file)).join(', '), '', 'tests/e2e/templateCoverage.ts lists templates that are not in workflows/');
	});

	it('each listed e2e file exists and names the template it covers', () => {
		for (const [file, tests] of Object.entries(TEMPLATE_E2E)) {
			for (const test of tests) {
				const path = join(ROOT, 'tests', 'e2e', test);
				assert.ok(existsSync(path), `${file}: tests/e2e/${test} does not exist`);
				assert.ok(readFileSync(path, 'utf8').includes(`'${file}'`), `${file}: tests/e2e/${test} does not name '${file}'`);
			}
		}
	});
});
