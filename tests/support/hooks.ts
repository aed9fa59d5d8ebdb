/**
 * Runs a trigger's webhook lifecycle (`webhookMethods.default.checkExists / create / delete`) the way n8n does when
 * a workflow is published or unpublished: through n8n-core's real `HookContext`, with our node and credential
 * classes, injected credential data, and workflow static data that persists between the calls. HTTP requests the
 * node makes go through n8n's `httpRequestWithAuthentication` and the credential's own `authenticate`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core writes `<user folder>/.n8n/config` on first use: keep it out of the developer's home.
if (!process.env.N8N_USER_FOLDER) process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'pp-n8n-'));

import { HookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeProperties,
	IWebhookData,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
} from 'n8n-workflow';
import { ICredentialsHelper, Workflow } from 'n8n-workflow';
import { nodeTypes } from './harness';
import type { WorkflowJson } from './harness';
import { loadPackageCredentials } from './packageTypes';

export type HookMethod = 'checkExists' | 'create' | 'delete';

export const WEBHOOK_BASE_URL = 'http://127.0.0.1:5678/webhook';

const credentialTypes = loadPackageCredentials();

/** Only what the hook methods need: decrypted data by type, and the credential class's `authenticate`. */
class HookCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, typeName: string, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const auth = credentialTypes[typeName]?.authenticate;
		if (typeof auth === 'function') return auth(credentials, requestOptions);
		if (auth) throw new Error(`hooks.ts supports function authenticate only (credential "${typeName}")`);
		return requestOptions;
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by the hook helper');
	}

	async getDecrypted(_additionalData: IWorkflowExecuteAdditionalData, _nodeCredentials: unknown, type: string): Promise<ICredentialDataDecryptedObject> {
		const found = this.data[type];
		if (!found) throw new Error(`Test credential "${type}" was not provided to hookRunner()`);
		// A copy, as n8n decrypts afresh for each call.
		return { ...found };
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return credentialTypes[type]?.properties ?? [];
	}
}

export interface HookRunner {
	/** Runs one lifecycle method in a fresh `HookContext` (as n8n does), on the same workflow and static data. */
	run(method: HookMethod): Promise<boolean>;
	/** The production URL n8n shows for the node and registers at the shop. */
	webhookUrl: string;
	/** The node's static data (what the node remembered between calls, e.g. webhook ids). */
	nodeStaticData(): IDataObject;
}

export interface HookOptions {
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** Name of the trigger node; default: the first node with a `webhookId`. */
	node?: string;
	activation?: WorkflowActivateMode;
}

export function hookRunner(json: WorkflowJson, options: HookOptions): HookRunner {
	const workflow = new Workflow({
		id: json.id ?? 'test-workflow',
		name: json.name,
		nodes: json.nodes,
		connections: json.connections,
		active: true,
		nodeTypes,
		staticData: json.staticData ?? {},
		settings: json.settings,
	});
	const node: INode | undefined = options.node ? workflow.getNode(options.node) ?? undefined : json.nodes.find((n) => n.webhookId);
	if (!node) throw new Error(`Trigger node not found: ${options.node ?? '(first node with a webhookId)'}`);
	const type = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const description = type.description.webhooks?.[0];
	if (!description || !type.webhookMethods?.default) throw new Error(`Node type ${node.type} has no webhook lifecycle methods`);
	const base = 'http://127.0.0.1:5678';
	const additionalData = {
		credentialsHelper: new HookCredentialsHelper(options.credentials),
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: base,
		webhookBaseUrl: WEBHOOK_BASE_URL,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		formBaseUrl: `${base}/form`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		formTestBaseUrl: `${base}/form-test`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
		currentNodeExecutionIndex: 0,
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const path = `${node.webhookId}/${String(description.path ?? '')}`;
	const webhookData = {
		httpMethod: description.httpMethod,
		node: node.name,
		path,
		webhookDescription: description,
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData,
		webhookId: node.webhookId,
		isTest: false,
	} as unknown as IWebhookData;
	const methods = type.webhookMethods.default;
	return {
		webhookUrl: `${WEBHOOK_BASE_URL}/${path}`,
		async run(method: HookMethod) {
			const ctx = new HookContext(workflow, node, additionalData, 'trigger', options.activation ?? 'activate', webhookData);
			return (await methods[method].call(ctx)) as boolean;
		},
		nodeStaticData: () => workflow.getStaticData('node', node),
	};
}
