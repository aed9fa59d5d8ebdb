import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import type { CommerceEventName } from '../../core/commerce';
import { receiveCommerceWebhook, SHOP_CREDENTIAL } from '../shared/commerceTrigger';
import type { CommerceTriggerSpec, ParamReader } from '../shared/commerceTrigger';
import { customProperties, platformProperty, setupNotice, shipmentOptionsProperty } from '../shared/commerceTriggerProperties';
import { commerceWebhookMethods } from '../shared/commerceWebhooks';
import { postPurchaseStoreConnectionTest, STORE_CREDENTIAL } from '../shared/storeFromCredential';

const spec: CommerceTriggerSpec = {
	events: (param: ParamReader) => {
		const chosen = param('events', ['shipment.created', 'shipment.updated']) as CommerceEventName[];
		return chosen.length ? chosen : ['shipment.created'];
	},
	defaultCustomEvent: 'shipment.created',
};

export class ShippedTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Shipped Trigger',
		name: 'shippedTrigger',
		icon: { light: 'file:shippedTrigger.svg', dark: 'file:shippedTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["platform"] + ": shipments" }}',
		description: 'Starts the workflow when an order ships, with its tracking numbers, the detected carrier, a tracking link and a delivery estimate',
		defaults: { name: 'Shipped' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// The store credential: the journey store where shipments are watched, order stages stamped and estimates learned.
		credentials: [
			{ name: SHOP_CREDENTIAL, required: true },
			{ name: STORE_CREDENTIAL, required: false, testedBy: 'postPurchaseStoreConnectionTest' },
		],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			setupNotice('shipment'),
			platformProperty,
			{
				displayName: 'Trigger On',
				name: 'events',
				type: 'multiOptions',
				default: ['shipment.created', 'shipment.updated'],
				options: [
					{ name: 'New Shipment', value: 'shipment.created', description: 'An order (or part of it) was shipped' },
					{
						name: 'Tracking Number Added or Changed',
						value: 'shipment.updated',
						description: 'The shop added tracking to a shipment later. Fires once per new set of tracking numbers.',
					},
				],
				description: 'Which shipment events start the workflow. Each shipment and tracking number starts it only once.',
			},
			...customProperties('={{ { shipment: { orderId: $json.body.order, trackingNumber: $json.body.parcel, carrier: $json.body.carrier }, customer: { email: $json.body.mail } } }}'),
			shipmentOptionsProperty,
		],
	};

	methods = { credentialTest: { postPurchaseStoreConnectionTest } };

	webhookMethods = commerceWebhookMethods(spec.events);

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return receiveCommerceWebhook.call(this, spec);
	}
}
