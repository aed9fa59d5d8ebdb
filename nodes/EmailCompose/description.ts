import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { shortLinkOptions } from '../shared/shortLinks';
import { EMAIL_TEMPLATES } from '../../core/email';
import { JOURNEY_STEPS } from '../../core/journey';
import type { JourneyStepInfo } from '../../core/journey';
import { FROM_V11, sendOncePerProperties, V1_ONLY } from '../shared/properties';

/**
 * Parameters of the Email Compose node. `name`s and option `value`s are stored in workflows: never rename them.
 * Version 1 keeps its one "Options" list; 1.1 groups the same options (same `name`s) into Content, Design and
 * Sending, turns "Product Recommendations" into rows and "Send Once Per" into a plain choice.
 */

/** The built-in e-mails and Custom, labelled by the journey-step registry; `value` picks the stored value. */
function templateOptions(value: (step: JourneyStepInfo) => string | undefined): INodePropertyOptions[] {
	const notes: Record<string, string> = {
		order_received: 'in one of five styles',
		return_received: 'or the refund when the item carries one',
		custom: 'subject and text or HTML of your own',
	};
	return JOURNEY_STEPS.filter((step) => step.id in EMAIL_TEMPLATES || step.id === 'custom')
		.filter((step) => step.id !== 'refund_issued')
		.map((step) => ({
			name: step.id === 'return_received' ? 'Return Received / Refund' : step.label,
			value: value(step) ?? step.id,
			description: `${step.id === 'custom' ? 'Your own text in the shop design' : step.description}${notes[step.id] && step.id !== 'custom' ? `, ${notes[step.id]}` : ''}${step.purpose === 'marketing' ? ' (marketing)' : ''}`,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}


/** Every optional field, by `name`: version 1 lists them all in "Options", 1.1 groups them. */
const OPTION_FIELDS: INodeProperties[] = [
			{
				displayName: 'Attachments',
				name: 'attachments',
				type: 'string',
				default: '',
				placeholder: 'e.g. invoice',
				description: 'Names of binary fields of the item to attach, separated by commas (for example an invoice PDF)',
			},
			{ displayName: 'BCC', name: 'bcc', type: 'string', default: '', description: 'Hidden copy to these addresses, separated by commas' },
			{ displayName: 'Brand Color', name: 'brandColor', type: 'color', default: '#2f6f4e', description: 'Color of buttons, links and the shop name in the header' },
			{ displayName: 'Button Link', name: 'customButtonUrl', type: 'string', default: '', description: 'Adds a button to a custom e-mail when set together with "Button Text"' },
			{ displayName: 'Button Text', name: 'customButtonLabel', type: 'string', default: '', description: 'The label of the button in a custom e-mail' },
			{ displayName: 'CC', name: 'cc', type: 'string', default: '', description: 'Visible copy to these addresses, separated by commas' },
			{ displayName: 'Coupon Code', name: 'couponCode', type: 'string', default: '', description: 'A discount code shown in a highlighted box' },
			{ displayName: 'Coupon Note', name: 'couponNote', type: 'string', default: '', placeholder: 'e.g. 10% off your next order until 30 April', description: 'Small print under the code' },
			{
				displayName: 'Custom Headers',
				name: 'customHeaders',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				description: 'Extra e-mail headers, for example a campaign tag for your mail server',
				options: [
					{
						displayName: 'Header',
						name: 'header',
						values: [
							{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. X-Campaign' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			},
			{ displayName: 'Heading', name: 'customHeading', type: 'string', default: '', description: 'A large title above the text of a custom e-mail' },
			{ displayName: 'Imprint', name: 'imprint', type: 'string', typeOptions: { rows: 3 }, default: '', description: 'Legal lines for the footer (managing director, register, VAT ID), one per line' },
			{ displayName: 'Intro Text', name: 'intro', type: 'string', typeOptions: { rows: 3 }, default: '', description: 'Replaces the opening paragraph of a built-in template with your own words' },
			{
				displayName: 'Journey Step',
				name: 'journeyStep',
				type: 'string',
				default: '',
				placeholder: 'e.g. order_received',
				description:
					'Name of this moment in the journey; with "Send Once Per" it decides what counts as already sent (the claim is "step:Send Once Per value", which a Consent Gate names to see it). Leave empty to use the template\'s journey step (version 1: the template name, "order_confirmation" for order confirmations); set your own to send a template twice in one journey.',
			},
			{ displayName: 'Logo URL', name: 'logoUrl', type: 'string', default: '', placeholder: 'e.g. https://myshop.de/logo.png', description: 'An https image shown at the top instead of the shop name' },
			{
				displayName: 'Message Purpose',
				name: 'purpose',
				type: 'options',
				options: [
					{ name: 'Automatic (From Template)', value: 'auto', description: 'Review request, cart reminder, replenishment and win-back are marketing; the rest is transactional' },
					{ name: 'Marketing', value: 'marketing', description: 'Adds one-click unsubscribe; needs an unsubscribe URL' },
					{ name: 'Transactional', value: 'transactional', description: 'Order-related information without unsubscribe headers' },
				],
				default: 'auto',
			},
			{ displayName: 'Preheader', name: 'preheader', type: 'string', default: '', description: 'The preview line inbox lists show after the subject; replaces the built-in one' },
			{
				displayName: 'Product Recommendations',
				name: 'crossSellItems',
				type: 'json',
				default: '[]',
				placeholder: '[{ "title": "Mug", "url": "https://myshop.de/mug", "imageUrl": "https://myshop.de/mug.jpg", "price": "12.90" }]',
				description: 'Products to suggest (for "You May Also Like" and Win-Back): a JSON list, each with title, link, image link and price as in the example',
			},
			{ displayName: 'Rating Link', name: 'ratingUrl', type: 'string', default: '', placeholder: 'e.g. https://myshop.de/rate?order=1042&stars={rating}', description: 'A link with {rating} in it turns the review request into one-click star buttons' },
			{ displayName: 'Referral Code', name: 'referralCode', type: 'string', default: '', description: 'A code the customer can pass on to friends (enticing order confirmation)' },
			{
				displayName: 'Refused Recipients',
				name: 'onRejected',
				type: 'options',
				options: [
					{ name: 'Fail the Item', value: 'error', description: 'Treat the e-mail as failed when the server refuses any recipient' },
					{ name: 'Report and Continue', value: 'continue', description: 'Succeed when at least one recipient was accepted and list the refused ones' },
				],
				default: 'error',
			},
			{ displayName: 'Reply-To', name: 'replyTo', type: 'string', default: '', placeholder: 'e.g. help@myshop.de', description: 'Where replies go, if not to the sender address of the credential' },
			{ displayName: 'Review Link', name: 'reviewUrl', type: 'string', default: '', description: 'Where the "Write a review" button leads' },
			{ displayName: 'Shop Address', name: 'shopAddress', type: 'string', typeOptions: { rows: 3 }, default: '', description: 'Postal address for the footer, one line per line' },
			{ displayName: 'Shop URL', name: 'shopUrl', type: 'string', default: '', placeholder: 'e.g. https://myshop.de', description: 'Your website, linked in the footer and used by buttons that lead to the shop' },
			{ displayName: 'Subject', name: 'subject', type: 'string', default: '', description: 'Replaces the subject of a built-in template' },
			{
				displayName: 'Unsubscribe Email',
				name: 'unsubscribeMailto',
				type: 'string',
				default: '',
				placeholder: 'e.g. unsubscribe@myshop.de',
				description: 'An address that unsubscribes whoever writes to it; added to the List-Unsubscribe header of marketing e-mails',
			},
];

const field = (name: string): INodeProperties => {
	const found = OPTION_FIELDS.find((o) => o.name === name);
	if (!found) throw new Error(`Email Compose: no option "${name}"`);
	return found;
};
const group = (names: string[]) => names.map(field).sort((a, b) => a.displayName.localeCompare(b.displayName));

/** 1.1: the products as rows instead of a JSON list (version 1's JSON is still read for saved workflows). */
const productRows: INodeProperties = {
	displayName: 'Product Recommendations',
	name: 'crossSellItems',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	placeholder: 'Add Product',
	description: 'Products to suggest (for "You May Also Like" and Win-Back), at most six',
	options: [
		{
			name: 'product',
			displayName: 'Product',
			values: [
				{ displayName: 'Image URL', name: 'imageUrl', type: 'string', default: '', placeholder: 'e.g. https://myshop.de/mug.jpg' },
				{ displayName: 'Link', name: 'url', type: 'string', default: '', placeholder: 'e.g. https://myshop.de/mug' },
				{ displayName: 'Price', name: 'price', type: 'string', default: '', placeholder: 'e.g. 12.90', description: 'In the currency of the order' },
				{ displayName: 'Title', name: 'title', type: 'string', default: '', placeholder: 'e.g. Mug' },
			],
		},
	],
};

export const CONTENT_OPTIONS = ['couponCode', 'couponNote', 'customButtonLabel', 'customButtonUrl', 'customHeading', 'intro', 'preheader', 'ratingUrl', 'referralCode', 'reviewUrl', 'subject'];
export const DESIGN_OPTIONS = ['brandColor', 'imprint', 'logoUrl', 'shopAddress', 'shopUrl'];
export const SENDING_OPTIONS = ['attachments', 'bcc', 'cc', 'customHeaders', 'journeyStep', 'onRejected', 'purpose', 'replyTo', 'unsubscribeMailto'];

export const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Compose', value: 'compose', action: 'Compose an email as a preview', description: 'Build subject, HTML and text without sending anything' },
			{ name: 'Send', value: 'send', action: 'Send an email', description: 'Build the e-mail and send it over your SMTP server' },
		],
		default: 'send',
	},
	// Version 1 stores the round-1 values (orderConfirmation, shipping …); 1.1 the registry's step ids. Same labels.
	{
		displayName: 'Template',
		name: 'template',
		type: 'options',
		noDataExpression: true,
		options: templateOptions((step) => step.v1?.email),
		default: 'orderConfirmation',
		displayOptions: { show: { ...V1_ONLY } },
	},
	{
		displayName: 'Template',
		name: 'template',
		type: 'options',
		noDataExpression: true,
		options: templateOptions((step) => step.id),
		default: 'order_received',
		displayOptions: { show: { ...FROM_V11 } },
	},
	{
		displayName: 'Confirmation Style',
		name: 'confirmationStyle',
		type: 'options',
		displayOptions: { show: { template: ['orderConfirmation', 'order_received'] } },
		options: [
			{ name: 'Enticing: Coupon or Referral Code', value: 'enticing', description: 'Thanks the customer with a code for next time; set "Coupon Code" or "Referral Code" in Options' },
			{ name: 'Reassuring: With Tracking Link', value: 'reassuring', description: 'Confirms payment and shows how to follow the parcel' },
			{ name: 'Simple', value: 'simple', description: 'A clear summary of the order' },
			{ name: 'Warm Welcome: First Order', value: 'welcome', description: 'A personal welcome for first-time customers' },
			{ name: 'You May Also Like', value: 'crossSell', description: 'The order summary plus products that go with it; set "Product Recommendations" in Options' },
		],
		default: 'simple',
	},
	{
		displayName: 'Shop Name',
		name: 'shopName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Kaffeerösterei Bohne',
		description: 'Shown in the header (when there is no logo), the greeting and the footer',
	},
	{
		displayName: 'To',
		name: 'toEmail',
		type: 'string',
		default: '',
		placeholder: 'e.g. anna@example.com',
		description: "The recipient. Leave empty to use the customer's e-mail from the item (customer.email).",
		displayOptions: { show: { operation: ['send'] } },
	},
	{
		displayName: 'Send Once Per',
		name: 'dedupeId',
		type: 'string',
		default: '={{ $json.order?.id ?? $json.shipment?.trackingNumber ?? $json.return?.id ?? "" }}',
		description:
			'The same customer gets this journey step at most once per value, e.g. one confirmation per order. Leave empty to send the step only once ever per customer.',
		displayOptions: { show: { operation: ['send'], ...V1_ONLY } },
	},
	...sendOncePerProperties('one order confirmation per order').map((p) => ({ ...p, displayOptions: { show: { operation: ['send'], ...p.displayOptions?.show } } })),
	{
		displayName: 'Language',
		name: 'language',
		type: 'options',
		options: [
			{ name: 'Automatic (From Customer Locale)', value: 'auto', description: 'German for customers with a German locale, English for everyone else' },
			{ name: 'English', value: 'en' },
			{ name: 'German', value: 'de' },
		],
		default: 'auto',
	},
	{
		displayName: 'Subject',
		name: 'customSubject',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { template: ['custom'] } },
		placeholder: 'e.g. Our new winter roast is here',
	},
	{
		displayName: 'Message Text',
		name: 'customText',
		type: 'string',
		typeOptions: { rows: 6 },
		default: '',
		displayOptions: { show: { template: ['custom'] } },
		description: 'The message as plain text; an empty line starts a new paragraph. Also used as the text version when you write custom HTML.',
	},
	{
		displayName: 'Custom HTML',
		name: 'customHtml',
		type: 'string',
		typeOptions: { rows: 8 },
		default: '',
		displayOptions: { show: { template: ['custom'] } },
		description: 'Optional HTML for the message body; it is placed inside the shop design with header and footer. Expressions work as everywhere in n8n.',
	},
	{
		displayName: 'Unsubscribe URL',
		name: 'unsubscribeUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://myshop.de/unsubscribe?email={{ $json.customer.email }}',
		description: 'An https link that unsubscribes the customer with one click. Required for marketing e-mails (review request, cart reminder, replenishment, win-back); it goes into the footer and the List-Unsubscribe header that Gmail and Yahoo ask for.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { ...V1_ONLY } },
		options: OPTION_FIELDS,
	},
	{
		displayName: 'Content',
		name: 'content',
		type: 'collection',
		placeholder: 'Add content option',
		default: {},
		description: 'Wording of the e-mail: subject, opening text, codes, links and product recommendations',
		displayOptions: { show: { ...FROM_V11 } },
		options: [...group(CONTENT_OPTIONS), productRows].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
	{
		displayName: 'Design',
		name: 'design',
		type: 'collection',
		placeholder: 'Add design option',
		default: {},
		description: 'How the e-mail looks: logo, color, and the footer with address and imprint',
		displayOptions: { show: { ...FROM_V11 } },
		options: group(DESIGN_OPTIONS),
	},
	{
		displayName: 'Sending',
		name: 'sending',
		type: 'collection',
		placeholder: 'Add sending option',
		default: {},
		description: 'Recipients, replies, attachments, headers, purpose, journey step and short links',
		displayOptions: { show: { ...FROM_V11 } },
		options: [...group(SENDING_OPTIONS), ...shortLinkOptions].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];
