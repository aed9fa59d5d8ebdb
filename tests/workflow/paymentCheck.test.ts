import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from '@jest/globals';
import { runWorkflow } from '../support/harness';
import type { WorkflowJson } from '../support/harness';
import { getJourneyStore, closeCachedStores } from '../../nodes/shared/storeFromCredential';
import { recordPayment } from '../../core/commerce';

if (!process.env.N8N_USER_FOLDER) process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'payment-check-wf-'));

afterAll(async () => {
	await closeCachedStores();
});

function workflow(parameters: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): WorkflowJson {
	return {
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'check', name: 'Check', type: 'n8n-nodes-post-purchase.paymentCheck', typeVersion: 1, position: [200, 0], parameters: { operation: 'check', ...parameters }, ...extra },
		] as WorkflowJson['nodes'],
		connections: { Start: { main: [[{ node: 'Check', type: 'main', index: 0 }]] } },
	};
}

/** The embedded store the node opens (no store credential), as the triggers write it. */
const store = () => getJourneyStore({ getNode: () => ({ credentials: undefined }) } as unknown as Parameters<typeof getJourneyStore>[0]);

describe('Payment Check node', () => {
	it('routes each order by the payments the shop reported: unpaid to output 0, paid to output 1, keeping pairedItem and the input', async () => {
		const paidId = `pc-${Date.now()}-paid`;
		await recordPayment(await store(), { platform: 'woocommerce', orderId: paidId, paidAt: '2026-11-25T08:00:00Z', eventId: 'd1' });
		const items = [
			{ platform: 'woocommerce', order: { id: `pc-${Date.now()}-open`, number: '1001' } },
			{ platform: 'woocommerce', order: { id: paidId, number: '1002' } },
			// The same order id from another platform is another order.
			{ platform: 'shopify', order: { id: paidId, number: '1003' } },
		];
		const r = await runWorkflow(workflow(), { items });
		assert.equal(r.status, 'success', String(r.error?.message));
		assert.deepEqual(r.output('Check', 0).map((j) => [(j.order as { number: string }).number, (j.payment as { status: string }).status]), [['1001', 'unpaid'], ['1003', 'unpaid']]);
		const paid = r.items('Check', 1);
		assert.equal(paid.length, 1);
		assert.deepEqual(paid[0].pairedItem, { item: 1 });
		assert.deepEqual(paid[0].json.payment, { status: 'paid', reason: 'paid_since_order', paidAt: '2026-11-25T08:00:00Z', checkedAt: (paid[0].json.payment as { checkedAt: string }).checkedAt });
		assert.deepEqual(r.items('Check', 0).map((i) => i.pairedItem), [{ item: 0 }, { item: 2 }]);
	});

	it('an item without an order ID fails with the item and field named; with Continue On Fail it becomes an error item', async () => {
		const items = [{ platform: 'shopify', order: {} }];
		const failed = await runWorkflow(workflow(), { items });
		assert.equal(failed.status, 'error');
		assert.match(String(failed.error?.message), /No order ID \(item 0, field "Order ID"\)/);
		const continued = await runWorkflow(workflow({}, { onError: 'continueRegularOutput' }), { items });
		assert.equal(continued.status, 'success', String(continued.error?.message));
		assert.match(String(continued.output('Check', 0)[0].error), /No order ID/);
	});
});
