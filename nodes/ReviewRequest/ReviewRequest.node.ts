import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { postPurchaseStoreConnectionTest } from '../shared/storeFromCredential';
import { properties } from './actions/description';
import { router } from './actions/router';

const MAIN = NodeConnectionTypes.Main;
const out = (names: string[]) => `[${names.map((n) => `{ type: "${MAIN}", displayName: "${n}" }`).join(', ')}]`;

/** Review Request: the class only assembles; the router and one file per operation do the work (style.md). */
export class ReviewRequest implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Review Request',
		name: 'reviewRequest',
		icon: { light: 'file:reviewRequest.svg', dark: 'file:reviewRequest.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] === "parseReply" ? "Parse Reply" : "Check Timing" }}',
		description: 'Decides when to ask a customer for a rating, reads the rating from their SMS reply and routes happy and unhappy customers',
		defaults: { name: 'Review Request' },
		usableAsTool: true,
		inputs: [MAIN],
		outputs: `={{ ($parameter["operation"] ?? "checkTiming") === "parseReply" ? ${out(['Happy', 'Neutral', 'Unhappy', 'Not a Rating'])} : ${out(['Ask Now', 'Ask Later', 'Skip'])} }}`,
		credentials: [{ name: 'postPurchaseStoreApi', required: false, testedBy: 'postPurchaseStoreConnectionTest' }],
		properties,
	};

	methods = { credentialTest: { postPurchaseStoreConnectionTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this);
	}
}
