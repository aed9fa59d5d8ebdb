import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from '@jest/globals';
import { runWorkflow } from '../support/harness';
import type { RunResult } from '../support/harness';
import { fixture, fixtureText, SECRET, shopCredential, shopifyHeaders, shopwareHeaders, sign, triggerWorkflow, wooHeaders } from '../unit/commerce/helpers';
import type { TriggerName } from '../unit/commerce/helpers';

const order = fixtureText('shopify', 'orders-create.json');

function orderWorkflow(events = 'any', platform = 'shopify') {
	return triggerWorkflow('orderPlacedTrigger', { platform, events });
}

async function send(workflow: ReturnType<typeof triggerWorkflow>, body: string | Buffer, headers: Record<string, string>, platform = 'shopify', secret = SECRET): Promise<RunResult> {
	return runWorkflow(workflow, { credentials: shopCredential(platform, secret), webhook: { headers, body } });
}

function assertRejected(run: RunResult, status: number, reason: string) {
	assert.equal(run.executed, false);
	assert.equal(run.webhookResponse?.statusCode, status);
	assert.deepEqual(run.webhookResponse?.body, { error: reason });
}

/**
 * Nothing was stored by the rejected deliveries: the genuine delivery of the same event (same delivery id, same
 * order) still runs, exactly once; the redelivery after it is a duplicate, so claims do work in this workflow.
 */
async function assertGenuineRunsOnce(deliver: () => Promise<RunResult>) {
	const genuine = await deliver();
	assert.equal(genuine.webhookResponse?.statusCode, 200, JSON.stringify(genuine.webhookResponse?.body));
	assert.equal(genuine.executed, true, 'the genuine delivery after the rejected ones did not run: a rejected delivery left a claim');
	assert.equal(genuine.output('Next').length, 1);
	const again = await deliver();
	assert.equal(again.executed, false);
	assert.deepEqual(again.webhookResponse?.body, { received: true, ignored: 'duplicate' });
}

/** A forged request: refused with 401, the workflow did not start, the next node did not run. */
function assertForged(run: RunResult, reason = 'Invalid signature') {
	assertRejected(run, 401, reason);
	assert.equal(run.ran('Next'), false);
}

