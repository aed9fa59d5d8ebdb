import { NodeConnectionTypes } from 'n8n-workflow';
import type { IDataObject, IHookFunctions, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { answerLinkRequest, linkNotFoundPage, pageLanguage } from '../../core/links';
import type { LinkOutcome } from '../../core/links';
import { getJourneyStore, postPurchaseStoreConnectionTest } from '../shared/storeFromCredential';
import { properties } from './description';

const WEBHOOK = { responseMode: 'onReceived', path: '={{$parameter["path"]}}', isFullPath: true } as const;

function header(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

/** Whether this click starts the workflow, by "Start Workflow On". */
function emits(outcome: Extract<LinkOutcome, { kind: 'redirect' }>, startOn: string): boolean {
	if (!outcome.counted) return false;
	return startOn === 'every' || (startOn === 'first' && outcome.first);
}

export class ShortLinkTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Short Link Trigger',
		name: 'shortLinkTrigger',
		icon: { light: 'file:shortLinkTrigger.svg', dark: 'file:shortLinkTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "/" + $parameter["path"] }}',
		description: 'Answers the short links of SMS and e-mails with the real page, counts the clicks and can start a workflow on a click',
		defaults: { name: 'Short Link Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'postPurchaseStoreApi', required: false, testedBy: 'postPurchaseStoreConnectionTest' }],
		// HEAD is answered too (link checkers ask with it first); it is redirected, recorded and never counted.
		webhooks: [
			{ name: 'default', httpMethod: 'GET', ...WEBHOOK },
			{ name: 'default', httpMethod: 'HEAD', ...WEBHOOK },
		],
		properties,
	};

	methods = { credentialTest: { postPurchaseStoreConnectionTest } };

	webhookMethods = {
		// Nothing to register elsewhere: the links point at this webhook's own address.
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject();
		const res = this.getResponseObject();
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const startOn = this.getNodeParameter('startOn', 'every') as string;
		const page = (status: number, html: string): IWebhookResponseData => {
			res.status(status);
			res.setHeader('content-type', 'text/html; charset=utf-8');
			res.setHeader('cache-control', 'no-store');
			res.end(html);
			return { noWebhookResponse: true };
		};
		let outcome: LinkOutcome;
		try {
			const store = await getJourneyStore(this);
			outcome = await answerLinkRequest(
				store.links,
				{ method: req.method, url: req.originalUrl ?? req.url, headers: req.headers, at: new Date() },
				{ minSecondsAfterSend: Number(options.minSecondsAfterSend ?? 10) },
			);
		} catch (error) {
			// Without the store there is no target to send the customer to: a friendly page, and the reason in the log.
			this.logger.error(`Short Link Trigger: could not read the journey store: ${error instanceof Error ? error.message : String(error)}`);
			return page(503, linkNotFoundPage(pageLanguage(header(req.headers['accept-language']))));
		}
		if (outcome.kind === 'not_found') return page(outcome.status, outcome.html);

		// The redirect goes out before the workflow starts: the customer never waits for it.
		res.status(302);
		res.setHeader('location', outcome.location);
		res.setHeader('cache-control', 'no-store, private');
		res.setHeader('referrer-policy', 'no-referrer');
		res.setHeader('x-robots-tag', 'noindex');
		res.end();
		if (!outcome.counted) this.logger.debug(`Short Link Trigger: request for ${outcome.link.code} not counted (${outcome.reason})`);
		if (!emits(outcome, startOn)) return { noWebhookResponse: true };
		const { link } = outcome;
		const customer = link.subject ? (link.subject.includes('@') ? { email: link.subject } : { phone: link.subject }) : {};
		const json: IDataObject = {
			event: 'link.clicked',
			clickedAt: new Date().toISOString(),
			click: { code: link.code, url: link.url, first: outcome.first, clicks: link.clicks, journeyStep: link.journeyStep, channel: link.channel, sentAt: link.createdAt.toISOString() },
			customer,
		};
		return { noWebhookResponse: true, workflowData: [[{ json }]] };
	}
}
