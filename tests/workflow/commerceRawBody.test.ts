/**
 * Issue 16, points 5 and 6: the commerce triggers ask n8n not to parse the body (the hidden `binaryData` option) and
 * read it themselves, so malformed JSON gets our 400 and an oversize body our 413 instead of n8n's 422/500 with a
 * stack trace. The harness leaves the body unparsed the way n8n does (`unparsed`).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from '@jest/globals';
import { runWorkflow } from '../support/harness';
import { fixtureText, SECRET, shopCredential, shopifyHeaders, sign, triggerWorkflow } from '../unit/commerce/helpers';

const order = fixtureText('shopify', 'orders-create.json');

describe('commerce triggers read the unparsed body themselves', () => {
	it('a signed order arrives whole when n8n left the body unparsed', async () => {
		const run = await runWorkflow(triggerWorkflow('orderPlacedTrigger', { platform: 'shopify', events: 'any' }), {
			credentials: shopCredential('shopify'),
			webhook: { headers: shopifyHeaders('orders/create', order), body: order, unparsed: {} },
		});
		assert.equal(run.webhookResponse?.statusCode, 200, JSON.stringify(run.webhookResponse?.body));
		assert.deepEqual(run.webhookResponse?.body, { received: true, events: 1 });
		assert.equal((run.output('Next')[0].order as { id: string }).id, String(JSON.parse(order).id));
	});

	it('malformed JSON with a valid signature gets our 400, nothing runs', async () => {
		const broken = order.slice(0, 200);
		const run = await runWorkflow(triggerWorkflow('orderPlacedTrigger', { platform: 'shopify', events: 'any' }), {
			credentials: shopCredential('shopify'),
			webhook: { headers: shopifyHeaders('orders/create', broken), body: broken, unparsed: {} },
		});
		assert.equal(run.executed, false);
		assert.equal(run.webhookResponse?.statusCode, 400);
		assert.deepEqual(run.webhookResponse?.body, { error: 'Malformed JSON' });
	});

	it('a body above n8n\'s payload limit gets our 413, nothing runs, and a later genuine delivery still runs', async () => {
		const wf = triggerWorkflow('orderPlacedTrigger', { platform: 'shopify', events: 'any' });
		const id = randomUUID();
		const big = await runWorkflow(wf, {
			credentials: shopCredential('shopify'),
			webhook: { headers: shopifyHeaders('orders/create', order, id), body: order, unparsed: { limitBytes: 1000 } },
		});
		assert.equal(big.executed, false);
		assert.equal(big.webhookResponse?.statusCode, 413);
		assert.deepEqual(big.webhookResponse?.body, { error: 'Payload too large' });
		const genuine = await runWorkflow(wf, { credentials: shopCredential('shopify'), webhook: { headers: shopifyHeaders('orders/create', order, id), body: order, unparsed: {} } });
		assert.equal(genuine.executed, true);
	});

	it('Custom JSON mappings see the body the trigger read ($json.body)', async () => {
		const body = fixtureText('custom', 'order-placed.json');
		const settings = { platform: 'custom', customSignature: { header: 'x-signature', algorithm: 'sha512', encoding: 'base64' } };
		const run = await runWorkflow(triggerWorkflow('orderPlacedTrigger', settings), {
			credentials: shopCredential('custom'),
			webhook: { headers: { 'content-type': 'application/json', 'x-signature': sign(body, SECRET, 'base64', 'sha512') }, body, unparsed: {} },
		});
		assert.equal(run.webhookResponse?.statusCode, 200, JSON.stringify(run.webhookResponse?.body));
		const mapped = run.output('Next')[0];
		const [expected] = JSON.parse(fixtureText('custom', 'order-placed.expected.json'));
		assert.equal(mapped.eventId, expected.eventId);
		assert.deepEqual(mapped.customer, expected.customer);
		assert.deepEqual((mapped.order as { id: string }).id, expected.order.id);
	});
});