describe('commerce triggers: signatures', () => {
	it('rejects a tampered body with 401, runs nothing and stores no claim', async () => {
		const wf = orderWorkflow();
		const id = randomUUID();
		const headers = shopifyHeaders('orders/create', order, id);
		const tampered = order.replace('"59.80"', '"0.01"');
		assertRejected(await send(wf, tampered, headers), 401, 'Invalid signature');
		// The genuine delivery with the same webhook id still runs: the failed one claimed nothing.
		const genuine = await send(wf, order, headers);
		assert.equal(genuine.executed, true);
	});

	it('rejects a wrong secret and a missing signature header with 401', async () => {
		const wf = orderWorkflow();
		assertRejected(await send(wf, order, shopifyHeaders('orders/create', order, randomUUID(), 'another-secret')), 401, 'Invalid signature');
		const headers = shopifyHeaders('orders/create', order);
		delete headers['x-shopify-hmac-sha256'];
		assertRejected(await send(wf, order, headers), 401, 'Missing signature');
	});

	it('WooCommerce: forged signatures get 401, run nothing and store nothing; the genuine delivery then runs once', async () => {
		const wf = orderWorkflow('any', 'woocommerce');
		const body = fixtureText('woocommerce', 'order-created.json');
		const delivery = randomUUID().replace(/-/g, '');
		const genuine = wooHeaders('order.created', body, delivery);
		const woo = (payload: string, headers: Record<string, string>) => send(wf, payload, headers, 'woocommerce');
		// Signed with another secret; the right HMAC in hex instead of base64; a tampered total; no signature at all.
		assertForged(await woo(body, wooHeaders('order.created', body, delivery, 'not-the-shop-secret')));
		assertForged(await woo(body, { ...genuine, 'x-wc-webhook-signature': sign(body, SECRET, 'hex') }));
		const tampered = body.replace('"total": "42.80"', '"total": "0.01"');
		assert.notEqual(tampered, body);
		assertForged(await woo(tampered, genuine));
		const unsigned: Record<string, string> = { ...genuine };
		delete unsigned['x-wc-webhook-signature'];
		assertForged(await woo(body, unsigned), 'Missing signature');
		await assertGenuineRunsOnce(() => woo(body, genuine));
	});

	it('Shopware 6: forged signatures get 401, run nothing and store nothing; the genuine delivery then runs once', async () => {
		const wf = orderWorkflow('any', 'shopware');
		const body = fixtureText('shopware', 'order-placed.json');
		const genuine = shopwareHeaders(body);
		const shopware = (payload: string, headers: Record<string, string>) => send(wf, payload, headers, 'shopware');
		// Signed with another secret; the right HMAC in base64 instead of hex; another customer's e-mail; no signature.
		assertForged(await shopware(body, shopwareHeaders(body, 'not-the-shop-secret')));
		assertForged(await shopware(body, { ...genuine, 'shopware-shop-signature': sign(body, SECRET, 'base64') }));
		const tampered = body.replace('lena.koenig@example.ch', 'attacker@example.ch');
		assert.notEqual(tampered, body);
		assertForged(await shopware(tampered, genuine));
		const unsigned: Record<string, string> = { ...genuine };
		delete unsigned['shopware-shop-signature'];
		assertForged(await shopware(body, unsigned), 'Missing signature');
		await assertGenuineRunsOnce(() => shopware(body, genuine));
	});

	it('fails closed when the credential has no secret (500, nothing runs)', async () => {
		assertRejected(await send(orderWorkflow(), order, shopifyHeaders('orders/create', order), 'shopify', ''), 500, 'Webhook secret not configured');
	});

	it('answers 500 when trigger and credential platforms differ', async () => {
		const run = await runWorkflow(orderWorkflow(), { credentials: shopCredential('woocommerce'), webhook: { headers: shopifyHeaders('orders/create', order), body: order } });
		assertRejected(run, 500, 'Trigger misconfigured');
	});

	it('verifies Custom JSON with its own settings, and only skips the check when switched off', async () => {
		const body = fixtureText('custom', 'order-placed.json');
		const settings = { platform: 'custom', customSignature: { header: 'x-signature', algorithm: 'sha512', encoding: 'base64' } };
		const wf = triggerWorkflow('orderPlacedTrigger', settings);
		assertRejected(await send(wf, body, { 'content-type': 'application/json', 'x-signature': sign(body) }, 'custom'), 401, 'Invalid signature');
		const ok = await send(wf, body, { 'content-type': 'application/json', 'x-signature': sign(body, SECRET, 'base64', 'sha512') }, 'custom');
		assert.equal(ok.executed, true);
		const open = triggerWorkflow('orderPlacedTrigger', { platform: 'custom', verifySignature: false });
		assert.equal((await send(open, body, { 'content-type': 'application/json' }, 'custom')).executed, true);
	});
});

