/**
 * The Cart Abandoned Trigger in n8n's real engine: signed Shopify checkout webhooks (and Custom JSON carts) are
 * scheduled in the journey store, the node's poll emits each reminder step once when it falls due, and an order from
 * the Order Placed Trigger of another workflow cancels what is left. The process clock is moved with setClock.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeEach, describe, it } from '@jest/globals';
import type { IDataObject } from 'n8n-workflow';
import { resetClock, setClock } from '../support/clock';
import { runWorkflow } from '../support/harness';
import { allLogText, clearLogs } from '../support/logs';
import { closeCachedStores } from '../../nodes/shared/storeFromCredential';
import { fixture, SECRET, shopCredential, shopifyHeaders, sign, triggerWorkflow } from '../unit/commerce/helpers';

const H = 3_600_000;
const T = '2026-11-24T10:00:00+01:00';
const at = (ms: number) => new Date(new Date(T).getTime() + ms);
const shopify = shopCredential('shopify');
let counter = 0;

afterAll(async () => {
	resetClock();
	await closeCachedStores();
});
beforeEach(() => {
	resetClock();
	clearLogs();
});

/** A checkout of a fresh customer (own token and e-mail), last active at `activeAt`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON fixture edited field by field
function checkout(activeAt: Date, edit?: (c: Record<string, any>) => void) {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON fixture edited field by field
	const c = structuredClone(fixture('shopify', 'checkouts-create.json')) as Record<string, any>;
	counter++;
	c.token = `tok${Date.now().toString(36)}${counter}`;
	c.email = c.customer.email = `kunde${c.token}@example.de`;
	c.created_at = c.updated_at = activeAt.toISOString();
	edit?.(c);
	return { body: JSON.stringify(c), token: c.token as string, email: c.email as string };
}

function cartWorkflow(parameters: IDataObject = {}, id = randomUUID()) {
	return triggerWorkflow('cartAbandonedTrigger', { platform: 'shopify', ...parameters }, id);
}

async function deliver(workflow: ReturnType<typeof cartWorkflow>, topic: string, body: string, webhookId?: string) {
	return runWorkflow(workflow, { credentials: shopify, webhook: { headers: shopifyHeaders(topic, body, webhookId), body } });
}

async function poll(workflow: ReturnType<typeof cartWorkflow>, now: Date) {
	setClock(now);
	return runWorkflow(workflow, { credentials: shopify, poll: true });
}

describe('Cart Abandoned Trigger: Shopify checkouts', () => {
	it('schedules a checkout, emits reminder 1 after an hour with the cart, the customer and the step, and only once', async () => {
		const wf = cartWorkflow();
		setClock(T);
		const c = checkout(at(0));
		const received = await deliver(wf, 'checkouts/create', c.body);
		assert.equal(received.webhookResponse?.statusCode, 200);
		assert.deepEqual(received.webhookResponse?.body, { received: true, events: 1 });
		assert.equal(received.executed, false, 'the webhook only schedules');
		assert.equal((await poll(wf, at(H - 60_000))).executed, false, 'not due yet');

		const due = await poll(wf, at(H + 1000));
		assert.equal(due.executed, true);
		assert.equal(due.status, 'success', String(due.error?.message));
		const [item] = due.output('Shop Trigger');
		assert.equal(item.event, 'cart.abandoned');
		assert.equal(item.eventId, `cart:${c.token}:1`);
		assert.deepEqual(item.reminder, { step: 1, of: 3 });
		const cart = item.cart as IDataObject;
		assert.equal(cart.id, c.token);
		assert.equal(cart.total, '59.80');
		assert.equal(cart.currency, 'EUR');
		assert.equal(cart.abandonedAt, at(0).toISOString().replace('.000Z', 'Z'));
		assert.match(String(cart.recoveryUrl), /\/checkouts\/.+\/recover\?key=/);
		assert.deepEqual((cart.items as IDataObject[])[0], {
			title: 'Kaffeebohnen Hausmischung',
			image: 'https://cdn.shopify.com/s/files/1/0712/3456/products/hausmischung.jpg',
			quantity: 2,
			price: '19.95',
			sku: 'KB-HAUS-1000',
			productId: '8012345678901',
			variantId: '44123456789012',
		});
		const customer = item.customer as IDataObject;
		assert.deepEqual([customer.email, customer.phone, customer.firstName, customer.locale], [c.email, '+4915112345678', 'Anna', 'de-DE']);
		assert.equal(due.output('Next').length, 1);
		assert.equal((await poll(wf, at(H + 120_000))).executed, false, 'step 1 is emitted once');
	});

	it('a redelivery changes nothing, a later update moves the reminders, and all three steps come once each', async () => {
		const wf = cartWorkflow();
		setClock(T);
		const c = checkout(at(0));
		const hook = randomUUID();
		await deliver(wf, 'checkouts/create', c.body, hook);
		const again = await deliver(wf, 'checkouts/create', c.body, hook);
		assert.deepEqual(again.webhookResponse?.body, { received: true, ignored: 'duplicate' });
		// The customer edits the cart 30 minutes later: reminder 1 moves to 1 h after that.
		const updated = checkout(at(30 * 60_000), (x) => {
			x.token = c.token;
			x.email = x.customer.email = c.email;
		});
		setClock(at(30 * 60_000));
		assert.deepEqual((await deliver(wf, 'checkouts/update', updated.body)).webhookResponse?.body, { received: true, events: 1 });
		assert.equal((await poll(wf, at(H + 60_000))).executed, false, 'moved by the update');
		const steps: unknown[] = [];
		for (const hours of [1.6, 2, 24.6, 30, 72.6, 100]) {
			const run = await poll(wf, at(hours * H));
			for (const item of run.output('Shop Trigger')) steps.push((item.reminder as IDataObject).step);
		}
		assert.deepEqual(steps, [1, 2, 3]);
	});

	it('an order of the same checkout, received by the Order Placed Trigger of another workflow, cancels the reminders', async () => {
		const wf = cartWorkflow();
		setClock(T);
		const c = checkout(at(0));
		await deliver(wf, 'checkouts/create', c.body);
		assert.equal((await poll(wf, at(H + 1000))).output('Shop Trigger').length, 1, 'reminder 1 went out');

		// eslint-disable-next-line @typescript-eslint/no-explicit-any
		const order = structuredClone(fixture('shopify', 'orders-create.json')) as Record<string, any>;
		order.id = Date.now();
		order.checkout_token = c.token;
		order.email = order.customer.email = order.contact_email = `other${order.id}@example.de`;
		const body = JSON.stringify(order);
		setClock(at(2 * H));
		const placed = await runWorkflow(triggerWorkflow('orderPlacedTrigger', { platform: 'shopify', events: 'any' }), {
			credentials: shopify,
			webhook: { headers: shopifyHeaders('orders/create', body), body },
		});
		assert.equal(placed.executed, true);
		for (const hours of [25, 73, 100]) assert.equal((await poll(wf, at(hours * H))).executed, false, `nothing at ${hours} h`);
	});

	it('an order by the same customer after the last activity cancels; a cart active after the order still gets its reminder', async () => {
		const wf = cartWorkflow();
		setClock(T);
		const before = checkout(at(0));
		const after = checkout(at(3 * H));
		await deliver(wf, 'checkouts/create', before.body);
		await deliver(wf, 'checkouts/create', after.body);
		// eslint-disable-next-line @typescript-eslint/no-explicit-any
		const order = structuredClone(fixture('shopify', 'orders-create.json')) as Record<string, any>;
		order.id = Date.now() + 1;
		order.checkout_token = order.cart_token = null;
		order.email = order.customer.email = order.contact_email = before.email;
		order.processed_at = at(2 * H).toISOString();
		const body = JSON.stringify(order);
		setClock(at(2 * H));
		await runWorkflow(triggerWorkflow('orderPlacedTrigger', { platform: 'shopify', events: 'any' }), {
			credentials: shopify,
			webhook: { headers: shopifyHeaders('orders/create', body), body },
		});
		const run = await poll(wf, at(5 * H));
		assert.deepEqual(run.output('Shop Trigger').map((i) => (i.cart as IDataObject).id), [after.token]);
	});

	it('after a restart (store closed, n8n down past two steps) the cart is emitted once, at the latest step', async () => {
		const wf = cartWorkflow();
		setClock(T);
		const c = checkout(at(0));
		await deliver(wf, 'checkouts/create', c.body);
		await closeCachedStores();
		const run = await poll(wf, at(30 * H));
		assert.deepEqual(run.output('Shop Trigger').map((i) => i.reminder), [{ step: 2, of: 3 }]);
		assert.equal((await poll(wf, at(31 * H))).executed, false);
		// Older than Max Age: dropped with a reason in the log, no reminder.
		const old = cartWorkflow({ maxAge: '2d' });
		const o = checkout(at(0));
		setClock(T);
		await deliver(old, 'checkouts/create', o.body);
		assert.equal((await poll(old, at(80 * H))).executed, false);
		assert.match(allLogText(), /older than Max Age get no reminder/);
	});

	it('skips empty carts, carts without e-mail and phone, test checkouts and small carts, with the reason in the log', async () => {
		const wf = cartWorkflow({ minimumValue: 100 });
		setClock(T);
		const empty = checkout(at(0), (c) => (c.line_items = []));
		const anonymous = checkout(at(0), (c) => {
			c.email = c.customer = c.sms_marketing_phone = null;
			c.shipping_address.phone = null;
		});
		const test = checkout(at(0), (c) => (c.test = true));
		const small = checkout(at(0));
		for (const c of [empty, anonymous, test, small]) assert.equal((await deliver(wf, 'checkouts/create', c.body)).webhookResponse?.statusCode, 200);
		assert.equal((await poll(wf, at(100 * H))).executed, false);
		const log = allLogText();
		for (const [c, reason] of [
			[empty, 'empty_cart'],
			[anonymous, 'no_contact'],
			[test, 'test_checkout'],
			[small, 'below_minimum'],
		] as const) {
			assert.ok(log.includes(`cart ${c.token} gets no reminder (${reason})`), `${reason} logged`);
		}
		assert.ok(!log.includes(small.email), 'no e-mail address in the log');
	});

	it('refuses a forged checkout with 401 and a bad Remind After with an error naming the parameter', async () => {
		setClock(T);
		const c = checkout(at(0));
		const forged = await runWorkflow(cartWorkflow(), { credentials: shopify, webhook: { headers: shopifyHeaders('checkouts/create', c.body, undefined, 'wrong'), body: c.body } });
		assert.equal(forged.webhookResponse?.statusCode, 401);
		await assert.rejects(poll(cartWorkflow({ remindAfter: '1h, soon' }), at(H)), /"soon" is not a duration.*Remind After/);
	});
});

describe('Cart Abandoned Trigger: the discount code on the last reminder', () => {
	it('creates a code of its own in Shopify under the price rule, and falls back to the fixed code when the shop refuses', async () => {
		const calls: Array<{ url: string; token: string; body: string }> = [];
		let refuse = false;
		const server = createServer((req, res) => {
			let body = '';
			req.on('data', (c) => (body += c));
			req.on('end', () => {
				calls.push({ url: String(req.url), token: String(req.headers['x-shopify-access-token']), body });
				res.writeHead(refuse ? 422 : 201, { 'content-type': 'application/json' });
				res.end(refuse ? '{"errors":{"code":["must be unique"]}}' : '{"discount_code":{"id":1}}');
			});
		});
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		try {
			const shopUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
			const credentials = { postPurchaseShopApi: { platform: 'shopify', webhookSecret: SECRET, shopUrl, accessToken: 'shpat_test' } };
			const wf = cartWorkflow({ remindAfter: '1h, 2h', discountStep: 2, shopifyPriceRuleId: '987', discountCode: 'WELCOMEBACK10' });
			setClock(T);
			const a = checkout(at(0));
			const b = checkout(at(0));
			for (const c of [a, b]) await runWorkflow(wf, { credentials, webhook: { headers: shopifyHeaders('checkouts/create', c.body), body: c.body } });
			setClock(at(H + 1000));
			const first = await runWorkflow(wf, { credentials, poll: true });
			assert.deepEqual(first.output('Shop Trigger').map((i) => i.coupon), [undefined, undefined], 'no code on reminder 1');
			setClock(at(2 * H + 1000));
			const second = await runWorkflow(wf, { credentials, poll: true });
			const coupons = second.output('Shop Trigger').map((i) => i.coupon as IDataObject);
			assert.equal(coupons.length, 2);
			for (const coupon of coupons) assert.deepEqual([coupon.source, /^BACK-[0-9A-F]{8}$/.test(String(coupon.code))], ['shop', true]);
			assert.notEqual(coupons[0].code, coupons[1].code, 'one code per cart');
			assert.equal(calls.length, 2);
			assert.match(calls[0].url, /^\/admin\/api\/[0-9-]+\/price_rules\/987\/discount_codes\.json$/);
			assert.equal(calls[0].token, 'shpat_test');
			assert.deepEqual(JSON.parse(calls[0].body), { discount_code: { code: coupons[0].code } });

			refuse = true;
			const c = checkout(at(3 * H));
			setClock(at(3 * H));
			await runWorkflow(wf, { credentials, webhook: { headers: shopifyHeaders('checkouts/create', c.body), body: c.body } });
			setClock(at(5 * H + 1000));
			const fallback = await runWorkflow(wf, { credentials, poll: true });
			assert.deepEqual(fallback.output('Shop Trigger').map((i) => i.coupon), [{ code: 'WELCOMEBACK10', source: 'fixed' }]);
			assert.match(allLogText(), /Shopify did not create a discount code/);
		} finally {
			server.close();
		}
	});
});

describe('Cart Abandoned Trigger: Custom JSON (the WooCommerce / Shopware recipe)', () => {
	// What the snippet in docs/setup-shops.md sends: the shop's own cart, signed with HMAC-SHA256 (hex).
	const recipeBody = (cartId: string, updatedAt: Date) =>
		JSON.stringify({
			cartId,
			email: `woo-${cartId}@example.at`,
			phone: '+43 664 1234567',
			firstName: 'Lena',
			locale: 'de_AT',
			currency: 'EUR',
			total: '42.50',
			cartUrl: `https://tee-example.at/cart/?recover=${cartId}`,
			updatedAt: updatedAt.toISOString(),
			items: [{ title: 'Grüntee Sencha', quantity: 2, price: '21.25', image: 'https://tee-example.at/sencha.jpg', sku: 'SEN-100' }],
		});
	const mapping =
		'={{ { cart: { id: $json.body.cartId, items: $json.body.items, total: $json.body.total, currency: $json.body.currency, recoveryUrl: $json.body.cartUrl, updatedAt: $json.body.updatedAt }, customer: { email: $json.body.email, phone: $json.body.phone, firstName: $json.body.firstName, locale: $json.body.locale } } }}';

	it('maps the recipe payload into the same cart output, signed with the credential secret', async () => {
		const wf = cartWorkflow({ platform: 'custom', customMapping: mapping, remindAfter: '30m, 1d' });
		setClock(T);
		const id = `wc-${Date.now().toString(36)}`;
		const body = recipeBody(id, at(0));
		const headers = { 'content-type': 'application/json', 'x-signature': sign(body, SECRET, 'hex') };
		const received = await runWorkflow(wf, { credentials: shopCredential('custom'), webhook: { headers, body } });
		assert.deepEqual(received.webhookResponse?.body, { received: true, events: 1 });
		const unsigned = await runWorkflow(wf, { credentials: shopCredential('custom'), webhook: { headers: { 'content-type': 'application/json' }, body } });
		assert.equal(unsigned.webhookResponse?.statusCode, 401);
		setClock(at(31 * 60_000));
		const run = await runWorkflow(wf, { credentials: shopCredential('custom'), poll: true });
		const [item] = run.output('Shop Trigger');
		assert.deepEqual(item.reminder, { step: 1, of: 2 });
		assert.equal(item.platform, 'custom');
		const cart = item.cart as IDataObject;
		assert.deepEqual([cart.id, cart.total, cart.recoveryUrl], [id, '42.50', `https://tee-example.at/cart/?recover=${id}`]);
		assert.deepEqual((cart.items as IDataObject[])[0], { title: 'Grüntee Sencha', image: 'https://tee-example.at/sencha.jpg', quantity: 2, price: '21.25', sku: 'SEN-100', productId: null, variantId: null });
		assert.deepEqual([(item.customer as IDataObject).phone, (item.customer as IDataObject).locale], ['+436641234567', 'de-AT']);
	});
});
