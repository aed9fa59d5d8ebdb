/**
 * Every fixture with the trigger that receives it and the headers its platform sends. Shared by the workflow
 * test (exact canonical output) and the benchmark.
 */
import type { IDataObject } from 'n8n-workflow';
import { fixtureText, shopifyHeaders, shopwareHeaders, SECRET, sign, wooHeaders } from './helpers';
import type { TriggerName } from './helpers';

export interface FixtureCase {
	platform: 'shopify' | 'woocommerce' | 'shopware' | 'custom';
	file: string;
	trigger: TriggerName;
	parameters: IDataObject;
	body: string;
	/** The delivery id every emitted event must carry. */
	eventId: string;
	headers(body: string): Record<string, string>;
}

const ALL_RETURNS = { events: ['return.requested', 'return.approved', 'return.received', 'refund.created'] };

function shopify(file: string, topic: string, trigger: TriggerName, parameters: IDataObject): FixtureCase {
	const eventId = `b54557e4-8a5f-4bf7-9d70-${file.length.toString().padStart(4, '0')}${topic.length.toString().padStart(8, '0')}`;
	return { platform: 'shopify', file, trigger, parameters: { platform: 'shopify', ...parameters }, body: fixtureText('shopify', file), eventId, headers: (b) => shopifyHeaders(topic, b, eventId) };
}

function woo(file: string, topic: string, trigger: TriggerName, parameters: IDataObject): FixtureCase {
	const eventId = `36e520ebabc2fa725092ff4a47ac${file.length.toString(16).padStart(4, '0')}`;
	return { platform: 'woocommerce', file, trigger, parameters: { platform: 'woocommerce', ...parameters }, body: fixtureText('woocommerce', file), eventId, headers: (b) => wooHeaders(topic, b, eventId) };
}

function shopware(file: string, trigger: TriggerName, parameters: IDataObject): FixtureCase {
	const body = fixtureText('shopware', file);
	const eventId = (JSON.parse(body) as { source: { eventId: string } }).source.eventId;
	return { platform: 'shopware', file, trigger, parameters: { platform: 'shopware', ...parameters }, body, eventId, headers: (b) => shopwareHeaders(b) };
}

function custom(file: string, trigger: TriggerName): FixtureCase {
	const body = fixtureText('custom', file);
	const eventId = (JSON.parse(body) as { id: string }).id;
	return {
		platform: 'custom',
		file,
		trigger,
		parameters: { platform: 'custom', customSignature: { header: 'x-hub-signature-256', prefix: 'sha256=' }, ...(trigger === 'returnReceivedTrigger' ? ALL_RETURNS : {}) },
		body,
		eventId,
		headers: (b) => ({ 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${sign(b, SECRET, 'hex')}` }),
	};
}

export const CASES: FixtureCase[] = [
	shopify('orders-create.json', 'orders/create', 'orderPlacedTrigger', { events: 'any' }),
	shopify('orders-paid.json', 'orders/paid', 'orderPlacedTrigger', { events: 'paid' }),
	shopify('fulfillments-create.json', 'fulfillments/create', 'shippedTrigger', {}),
	// A US shop: the market prior and the estimate's origin come from the "Shop Country" option.
	shopify('fulfillments-update.json', 'fulfillments/update', 'shippedTrigger', { options: { shopCountry: 'US' } }),
	shopify('returns-request.json', 'returns/request', 'returnReceivedTrigger', ALL_RETURNS),
	shopify('returns-approve.json', 'returns/approve', 'returnReceivedTrigger', ALL_RETURNS),
	shopify('refunds-create.json', 'refunds/create', 'returnReceivedTrigger', ALL_RETURNS),
	woo('order-created.json', 'order.created', 'orderPlacedTrigger', { events: 'any' }),
	woo('order-updated-paid.json', 'order.updated', 'orderPlacedTrigger', { events: 'paid' }),
	woo('order-updated-shipped.json', 'order.updated', 'shippedTrigger', { options: { shopCountry: 'AT' } }),
	woo('order-updated-refunded.json', 'order.updated', 'returnReceivedTrigger', ALL_RETURNS),
	shopware('order-placed.json', 'orderPlacedTrigger', { events: 'any' }),
	shopware('transaction-paid.json', 'orderPlacedTrigger', { events: 'paid' }),
	shopware('delivery-shipped.json', 'shippedTrigger', { options: { shopCountry: 'CH' } }),
	shopware('delivery-returned.json', 'returnReceivedTrigger', ALL_RETURNS),
	custom('order-placed.json', 'orderPlacedTrigger'),
	custom('shipment.json', 'shippedTrigger'),
	custom('return.json', 'returnReceivedTrigger'),
];
