import type { WorkflowJson } from './harness';

/** Manual start → Consent Gate (with these parameters and a store credential) → Send / Deferred / Suppressed no-ops. */
export function gateWorkflow(parameters: Record<string, unknown>): WorkflowJson {
	const noop = (name: string, x: number) => ({ id: name, name, type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [x, 0], parameters: {} });
	return {
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'gate',
				name: 'Gate',
				type: 'n8n-nodes-post-purchase.consentGate',
				typeVersion: 1,
				position: [200, 0],
				parameters,
				credentials: { postPurchaseStoreApi: { id: '1', name: 'Store' } },
			},
			noop('Send', 400),
			noop('Deferred', 400),
			noop('Suppressed', 400),
		] as WorkflowJson['nodes'],
		connections: {
			Start: { main: [[{ node: 'Gate', type: 'main', index: 0 }]] },
			Gate: {
				main: [
					[{ node: 'Send', type: 'main', index: 0 }],
					[{ node: 'Deferred', type: 'main', index: 0 }],
					[{ node: 'Suppressed', type: 'main', index: 0 }],
				],
			},
		},
	};
}
