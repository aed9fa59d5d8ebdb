import { NodeConnectionTypes } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { createTwilioClient, mapConcurrent, SmsSender } from '../../core/sms';
import type { ComposedSms, TwilioCredentialData } from '../../core/sms';
import { maskText } from '../../core/shared/mask';
import { errorText, toNodeError } from '../shared/errors';
import { forEachItem } from '../shared/itemLoop';
import { getJourneyStore, postPurchaseStoreConnectionTest } from '../shared/storeFromCredential';
import { properties } from './description';
import { composeWithLinks, planItem } from './input';
import { rememberReviewAsk } from './reviewAsk';
import type { ItemPlan, SenderDefaults } from './input';

function smsJson(sms: ComposedSms, plan: ItemPlan, shortLinks?: unknown[]): IDataObject {
	return { ...sms, journeyStep: plan.journeyStep, purpose: plan.purpose, ...(shortLinks ? { shortLinks } : {}) } as unknown as IDataObject;
}

export class SmsCompose implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SMS Compose',
		name: 'smsCompose',
		icon: { light: 'file:smsCompose.svg', dark: 'file:smsCompose.dark.svg' },
		group: ['output'],
		// 1.1: journey steps named by the registry, "Send Once Per" and "Price Per Segment" without expressions or JSON.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{ $parameter["operation"] === "compose" ? "Preview: " : "Send: " }}{{ $parameter["journeyStep"] }}',
		description: 'Builds journey SMS in the customer language, shows segments and cost, and sends them through Twilio exactly once',
		defaults: { name: 'SMS Compose' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'postPurchaseTwilioApi', required: true },
			{ name: 'postPurchaseStoreApi', required: false, testedBy: 'postPurchaseStoreConnectionTest', displayOptions: { show: { operation: ['send'] } } },
		],
		properties,
	};

	methods = { credentialTest: { postPurchaseStoreConnectionTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0) as string;
		const credential = (await this.getCredentials('postPurchaseTwilioApi')) as unknown as TwilioCredentialData;
		const sender: SenderDefaults = { from: credential.defaultFrom || undefined, messagingServiceSid: credential.messagingServiceSid || undefined };
		if (operation === 'compose') {
			return forEachItem(this, 1, async (i, item) => {
				const plan = planItem(this, i, item, sender);
				const { sms, shortLinks } = await composeWithLinks(this, i, plan, null);
				// eslint-disable-next-line @n8n/community-nodes/missing-paired-item -- forEachItem adds pairedItem
				return { json: { ...item.json, sms: smsJson(sms, plan, shortLinks) }, binary: item.binary };
			});
		}
		return sendAll(this, credential, sender);
	}
}

/**
 * Send: compose every item first (bad input fails fast, nothing sent for it), then send concurrently under one
 * rate limit. Output order and pairedItem follow the input; failures become error items with "Continue On Fail".
 */
async function sendAll(ctx: IExecuteFunctions, credential: TwilioCredentialData, sender: SenderDefaults): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const rate = Number((ctx.getNodeParameter('options', 0, {}) as IDataObject).messagesPerSecond ?? 1) || 1;
	const client = createTwilioClient(credential);
	const store = await getJourneyStore(ctx);
	// One rate per Twilio account: every workflow and queue-mode worker reserves its send slots in the journey store.
	const smsSender = new SmsSender({ client, store, messagesPerSecond: rate, shareRateAs: credential.accountSid });
	const continueOnFail = ctx.continueOnFail();
	let stopped = false;
	const results = await mapConcurrent(items.length, SmsSender.concurrencyFor(rate), async (i): Promise<IDataObject | { failed: unknown } | null> => {
		if (stopped) return null; // an earlier item failed and the node stops, as n8n's sequential loop would
		try {
			const plan = planItem(ctx, i, items[i], sender);
			const { sms, shortLinks } = await composeWithLinks(ctx, i, plan, store);
			const opts = plan.options;
			const sent = await smsSender.send({
				to: sms.to,
				body: sms.body,
				from: sms.from ?? undefined,
				messagingServiceSid: sms.messagingServiceSid ?? undefined,
				statusCallback: typeof opts.statusCallback === 'string' && opts.statusCallback ? opts.statusCallback : undefined,
				mediaUrl: typeof opts.mediaUrl === 'string' && opts.mediaUrl ? [opts.mediaUrl] : undefined,
				shortenUrls: opts.shortenUrls === true,
				journeyStep: plan.journeyStep,
				purpose: plan.purpose,
				dedupeId: plan.dedupeId,
				couponCode: couponIn(items[i].json, sms.body),
				segments: sms.segments,
				encoding: sms.encoding,
			});
			if (sent.outcome === 'already_sent') ctx.logger.debug(maskText(`SMS Compose: ${plan.journeyStep} already sent to ${sms.to}, skipped`));
			if (sent.suppressedBy) ctx.logger.info(maskText(`SMS Compose: ${plan.journeyStep} to ${sms.to} not sent: suppressed (${sent.suppressedBy.reason}) since ${sent.suppressedBy.at}`));
			if (sent.logError) ctx.logger.warn(maskText(`SMS Compose: sent ${sent.sid} but could not write the message log: ${sent.logError}`));
			if (sent.outcome === 'sent') {
				const askError = await rememberReviewAsk(store, plan.journeyStep, items[i].json, sms, sent.sid, plan.dedupeId);
				if (askError) ctx.logger.warn(maskText(`SMS Compose: sent ${sent.sid} but could not remember the review request's scale: ${askError}`));
			}
			return {
				...smsJson(sms, plan, shortLinks),
				sid: sent.sid,
				status: sent.status,
				sentAt: sent.sentAt,
				attempts: sent.attempts,
				...(sent.suppressedBy ? { suppressedBy: sent.suppressedBy } : {}),
			};
		} catch (error) {
			if (!continueOnFail) stopped = true;
			return { failed: error };
		}
	});
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		const r = results[i];
		const value = r.ok ? r.value : { failed: r.error };
		if (value === null) continue;
		if (!('failed' in value)) {
			out.push({ json: { ...items[i].json, sms: value }, binary: items[i].binary, pairedItem: { item: i } });
			continue;
		}
		{
			const nodeError = toNodeError(ctx.getNode(), value.failed, i);
			if (!continueOnFail) throw nodeError;
			// Only `{ error }` lets n8n route the item to the error output.
			out.push({ json: { error: errorText(nodeError) }, error: nodeError, pairedItem: { item: i } });
		}
	}
	return [out];
}

/** The item's voucher code (`coupon.code`, `couponCode`) when the text carries it, for the message log. */
function couponIn(json: IDataObject, body: string): string | undefined {
	const coupon = json.coupon as IDataObject | undefined;
	const code = String((coupon && typeof coupon === 'object' ? coupon.code : undefined) ?? json.couponCode ?? '').trim();
	return code !== '' && body.includes(code) ? code : undefined;
}
