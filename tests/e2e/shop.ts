/**
 * What the e2e files need to play a Shopify shop against real n8n: the shipped templates and their webhook IDs, a
 * signed Shopify webhook delivery, and a customer who lives where it is daytime now.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

/** A template from workflows/, parsed afresh (callers change their copy). */
export const template = (file: string) => JSON.parse(readFileSync(join(ROOT, 'workflows', file), 'utf8'));

export const webhookIdOf = (file: string, node: string): string =>
	(template(file).nodes as Array<{ name: string; webhookId: string }>).find((n) => n.name === node)!.webhookId;

/** The path a template's page Webhook (n8n's Webhook node) is served under, read from the template as shipped. */
export const pagePathOf = (file: string): string => {
	const node = (template(file).nodes as Array<{ type: string; parameters: { path?: string } }>).find((n) => n.type === 'n8n-nodes-base.webhook');
	if (!node?.parameters.path) throw new Error(`${file} has no Webhook node with a path`);
	return node.parameters.path;
};
export { daytimePlace, postShopify } from '../../sandbox/shop';

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
