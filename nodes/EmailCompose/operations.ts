import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { buildHeaders, composeEmail, deliverOnce } from '../../core/email';
import type { MailTransport } from '../../core/email';
import { shortenEmail } from '../../core/links';
import { maskText } from '../../core/shared/mask';
import type { JourneyStore } from '../../core/store';
import { messageShortener, shortLinkTarget } from '../shared/shortLinks';
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
	const rendered = await withShortLinks(ctx, i, plan, composeEmail(plan.input), store);
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
	if (result.status === 'suppressed') ctx.logger.info(maskText(`Email Compose: "${plan.journeyStep}" to ${plan.to[0]} not sent: suppressed (${result.suppressedBy.reason}) since ${result.suppressedBy.at}`));
	const email: IDataObject = {
		to: plan.to,
		subject: rendered.subject,
		messageId: result.messageId,
		accepted: result.accepted,
		rejected: result.rejected,
		status: result.status,
		journeyStep: plan.journeyStep,
		purpose: plan.input.purpose,
		...(rendered.shortLinks ? { shortLinks: rendered.shortLinks } : {}),
		...(result.status === 'suppressed' ? { suppressedBy: result.suppressedBy } : {}),
	};
	return { json: { ...item.json, email }, binary: item.binary };
}

/**
 * "Shorten Links" (Sending options): the e-mail's links (HTML hrefs and the text part) become short links stored for
 * this customer and message, the same code for the same target in both parts. The unsubscribe link stays as it is.
 */
async function withShortLinks<T extends { html: string; text: string }>(
	ctx: IExecuteFunctions,
	i: number,
	plan: ReturnType<typeof planItem>,
	rendered: T,
	store: JourneyStore,
): Promise<T & { shortLinks?: Array<{ url: string; shortUrl: string }> }> {
	const target = shortLinkTarget(ctx, i, plan.shortLinks);
	if (!target) return rendered;
	const [journeyStep, ...once] = plan.journeyStep.split(':');
	const shortener = messageShortener(target, store, {
		subject: plan.to[0],
		channel: 'email',
		journeyStep,
		dedupeId: once.join(':') || undefined,
		skip: plan.input.unsubscribeUrl ? [plan.input.unsubscribeUrl] : [],
	});
	const shortened = await shortenEmail({ html: rendered.html, text: rendered.text }, shortener);
	return { ...rendered, html: shortened.html, text: shortened.text ?? rendered.text, shortLinks: shortened.links.map(({ url, shortUrl }) => ({ url, shortUrl })) };
}
