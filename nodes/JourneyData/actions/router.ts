import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { runsAsTool } from '../../ConsentGate/ledger';
import { getJourneyStore } from '../../shared/storeFromCredential';
import * as createTrackingLink from './createTrackingLink.operation';
import * as getOrderStatus from './getOrderStatus.operation';
import * as getJourneyBoard from './getJourneyBoard.operation';
import * as getJourneyReport from './getJourneyReport.operation';
import * as importOrderHistory from './importOrderHistory.operation';

/** Operations that write the journey store in bulk: an AI agent using the node as a tool neither sees nor runs them. */
export const NOT_FOR_TOOLS = ['importOrderHistory'];

const OPERATIONS = { createTrackingLink, getJourneyBoard, getJourneyReport, getOrderStatus, importOrderHistory } as const;

/** Reads the operation, opens the journey store once, dispatches; anything unknown is an error. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as string;
	if (!(operation in OPERATIONS)) throw new NodeOperationError(this.getNode(), `Unknown operation "${operation}"`);
	if (NOT_FOR_TOOLS.includes(operation) && runsAsTool(this)) {
		throw new NodeOperationError(this.getNode(), `"${operation}" cannot be used by an AI agent`, {
			description: 'Importing the order history pages through the whole shop. Run it from a Manual or Schedule Trigger instead.',
		});
	}
	const store = await getJourneyStore(this);
	return OPERATIONS[operation as keyof typeof OPERATIONS].execute.call(this, store);
}