describe('commerce triggers: malformed requests', () => {
	const signedShopify = (body: string | Buffer) => shopifyHeaders('orders/create', body);

	it('answers 400 for malformed and truncated JSON', async () => {
		const wf = orderWorkflow();
		assertRejected(await send(wf, '{"id": 1,, }', signedShopify('{"id": 1,, }')), 400, 'Malformed JSON');
		const truncated = order.slice(0, Math.floor(order.length / 2));
		assertRejected(await send(wf, truncated, signedShopify(truncated)), 400, 'Malformed JSON');
		assertRejected(await send(wf, '"just a string"', signedShopify('"just a string"')), 400, 'Body is not a JSON object');
	});

	it('answers 401 for an empty unsigned body and 400 for an empty signed one', async () => {
		const wf = orderWorkflow();
		const headers = signedShopify('');
		assertRejected(await send(wf, '', headers), 400, 'Empty body');
		delete headers['x-shopify-hmac-sha256'];
		assertRejected(await send(wf, '', headers), 401, 'Missing signature');
	});

	it('answers 400 without a topic header and 422 (naming the field only) for an order without id', async () => {
		const wf = orderWorkflow();
		const headers = signedShopify(order);
		delete headers['x-shopify-topic'];
		assertRejected(await send(wf, order, headers), 400, 'Missing topic');
		const noId = JSON.stringify({ ...fixture('shopify', 'orders-create.json'), id: null });
		const id = randomUUID();
		const run = await send(wf, noId, shopifyHeaders('orders/create', noId, id));
		assertRejected(run, 422, 'Payload could not be read');
		// The claim was released: the fixed redelivery with the same id runs.
		assert.equal((await send(wf, order, shopifyHeaders('orders/create', order, id))).executed, true);
	});

	it('accepts a 1 MB order and rejects a body over 1 MiB with 413', async () => {
		const base = fixture('shopify', 'orders-create.json');
		const items = base.line_items as Array<Record<string, unknown>>;
		const many = { ...base, line_items: Array.from({ length: 1300 }, (_, i) => ({ ...items[i % 2], id: 9000 + i })) };
		let body = JSON.stringify(many);
		body = body.slice(0, -1) + `,"note":"${'x'.repeat(1_000_000 - Buffer.byteLength(body) - 10)}"}`;
		assert.ok(Buffer.byteLength(body) >= 999_000 && Buffer.byteLength(body) <= 1_000_000, `body is ${Buffer.byteLength(body)} bytes`);
		const run = await send(orderWorkflow(), body, signedShopify(body));
		assert.equal(run.executed, true);
		assert.equal((run.output('Shop Trigger')[0].order as { lineItems: unknown[] }).lineItems.length, 1300);
		const big = Buffer.alloc(1024 * 1024 + 1, 0x20);
		assertRejected(await send(orderWorkflow(), big, signedShopify(big)), 413, 'Payload too large');
	});

	it('a 400 stores nothing: the same event delivered correctly afterwards runs once', async () => {
		const wf = orderWorkflow();
		const id = randomUUID();
		const truncated = order.slice(0, Math.floor(order.length / 2));
		assertRejected(await send(wf, truncated, shopifyHeaders('orders/create', truncated, id)), 400, 'Malformed JSON');
		assertRejected(await send(wf, '', shopifyHeaders('orders/create', '', id)), 400, 'Empty body');
		// The whole order, signed, but without its topic: read far enough to know the order, still nothing kept.
		const noTopic = shopifyHeaders('orders/create', order, id);
		delete noTopic['x-shopify-topic'];
		assertRejected(await send(wf, order, noTopic), 400, 'Missing topic');
		await assertGenuineRunsOnce(() => send(wf, order, shopifyHeaders('orders/create', order, id)));
	});

	it('a 413 stores nothing: the same order delivered within the limit afterwards runs once', async () => {
		const wf = orderWorkflow();
		const id = randomUUID();
		// The very same order, signed, with a note that takes it over 1 MiB.
		const oversized = JSON.stringify({ ...fixture('shopify', 'orders-create.json'), note: 'x'.repeat(1024 * 1024) });
		assertRejected(await send(wf, oversized, shopifyHeaders('orders/create', oversized, id)), 413, 'Payload too large');
		await assertGenuineRunsOnce(() => send(wf, order, shopifyHeaders('orders/create', order, id)));
	});

	it('never echoes personal data or secrets in an answer', async () => {
		const tampered = order.replace('Schmidt', 'Schmitt');
		const run = await send(orderWorkflow(), tampered, signedShopify(order));
		const text = JSON.stringify(run.webhookResponse);
		for (const secret of ['anna', 'Schmidt', '0151', SECRET]) assert.ok(!text.toLowerCase().includes(secret.toLowerCase()), `answer leaks ${secret}`);
	});
});

