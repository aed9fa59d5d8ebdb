import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { findPayment } from '../../core/commerce';
import { forEachItem } from '../shared/itemLoop';
import { showFor } from '../shared/displayOptions';
import { getJourneyStore, postPurchaseStoreConnectionTest } from '../shared/storeFromCredential';

const UNPAID = 0;
const PAID = 1;

const checkProperties: INodeProperties[] = showFor({ operation: ['check'] }, [
	{
		displayName: 'Every commerce trigger records the payments your shop reports (Shopify "Order payment", WooCommerce orders set to processing, Shopware "paid"). Send those events to any Order Placed Trigger of this n8n, then place this node after the wait of a payment reminder.',
		name: 'paymentNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Shop Platform',
		name: 'platform',
		type: 'string',
		default: '={{ $json.platform }}',
		placeholder: 'e.g. shopify',
		description: 'The platform the order came from (shopify, woocommerce, shopware or custom). The default reads it from the Order Placed Trigger; change it only when your items name the platform elsewhere.',
	},
	{
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		default: '={{ $json.order.id }}',
		placeholder: 'e.g. 5905413210445',
		description: "The shop's order ID. The default reads it from the Order Placed Trigger.",
	},
]);

export class PaymentCheck implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Payment Check',
		name: 'paymentCheck',
		icon: { light: 'file:paymentCheck.svg', dark: 'file:paymentCheck.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: 'Paid since the order?',
		description: 'Looks whether the shop reported the payment of an order since it was placed, so payment reminders reach only unpaid orders',
		defaults: { name: 'Payment Check' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Unpaid', 'Paid'],
		credentials: [{ name: 'postPurchaseStoreApi', required: false, testedBy: 'postPurchaseStoreConnectionTest' }],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Check Payment',
						value: 'check',
						action: 'Check whether an order was paid',
						description: 'Send orders still unpaid to "Unpaid" and orders the shop reported as paid to "Paid"',
					},
				],
				default: 'check',
			},
			...checkProperties,
		],
	};

	methods = { credentialTest: { postPurchaseStoreConnectionTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const store = await getJourneyStore(this);
		const checkedAt = new Date().toISOString();
		return forEachItem(this, 2, async (i, item) => {
			const platform = String(this.getNodeParameter('platform', i, '') ?? '').trim();
			const orderId = String(this.getNodeParameter('orderId', i, '') ?? '').trim();
			if (!platform) {
				throw new NodeOperationError(this.getNode(), `No shop platform (item ${i}, field "Shop Platform")`, {
					itemIndex: i,
					description: 'Map "Shop Platform" to the platform of the Order Placed Trigger\'s output: {{ $json.platform }}.',
				});
			}
			if (!orderId) {
				throw new NodeOperationError(this.getNode(), `No order ID (item ${i}, field "Order ID")`, {
					itemIndex: i,
					description: 'Map "Order ID" to the order ID of the Order Placed Trigger\'s output: {{ $json.order.id }}.',
				});
			}
			const payment = await findPayment(store, platform, orderId);
			const json = {
				...item.json,
				payment: payment
					? { status: 'paid', reason: 'paid_since_order', paidAt: payment.paidAt, checkedAt }
					: { status: 'unpaid', reason: 'no_payment_reported', paidAt: null, checkedAt },
			};
			return { output: payment ? PAID : UNPAID, json };
		});
	}
}
