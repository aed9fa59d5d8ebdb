import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { pageLanguage, trackingPage } from '../../../core/pages';
import type { PageLanguage, TrackingPageState } from '../../../core/pages';
import type { JourneyStore } from '../../../core/store';
import { DEFAULT_ATTEMPT_LIMITS, lookUpByForm, lookUpByLink, ORDER_LINK_PURPOSE, orderLinkUrl, orderStatus, sealOrderLink } from '../../../core/tracking';
import type { Lookup, Recommendation } from '../../../core/tracking';
import { showFor } from '../../shared/displayOptions';
import { forEachItem } from '../../shared/itemLoop';

const DAY_MS = 86_400_000;

const fields: INodeProperties[] = [
	{
		displayName:
			'Put a Webhook node (GET and POST) before this node and a Respond to Webhook node after it, or import the Tracking Page template. The customer sees a form, enters the order number and the e-mail address or postcode, and sees the status.',
		name: 'trackingNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'HTML Page', value: 'page', description: "The customer's page in field \"html\", for a Respond to Webhook node" },
			{ name: 'Order Status', value: 'items', description: 'The status as data, e.g. for a chat or an AI agent' },
		],
		default: 'page',
	},
	{
		displayName: 'Order Number',
		name: 'orderNumber',
		type: 'string',
		default: '={{ $json.body?.order ?? "" }}',
		description: 'What the customer typed as the order number ("#1001" and "1001" both work). Empty shows the form.',
	},
	{
		displayName: 'E-Mail or Postcode',
		name: 'verification',
		type: 'string',
		default: '={{ $json.body?.check ?? "" }}',
		description: 'What the customer typed to prove it is their order: the e-mail address of the order or the postcode of the delivery address',
	},
	{
		displayName: 'Signed Link',
		name: 'signedLink',
		type: 'string',
		default: '={{ $json.query?.t ?? "" }}',
		description: 'The "t" part of a link to this page from an SMS or e-mail: opens the order without the form while it is valid',
	},
	{
		displayName: 'Shop Name',
		name: 'shopName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Kaffeerösterei Müller',
		description: 'Shown at the top of the page',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{ displayName: 'Brand Colour', name: 'brandColor', type: 'color', default: '#0b69a3', description: 'Buttons, links and the finished steps' },
			{
				displayName: 'Client Address',
				name: 'clientAddress',
				type: 'string',
				default: '={{ $json.headers?.["x-forwarded-for"] ?? $json.headers?.["x-real-ip"] ?? "" }}',
				description: "The visitor's IP address as your proxy passes it on, for the attempt limit per visitor. Empty = only the limit per order number applies.",
			},
			{
				displayName: 'Fallback Products',
				name: 'fallbackProducts',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				description: 'Shown when your order history knows too little about what goes with this order (a new shop, a rare product)',
				options: [
					{
						displayName: 'Product',
						name: 'product',
						values: [
							{ displayName: 'Title', name: 'title', type: 'string', default: '' },
							{ displayName: 'Link', name: 'url', type: 'string', default: '', placeholder: 'e.g. https://shop.example.com/products/espresso' },
							{ displayName: 'Price', name: 'price', type: 'string', default: '', placeholder: 'e.g. 12.90' },
							{ displayName: 'Currency', name: 'currency', type: 'string', default: 'EUR' },
						],
					},
				],
			},
			{
				displayName: 'Language',
				name: 'language',
				type: 'options',
				options: [
					{ name: "Customer's Browser", value: 'auto' },
					{ name: 'English', value: 'en' },
					{ name: 'German', value: 'de' },
				],
				default: 'auto',
				description: "Which language the page is in. The browser's setting decides by default; an order that names its language overrides it.",
			},
			{
				displayName: 'Language Header',
				name: 'acceptLanguage',
				type: 'string',
				default: '={{ $json.headers?.["accept-language"] ?? "" }}',
				description: "The browser's Accept-Language header, for the page language",
			},
			{ displayName: 'Link Valid for (Days)', name: 'linkDays', type: 'number', typeOptions: { minValue: 1 }, default: 60, description: 'How long the page link shown after a successful check stays valid' },
			{ displayName: 'Logo URL', name: 'logoUrl', type: 'string', default: '', placeholder: 'e.g. https://shop.example.com/logo.png', description: 'A small logo above the page (https)' },
			{ displayName: 'Max Attempts per Order Number (per Hour)', name: 'perOrder', type: 'number', typeOptions: { minValue: 1 }, default: 10 },
			{ displayName: 'Max Attempts per Visitor (per Hour)', name: 'perClient', type: 'number', typeOptions: { minValue: 1 }, default: 30 },
			{
				displayName: 'Product Link',
				name: 'productUrl',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://shop.example.com/search?q={sku}',
				description: 'Link for a recommended product: {sku} and {productId} are filled in. Empty = recommendations without links.',
			},
			{ displayName: 'Recommendations', name: 'recommendationCount', type: 'number', typeOptions: { minValue: 0 }, default: 3, description: 'How many products to suggest: what other customers of the same items bought. 0 = none.' },
		],
	},
];

