import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { defaultJourneyStep, defaultPurpose, languageOf, templateInputFromItem } from '../../core/email';
import type { ConfirmationStyle, EmailAttachment, EmailPurpose, ProductInput, TemplateInput, TemplateKind } from '../../core/email';
import { InputError } from '../../core/shared/errors';
import { resolveStep } from '../../core/journey';
import { onceStep } from '../../core/shared/sendKey';
import { onceValueFor } from '../shared/properties';

/** Reads the node's parameters for one item and maps them, with the item's canonical data, to the core's input. */

export interface ItemPlan {
	input: TemplateInput;
	to: string[];
	cc: string[];
	bcc: string[];
	replyTo?: string;
	journeyStep: string;
	customHeaders: Record<string, string>;
	unsubscribeMailto?: string;
	onRejected: 'error' | 'continue';
	attachmentFields: string[];
	/** The "Shorten Links" options as set (Sending, version 1.1). */
	shortLinks: IDataObject;
}

const list = (value: unknown): string[] =>
	String(value ?? '')
		.split(/[,;]/)
		.map((s) => s.trim())
		.filter(Boolean);

const lines = (value: unknown): string[] | undefined => {
	const out = String(value ?? '')
		.split(/\r?\n/)
		.map((s) => s.trim())
		.filter(Boolean);
	return out.length ? out : undefined;
};

const text = (value: unknown): string | undefined => (value === undefined || value === null || String(value).trim() === '' ? undefined : String(value).trim());

export function planItem(ctx: IExecuteFunctions, i: number, item: INodeExecutionData): ItemPlan {
	const template = ctx.getNodeParameter('template', i) as TemplateKind;
	const version = ctx.getNode().typeVersion;
	const options = readOptions(ctx, i, version);
	const data = templateInputFromItem(item.json as Record<string, unknown>);
	const language = ctx.getNodeParameter('language', i, 'auto') as string;
	const lang = language === 'de' || language === 'en' ? language : languageOf(data.locale);
	const purposeOption = (options.purpose as string) || 'auto';
	const purpose: EmailPurpose = purposeOption === 'marketing' || purposeOption === 'transactional' ? purposeOption : defaultPurpose(template);

	const input: TemplateInput = {
		template,
		style: resolveStep(template)?.id === 'order_received' ? (ctx.getNodeParameter('confirmationStyle', i, 'simple') as ConfirmationStyle) : undefined,
		lang,
		locale: data.locale && languageOf(data.locale) === lang ? data.locale : lang === 'de' ? 'de-DE' : 'en-US',
		timezone: data.timezone,
		purpose,
		brand: {
			shopName: String(ctx.getNodeParameter('shopName', i)).trim(),
			logoUrl: text(options.logoUrl),
			color: text(options.brandColor),
			websiteUrl: text(options.shopUrl),
			address: lines(options.shopAddress),
			imprint: lines(options.imprint),
		},
		customer: data.customer,
		order: data.order,
		shipment: data.shipment,
		return: data.return,
		cart: data.cart,
		product: data.product,
		couponCode: text(options.couponCode),
		couponNote: text(options.couponNote),
		referralCode: text(options.referralCode),
		crossSell: crossSell(options.crossSellItems),
		reviewUrl: text(options.reviewUrl),
		ratingUrl: text(options.ratingUrl),
		shopUrl: text(options.shopUrl),
		unsubscribeUrl: text(ctx.getNodeParameter('unsubscribeUrl', i, '')),
		subject: text(options.subject),
		preheader: text(options.preheader),
		intro: text(options.intro),
	};
	if (!input.brand.shopName) throw new InputError('The shop name is empty', 'shopName', 'Fill in "Shop Name".');
	if (resolveStep(template)?.id === 'custom') {
		input.custom = {
			subject: text(ctx.getNodeParameter('customSubject', i, '')),
			text: text(ctx.getNodeParameter('customText', i, '')),
			html: text(ctx.getNodeParameter('customHtml', i, '')),
			heading: text(options.customHeading),
			buttonLabel: text(options.customButtonLabel),
			buttonUrl: text(options.customButtonUrl),
		};
	}

	const operation = ctx.getNodeParameter('operation', i) as string;
	const toParam = operation === 'send' ? text(ctx.getNodeParameter('toEmail', i, '')) : undefined;
	const to = list(toParam ?? data.email);
	if (operation === 'send' && to.length === 0) {
		throw new InputError('No recipient: the item has no customer e-mail and "To" is empty', 'toEmail', 'Map "To" to the e-mail field of your data.');
	}
	const headerRows = ((options.customHeaders as IDataObject | undefined)?.header as IDataObject[] | undefined) ?? [];
	return {
		input,
		to,
		cc: list(options.cc),
		bcc: list(options.bcc),
		replyTo: text(options.replyTo),
		// Version 1 claims under its old names (order_confirmation); 1.1 under the step of the e-mail that goes out.
		journeyStep: onceStep(
			text(options.journeyStep) ?? (version < 1.1 ? defaultJourneyStep(template) : defaultJourneyStep(template, input)),
			operation === 'send' ? text(onceValueFor(ctx, i, item.json as Record<string, unknown>)) : undefined,
		),
		customHeaders: Object.fromEntries(headerRows.filter((h) => text(h.name)).map((h) => [String(h.name).trim(), String(h.value ?? '')])),
		unsubscribeMailto: text(options.unsubscribeMailto),
		onRejected: options.onRejected === 'continue' ? 'continue' : 'error',
		attachmentFields: list(options.attachments),
		shortLinks: Object.fromEntries(['shortLinks', 'shortLinkDomain', 'shortLinkPath', 'shortLinkDays'].filter((k) => k in options).map((k) => [k, options[k]])),
	};
}

