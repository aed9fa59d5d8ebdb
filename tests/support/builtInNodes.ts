/**
 * Stand-ins for the few n8n built-in nodes our templates use, so templates run in the in-process harness without
 * installing n8n-nodes-base. The real nodes run in the end-to-end tests against real n8n.
 */
import { NodeConnectionTypes } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

function describe(name: string, displayName: string, extra: Partial<INodeTypeDescription> = {}): INodeTypeDescription {
	return {
		name,
		displayName,
		group: ['transform'],
		version: [1, 1.1, 2, 3, 3.4],
		description: displayName,
		defaults: { name: displayName },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
		...extra,
	} as INodeTypeDescription;
}

const passThrough = async function (this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return [this.getInputData().map((item, i) => ({ json: item.json, binary: item.binary, pairedItem: { item: i } }))];
};

class ManualTrigger implements INodeType {
	description = describe('n8n-nodes-base.manualTrigger', 'Manual Trigger', { group: ['trigger'], inputs: [] });
	async execute(this: IExecuteFunctions) {
		return [this.getInputData()];
	}
}

class NoOp implements INodeType {
	description = describe('n8n-nodes-base.noOp', 'No Operation');
	execute = passThrough;
}

class StickyNote implements INodeType {
	description = describe('n8n-nodes-base.stickyNote', 'Sticky Note', { inputs: [], outputs: [] });
}

/** Items a Wait stand-in is holding (a real n8n would resume them at `until`), newest last. */
export const heldByWait: Array<{ node: string; until: string; json: IDataObject }> = [];

/**
 * The Wait node in "at specified time" mode. The harness does not sleep: an item whose time has come passes on at
 * once; an item to be resumed later is held in `heldByWait`, so tests can assert what real n8n would wait for (the
 * end-to-end tests let real n8n do the waiting).
 */
class Wait implements INodeType {
	description = describe('n8n-nodes-base.wait', 'Wait', {
		properties: [
			{ displayName: 'Resume', name: 'resume', type: 'string', default: 'timeInterval' },
			{ displayName: 'Date Time', name: 'dateTime', type: 'string', default: '' },
		],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const out: INodeExecutionData[] = [];
		this.getInputData().forEach((item, i) => {
			const resume = this.getNodeParameter('resume', i) as string;
			const until = resume === 'specificTime' ? String(this.getNodeParameter('dateTime', i)) : '';
			if (until && new Date(until).getTime() > Date.now()) {
				heldByWait.push({ node: this.getNode().name, until, json: item.json });
				return;
			}
			out.push({ json: item.json, pairedItem: { item: i } });
		});
		return [out];
	}
}

interface FilterCondition {
	leftValue: unknown;
	rightValue: unknown;
	operator: { type: string; operation: string };
}

/**
 * The If node (v2.x), for the operators our templates use: equals / notEquals, exists / notExists, true / false.
 * Expressions inside the conditions are resolved by n8n's engine, as in the real node.
 */
class If implements INodeType {
	description = describe('n8n-nodes-base.if', 'If', {
		version: [2, 2.1, 2.2, 2.3],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['true', 'false'],
		properties: [{ displayName: 'Conditions', name: 'conditions', type: 'json', default: {} }],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const out: INodeExecutionData[][] = [[], []];
		this.getInputData().forEach((item, i) => {
			const filter = this.getNodeParameter('conditions', i) as { combinator?: string; conditions: FilterCondition[] };
			const results = filter.conditions.map(evaluate);
			const pass = filter.combinator === 'or' ? results.some(Boolean) : results.every(Boolean);
			out[pass ? 0 : 1].push({ json: item.json, pairedItem: { item: i } });
		});
		return out;
	}
}

function evaluate(condition: FilterCondition): boolean {
	const { leftValue: left, rightValue: right, operator } = condition;
	switch (operator.operation) {
		case 'equals':
			return String(left) === String(right);
		case 'notEquals':
			return String(left) !== String(right);
		case 'exists':
			return left !== undefined && left !== null && left !== '';
		case 'notExists':
			return left === undefined || left === null || left === '';
		case 'true':
			return left === true || left === 'true';
		case 'false':
			return left === false || left === 'false' || left === undefined || left === null;
		default:
			throw new Error(`The test If node does not know the operator "${operator.operation}"`);
	}
}

/** A test-only router with two outputs: items whose `route` field equals `match` go to output 0, the rest to 1. */
class TestRouter implements INodeType {
	description = describe('test.router', 'Router', {
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['match', 'other'],
		properties: [
			{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			{ displayName: 'Match', name: 'match', type: 'string', default: '' },
		],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const out: INodeExecutionData[][] = [[], []];
		this.getInputData().forEach((item, i) => {
			const hit = this.getNodeParameter('value', i) === this.getNodeParameter('match', i);
			out[hit ? 0 : 1].push({ json: item.json, pairedItem: { item: i } });
		});
		return out;
	}
}

export function builtInNodeTypes(): Record<string, INodeType> {
	const list = [new ManualTrigger(), new NoOp(), new StickyNote(), new Wait(), new If(), new TestRouter()];
	return Object.fromEntries(list.map((n) => [n.description.name, n]));
}
