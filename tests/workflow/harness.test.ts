import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { runWorkflow } from '../support/harness';
import type { WorkflowJson } from '../support/harness';

const node = (name: string, type: string, parameters: Record<string, unknown> = {}, position: [number, number] = [0, 0]) => ({
	id: name,
	name,
	type,
	typeVersion: 1,
	position,
	parameters,
});

test('a multi-node workflow evaluates expressions and routes a two-output node per item', async () => {
	const workflow: WorkflowJson = {
		nodes: [
			node('Start', 'n8n-nodes-base.manualTrigger'),
			node('Route', 'test.router', { value: '={{ $json.country }}', match: '={{ "D" + "E" }}' }),
			node('German', 'n8n-nodes-base.noOp'),
			node('Other', 'n8n-nodes-base.noOp'),
		] as WorkflowJson['nodes'],
		connections: {
			Start: { main: [[{ node: 'Route', type: 'main', index: 0 }]] },
			Route: { main: [[{ node: 'German', type: 'main', index: 0 }], [{ node: 'Other', type: 'main', index: 0 }]] },
		},
	};
	const result = await runWorkflow(workflow, { items: [{ country: 'DE', n: 1 }, { country: 'US', n: 2 }, { country: 'DE', n: 3 }] });
	assert.equal(result.status, 'success');
	assert.deepEqual(result.output('German').map((j) => j.n), [1, 3]);
	assert.deepEqual(result.output('Other').map((j) => j.n), [2]);
	assert.deepEqual(result.items('Route', 0).map((i) => i.pairedItem), [{ item: 0 }, { item: 2 }]);
});

test('a failing expression fails the run with the engine error', async () => {
	const workflow: WorkflowJson = {
		nodes: [node('Start', 'n8n-nodes-base.manualTrigger'), node('Route', 'test.router', { value: '={{ $("Missing Node").item.json.a }}' })] as WorkflowJson['nodes'],
		connections: { Start: { main: [[{ node: 'Route', type: 'main', index: 0 }]] } },
	};
	const result = await runWorkflow(workflow, { items: [{}] });
	assert.equal(result.status, 'error');
	assert.match(String(result.error?.message), /Referenced node doesn't exist/);
});
