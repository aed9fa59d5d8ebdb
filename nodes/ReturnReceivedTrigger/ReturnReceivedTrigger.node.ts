import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import type { CommerceEventName } from '../../core/commerce';
import { withReturnFollowUp } from '../../core/returns';
import { receiveCommerceWebhook, SHOP_CREDENTIAL } from '../shared/commerceTrigger';
import type { CommerceTriggerSpec, ParamReader } from '../shared/commerceTrigger';
import { customProperties, optionsProperty, platformProperty, setupNotice } from '../shared/commerceTriggerProperties';
import { commerceWebhookMethods } from '../shared/commerceWebhooks';
import { postPurchaseStoreConnectionTest, STORE_CREDENTIAL } from '../shared/storeFromCredential';

const ALL: CommerceEventName[] = ['return.requested', 'return.approved', 'return.received', 'refund.created'];

const spec: CommerceTriggerSpec = {
	events: (param: ParamReader) => {
		const chosen = param('events', ALL) as CommerceEventName[];
		return chosen.length ? chosen : ALL;
	},
	defaultCustomEvent: 'return.requested',
	// `followUp` (offer by reason) and, on refunds, the payment method and the days until the money arrives.
	decorate: withReturnFollowUp,
};

export class ReturnReceivedTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Return Received Trigger',
		name: 'returnReceivedTrigger',
		icon: { light: 'file:returnReceivedTrigger.svg', dark: 'file:returnReceivedTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["platform"] + ": returns" }}',
		description: 'Starts the workflow when a customer asks for a return, a return arrives or a refund is made, with a clear return reason, the fitting follow-up offer and the days until a refund arrives',
		defaults: { name: 'Return Received' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// The store credential: the journey store where returns go into the order history and order stages are stamped.
		credentials: [
			{ name: SHOP_CREDENTIAL, required: true },
			{ name: STORE_CREDENTIAL, required: false, testedBy: 'postPurchaseStoreConnectionTest' },
		],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			setupNotice('return'),
			platformProperty,
			{
				displayName: 'Trigger On',
				name: 'events',
				type: 'multiOptions',
				default: ['return.requested', 'return.approved', 'return.received', 'refund.created'],
				options: [
					{ name: 'Refund Created', value: 'refund.created', description: 'Money was paid back (Shopify, WooCommerce)' },
					{ name: 'Return Approved', value: 'return.approved', description: 'The shop accepted a return request (Shopify)' },
					{ name: 'Return Received', value: 'return.received', description: 'The returned parcel arrived (Shopware 6)' },
					{ name: 'Return Requested', value: 'return.requested', description: 'The customer asked to return items (Shopify)' },
				],
				description: 'Which return events start the workflow. The reason is sorted into damaged, defective, wrong item, not as described, size/fit, changed mind, late or other.',
			},
			...customProperties('={{ { event: "return.received", return: { id: $json.body.rma, orderId: $json.body.order, reason: $json.body.why }, customer: { email: $json.body.mail } } }}'),
			optionsProperty,
		],
	};

	methods = { credentialTest: { postPurchaseStoreConnectionTest } };

	webhookMethods = commerceWebhookMethods(spec.events);

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return receiveCommerceWebhook.call(this, spec);
	}
}