/** Version 1: the one "Options" list. 1.1: the same options (same names) in Content, Design and Sending. */
function readOptions(ctx: IExecuteFunctions, i: number, version: number): IDataObject {
	if (version < 1.1) return ctx.getNodeParameter('options', i, {}) as IDataObject;
	return {
		...(ctx.getNodeParameter('content', i, {}) as IDataObject),
		...(ctx.getNodeParameter('design', i, {}) as IDataObject),
		...(ctx.getNodeParameter('sending', i, {}) as IDataObject),
	};
}

/** Product rows (1.1) or version 1's JSON list, which saved workflows keep. */
function crossSell(value: unknown): ProductInput[] | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'object' && !Array.isArray(value)) {
		const rows = ((value as IDataObject).product as IDataObject[] | undefined) ?? [];
		const products = rows.filter((r) => text(r.title)).map((r) => ({ title: String(r.title).trim(), url: text(r.url), imageUrl: text(r.imageUrl), price: text(r.price) }));
		return products.length ? products : undefined;
	}
	const parsed = typeof value === 'string' ? parseJson(value) : value;
	if (parsed === INVALID) {
		throw new InputError('"Product Recommendations" is not valid JSON', 'crossSellItems', 'Use a list like [{ "title": "Mug", "url": "https://…", "imageUrl": "https://…", "price": "12.90" }].');
	}
	if (!Array.isArray(parsed)) throw new InputError('"Product Recommendations" must be a list of products', 'crossSellItems');
	return parsed.length ? (parsed as ProductInput[]) : undefined;
}

const INVALID = Symbol('invalid JSON');

function parseJson(value: string): unknown {
	try {
		return JSON.parse(value);
	} catch {
		return INVALID;
	}
}

/** Turns the named binary fields of an item into attachments (n8n keeps binary data outside the json). */
export async function attachmentsFor(ctx: IExecuteFunctions, i: number, item: INodeExecutionData, fields: string[]): Promise<EmailAttachment[]> {
	const out: EmailAttachment[] = [];
	for (const field of fields) {
		const binary = item.binary?.[field];
		if (!binary) throw new InputError(`The item has no binary field "${field}" to attach`, 'attachments', 'Check the field name in "Attachments" against the binary tab of the input.');
		const content = await ctx.helpers.getBinaryDataBuffer(i, field);
		out.push({ filename: binary.fileName || `${field}.${binary.fileExtension || 'bin'}`, content, contentType: binary.mimeType });
	}
	return out;
}
