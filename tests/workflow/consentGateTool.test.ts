/**
 * An AI agent that uses the Consent Gate as a tool must not erase a customer or write the consent ledger on its own
 * (issue 15.11). n8n runs a tool in one of two ways, and both are tried here with the real node class:
 *   - engine requests (n8n 2.x agents): the workflow engine runs the node with its output rewired to `ai_tool`;
 *   - the supply-data path: the node's `execute` is called in a `SupplyDataContext` of connection type `ai_tool`.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from '@jest/globals';
import { SupplyDataContext } from 'n8n-core';
import { NodeConnectionTypes, NodeHelpers } from 'n8n-workflow';
import type { IExecuteFunctions, INode, IRunExecutionData, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { createWorkflow, runWorkflow } from '../support/harness';
import type { WorkflowJson } from '../support/harness';
import { ConsentGate } from '../../nodes/ConsentGate/ConsentGate.node';
import { closeCachedStores } from '../../nodes/shared/storeFromCredential';

const storePath = join(mkdtempSync(join(tmpdir(), 'consent-tool-')), 'journey.sqlite');
const credentials = { postPurchaseStoreApi: { backend: 'sqlite', sqlitePath: storePath } };

afterAll(async () => {
	await closeCachedStores();
});

function gateNode(parameters: Record<string, unknown>, asTool: boolean): INode {
	return {
		id: 'gate',
		name: 'Gate',
		type: 'n8n-nodes-post-purchase.consentGate',
		typeVersion: 1,
		position: [200, 0],
		parameters,
		credentials: { postPurchaseStoreApi: { id: '1', name: 'Store' } },
		// What n8n's engine sets on a node an agent asked to run as a tool (requests-response.ts).
		...(asTool ? { rewireOutputLogTo: NodeConnectionTypes.AiTool } : {}),
	} as INode;
}

function workflow(parameters: Record<string, unknown>, asTool = false): WorkflowJson {
	return {
		nodes: [{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }, gateNode(parameters, asTool)],
		connections: { Start: { main: [[{ node: 'Gate', type: 'main', index: 0 }]] } },
	};
}

async function evidence(to: string) {
	const run = await runWorkflow(workflow({ operation: 'exportEvidence', channel: 'sms', recipient: to }), { credentials, items: [{}] });
	assert.equal(run.status, 'success', String(run.error));
	return run.output('Gate')[0].evidence as { consent: Array<{ status: string }>; suppressions: unknown[] };
}

/** The gate's answer to an agent: n8n hands a tool's error back to the agent as `{ error }` on `ai_tool`. */
function toolAnswer(run: Awaited<ReturnType<typeof runWorkflow>>): string {
	const data = run.run?.data.resultData.runData.Gate?.[0]?.data;
	const items = data?.[NodeConnectionTypes.AiTool]?.[0] ?? data?.main?.[0] ?? [];
	return String(items[0]?.json.error ?? run.error?.message ?? '');
}

describe('Consent Gate as an AI tool', () => {
	it('refuses to record an opt-out, record consent or erase a customer when an agent calls it; the ledger is untouched', async () => {
		const to = '+4915177700011';
		const consent = await runWorkflow(workflow({ operation: 'recordConsent', channel: 'sms', recipient: to, legalBasis: 'consent', source: 'checkout' }), { credentials, items: [{}] });
		assert.equal(consent.status, 'success', String(consent.error));

		for (const parameters of [
			{ operation: 'recordOptOut', channel: 'sms', recipient: to, source: 'agent' },
			{ operation: 'eraseSubject', channel: 'sms', recipient: to },
			{ operation: 'recordConsent', channel: 'sms', recipient: '+4915177700012', legalBasis: 'consent', source: 'agent' },
		]) {
			const run = await runWorkflow(workflow(parameters, true), { credentials, items: [{}] });
			assert.match(toolAnswer(run), /cannot be used by an AI agent/, parameters.operation);
		}
		const after = await evidence(to);
		assert.deepEqual(after.consent.map((c) => c.status), ['opted_in'], 'consent still there, not erased');
		assert.equal(after.suppressions.length, 0, 'no opt-out recorded');
		assert.equal((await evidence('+4915177700012')).consent.length, 0, 'no consent recorded by the agent');

		// The same operations as a regular node in the workflow still work.
		const optOut = await runWorkflow(workflow({ operation: 'recordOptOut', channel: 'sms', recipient: to, source: 'customer service' }), { credentials, items: [{}] });
		assert.equal(optOut.status, 'success', String(optOut.error));
		assert.equal((await evidence(to)).suppressions.length, 1);
	});

	it('refuses in the supply-data path too (isToolExecution), before opening the store', async () => {
		const json = workflow({ operation: 'eraseSubject', channel: 'sms', recipient: '+4915177700013' });
		const wf = createWorkflow(json);
		const node = wf.getNode('Gate') as INode;
		const runData = { resultData: { runData: {} } } as unknown as IRunExecutionData;
		const ctx = new SupplyDataContext(
			wf,
			node,
			{} as IWorkflowExecuteAdditionalData,
			'manual',
			runData,
			0,
			[{ json: {} }],
			{ main: [[{ json: {} }]] },
			NodeConnectionTypes.AiTool,
			{ node, data: { main: [[{ json: {} }]] }, source: null },
			[],
		);
		await assert.rejects(new ConsentGate().execute.call(ctx as unknown as IExecuteFunctions), /cannot be used by an AI agent/);
	});

	it('does not offer those operations in the tool variant of the node', () => {
		const description = new ConsentGate().description;
		const operation = description.properties.find((p) => p.name === 'operation');
		const visible = (asTool: boolean) =>
			(operation?.options as Array<{ value: string; displayOptions?: Parameters<typeof NodeHelpers.displayParameter>[1]['displayOptions'] }>)
				.filter((o) => !o.displayOptions || NodeHelpers.displayParameter({}, { ...operation, displayOptions: o.displayOptions } as never, null, { ...description, name: asTool ? 'consentGateTool' : 'consentGate' }))
				.map((o) => o.value);
		assert.deepEqual(visible(false), ['check', 'eraseSubject', 'exportEvidence', 'recordConsent', 'recordOptOut']);
		assert.deepEqual(visible(true), ['check', 'exportEvidence']);
	});
});
