/**
 * Stand-ins for the few n8n built-in nodes our templates use, so templates run in the in-process harness without
 * installing n8n-nodes-base. The real nodes run in the end-to-end tests against real n8n.
 */
import { NodeConnectionTypes } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription, IWebhookFunctions } from 'n8n-workflow';

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

/**
 * The Switch node (v3.x) in "Rules" mode: each item leaves by the first rule whose conditions hold, else by the extra
 * fallback output when the options ask for one (as in the real node), else it is dropped.
 */
class Switch implements INodeType {
	description = describe('n8n-nodes-base.switch', 'Switch', {
		version: [3, 3.1, 3.2, 3.3, 3.4],
		outputs: Array.from({ length: 12 }, () => NodeConnectionTypes.Main),
		properties: [
			{ displayName: 'Rules', name: 'rules', type: 'json', default: {} },
			{ displayName: 'Options', name: 'options', type: 'json', default: {} },
		],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const rules = ((this.getNodeParameter('rules', 0) as { values?: unknown[] }).values ?? []).length;
		const fallback = (this.getNodeParameter('options', 0, {}) as IDataObject).fallbackOutput;
		const out: INodeExecutionData[][] = Array.from({ length: rules + 1 }, () => []);
		this.getInputData().forEach((item, i) => {
			const values = (this.getNodeParameter('rules', i) as { values: Array<{ conditions: { combinator?: string; conditions: FilterCondition[] } }> }).values;
			const hit = values.findIndex((rule) => {
				const results = rule.conditions.conditions.map(evaluate);
				return rule.conditions.combinator === 'or' ? results.some(Boolean) : results.every(Boolean);
			});
			const index = hit >= 0 ? hit : fallback === 'extra' ? rules : typeof fallback === 'number' ? fallback : -1;
			if (index >= 0) out[index].push({ json: item.json, pairedItem: { item: i } });
		});
		return out;
	}
}

/** The Edit Fields (Set) node in JSON mode (v3.3+): the JSON is merged over the input fields when "Include Other Input Fields" is on. */
class SetFields implements INodeType {
	description = describe('n8n-nodes-base.set', 'Edit Fields', {
		version: [3.3, 3.4],
		properties: [
			{ displayName: 'JSON', name: 'jsonOutput', type: 'json', default: '{}' },
			{ displayName: 'Include Other Input Fields', name: 'includeOtherFields', type: 'boolean', default: false },
		],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [
			this.getInputData().map((item, i) => {
				const raw = this.getNodeParameter('jsonOutput', i);
				const json = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject;
				return { json: this.getNodeParameter('includeOtherFields', i) ? { ...item.json, ...json } : json, pairedItem: { item: i } };
			}),
		];
	}
}

/**
 * The HTTP Request node (v4.2) for JSON APIs: method, URL, a JSON body, and a credential of the package as
 * "predefined credential type" (its `authenticate` adds the auth). The response body becomes the item.
 */
class HttpRequest implements INodeType {
	description = describe('n8n-nodes-base.httpRequest', 'HTTP Request', {
		version: [4.2],
		credentials: [{ name: 'postPurchaseShopApi', required: false }],
		properties: [
			{ displayName: 'Method', name: 'method', type: 'string', default: 'GET' },
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'Authentication', name: 'authentication', type: 'string', default: 'none' },
			{ displayName: 'Credential Type', name: 'nodeCredentialType', type: 'string', default: '' },
			{ displayName: 'JSON Body', name: 'jsonBody', type: 'string', default: '' },
		],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const out: INodeExecutionData[] = [];
		const items = this.getInputData();
		for (let i = 0; i < items.length; i++) {
			const body = String(this.getNodeParameter('jsonBody', i, '') || '');
			const request = {
				method: this.getNodeParameter('method', i) as 'GET' | 'POST',
				url: String(this.getNodeParameter('url', i)),
				body: body ? JSON.parse(body) : undefined,
				json: true,
			};
			const credentialType = this.getNodeParameter('authentication', i) === 'predefinedCredentialType' ? String(this.getNodeParameter('nodeCredentialType', i)) : '';
			try {
				const response = credentialType ? await this.helpers.httpRequestWithAuthentication.call(this, credentialType, request) : await this.helpers.httpRequest(request);
				out.push({ json: response as IDataObject, pairedItem: { item: i } });
			} catch (error) {
				if (!this.continueOnFail()) throw error;
				out.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
			}
		}
		return [out];
	}
}

/** The n8n Form Trigger: in the harness a run starts from the submitted fields given as items (`runWorkflow(…, { items })`). */
class FormTrigger implements INodeType {
	description = describe('n8n-nodes-base.formTrigger', 'n8n Form Trigger', {
		group: ['trigger'],
		version: [2, 2.1, 2.2, 2.3, 2.4],
		inputs: [],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: '={{ $parameter["path"] }}' }],
		properties: [{ displayName: 'Path', name: 'path', type: 'string', default: '' }],
	});

