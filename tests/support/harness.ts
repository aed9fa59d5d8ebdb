/**
 * Runs a workflow JSON (the same JSON we ship in `workflows/`) in-process through n8n's real engine:
 * `n8n-workflow`'s `Workflow` and `n8n-core`'s `WorkflowExecute`, with our node classes and injected credentials.
 * A run starts either from items given to the first node, from a webhook request (headers, raw body, query) fed
 * to a webhook trigger, or from a polling trigger's `poll()`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core writes `<user folder>/.n8n/config` on first use: keep it out of the developer's home.
if (!process.env.N8N_USER_FOLDER) process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'pp-n8n-'));

import { ExecutionLifecycleHooks, PollContext, WebhookContext, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IVersionedNodeType,
	IWebhookData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IConnections,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, Workflow, createRunExecutionData } from 'n8n-workflow';
import { builtInNodeTypes } from './builtInNodes';
import { installLogCapture } from './logs';
import { loadPackageCredentials, loadPackageNodes } from './packageTypes';

// What nodes log (`this.logger`) and what n8n's engine logs (`LoggerProxy`) is captured, not printed: see logs.ts.
installLogCapture();

export const PACKAGE = 'n8n-nodes-post-purchase';

export interface WorkflowJson {
	id?: string;
	name?: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IDataObject;
	staticData?: IDataObject;
}

export interface WebhookRequest {
	/** Name of the webhook node; defaults to the first node with a `webhookId`. */
	node?: string;
	method?: 'POST' | 'GET' | 'PUT';
	headers?: Record<string, string>;
	body?: Buffer | string;
	query?: Record<string, string>;
	/** Public URL n8n would see for this request (for schemes that sign the URL). */
	url?: string;
	/**
	 * Leave the body unparsed, as n8n does for a version-1 webhook node whose `binaryData` option is on: no `rawBody`
	 * and no `body` on the request, only `readRawBody()`, which fails like n8n's reader (413 `entity.too.large`)
	 * above `limitBytes` (n8n's N8N_PAYLOAD_SIZE_MAX).
	 */
	unparsed?: { limitBytes?: number };
}

export interface RunOptions {
	/** Decrypted credential data by credential type name. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Start items for the first node (manual start). */
	items?: IDataObject[];
	webhook?: WebhookRequest;
	/** Run the polling trigger of this node (or the first polling node) and feed what it emits. */
	poll?: { node?: string } | true;
	mode?: WorkflowExecuteMode;
	/** Workflow static data, kept between runs when the same object is passed again. */
	staticData?: IDataObject;
}

export interface WebhookResponse {
	statusCode: number;
	headers: Record<string, string>;
	body: unknown;
}

export interface RunResult {
	/** False when a trigger decided not to start an execution (bad signature, duplicate …). */
	executed: boolean;
	status?: IRun['status'];
	error?: Error;
	run?: IRun;
	webhookResponse?: WebhookResponse;
	/** Data a webhook trigger returned (response body for `onReceived` etc.). */
	webhookResult?: unknown;
	/** Json of each item on `outputIndex` of `nodeName`'s first run ([] when the node did not run). */
	output(nodeName: string, outputIndex?: number): IDataObject[];
	items(nodeName: string, outputIndex?: number): INodeExecutionData[];
	ran(nodeName: string): boolean;
}

/** The credential classes of the package, by type name, for `authenticate` and test requests. */
const credentialTypes = loadPackageCredentials();

class NodeTypes implements INodeTypes {
	private readonly types: Record<string, INodeType | IVersionedNodeType>;

	constructor() {
		this.types = { ...builtInNodeTypes(), ...loadPackageNodes(PACKAGE) };
	}

	getByName(type: string): INodeType | IVersionedNodeType {
		const found = this.types[type];
		if (!found) throw new Error(`Unknown node type in workflow: ${type}`);
		return found;
	}

	getByNameAndVersion(type: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(type), version);
	}

	getKnownTypes() {
		return {};
	}
}

export const nodeTypes = new NodeTypes();

class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, typeName: string, requestOptions: IHttpRequestOptions, workflow?: Workflow, node?: INode) {
		const type = credentialTypes[typeName];
		const auth = type?.authenticate;
		if (!auth) return requestOptions;
		if (typeof auth === 'function') return auth(credentials, requestOptions);
		// Resolve `={{ $credentials.x }}` the way n8n's credentials helper does.
		const resolve = (value: string) =>
			workflow && node
				? String(workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials } as IDataObject, undefined, ''))
				: value;
		const props = auth.properties as Record<string, Record<string, string>>;
		const out = { ...requestOptions, headers: { ...(requestOptions.headers ?? {}) }, qs: { ...(requestOptions.qs ?? {}) } };
		if (props.auth) out.auth = { username: resolve(props.auth.username), password: resolve(props.auth.password) };
		for (const [k, v] of Object.entries(props.headers ?? {})) out.headers[k] = resolve(v);
		for (const [k, v] of Object.entries(props.qs ?? {})) out.qs[k] = resolve(v);
		return out;
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by the harness');
	}

	async getDecrypted(_additionalData: IWorkflowExecuteAdditionalData, nodeCredentials: { id: string | null; name: string }, type: string) {
		const found = this.data[type];
		if (!found) throw new Error(`Test credential "${type}" was not provided to runWorkflow()`);
		return found;
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return credentialTypes[type]?.properties ?? [];
	}
}

