import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from '@jest/globals';
import { runWorkflow } from '../support/harness';
import { CASES } from '../unit/commerce/cases';
import { FIXTURES, shopCredential, triggerWorkflow, withoutReceivedAt } from '../unit/commerce/helpers';
import type { TriggerName } from '../unit/commerce/helpers';
import type { FixtureCase } from '../unit/commerce/cases';

/**
 * Each case runs on a journey store of its own: what a delivery emits may depend on what the store saw before (a
 * Shopify return gets its customer from the stored order), and the expected output must not depend on test order.
 */
function onOwnStore(type: TriggerName, parameters: FixtureCase['parameters']) {
	const workflow = triggerWorkflow(type, parameters);
	workflow.nodes[0].credentials = { ...workflow.nodes[0].credentials, postPurchaseStoreApi: { id: 'store', name: 'Store' } };
	return workflow;
}

function run(c: FixtureCase, storePath: string) {
	return runWorkflow(onOwnStore(c.trigger, c.parameters), {
		credentials: { ...shopCredential(c.platform), postPurchaseStoreApi: { backend: 'sqlite', sqlitePath: storePath } },
		webhook: { headers: c.headers(c.body), body: c.body },
	});
}

const freshStore = () => join(mkdtempSync(join(tmpdir(), 'pp-commerce-')), 'journey.sqlite');

/** Every fixture, signed like its platform signs, through the real n8n engine → the exact canonical output. */
describe('commerce triggers: every fixture gives its exact canonical output', () => {
	for (const c of CASES) {
		it(`${c.platform} ${c.file} → ${c.trigger}`, async () => {
			const expected = JSON.parse(readFileSync(join(FIXTURES, c.platform, c.file.replace('.json', '.expected.json')), 'utf8'));
			const result = await run(c, freshStore());
			assert.equal(result.webhookResponse?.statusCode, 200);
			assert.equal(result.executed, true);
			const output = result.output('Shop Trigger');
			assert.deepEqual(withoutReceivedAt(output), expected);
			for (const item of output) assert.equal(item.eventId, c.eventId);
			// Lineage: the next node got exactly the trigger's items.
			assert.equal(result.output('Next').length, output.length);
		});
	}
});

describe('Shopify returns and refunds name no customer: the stored order does', () => {
	const order = CASES.find((c) => c.platform === 'shopify' && c.file === 'orders-create.json')!;
	const orderIdOf: Record<string, string> = { 'returns-request.json': '5981234567890', 'returns-approve.json': '5981234567999', 'refunds-create.json': '5981234567890' };
	for (const [file, orderId] of Object.entries(orderIdOf)) {
		it(`${file} after the order's orders/create → the order's customer`, async () => {
			const storePath = freshStore();
			const placed = { ...order, body: JSON.stringify({ ...JSON.parse(order.body), id: Number(orderId) }) };
			assert.equal((await run(placed, storePath)).webhookResponse?.statusCode, 200);
			const c = CASES.find((x) => x.platform === 'shopify' && x.file === file)!;
			const result = await run(c, storePath);
			assert.equal(result.webhookResponse?.statusCode, 200);
			const [event] = result.output('Shop Trigger') as Array<{ customer: Record<string, unknown>; return: { orderId: string } }>;
			assert.equal(event.return.orderId, orderId);
			const { id, email, phone, firstName, lastName, locale, country } = event.customer;
			assert.deepEqual({ id, email, phone, firstName, lastName, locale, country }, {
				id: '7712345678901',
				email: 'anna.schmidt@example.de',
				phone: '+4915123456789',
				firstName: 'Anna',
				lastName: 'Schmidt',
				locale: 'de-DE',
				country: 'DE',
			});
			assert.equal((event.customer.consent as { email: { marketing: unknown } }).email.marketing, true);
		});
	}
});