	async webhook() {
		return { workflowData: [[]] };
	}
}

/**
 * n8n's Webhook node (version 2): checks Basic Auth against the `httpBasicAuth` credential like the real node (401
 * and no execution without the right login), then starts with `{ headers, params, query, body }` on the output of
 * the request's method ("Allow Multiple HTTP Methods": one output per method, in the listed order).
 */
class Webhook implements INodeType {
	description = describe('n8n-nodes-base.webhook', 'Webhook', {
		group: ['trigger'],
		version: [2, 2.1],
		inputs: [],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		webhooks: [{ name: 'default', httpMethod: 'GET', responseMode: 'responseNode', path: '={{ $parameter["path"] }}', isFullPath: true }],
		credentials: [{ name: 'httpBasicAuth', required: true, displayOptions: { show: { authentication: ['basicAuth'] } } }],
		properties: [
			{ displayName: 'Multiple Methods', name: 'multipleMethods', type: 'boolean', default: false },
			{ displayName: 'HTTP Method', name: 'httpMethod', type: 'json', default: 'GET' },
			{ displayName: 'Path', name: 'path', type: 'string', default: '' },
			{ displayName: 'Authentication', name: 'authentication', type: 'string', default: 'none' },
			{ displayName: 'Response Mode', name: 'responseMode', type: 'string', default: 'onReceived' },
		],
	});

	async webhook(this: IWebhookFunctions) {
		const req = this.getRequestObject();
		const res = this.getResponseObject();
		if (this.getNodeParameter('authentication', 'none') === 'basicAuth') {
			const login = await this.getCredentials('httpBasicAuth');
			const expected = `Basic ${Buffer.from(`${String(login.user)}:${String(login.password)}`).toString('base64')}`;
			if (req.headers.authorization !== expected) {
				res.status(401).setHeader('WWW-Authenticate', 'Basic realm="Webhook"');
				res.end('Authorization is required!');
				return { noWebhookResponse: true };
			}
		}
		const methods = this.getNodeParameter('multipleMethods', false) ? (this.getNodeParameter('httpMethod', ['GET', 'POST']) as string[]) : [String(this.getNodeParameter('httpMethod', 'GET'))];
		const item = { json: { headers: req.headers, params: {}, query: req.query, body: req.body ?? {} } as unknown as IDataObject };
		return { workflowData: methods.map((m) => (m === req.method ? [item] : [])) };
	}
}

/** What Respond to Webhook stand-ins answered, newest last: status, headers and body as the real node would send them. */
export const respondedByNode: Array<{ node: string; statusCode: number; headers: Record<string, string>; body: string }> = [];

/** n8n's Respond to Webhook node with "Respond With: Text": the answer goes to `respondedByNode`; items pass on. */
class RespondToWebhook implements INodeType {
	description = describe('n8n-nodes-base.respondToWebhook', 'Respond to Webhook', {
		version: [1, 1.1, 1.2, 1.3, 1.4, 1.5],
		properties: [
			{ displayName: 'Respond With', name: 'respondWith', type: 'string', default: 'firstIncomingItem' },
			{ displayName: 'Response Body', name: 'responseBody', type: 'string', default: '' },
			{ displayName: 'Options', name: 'options', type: 'json', default: {} },
		],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const options = this.getNodeParameter('options', 0, {}) as { responseCode?: number; responseHeaders?: { entries?: Array<{ name: string; value: string }> } };
		const headers = Object.fromEntries((options.responseHeaders?.entries ?? []).map((h) => [h.name.toLowerCase(), String(h.value)]));
		respondedByNode.push({ node: this.getNode().name, statusCode: options.responseCode ?? 200, headers, body: String(this.getNodeParameter('responseBody', 0, '')) });
		return passThrough.call(this);
	}
}

export function builtInNodeTypes(): Record<string, INodeType> {
	const list = [
		new ManualTrigger(),
		new NoOp(),
		new StickyNote(),
		new Wait(),
		new If(),
		new TestRouter(),
		new Switch(),
		new SetFields(),
		new HttpRequest(),
		new FormTrigger(),
		new Webhook(),
		new RespondToWebhook(),
	];
	return Object.fromEntries(list.map((n) => [n.description.name, n]));
}