describe('commerce triggers: topics and content', () => {
	it('acknowledges an unknown topic with 200 and runs nothing', async () => {
		const body = JSON.stringify({ id: 1, title: 'Mug' });
		const run = await send(orderWorkflow(), body, shopifyHeaders('products/update', body));
		assert.equal(run.executed, false);
		assert.equal(run.webhookResponse?.statusCode, 200);
		assert.deepEqual(run.webhookResponse?.body, { received: true, ignored: 'unknown_topic' });
	});

	it('ignores events meant for another trigger or mode (paid order on an "any order" trigger)', async () => {
		const paid = fixtureText('shopify', 'orders-paid.json');
		const run = await send(orderWorkflow('any'), paid, shopifyHeaders('orders/paid', paid));
		assert.equal(run.executed, false);
		assert.deepEqual(run.webhookResponse?.body, { received: true, ignored: 'not_for_this_trigger' });
	});

	it('answers the WooCommerce set-up ping with 200', async () => {
		const run = await send(orderWorkflow('any', 'woocommerce'), 'webhook_id=17', { 'content-type': 'application/x-www-form-urlencoded' }, 'woocommerce');
		assert.equal(run.executed, false);
		assert.equal(run.webhookResponse?.statusCode, 200);
	});

	it('keeps unicode names and normalizes numbers without a country code by the address country', async () => {
		const run = await send(orderWorkflow(), order, shopifyHeaders('orders/create', order));
		const customer = run.output('Shop Trigger')[0].customer as Record<string, unknown>;
		assert.equal(customer.phone, '+4915123456789');
		assert.equal(customer.phoneRaw, '0151 23456789');
		const o = run.output('Shop Trigger')[0].order as { lineItems: Array<{ title: string }>; shippingAddress: { city: string } };
		assert.equal(o.lineItems[1].title, 'Handmühle „Classic“');
		assert.equal(o.shippingAddress.city, 'München');
	});

	it('emits a customer without phone and e-mail as nulls, and keeps an invalid number only as phoneRaw', async () => {
		const base = fixture('shopify', 'orders-create.json');
		const strip = (a: unknown) => ({ ...(a as object), phone: null });
		const body = JSON.stringify({
			...base,
			email: null,
			contact_email: null,
			customer: { ...(base.customer as object), email: null, phone: '12', default_address: null },
			shipping_address: strip(base.shipping_address),
			billing_address: strip(base.billing_address),
		});
		const run = await send(orderWorkflow(), body, shopifyHeaders('orders/create', body));
		assert.equal(run.executed, true);
		const customer = run.output('Shop Trigger')[0].customer as Record<string, unknown>;
		assert.equal(customer.email, null);
		assert.equal(customer.phone, null);
		assert.equal(customer.phoneRaw, '12');
	});

	it('adds the untouched body as "raw" only when asked', async () => {
		const wf = triggerWorkflow('orderPlacedTrigger', { platform: 'shopify', events: 'any', options: { includeRawPayload: true } });
		const run = await send(wf, order, shopifyHeaders('orders/create', order));
		assert.deepEqual(run.output('Shop Trigger')[0].raw, JSON.parse(order));
	});
});

describe('commerce triggers: exactly once', () => {
	it('runs a redelivered event once, and 20 concurrent deliveries of one event id start exactly one execution', async () => {
		const wf = orderWorkflow();
		const id = randomUUID();
		const headers = shopifyHeaders('orders/create', order, id);
		const runs = await Promise.all(Array.from({ length: 20 }, () => send(wf, order, headers)));
		assert.equal(runs.filter((r) => r.executed).length, 1);
		for (const r of runs.filter((x) => !x.executed)) assert.deepEqual(r.webhookResponse?.body, { received: true, ignored: 'duplicate' });
		const again = await send(wf, order, headers);
		assert.equal(again.executed, false);
	});

	it('runs a WooCommerce "paid" transition once, however many order updates follow', async () => {
		const wf = triggerWorkflow('orderPlacedTrigger' as TriggerName, { platform: 'woocommerce', events: 'paid' });
		const paid = fixtureText('woocommerce', 'order-updated-paid.json');
		const first = await send(wf, paid, wooHeaders('order.updated', paid), 'woocommerce');
		const second = await send(wf, paid, wooHeaders('order.updated', paid), 'woocommerce');
		assert.equal(first.executed, true);
		assert.equal(second.executed, false);
		assert.deepEqual(second.webhookResponse?.body, { received: true, ignored: 'duplicate' });
	});

	it('lets two workflows listening to the same shop each run once', async () => {
		const headers = shopifyHeaders('orders/create', order);
		const a = await send(orderWorkflow(), order, headers);
		const b = await send(orderWorkflow(), order, headers);
		assert.equal(a.executed, true);
		assert.equal(b.executed, true);
	});
});
