/**
 * Light versioning of SMS Compose and Email Compose (1 → 1.1, issue 15.9/15.10): a saved version-1 node keeps its
 * stored values (round-1 step names, template values, the one Options list, JSON fields, default expressions) and
 * behaves as before; a 1.1 node names steps by the registry and stores the grouped, expression-free shape, with the
 * same result.
 */
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { runWorkflow } from '../support/harness';
import type { WorkflowJson } from '../support/harness';
import { startSmtpServer } from '../support/smtpServer';
import type { SmtpTestServer } from '../support/smtpServer';
import { startTwilioServer } from '../support/twilioServer';
import type { TwilioTestServer } from '../support/twilioServer';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { resolveStep } from '../../core/journey';
import { emailTemplate } from '../../core/email';
import { smsStep } from '../../core/sms';
import { loadWorkflow } from '../support/harness';
import { closeCachedStores } from '../../nodes/shared/storeFromCredential';

let twilio: TwilioTestServer;
let smtp: SmtpTestServer;

beforeAll(async () => {
	twilio = await startTwilioServer({ autoCallbacks: false });
	smtp = await startSmtpServer();
});
afterAll(async () => {
	await twilio.stop();
	await smtp.stop();
	await closeCachedStores();
});

function workflow(type: 'smsCompose' | 'emailCompose', typeVersion: number, parameters: Record<string, unknown>): WorkflowJson {
	const credential = type === 'smsCompose' ? { postPurchaseTwilioApi: { id: '1', name: 'Twilio' } } : { postPurchaseSmtp: { id: '2', name: 'SMTP' } };
	return {
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'node', name: 'Node', type: `n8n-nodes-post-purchase.${type}`, typeVersion, position: [200, 0], parameters, credentials: credential },
		] as WorkflowJson['nodes'],
		connections: { Start: { main: [[{ node: 'Node', type: 'main', index: 0 }]] } },
	};
}

const phone = () => `+49151${randomInt(10_000_000, 99_999_999)}`;

function shipmentItem(to: string) {
	const n = String(randomInt(100000, 999999));
	return {
		customer: { firstName: 'Anna', phone: to, email: `anna${n}@kunde.example`, locale: 'de-DE', timezone: 'Europe/Berlin', country: 'DE' },
		order: { id: `o${n}`, number: `#${n}`, currency: 'EUR', total: '39.98', lineItems: [{ title: 'Espresso', quantity: 2, unitPrice: '19.99' }], statusUrl: 'https://shop.example/o/1' },
		shipment: { orderId: `o${n}`, orderNumber: `#${n}`, trackingNumber: `0034${n}`, carrier: { code: 'dhl', name: 'DHL' }, trackingUrl: `https://www.dhl.de/t?piececode=0034${n}` },
	};
}

describe('SMS Compose 1 and 1.1', () => {
	const credentials = () => ({ postPurchaseTwilioApi: twilio.credentials() });

	it('a version-1 node with a round-1 step name sends the same text as 1.1 with the registry id, and claims under the name it stores', async () => {
		const old = shipmentItem(phone());
		const v1 = await runWorkflow(
			workflow('smsCompose', 1, { operation: 'send', journeyStep: 'delivery_problem', recipient: '={{ $json.customer.phone }}', dedupeId: '={{ $json.order?.id ?? "" }}', options: { prices: '{"DE": 0.5}' } }),
			{ credentials: credentials(), items: [old] },
		);
		assert.equal(v1.status, 'success', String(v1.error?.message));
		const smsV1 = v1.output('Node')[0].sms as Record<string, unknown>;
		assert.equal(smsV1.journeyStep, 'delivery_problem', 'version 1 keeps its claim name, so gates that name it keep matching');
		assert.equal((smsV1.estimatedCost as Record<string, unknown>).perSegment, '0.5000', 'the JSON price of version 1 is read');

		const fresh = shipmentItem(phone());
		// 1.1: registry id, recipient left empty (customer.phone), Send Once Per as a choice, prices as rows.
		const v11 = await runWorkflow(
			workflow('smsCompose', 1.1, { operation: 'send', journeyStep: 'delivery_exception', sendOncePer: 'shipment', options: { segmentPrices: { price: [{ country: 'DE', price: 0.5 }] } } }),
			{ credentials: credentials(), items: [fresh] },
		);
		assert.equal(v11.status, 'success', String(v11.error?.message));
		const smsV11 = v11.output('Node')[0].sms as Record<string, unknown>;
		assert.equal(smsV11.journeyStep, 'delivery_exception');
		assert.equal(smsV11.to, fresh.customer.phone);
		assert.deepEqual(smsV11.estimatedCost, smsV1.estimatedCost);
		const strip = (body: unknown, item: ReturnType<typeof shipmentItem>) => String(body).split(item.shipment.orderNumber).join('#').split(item.shipment.trackingNumber).join('T');
		assert.equal(strip(smsV11.body, fresh), strip(smsV1.body, old), 'same ready-made text');
		assert.match(String(smsV11.body), /^Bei der Zustellung deiner Bestellung/);

		// Sent once per tracking number: a second run for the same shipment is skipped.
		const again = await runWorkflow(workflow('smsCompose', 1.1, { operation: 'send', journeyStep: 'delivery_exception', sendOncePer: 'shipment' }), { credentials: credentials(), items: [fresh] });
		assert.equal((again.output('Node')[0].sms as Record<string, unknown>).status, 'already_sent');
	});
});

