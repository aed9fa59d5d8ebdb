import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { shortenText } from '../../core/links';
import type { ShortenedLink } from '../../core/links';
import { composeSms, finishSms, parsePriceOverrides, prepareSms, SMS_TEMPLATES, smsStep, templateVariants } from '../../core/sms';
import type { ComposedSms, ComposeInput } from '../../core/sms';
import type { JourneyStore } from '../../core/store';
import { onceValueFor } from '../shared/properties';
import { messageShortener, shortLinkTarget } from '../shared/shortLinks';

/** Reads one item's parameters into the core's compose input. */

export interface SenderDefaults {
	from?: string;
	messagingServiceSid?: string;
}

export interface ItemPlan {
	input: ComposeInput;
	journeyStep: string;
	purpose: 'transactional' | 'marketing';
	dedupeId: string;
	options: IDataObject;
}

/** A parameter as the marketer typed it: n8n expressions unresolved (`={{ … }}` keeps its braces, minus the `=`). */
function authored(raw: unknown, resolved: string): string {
	return typeof raw === 'string' ? raw.replace(/^=/, '') : resolved;
}

/**
 * The texts before n8n filled in its expressions, by the same keys as `variants`: whether a text already carries an
 * opt-out instruction is decided from these, never from the customer or product data an expression brings in.
 */
function authoredTexts(ctx: IExecuteFunctions, variants: Record<string, string>, rows: Array<{ locale?: string; text?: string }>): Record<string, string> {
	const params = ctx.getNode().parameters;
	const out: Record<string, string> = { ...variants };
	if (variants.default !== undefined) out.default = authored(params.messageText, variants.default);
	const rawRows = ((params.variants as IDataObject | undefined)?.variant as IDataObject[] | undefined) ?? [];
	rows.forEach((row, k) => {
		if (row.locale && row.text) out[row.locale] = authored(rawRows[k]?.text, row.text);
	});
	return out;
}

export function planItem(ctx: IExecuteFunctions, i: number, item: INodeExecutionData, sender: SenderDefaults): ItemPlan {
	const journeyStep = ctx.getNodeParameter('journeyStep', i) as string;
	const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
	const text = String(ctx.getNodeParameter('messageText', i, '') ?? '');
	const variantRows = (ctx.getNodeParameter('variants', i, {}) as { variant?: Array<{ locale?: string; text?: string }> }).variant ?? [];
	// The stored value (a registry id, or version 1's delivery_problem / double_opt_in) picks texts and purpose
	// through the step registry; the claim keeps the stored name, so Consent Gates that name it keep matching.
	const step = smsStep(journeyStep);
	const template = step ? SMS_TEMPLATES[step] : undefined;
	const variants: Record<string, string> = text.trim() ? { default: text } : step ? templateVariants(step, options.germanAddress === 'formal' ? 'formal' : 'informal') : {};
	for (const row of variantRows) if (row.locale && row.text) variants[row.locale] = row.text;
	const authoredVariants = authoredTexts(ctx, variants, variantRows);
	const purposeParam = ctx.getNodeParameter('purpose', i, 'auto') as string;
	const purpose = purposeParam === 'auto' ? (template?.purpose ?? 'transactional') : (purposeParam as 'transactional' | 'marketing');
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const dedupeId = operation === 'send' ? onceValueFor(ctx, i, item.json as Record<string, unknown>) : '';
	const str = (key: string) => (typeof options[key] === 'string' && (options[key] as string).trim() ? (options[key] as string).trim() : undefined);
	const input: ComposeInput = {
		to: String(ctx.getNodeParameter('recipient', i, '') ?? '') || (ctx.getNode().typeVersion >= 1.1 ? customerPhone(item.json) : ''),
		from: str('from') ?? sender.from,
		messagingServiceSid: sender.messagingServiceSid || undefined,
		data: item.json as Record<string, unknown>,
		variants,
		authoredVariants,
		journeyStep,
		purpose,
		defaultLocale: str('defaultLocale') ?? 'en',
		defaultTimezone: str('defaultTimezone') ?? 'Europe/Berlin',
		shopName: str('shopName'),
		shopUrl: str('shopUrl'),
		optOutUrl: str('optOutUrl'),
		addOptOut: options.addOptOut !== false,
		utm: options.utm === true ? { campaign: str('utmCampaign') } : false,
		smartReplace: options.smartReplace !== false,
		maxSegments: Number(options.maxSegments ?? 0) || 0,
		onExceed: options.onExceed === 'shorten' ? 'shorten' : 'error',
		prices: parsePriceOverrides(segmentPrices(options)),
	};
	return { input, journeyStep, purpose, dedupeId, options };
}

/** Version 1.1 leaves "Recipient Phone" empty by default: the customer's phone from the shop event. */
function customerPhone(json: IDataObject): string {
	const customer = json.customer as IDataObject | undefined;
	return customer && typeof customer === 'object' && customer.phone ? String(customer.phone) : '';
}

/** "Price Per Segment": rows of country and price (1.1), or version 1's JSON object, which saved workflows keep. */
function segmentPrices(options: IDataObject): unknown {
	const rows = ((options.segmentPrices as IDataObject | undefined)?.price as IDataObject[] | undefined) ?? [];
	if (!rows.length) return options.prices;
	return Object.fromEntries(rows.filter((r) => String(r.country ?? '').trim()).map((r) => [String(r.country).trim(), Number(r.price)]));
}

/**
 * Renders the SMS; with "Shorten Links", its links become short links before segments and cost are counted, so the
 * pre-flight figures are those of the text that goes out. Without a store (Compose) the codes are placeholders of
 * the real length; with one (Send) they are stored for this customer, message and link.
 */
export async function composeWithLinks(
	ctx: IExecuteFunctions,
	i: number,
	plan: ItemPlan,
	store: JourneyStore | null,
): Promise<{ sms: ComposedSms; shortLinks?: Array<Omit<ShortenedLink, 'code'>> }> {
	const target = shortLinkTarget(ctx, i, plan.options);
	if (!target) return { sms: composeSms(plan.input) };
	const prepared = prepareSms(plan.input);
	const shortener = messageShortener(target, store, {
		subject: prepared.to,
		channel: 'sms',
		journeyStep: plan.journeyStep,
		dedupeId: plan.dedupeId,
		skip: plan.input.optOutUrl ? [plan.input.optOutUrl] : [],
	});
	const shortened = await shortenText(prepared.text, shortener);
	return { sms: finishSms(prepared, shortened.text), shortLinks: shortened.links.map(({ url, shortUrl }) => ({ url, shortUrl })) };
}