export const description = showFor({ operation: ['getOrderStatus'] }, fields);

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v).trim());

function fallbackOf(options: IDataObject): Recommendation[] {
	const products = ((options.fallbackProducts as IDataObject | undefined)?.product ?? []) as IDataObject[];
	return products
		.filter((p) => str(p.title))
		.map((p) => ({ title: str(p.title), url: str(p.url) || null, imageUrl: null, price: str(p.price) || null, currency: str(p.currency) || null }));
}

export async function execute(this: IExecuteFunctions, store: JourneyStore): Promise<INodeExecutionData[][]> {
	return forEachItem(this, 1, async (i, item) => {
		const now = new Date();
		const options = this.getNodeParameter('options', i, {}) as IDataObject;
		// Options not added in the editor keep no value: then the request headers of the Webhook item are read directly.
		const headers = (item.json.headers ?? {}) as IDataObject;
		const option = (name: string, header: string) => str(options[name] ?? headers[header]);
		const number = str(this.getNodeParameter('orderNumber', i, ''));
		const answer = str(this.getNodeParameter('verification', i, ''));
		const token = str(this.getNodeParameter('signedLink', i, ''));
		let lookup: Lookup | null = null;
		if (number || answer) {
			const limits = { perOrder: Number(options.perOrder ?? DEFAULT_ATTEMPT_LIMITS.perOrder), perClient: Number(options.perClient ?? DEFAULT_ATTEMPT_LIMITS.perClient) };
			lookup = await lookUpByForm(store, { number, answer, client: option('clientAddress', 'x-forwarded-for') || str(headers['x-real-ip']), limits, now });
		} else if (token) lookup = await lookUpByLink(store, token, now);
		const view = lookup?.found
			? await orderStatus(store, lookup.order, {
					recommendations: { limit: Number(options.recommendationCount ?? 3), productUrl: str(options.productUrl), fallback: fallbackOf(options) },
				})
			: null;
		// A link is offered after the form only: one opened by a link already has one.
		const link =
			view && lookup?.found && lookup.via === 'form'
				? orderLinkUrl('', sealOrderLink(store.derivedKey(ORDER_LINK_PURPOSE), view, new Date(now.getTime() + Math.max(1, Number(options.linkDays ?? 60)) * DAY_MS)))
				: null;
		const reason = lookup && !lookup.found ? lookup.reason : null;
		if (this.getNodeParameter('output', i, 'page') === 'items') {
			return { json: { found: !!view, ...(reason ? { reason } : {}), ...(view ? { order: view as unknown as IDataObject } : {}) } };
		}
		const chosen = str(options.language || 'auto');
		const fromOrder = view?.locale?.toLowerCase().startsWith('de') ? 'de' : view?.locale?.toLowerCase().startsWith('en') ? 'en' : null;
		const language: PageLanguage = chosen === 'de' || chosen === 'en' ? chosen : (fromOrder ?? pageLanguage(option('acceptLanguage', 'accept-language')));
		const state: TrackingPageState = view ? { kind: 'status', view, savedLink: link } : reason ? { kind: reason } : { kind: 'form' };
		const html = trackingPage({
			language,
			brand: { shopName: str(this.getNodeParameter('shopName', i, '')) || 'Shop', color: str(options.brandColor), logoUrl: str(options.logoUrl) },
			state,
			number: view ? '' : number,
		});
		return { json: { html, statusCode: reason === 'limited' ? 429 : 200, found: !!view, state: state.kind } };
	});
}
