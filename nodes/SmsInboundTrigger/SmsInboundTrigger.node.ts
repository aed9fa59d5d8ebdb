import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { handleInboundMessage, handleStatusCallback, isStatusCallback, twilioDedupeKey, twiml } from '../../core/consent';
import { verifyTwilioSignature } from '../../core/shared/twilioSignature';
import { maskText } from '../../core/shared/mask';
import { getJourneyStore, postPurchaseStoreConnectionTest } from '../shared/storeFromCredential';
import { properties } from './description';

/** Redeliveries arrive within minutes to hours; a week of claims is plenty and keeps the table small. */
const DEDUPE_TTL_MS = 7 * 24 * 3_600_000;

function header(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

export class SmsInboundTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SMS Inbound Trigger',
		name: 'smsInboundTrigger',
		icon: { light: 'file:smsInboundTrigger.svg', dark: 'file:smsInboundTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"] === "both" ? "Replies and status updates" : $parameter["events"] === "status" ? "Status updates" : "Replies" }}',
		description: 'Starts when a customer replies by SMS (STOP, START, HELP, ratings …) or Twilio reports a delivery status',
		defaults: { name: 'SMS Inbound Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'postPurchaseTwilioApi', required: true },
			{ name: 'postPurchaseStoreApi', required: false, testedBy: 'postPurchaseStoreConnectionTest' },
		],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'sms' }],
		properties,
	};

	methods = { credentialTest: { postPurchaseStoreConnectionTest } };

	webhookMethods = {
		default: {
			// The webhook URL is set by hand in the Twilio console (number or Messaging Service), so there is nothing
			// to register or remove here.
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
		const events = this.getNodeParameter('events', 'inbound') as string;
		const credentials = await this.getCredentials('postPurchaseTwilioApi');
		const params = Object.fromEntries(Object.entries((req.body ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));

		const forwardedProto = header(req.headers['x-forwarded-proto'])?.split(',')[0]?.trim();
		const forwardedHost = header(req.headers['x-forwarded-host'])?.split(',')[0]?.trim();
		const url = String(options.publicUrl ?? '').trim() || `${forwardedProto ?? req.protocol}://${forwardedHost ?? req.get('host')}${req.originalUrl}`;
		const valid = verifyTwilioSignature({
			authToken: String(credentials.authToken ?? ''),
			url,
			params,
			signature: header(req.headers['x-twilio-signature']),
		});
		if (!valid) {
			this.logger.warn('SMS Inbound Trigger: rejected a request with a missing or wrong X-Twilio-Signature (check the auth token and the public URL option)');
			res.status(403).send('Invalid signature');
			return { noWebhookResponse: true };
		}

		const store = await getJourneyStore(this);
		const key = twilioDedupeKey(params, header(req.headers['i-twilio-idempotency-token']));
		const empty = () => {
			res.status(200).type('text/xml').send(twiml(null));
			return { noWebhookResponse: true } as IWebhookResponseData;
		};
		if (!(await store.claim(key, DEDUPE_TTL_MS))) return empty();

		try {
			if (isStatusCallback(params)) {
				const status = await handleStatusCallback(store, params);
				if (events === 'inbound') return empty();
				res.status(200).type('text/xml').send(twiml(null));
				return {
					noWebhookResponse: true,
					workflowData: [this.helpers.returnJsonArray([{ event: 'sms.status', platform: 'twilio', receivedAt: new Date().toISOString(), eventId: key, ...status }])],
				};
			}
			const outcome = await handleInboundMessage(store, params, {
				enabled: options.autoReply === true,
				brand: String(options.brand ?? '').trim() || 'Shop',
				contact: String(options.contact ?? '').trim() || 'our customer service',
				defaultLanguage: (options.replyLanguage as 'de' | 'en' | 'fr') ?? 'de',
			});
			res.status(200).type('text/xml').send(twiml(outcome.reply));
			if (events === 'status') return { noWebhookResponse: true };
			const inbound = {
				from: outcome.from,
				to: params.To ?? null,
				body: params.Body ?? '',
				messageSid: params.MessageSid ?? params.SmsSid ?? null,
				intent: outcome.classification.intent,
				keyword: outcome.classification.keyword,
				needsReview: outcome.classification.needsReview === true,
				confirmedDoubleOptIn: outcome.confirmedDoubleOptIn,
			};
			return {
				noWebhookResponse: true,
				workflowData: [this.helpers.returnJsonArray([{ event: 'sms.inbound', platform: 'twilio', receivedAt: new Date().toISOString(), eventId: key, inbound }])],
			};
		} catch (error) {
			// Give the claim back so Twilio's retry can be processed once the problem is fixed.
			await store.release(key);
			this.logger.error(maskText(`SMS Inbound Trigger: ${error instanceof Error ? error.message : String(error)}`));
			res.status(500).send('Could not record the message');
			return { noWebhookResponse: true };
		}
	}
}
