/**
 * Test helpers for the commerce triggers: fixture loading, signing exactly as each platform signs, and one-node
 * trigger workflows for the harness.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';
import type { WorkflowJson } from '../../support/harness';

export const SECRET = 'shpss_test_4f1c2e9a7b3d5f60';
export const FIXTURES = join(__dirname, '..', '..', 'fixtures');

export function fixtureText(platform: string, name: string): string {
	return readFileSync(join(FIXTURES, platform, name), 'utf8');
}

export function fixture(platform: string, name: string): Record<string, unknown> {
	return JSON.parse(fixtureText(platform, name)) as Record<string, unknown>;
}

export function sign(body: Buffer | string, secret = SECRET, encoding: 'base64' | 'hex' = 'base64', algorithm = 'sha256'): string {
	return createHmac(algorithm, secret).update(body).digest(encoding);
}

export type TriggerName = 'orderPlacedTrigger' | 'shippedTrigger' | 'returnReceivedTrigger' | 'cartAbandonedTrigger';

export function triggerWorkflow(type: TriggerName, parameters: IDataObject, id = randomUUID()): WorkflowJson {
	return {
		id,
		name: `commerce ${type}`,
		nodes: [
			{
				id: `node-${id}`,
				name: 'Shop Trigger',
				type: `n8n-nodes-post-purchase.${type}`,
				typeVersion: 1,
				position: [0, 0],
				webhookId: `hook-${id}`,
				parameters: parameters as INodeParameters,
				credentials: { postPurchaseShopApi: { id: '1', name: 'Shop' } },
			},
			{ id: `noop-${id}`, name: 'Next', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [200, 0], parameters: {} },
		],
		connections: { 'Shop Trigger': { main: [[{ node: 'Next', type: 'main', index: 0 }]] } },
	};
}

export function shopCredential(platform: string, secret = SECRET): Record<string, ICredentialDataDecryptedObject> {
	return { postPurchaseShopApi: { platform, webhookSecret: secret } };
}

export function shopifyHeaders(topic: string, body: Buffer | string, webhookId: string = randomUUID(), secret = SECRET): Record<string, string> {
	return {
		'content-type': 'application/json',
		'x-shopify-topic': topic,
		'x-shopify-hmac-sha256': sign(body, secret),
		'x-shopify-shop-domain': 'roestwerk-example.myshopify.com',
		'x-shopify-api-version': '2025-07',
		'x-shopify-webhook-id': webhookId,
		'x-shopify-triggered-at': '2025-03-14T08:41:28.123Z',
	};
}

export function wooHeaders(topic: string, body: Buffer | string, deliveryId = randomUUID().replace(/-/g, ''), secret = SECRET): Record<string, string> {
	const [resource, event] = topic.split('.');
	return {
		'content-type': 'application/json',
		'user-agent': 'WooCommerce/9.6.2 Hookshot (WordPress/6.7.2)',
		'x-wc-webhook-source': 'https://tee-example.at/',
		'x-wc-webhook-topic': topic,
		'x-wc-webhook-resource': resource,
		'x-wc-webhook-event': event,
		'x-wc-webhook-signature': sign(body, secret),
		'x-wc-webhook-id': '17',
		'x-wc-webhook-delivery-id': deliveryId,
	};
}

export function shopwareHeaders(body: Buffer | string, secret = SECRET): Record<string, string> {
	return {
		'content-type': 'application/json',
		'shopware-shop-signature': sign(body, secret, 'hex'),
		'sw-version': '6.6.10.0',
		'sw-context-language': '2fbb5fe2e29a4d70aa5854ce7ce3e20b',
		'sw-user-language': 'de-CH',
	};
}

/** The output without the one field that depends on the wall clock (checked separately). */
export function withoutReceivedAt(items: IDataObject[]): IDataObject[] {
	return items.map(({ receivedAt, ...rest }) => {
		if (typeof receivedAt !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(receivedAt)) {
			throw new Error(`receivedAt is not ISO 8601 with offset: ${String(receivedAt)}`);
		}
		return rest;
	});
}
