import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { InputError } from '../../../core/shared/errors';
import type { JourneyStore } from '../../../core/store';
import { ORDER_LINK_PURPOSE, orderLinkUrl, sealOrderLink } from '../../../core/tracking';
import { showFor } from '../../shared/displayOptions';
import { forEachItem } from '../../shared/itemLoop';

const DAY_MS = 86_400_000;

const fields: INodeProperties[] = [
	{
		displayName: 'Tracking Page URL',
		name: 'pageUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://n8n.example.com/webhook/track',
		description: 'The production URL of the Tracking Page template\'s Webhook node',
	},
	{
		displayName: 'Shop Platform',
		name: 'platform',
		type: 'string',
		default: '={{ $json.platform }}',
		description: 'Which shop the order is from, as the commerce triggers output it (shopify, woocommerce, shopware, custom)',
	},
	{
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		default: '={{ $json.order?.id ?? $json.shipment?.orderId }}',
		description: "The shop's ID of the order (not the order number)",
	},
	{
		displayName: 'Valid for (Days)',
		name: 'validDays',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 60,
		description: 'How long the link opens the page',
	},
];

export const description = showFor({ operation: ['createTrackingLink'] }, fields);

/** The item with `trackingPageUrl`: the order's page without the form, for the shipping SMS or e-mail. */
export async function execute(this: IExecuteFunctions, store: JourneyStore): Promise<INodeExecutionData[][]> {
	const key = store.derivedKey(ORDER_LINK_PURPOSE);
	return forEachItem(this, 1, async (i, item) => {
		const text = (name: string) => String(this.getNodeParameter(name, i, '') ?? '').trim();
		const pageUrl = text('pageUrl');
		if (!/^https?:\/\//i.test(pageUrl)) throw new InputError(`"${pageUrl}" is not a web address.`, 'pageUrl', 'Copy the production URL of the Tracking Page webhook, e.g. https://n8n.example.com/webhook/track.');
		const [platform, orderId] = [text('platform'), text('orderId')];
		if (!platform) throw new InputError('The shop platform is empty.', 'platform', 'Map the "platform" field of the commerce trigger.');
		if (!orderId) throw new InputError('The order ID is empty.', 'orderId', 'Map order.id or shipment.orderId of the commerce trigger.');
		const days = Math.max(1, Number(this.getNodeParameter('validDays', i, 60)) || 60);
		const token = sealOrderLink(key, { platform, orderId }, new Date(Date.now() + days * DAY_MS));
		return { json: { ...(item.json as IDataObject), trackingPageUrl: orderLinkUrl(pageUrl, token) } };
	});
}
