import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { checkTarget, messageLinks, webhookBaseFromResumeUrl } from '../../core/links';
import type { ShortenContext, ShortLinkTarget } from '../../core/links';
import type { Channel, JourneyStore } from '../../core/store';

/**
 * "Shorten Links" on SMS Compose and Email Compose: the options, and how a node turns them into the core's shortening
 * context. The links are answered by a Short Link Trigger whose Path equals "Short Link Path".
 */

export const DEFAULT_SHORT_LINK_PATH = 'l';
export const DEFAULT_SHORT_LINK_DAYS = 90;

export const shortLinkOptions: INodeProperties[] = [
	{
		displayName: 'Short Link Domain',
		name: 'shortLinkDomain',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://go.myshop.de',
		description:
			"Leave empty to use this n8n's public webhook address (…/webhook). A short domain of your own is shorter: forward it to n8n's …/webhook/ address (e.g. https://go.myshop.de/l?code → https://n8n.myshop.de/webhook/l?code).",
	},
	{
		displayName: 'Short Link Path',
		name: 'shortLinkPath',
		type: 'string',
		default: DEFAULT_SHORT_LINK_PATH,
		description: 'The "Path" of your Short Link Trigger, which answers the links. Change both together.',
	},
	{
		displayName: 'Short Links Valid For (Days)',
		name: 'shortLinkDays',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: DEFAULT_SHORT_LINK_DAYS,
		description: 'After this many days a short link shows a friendly "no longer valid" page instead of the target; 0 keeps it working',
	},
	{
		displayName: 'Shorten Links',
		name: 'shortLinks',
		type: 'boolean',
		default: false,
		description:
			'Whether every link becomes a short personal link (…/l?Xy7kP2mQ9a) that a Short Link Trigger forwards and counts: fewer characters per SMS, clicks per customer and journey step, and orders attributed to the step',
	},
];

/** Where the links point, from the options; null when "Shorten Links" is off. */
export function shortLinkTarget(ctx: IExecuteFunctions, i: number, options: IDataObject): (ShortLinkTarget & { validDays: number }) | null {
	if (options.shortLinks !== true) return null;
	const domain = typeof options.shortLinkDomain === 'string' ? options.shortLinkDomain.trim() : '';
	// $execution.resumeUrl is n8n's public webhook address (WEBHOOK_URL) + /webhook-waiting/<execution>: the one place
	// an action node can read that address from.
	const base = domain || webhookBaseFromResumeUrl(String(ctx.evaluateExpression('{{ $execution.resumeUrl }}', i) ?? ''), process.env.N8N_ENDPOINT_WEBHOOK || 'webhook');
	const path = typeof options.shortLinkPath === 'string' && options.shortLinkPath.trim() ? options.shortLinkPath : DEFAULT_SHORT_LINK_PATH;
	const days = Number(options.shortLinkDays ?? DEFAULT_SHORT_LINK_DAYS);
	return { ...checkTarget({ base, path }), validDays: Number.isFinite(days) ? days : DEFAULT_SHORT_LINK_DAYS };
}

/** The shortening context for one message; without a store (a preview) the codes are placeholders. */
export function messageShortener(
	target: ShortLinkTarget & { validDays: number },
	store: JourneyStore | null,
	message: { subject: string; channel: Channel; journeyStep: string; dedupeId?: string; skip?: string[] },
): ShortenContext {
	return messageLinks({ ...target, ...message, links: store ? store.links : null, now: new Date() });
}
