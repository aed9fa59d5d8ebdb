import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { postPurchaseStoreConnectionTest } from '../shared/storeFromCredential';
import { executeCheck } from './check';
import { NOT_FOR_TOOLS, properties } from './description';
import { executeLedger, refuseForTools } from './ledger';

const MAIN = NodeConnectionTypes.Main;

export class ConsentGate implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Consent Gate',
		name: 'consentGate',
		icon: { light: 'file:consentGate.svg', dark: 'file:consentGate.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] === "check" ? ($parameter["purpose"] + " " + $parameter["channel"]) : $parameter["operation"] }}',
		description: "Lets a message through only with consent, outside quiet hours in the customer's time zone, under frequency limits and never after STOP",
		defaults: { name: 'Consent Gate' },
		usableAsTool: true,
		inputs: [MAIN],
		outputs: `={{ ($parameter["operation"] ?? "check") === "check" ? [{ type: "${MAIN}", displayName: "Send" }, { type: "${MAIN}", displayName: "Deferred" }, { type: "${MAIN}", displayName: "Suppressed" }] : ["${MAIN}"] }}`,
		credentials: [{ name: 'postPurchaseStoreApi', required: false, testedBy: 'postPurchaseStoreConnectionTest' }],
		properties,
	};

	methods = { credentialTest: { postPurchaseStoreConnectionTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0) as string;
		refuseForTools(this, operation, NOT_FOR_TOOLS);
		if (operation === 'check') return executeCheck.call(this);
		if (['recordConsent', 'recordOptOut', 'exportEvidence', 'eraseSubject'].includes(operation)) return executeLedger.call(this, operation);
		throw new NodeOperationError(this.getNode(), `Unknown operation "${operation}"`);
	}
}
