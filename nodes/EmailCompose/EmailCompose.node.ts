import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	IExecuteFunctions,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { MailTransport } from '../../core/email';
import type { SmtpSettings } from '../../core/email';
import { maskText } from '../../core/shared/mask';
import { forEachItem } from '../shared/itemLoop';
import { getJourneyStore, postPurchaseStoreConnectionTest } from '../shared/storeFromCredential';
import { properties } from './description';
import { composeItem, sendItem } from './operations';

export class EmailCompose implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Email Compose',
		name: 'emailCompose',
		icon: { light: 'file:emailCompose.svg', dark: 'file:emailCompose.dark.svg' },
		group: ['output'],
		// 1.1: templates named by the journey-step registry, options grouped, no JSON or expressions in fields.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{ $parameter["operation"] === "compose" ? "Preview: " : "Send: " }}{{ $parameter["template"] }}',
		description: 'Builds journey e-mails in German and English (order confirmation, shipping, review request …) and sends them over your SMTP server',
		defaults: { name: 'Email Compose' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			// The credential name is part of the public design (product.md); SMTP is not an HTTP API.
			// eslint-disable-next-line n8n-nodes-base/node-class-description-credentials-name-unsuffixed
			{ name: 'postPurchaseSmtp', required: true, testedBy: 'postPurchaseSmtpConnectionTest', displayOptions: { show: { operation: ['send'] } } },
			{ name: 'postPurchaseStoreApi', required: false, testedBy: 'postPurchaseStoreConnectionTest', displayOptions: { show: { operation: ['send'] } } },
		],
		properties,
	};

	methods = {
		credentialTest: { postPurchaseSmtpConnectionTest, postPurchaseStoreConnectionTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0) as string;
		if (operation === 'compose') return forEachItem(this, 1, async (i, item) => composeItem(this, i, item));

		// One pooled transport for all items of this execution, closed whatever happens.
		const transport = new MailTransport(smtpSettings(await this.getCredentials('postPurchaseSmtp')));
		try {
			const store = await getJourneyStore(this);
			return await forEachItem(this, 1, async (i, item) => sendItem(this, i, item, transport, store));
		} finally {
			transport.close();
		}
	}
}

function smtpSettings(data: IDataObject): SmtpSettings {
	const s = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
	return {
		host: String(data.host ?? ''),
		port: Number(data.port ?? 587),
		secure: data.secure === true,
		user: s(data.user),
		password: s(data.password),
		fromEmail: String(data.fromEmail ?? ''),
		fromName: s(data.fromName),
		allowUnauthorizedCerts: data.allowUnauthorizedCerts === true,
		dkimDomain: s(data.dkimDomain),
		dkimSelector: s(data.dkimSelector),
		dkimPrivateKey: s(data.dkimPrivateKey),
	};
}

/** Opens a connection with the credential, logs in, and closes it again. */
export async function postPurchaseSmtpConnectionTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	let transport: MailTransport | undefined;
	try {
		transport = new MailTransport(smtpSettings((credential.data ?? {}) as IDataObject), { retries: 0, connectionTimeoutMs: 15_000 });
		await transport.verify();
		return { status: 'OK', message: 'Connected to the mail server and logged in.' };
	} catch (error) {
		return { status: 'Error', message: maskText(error instanceof Error ? error.message : String(error)) };
	} finally {
		transport?.close();
	}
}
