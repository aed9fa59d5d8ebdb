import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { errorText, toNodeError } from './errors';

/**
 * The per-item loop every action node uses: one core call per item, `pairedItem` on every output item, and
 * "Continue On Fail" handled the n8n way (an error item on the first output, or the error output when the node
 * has one). `handle` returns the output index and the new json for the item; it must not mutate the input.
 */
export interface ItemResult {
	output?: number;
	json: INodeExecutionData['json'];
	binary?: INodeExecutionData['binary'];
}

export async function forEachItem(
	ctx: IExecuteFunctions,
	outputCount: number,
	handle: (itemIndex: number, item: INodeExecutionData) => Promise<ItemResult | ItemResult[]>,
): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const outputs: INodeExecutionData[][] = Array.from({ length: outputCount }, () => []);
	for (let i = 0; i < items.length; i++) {
		try {
			const result = await handle(i, items[i]);
			for (const r of Array.isArray(result) ? result : [result]) {
				outputs[r.output ?? 0].push({ json: r.json, binary: r.binary, pairedItem: { item: i } });
			}
		} catch (error) {
			const nodeError = toNodeError(ctx.getNode(), error, i);
			if (ctx.continueOnFail()) {
				// Only `{ error }` (no input fields spread in) lets n8n route the item to the error output.
				outputs[0].push({ json: { error: errorText(nodeError) }, error: nodeError, pairedItem: { item: i } });
				continue;
			}
			throw nodeError;
		}
	}
	return outputs;
}
