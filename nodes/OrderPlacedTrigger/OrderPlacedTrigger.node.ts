import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import type { CommerceEventName } from '../../core/commerce';
import { receiveCommerceWebhook, SHOP_CREDENTIAL } from '../shared/commerceTrigger';
import type { CommerceTriggerSpec, ParamReader } from '../shared/commerceTrigger';
import { customProperties, optionsProperty, platformProperty, setupNotice } from '../shared/commerceTriggerProperties';
import { commerceWebhookMethods } from '../shared/commerceWebhooks';
import { postPurchaseStoreConnectionTest, STORE_CREDENTIAL } from '../shared/storeFromCredential';

const spec: CommerceTriggerSpec = {
	events: (param: ParamReader): CommerceEventName[] => [param('events', 'any') === 'paid' ? 'order.paid' : 'order.placed'],
	defaultCustomEvent: 'order.placed',
};

export class OrderPlacedTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Order Placed Trigger',
		name: 'orderPlacedTrigger',
		icon: { light: 'file:orderPlacedTrigger.svg', dark: 'file:orderPlacedTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["platform"] + ": " + ($parameter["events"] === "paid" ? "paid orders" : "new orders") }}',
		description: 'Starts the workflow when a customer places (or pays for) an order in your shop',
		defaults: { name: 'Order Placed' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// The store credential: the journey store where orders cancel cart reminders and payments are recorded.
		credentials: [
			{ name: SHOP_CREDENTIAL, required: true },
			{ name: STORE_CREDENTIAL, required: false, testedBy: 'postPurchaseStoreConnectionTest' },
		],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			setupNotice('order'),
			platformProperty,
			{
				displayName: 'Trigger On',
				name: 'events',
				type: 'options',
				noDataExpression: true,
				default: 'any',
				options: [
					{ name: 'Any New Order', value: 'any', description: 'Every order as soon as it is placed, paid or not (order confirmations, payment reminders). Payments the shop reports later are recorded for the Payment Check node.' },
					{ name: 'Only Paid Orders', value: 'paid', description: 'When the payment of an order has arrived' },
				],
				description: 'Which orders start the workflow',
			},
			{
				displayName:
					'Cancelled orders (Shopify order cancellation, WooCommerce status cancelled or refunded, Shopware cancelled state, Custom JSON event "order.cancelled") start no workflow: they only take the order out of the order history, so it brings no refill reminder or win-back.',
				name: 'cancellationNotice',
				type: 'notice',
				default: '',
			},
			...customProperties('={{ { order: { id: $json.body.orderId, total: $json.body.sum, currency: "EUR" }, customer: { email: $json.body.mail } } }}'),
			optionsProperty,
		],
	};

	methods = { credentialTest: { postPurchaseStoreConnectionTest } };

	// Paid-order webhooks are registered in every mode: the trigger records each payment in the journey store, where
	// the Payment Check node of a payment reminder looks before it sends (it starts the workflow only in "paid" mode).
	// Cancellations likewise: they take orders out of the order history and start nothing.
	webhookMethods = commerceWebhookMethods((param) => [...new Set<CommerceEventName>([...spec.events(param), 'order.paid', 'order.cancelled'])]);

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return receiveCommerceWebhook.call(this, spec);
	}
}