describe('Email Compose 1 and 1.1', () => {
	const credentials = () => ({ postPurchaseSmtp: smtp.credentials() });
	const products = [{ title: 'Handmühle', url: 'https://shop.example/p/m', imageUrl: 'https://cdn.shop.example/m.jpg', price: '49.00' }];

	it('a version-1 node (one Options list, JSON products, expression default) renders and claims as before; 1.1 groups the same options', async () => {
		const item = shipmentItem(phone());
		const v1 = await runWorkflow(
			workflow('emailCompose', 1, {
				operation: 'send',
				template: 'orderConfirmation',
				confirmationStyle: 'crossSell',
				shopName: 'Bohne',
				dedupeId: '={{ $json.order?.id ?? "" }}',
				options: { brandColor: '#8a4b2a', crossSellItems: JSON.stringify(products), couponCode: 'X1', replyTo: 'help@shop.example' },
			}),
			{ credentials: credentials(), items: [item] },
		);
		assert.equal(v1.status, 'success', String(v1.error?.message));
		const mailV1 = v1.output('Node')[0].email as Record<string, unknown>;
		assert.equal(mailV1.journeyStep, `order_confirmation:${item.order.id}`, 'version 1 keeps its claim name');

		const preview = async (version: number, parameters: Record<string, unknown>) => {
			const run = await runWorkflow(workflow('emailCompose', version, { operation: 'compose', shopName: 'Bohne', ...parameters }), { credentials: credentials(), items: [item] });
			assert.equal(run.status, 'success', String(run.error?.message));
			return run.output('Node')[0];
		};
		const oldShape = await preview(1, { template: 'orderConfirmation', confirmationStyle: 'crossSell', options: { brandColor: '#8a4b2a', crossSellItems: JSON.stringify(products), couponCode: 'X1' } });
		const newShape = await preview(1.1, {
			template: 'order_received',
			confirmationStyle: 'crossSell',
			design: { brandColor: '#8a4b2a' },
			content: { crossSellItems: { product: products }, couponCode: 'X1' },
		});
		assert.equal(newShape.html, oldShape.html);
		assert.equal(newShape.text, oldShape.text);
		assert.match(String(newShape.text), /Handmühle \(49,00\s€\)/);
		assert.match(String(newShape.html), /#8a4b2a/);

		const fresh = shipmentItem(phone());
		const v11 = await runWorkflow(workflow('emailCompose', 1.1, { operation: 'send', template: 'order_received', shopName: 'Bohne', sending: { replyTo: 'help@shop.example' } }), {
			credentials: credentials(),
			items: [fresh],
		});
		assert.equal(v11.status, 'success', String(v11.error?.message));
		assert.equal((v11.output('Node')[0].email as Record<string, unknown>).journeyStep, `order_received:${fresh.order.id}`, '1.1 claims under the registry step, once per order by default');
	});

	it('1.1 claims a refund e-mail as refund_issued, so the return e-mail of the same return does not block it', async () => {
		const item = { ...shipmentItem(phone()), return: { id: `r${randomInt(1000, 9999)}`, status: 'refunded', items: [{ title: 'Espresso', quantity: 1 }], refund: { amount: '19.99', currency: 'EUR' } } };
		const run = await runWorkflow(workflow('emailCompose', 1.1, { operation: 'send', template: 'return_received', shopName: 'Bohne', sendOncePer: 'return' }), { credentials: credentials(), items: [item] });
		assert.equal(run.status, 'success', String(run.error?.message));
		const mail = run.output('Node')[0].email as Record<string, unknown>;
		assert.equal(mail.journeyStep, `refund_issued:${item.return.id}`);
		assert.match(String(mail.subject), /Erstattung/);
	});
});

describe('the round-1 templates in workflows/, unchanged', () => {
	// What each stored value of round 1 stands for in the registry (the templates pin typeVersion 1).
	const expected: Record<string, string> = {
		order_received: 'order_received',
		payment_reminder: 'payment_reminder',
		shipped: 'shipped',
		double_opt_in: 'opt_in',
		orderConfirmation: 'order_received',
		shipping: 'shipped',
		custom: 'custom',
	};
	const dir = join(__dirname, '..', '..', 'workflows');
	for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
		it(`${file}: every stored step and template resolves to the right journey step, and each gate names the claim of the SMS after it`, () => {
			const wf = loadWorkflow(join(dir, file));
			const ours = wf.nodes.filter((n) => n.type.startsWith('n8n-nodes-post-purchase.'));
			for (const node of ours.filter((n) => /smsCompose|emailCompose/.test(n.type))) {
				const stored = String(node.type.endsWith('smsCompose') ? node.parameters.journeyStep : node.parameters.template);
				// Round-1 values map as listed; a template moved to 1.1 stores the registry id itself.
				if (!(stored in expected)) expected[stored] = String(resolveStep(stored)?.id);
				assert.equal(resolveStep(stored)?.id, expected[stored], `${file}/${node.name}: ${stored}`);
				if (node.type.endsWith('smsCompose')) assert.equal(smsStep(stored), expected[stored], `${stored} has its SMS texts`);
				else if (stored !== 'custom') assert.equal(emailTemplate(stored)?.step, expected[stored], `${stored} has its e-mail template`);
			}
			const steps = ours.filter((n) => n.type.endsWith('smsCompose')).map((n) => String(n.parameters.journeyStep));
			// SMS gates: an e-mail gate (return follow-up) claims for the e-mail after it, which has no SMS node to match.
			for (const gate of ours.filter((n) => n.type.endsWith('consentGate') && n.parameters.operation === 'check' && n.parameters.channel !== 'email')) {
				const prefix = /'([a-z_]+):'/.exec(String(gate.parameters.journeyStep))?.[1];
				if (prefix) assert.ok(steps.includes(prefix), `${file}/${gate.name}: the gate's step "${prefix}" is the claim name of an SMS node (${steps.join(', ')})`);
			}
		});
	}
});