function additionalData(credentials: Record<string, ICredentialDataDecryptedObject>, hooks: ExecutionLifecycleHooks, executionId: string) {
	const base = 'http://127.0.0.1:5678';
	return {
		credentialsHelper: new TestCredentialsHelper(credentials),
		hooks,
		executionId,
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not supported in the test harness');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: base,
		formBaseUrl: `${base}/form`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		formTestBaseUrl: `${base}/form-test`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
		variables: {},
		logAiEvent: () => {},
	} as unknown as IWorkflowExecuteAdditionalData;
}

let executionCounter = 0;

/**
 * The workflow as n8n's engine holds it: every node resolved to its node type and version (an unknown type or
 * version throws), parameters completed with their defaults.
 */
export function createWorkflow(json: WorkflowJson, staticData?: IDataObject): Workflow {
	return new Workflow({
		id: json.id ?? 'test-workflow',
		name: json.name,
		nodes: json.nodes,
		connections: json.connections,
		active: false,
		nodeTypes,
		staticData: staticData ?? json.staticData,
		settings: json.settings,
	});
}

export async function runWorkflow(json: WorkflowJson, options: RunOptions = {}): Promise<RunResult> {
	const credentials = options.credentials ?? {};
	const executionId = String(++executionCounter);
	const workflow = createWorkflow(json, options.staticData);
	const workflowData = { id: workflow.id, name: json.name ?? 'test', nodes: json.nodes, connections: json.connections, active: false } as unknown as IWorkflowBase;
	const hooks = new ExecutionLifecycleHooks(options.mode ?? 'manual', executionId, workflowData);
	const data = additionalData(credentials, hooks, executionId);

	let startNode: INode;
	let startItems: INodeExecutionData[];
	let mode: WorkflowExecuteMode = options.mode ?? 'manual';
	let webhookResponse: WebhookResponse | undefined;
	let webhookResult: unknown;
	/** Every output a trigger produced (Tracking Update has six); n8n passes a trigger's data on as is. */
	let pollOutputs: INodeExecutionData[][] | undefined;

	if (options.webhook) {
		const outcome = await callWebhook(workflow, data, options.webhook);
		webhookResponse = outcome.response;
		webhookResult = outcome.result.webhookResponse;
		const produced = outcome.result.workflowData;
		if (!produced || produced.length === 0) return notExecuted(webhookResponse, webhookResult);
		startNode = outcome.node;
		startItems = produced[0];
		pollOutputs = produced;
		mode = 'webhook';
	} else if (options.poll) {
		const node = findNode(workflow, options.poll === true ? undefined : options.poll.node, (n) => Boolean(nodeTypes.getByNameAndVersion(n.type, n.typeVersion).description.polling));
		const ctx = new PollContext(workflow, node, data, 'trigger', 'init');
		const type = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const produced = await type.poll!.call(ctx);
		if (!produced || produced.length === 0) return notExecuted();
		startNode = node;
		startItems = produced[0];
		// A trigger with several outputs (Tracking Update) hands each output on: n8n passes its data through as is.
		pollOutputs = produced;
		mode = 'trigger';
	} else {
		// n8n names no start node for a workflow that begins with a Webhook (pages): then its first node that is not a note.
		startNode = workflow.getStartNode() ?? json.nodes.find((n) => n.type !== 'n8n-nodes-base.stickyNote') ?? json.nodes[0];
		startItems = (options.items ?? [{}]).map((item) => ({ json: item }));
	}

	const runData: IRunExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: startNode, data: { main: pollOutputs ?? [startItems] }, source: null }],
		},
	});
	const run = await new WorkflowExecute(data, mode, runData).processRunExecutionData(workflow);
	const resultRunData = run.data.resultData.runData;
	const items = (nodeName: string, outputIndex = 0): INodeExecutionData[] => resultRunData[nodeName]?.[0]?.data?.main?.[outputIndex] ?? [];
	return {
		executed: true,
		status: run.status,
		error: run.data.resultData.error as Error | undefined,
		run,
		webhookResponse,
		webhookResult,
		items,
		output: (nodeName, outputIndex = 0) => items(nodeName, outputIndex).map((item) => item.json),
		ran: (nodeName) => Boolean(resultRunData[nodeName]),
	};
}

