/**
 * What the e2e files need to play a Shopify shop against real n8n: the shipped templates and their webhook IDs, a
 * signed Shopify webhook delivery, and a customer who lives where it is daytime now.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { SHOP_SECRET } from './sandbox';

export const ROOT = join(__dirname, '..', '..');

/** A template from workflows/, parsed afresh (callers change their copy). */
export const template = (file: string) => JSON.parse(readFileSync(join(ROOT, 'workflows', file), 'utf8'));

export const webhookIdOf = (file: string, node: string): string =>
	(template(file).nodes as Array<{ name: string; webhookId: string }>).find((n) => n.name === node)!.webhookId;

/**
 * Marketing waits for daytime where the customer lives: the customer lives where it is daytime now (09:00–18:59 in
 * one of three zones that together cover the whole day), so a reminder goes out whenever the suite runs. Quiet hours
 * themselves are tested in-process.
 */
const PLACES = [
	{ country: 'GB', zone: 'Europe/London', phone: (n: number) => `+447400${String(100000 + (n % 900000))}` },
	{ country: 'JP', zone: 'Asia/Tokyo', phone: (n: number) => `+8190${String(10000000 + (n % 90000000))}` },
	{ country: 'PE', zone: 'America/Lima', phone: (n: number) => `+519${String(10000000 + (n % 90000000))}` },
];

export function daytimePlace(): (typeof PLACES)[number] {
	return PLACES.find((p) => {
		const hour = DateTime.now().setZone(p.zone).hour;
		return hour >= 9 && hour < 19;
	})!;
}

/** Posts `raw` as a Shopify webhook of `topic`, signed with the sandbox shop's secret; a redelivery repeats `webhookId`. */
export async function postShopify(url: string, topic: string, raw: string, webhookId: string = randomUUID()): Promise<Response> {
	return fetch(url, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'x-shopify-topic': topic,
			'x-shopify-hmac-sha256': createHmac('sha256', SHOP_SECRET).update(raw).digest('base64'),
			'x-shopify-shop-domain': 'beispiel-shop.myshopify.com',
			'x-shopify-api-version': '2025-07',
			'x-shopify-webhook-id': webhookId,
		},
		body: raw,
	});
}

/** The Shopify order fixture as order `id` of a customer with this phone number (e-mail address made from the id). */
export function shopifyOrder(id: number, phone: string) {
	const body = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/shopify/orders-create.json'), 'utf8'));
	const email = `e2e${id}@example.de`;
	body.id = id;
	body.name = `#${id % 100000}`;
	body.email = body.customer.email = email;
	body.phone = body.customer.phone = body.shipping_address.phone = body.billing_address.phone = phone;
	return { raw: JSON.stringify(body), body, phone, email, number: body.name as string };
}
