import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { postPurchaseStoreConnectionTest } from '../shared/storeFromCredential';
import { properties } from './actions/description';
import { router } from './actions/router';

/** Journey Data: the shop's data in the journey store. The class only assembles; the router and one file per operation work. */
export class JourneyData implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Journey Data',
		name: 'journeyData',
		icon: { light: 'file:journeyData.svg', dark: 'file:journeyData.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ { createTrackingLink: "Create Tracking Page Link", getJourneyBoard: "Journey Board", getJourneyReport: "Journey Report", getOrderStatus: "Get Order Status", importOrderHistory: "Import Order History" }[$parameter["operation"]] }}',
		description: "The shop's data in the journey store: import past orders, see where every order stands, and which journey step brought which revenue",
		defaults: { name: 'Journey Data' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'postPurchaseShopApi', required: true, displayOptions: { show: { operation: ['importOrderHistory'] } } },
			{ name: 'postPurchaseStoreApi', required: false, testedBy: 'postPurchaseStoreConnectionTest' },
		],
		properties,
	};

	methods = { credentialTest: { postPurchaseStoreConnectionTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this);
	}
}