function notExecuted(webhookResponse?: WebhookResponse, webhookResult?: unknown): RunResult {
	return { executed: false, webhookResponse, webhookResult, output: () => [], items: () => [], ran: () => false };
}

function findNode(workflow: Workflow, name: string | undefined, predicate: (node: INode) => boolean): INode {
	const node = name ? workflow.getNode(name) : Object.values(workflow.nodes).find(predicate);
	if (!node) throw new Error(`Start node not found: ${name ?? '(first matching node)'}`);
	return node;
}

async function callWebhook(workflow: Workflow, data: IWorkflowExecuteAdditionalData, request: WebhookRequest) {
	const node = findNode(workflow, request.node, (n) => Boolean(nodeTypes.getByNameAndVersion(n.type, n.typeVersion).description.webhooks?.length));
	const type = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const description = type.description.webhooks![0];
	const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body ?? '', 'utf8');
	const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
	const response = new FakeResponse();
	const path = `${node.webhookId ?? node.name}/${String(description.path ?? '')}`;
	const url = request.url ?? `http://127.0.0.1:5678/webhook/${path}`;
	const query = request.query ?? {};
	const limit = request.unparsed?.limitBytes ?? Infinity;
	const bodyFields = request.unparsed
		? {
				rawBody: undefined as Buffer | undefined,
				async readRawBody(this: { rawBody?: Buffer }) {
					if (raw.length > limit) throw Object.assign(new Error('request entity too large'), { type: 'entity.too.large', status: 413 });
					this.rawBody = raw;
				},
			}
		: { rawBody: raw, body: parseBody(raw, headers['content-type'] ?? '') };
	data.httpRequest = {
		method: request.method ?? 'POST',
		headers,
		...bodyFields,
		query,
		params: {},
		url: url.replace(/^https?:\/\/[^/]+/, ''),
		originalUrl: url.replace(/^https?:\/\/[^/]+/, ''),
		protocol: url.startsWith('https') ? 'https' : 'http',
		hostname: new URL(url).hostname,
		get: (name: string) => (name.toLowerCase() === 'host' ? new URL(url).host : headers[name.toLowerCase()]),
		header: (name: string) => headers[name.toLowerCase()],
	} as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
	data.httpResponse = response as unknown as IWorkflowExecuteAdditionalData['httpResponse'];
	const webhookData = {
		httpMethod: request.method ?? 'POST',
		node: node.name,
		path,
		webhookDescription: description,
		workflowId: workflow.id,
		workflowExecuteAdditionalData: data,
		webhookId: node.webhookId,
	} as unknown as IWebhookData;
	const ctx = new WebhookContext(workflow, node, data, 'webhook', webhookData, [], null);
	const result = await type.webhook!.call(ctx);
	return { node, result, response: response.snapshot(result.noWebhookResponse === true) };
}

function parseBody(raw: Buffer, contentType: string): unknown {
	const text = raw.toString('utf8');
	if (contentType.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
	if (contentType.includes('json')) {
		try {
			return JSON.parse(text);
		} catch {
			return {};
		}
	}
	return {};
}

/** The subset of express' Response that webhook nodes use. */
class FakeResponse {
	statusCode = 200;
	headers: Record<string, string> = {};
	body: unknown = undefined;
	ended = false;

	status(code: number) {
		this.statusCode = code;
		return this;
	}

	setHeader(name: string, value: string) {
		this.headers[name.toLowerCase()] = String(value);
		return this;
	}

	set(name: string, value: string) {
		return this.setHeader(name, value);
	}

	header(name: string, value: string) {
		return this.setHeader(name, value);
	}

	type(value: string) {
		return this.setHeader('content-type', value);
	}

	send(body?: unknown) {
		this.body = body;
		this.ended = true;
		return this;
	}

	json(body: unknown) {
		this.setHeader('content-type', 'application/json');
		return this.send(body);
	}

	end(body?: unknown) {
		if (body !== undefined) this.body = body;
		this.ended = true;
		return this;
	}

	sendStatus(code: number) {
		this.statusCode = code;
		return this.end();
	}

	snapshot(answeredByNode: boolean): WebhookResponse {
		// When the node did not answer itself, n8n answers 200 ("Workflow was started").
		if (!answeredByNode && !this.ended) return { statusCode: 200, headers: this.headers, body: { message: 'Workflow was started' } };
		return { statusCode: this.statusCode, headers: this.headers, body: this.body };
	}
}

/** Loads a JSON workflow file from `workflows/` (the shipped templates) or any path. */
export function loadWorkflow(path: string): WorkflowJson {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return JSON.parse(require('node:fs').readFileSync(path, 'utf8')) as WorkflowJson;
}
