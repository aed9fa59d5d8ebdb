import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from '@jest/globals';
import { runWorkflow } from '../support/harness';
import { CASES } from '../unit/commerce/cases';
import { FIXTURES, shopCredential, triggerWorkflow, withoutReceivedAt } from '../unit/commerce/helpers';

/** Every fixture, signed like its platform signs, through the real n8n engine → the exact canonical output. */
describe('commerce triggers: every fixture gives its exact canonical output', () => {
	for (const c of CASES) {
		it(`${c.platform} ${c.file} → ${c.trigger}`, async () => {
			const expected = JSON.parse(readFileSync(join(FIXTURES, c.platform, c.file.replace('.json', '.expected.json')), 'utf8'));
			const run = await runWorkflow(triggerWorkflow(c.trigger, c.parameters), {
				credentials: shopCredential(c.platform),
				webhook: { headers: c.headers(c.body), body: c.body },
			});
			assert.equal(run.webhookResponse?.statusCode, 200);
			assert.equal(run.executed, true);
			const output = run.output('Shop Trigger');
			assert.deepEqual(withoutReceivedAt(output), expected);
			for (const item of output) assert.equal(item.eventId, c.eventId);
			// Lineage: the next node got exactly the trigger's items.
			assert.equal(run.output('Next').length, output.length);
		});
	}
});
