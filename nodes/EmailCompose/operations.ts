import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { buildHeaders, composeEmail, deliverOnce } from '../../core/email';
import type { MailTransport } from '../../core/email';
import { maskText } from '../../core/shared/mask';
import type { JourneyStore } from '../../core/store';
import type { ItemResult } from '../shared/itemLoop';
import { attachmentsFor, planItem } from './input';

/** One function per operation, each handling one item: parameters → one core call → the output item. */

export async function composeItem(ctx: IExecuteFunctions, i: number, item: INodeExecutionData): Promise<ItemResult> {
	const { input } = planItem(ctx, i, item);
	const { subject, preheader, html, text } = composeEmail(input);
	return { json: { subject, preheader, html, text } };
}

export async function sendItem(ctx: IExecuteFunctions, i: number, item: INodeExecutionData, transport: MailTransport, store: JourneyStore): Promise<ItemResult> {
	const plan = planItem(ctx, i, item);
	const rendered = composeEmail(plan.input);
	const headers = buildHeaders({
		purpose: plan.input.purpose,
		unsubscribe: { url: plan.input.unsubscribeUrl, mailto: plan.unsubscribeMailto },
		custom: plan.customHeaders,
	});
	const attachments = await attachmentsFor(ctx, i, item, plan.attachmentFields);
	const result = await deliverOnce(
		transport,
		{ to: plan.to, cc: plan.cc, bcc: plan.bcc, replyTo: plan.replyTo, subject: rendered.subject, html: rendered.html, text: rendered.text, headers, attachments },
		{ store, subject: plan.to[0], journeyStep: plan.journeyStep, purpose: plan.input.purpose, onRejected: plan.onRejected, couponCode: plan.input.couponCode || undefined },
	);
	if (result.status === 'already_sent') ctx.logger.debug(maskText(`Email Compose: "${plan.journeyStep}" was already sent to ${plan.to[0]}; skipped`));
	const email: IDataObject = {
		to: plan.to,
		subject: rendered.subject,
		messageId: result.messageId,
		accepted: result.accepted,
		rejected: result.rejected,
		status: result.status,
		journeyStep: plan.journeyStep,
		purpose: plan.input.purpose,
	};
	return { json: { ...item.json, email }, binary: item.binary };
}
