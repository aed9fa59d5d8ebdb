/**
 * `npm run demo`: with `npm start` running, fires a START, a signed sample order, its shipment, a STOP reply and a
 * second order at the published templates, then prints what arrived in the outbox.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_CUSTOMER, PORTS, SHOP_NUMBER, SHOP_SECRET } from './config';
import { repoRoot } from './n8n';
import { gs1Check } from '../core/carriers/validate';

const n8n = `http://localhost:${PORTS.n8n}`;
const outbox = `http://localhost:${PORTS.web}`;

function webhookId(file: string, node: string): string {
	const workflow = JSON.parse(readFileSync(join(repoRoot, 'workflows', file), 'utf8')) as { nodes: Array<{ name: string; webhookId?: string }> };
	const found = workflow.nodes.find((n) => n.name === node)?.webhookId;
	if (!found) throw new Error(`${file} has no node "${node}" with a webhook`);
	return found;
}

async function shopify(topic: string, file: string, node: string, body: Record<string, unknown>) {
	const raw = JSON.stringify(body);
	const response = await fetch(`${n8n}/webhook/${webhookId(file, node)}/webhook`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'x-shopify-topic': topic,
			'x-shopify-hmac-sha256': createHmac('sha256', SHOP_SECRET).update(raw).digest('base64'),
			'x-shopify-shop-domain': 'beispiel-shop.myshopify.com',
			'x-shopify-api-version': '2025-07',
			'x-shopify-webhook-id': randomUUID(),
		},
		body: raw,
	});
	console.log(`  ${topic.padEnd(20)} → HTTP ${response.status}`);
}

/**
 * The customer's SMS reply, sent through the outbox the way Twilio delivers it (signed POST to the SMS Inbound
 * Trigger), so the outbox shows the reply and our auto-reply in the customer's conversation.
 */
async function smsReply(from: string, text: string) {
	const url = `${n8n}/webhook/${webhookId('sms-opt-in.json', 'SMS Inbound Trigger')}/sms`;
	const response = await fetch(`${outbox}/api/reply`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ url, from, to: SHOP_NUMBER, text }),
	});
	const result = (await response.json()) as { statusCode: number | null; autoReply: string | null; error?: string };
	const answer = result.error ? `n8n not reachable (${result.error})` : `HTTP ${result.statusCode}${result.autoReply ? `, auto-reply: ${result.autoReply.slice(0, 100)}` : ''}`;
	console.log(`  SMS reply "${text}"`.padEnd(23) + ` → ${answer}`);
}

async function main() {
	try {
		await fetch(`${n8n}/healthz`);
	} catch {
		throw new Error(`n8n is not running on ${n8n}. Start it first with: npm start`);
	}
	const fixture = (name: string) => JSON.parse(readFileSync(join(repoRoot, 'tests/fixtures/shopify', name), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
	const id = Date.now();
	// The demo customer's own mobile number: never the shop's sender number (SHOP_NUMBER), or the shop would text itself.
	const phone = DEMO_CUSTOMER;
	const base = fixture('orders-create.json');
	const order = {
		...base,
		id,
		name: `#${id % 100000}`,
		created_at: new Date().toISOString(),
		phone,
		customer: { ...base.customer, phone, default_address: { ...base.customer.default_address, phone } },
		shipping_address: { ...base.shipping_address, phone },
		billing_address: { ...base.billing_address, phone },
	};
	// A fresh, valid DHL parcel number per run: each shipment is sent once, so a fixed number would be sent only once ever.
	const sscc = `3404341${String(id % 1e10).padStart(10, '0')}`;
	const tracking = `00${sscc}${gs1Check(sscc)}`;
	const shipment = {
		...fixture('fulfillments-create.json'),
		id: id + 1,
		order_id: id,
		name: `#${id % 100000}.1`,
		created_at: new Date().toISOString(),
		tracking_number: tracking,
		tracking_numbers: [tracking],
		tracking_url: null,
		tracking_urls: [],
		destination: { ...fixture('fulfillments-create.json').destination, phone },
	};
	console.log('Firing the sample journey at the published templates:');
	// The store outlives `npm start`: START lifts the STOP of an earlier demo run, so every run shows the whole journey.
	await smsReply(phone, 'START');
	await shopify('orders/create', 'order-confirmation.json', 'Order Placed Trigger', order);
	await new Promise((r) => setTimeout(r, 1500));
	await shopify('fulfillments/create', 'shipping-notification.json', 'Shipped Trigger', shipment);
	await new Promise((r) => setTimeout(r, 1500));
	await smsReply(phone, 'STOP');
	const nextOrder = { ...order, id: id + 2, name: `#${(id + 2) % 100000}` };
	await shopify('orders/create', 'order-confirmation.json', 'Order Placed Trigger', nextOrder);
	await new Promise((r) => setTimeout(r, 2500));
	const messages = (await (await fetch(`${outbox}/api/messages`)).json()) as {
		sms: Array<{ to: string; body: string; status: string }>;
		inbound: Array<{ from: string; body: string; autoReply: string | null }>;
		email: Array<{ to: string[]; subject: string }>;
	};
	console.log(`\nOutbox now holds ${messages.sms.length} SMS, ${messages.inbound.length} replies and ${messages.email.length} e-mail(s):`);
	for (const m of messages.sms.slice(-2)) console.log(`  SMS  → ${m.to} (${m.status}): ${m.body}`);
	for (const m of messages.inbound.slice(-2)) console.log(`  SMS  ← ${m.from}: ${m.body}${m.autoReply ? `  (auto-reply: ${m.autoReply})` : ''}`);
	for (const m of messages.email.slice(-3)) console.log(`  Mail → ${m.to.join(', ')}: ${m.subject}`);
	console.log(`\nThe order after the STOP got its e-mail but no SMS. Open ${outbox} to see the messages as the customer would;`);
	console.log(`executions: ${n8n}/home/executions`);
}

main().catch((error) => {
	console.error(`✖ ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
});
