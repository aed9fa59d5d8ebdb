import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { JOURNEY_STEPS } from '../../core/journey';
import type { JourneyStepInfo } from '../../core/journey';
import { SMS_TEMPLATES } from '../../core/sms';
import type { JourneyStep } from '../../core/sms';
import { FROM_V11, sendOncePerProperties, V1_ONLY } from '../shared/properties';

/** The SMS Compose node's parameters. Names and values are stored in saved workflows: never rename them. */

/** The journey steps with ready-made texts, labelled by the step registry; `value` picks the stored name. */
function stepOptions(value: (step: JourneyStepInfo) => string | undefined): INodePropertyOptions[] {
	return JOURNEY_STEPS.filter((step) => step.id in SMS_TEMPLATES)
		.map((step) => ({
			name: step.label,
			value: value(step) ?? step.id,
			description: `${step.description}. Ready-made English text: "${SMS_TEMPLATES[step.id as JourneyStep].texts.en}".`,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

const JOURNEY_STEP_DESCRIPTION = 'Which moment of the customer journey this SMS is for. It picks the ready-made text and the purpose, and makes sure a customer gets this step only once (per "Send Once Per" value).';

export const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'send',
		options: [
			{ name: 'Compose', value: 'compose', action: 'Preview an SMS and its cost', description: 'Build the text and show encoding, segments and cost without sending' },
			{ name: 'Send', value: 'send', action: 'Send an SMS', description: 'Build the text and send it through Twilio, once per customer and journey step' },
		],
	},
	// Version 1 stores the round-1 names (delivery_problem, double_opt_in); 1.1 the registry ids. Same labels.
	{
		displayName: 'Journey Step',
		name: 'journeyStep',
		type: 'options',
		default: 'shipped',
		options: stepOptions((step) => step.v1?.sms),
		description: JOURNEY_STEP_DESCRIPTION,
		displayOptions: { show: { ...V1_ONLY } },
	},
	{
		displayName: 'Journey Step',
		name: 'journeyStep',
		type: 'options',
		default: 'shipped',
		options: stepOptions((step) => step.id),
		description: JOURNEY_STEP_DESCRIPTION,
		displayOptions: { show: { ...FROM_V11 } },
	},
	{
		displayName: 'Message Text',
		name: 'messageText',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		placeholder: 'e.g. Hi {firstName}, your order {orderNumber} is on its way: {trackingUrl}',
		description:
			'Leave empty to use the ready-made German or English text of the journey step. Placeholders: {firstName}, {orderNumber}, {orderTotal}, {trackingUrl}, {deliveryDate}, {carrier}, {refundAmount}, {productTitle}, {cartUrl}, {reviewUrl}, {couponCode}, {shopName}, {shopUrl}, {optOutUrl}, or any field path such as {order.number}. Text between [[ and ]] may be shortened to fit "Max Segments"; text between [? and ?] is left out when a placeholder in it has no value, e.g. [?Expected delivery: {deliveryDate}. ?].',
	},
	{
		displayName: 'Language Variants',
		name: 'variants',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Language',
		description: "Texts for other languages. The customer's language picks one (de-AT, then de, then the message text above).",
		options: [
			{
				name: 'variant',
				displayName: 'Variant',
				values: [
					{ displayName: 'Language', name: 'locale', type: 'string', default: '', placeholder: 'e.g. de or de-AT', description: 'Language tag the text is for' },
					{ displayName: 'Text', name: 'text', type: 'string', typeOptions: { rows: 3 }, default: '', description: 'The SMS text in this language, with the same placeholders' },
				],
			},
		],
	},
	{
		displayName: 'Purpose',
		name: 'purpose',
		type: 'options',
		default: 'auto',
		options: [
			{ name: 'From Journey Step', value: 'auto', description: 'Cart reminders, replenishment, review requests, product birthdays and win-back are marketing' },
			{ name: 'Marketing', value: 'marketing', description: 'Needs consent; an opt-out line is added when the text has none' },
			{ name: 'Transactional', value: 'transactional', description: 'Information about an order the customer placed' },
		],
		description: 'Whether this is marketing (needs consent and an opt-out) or information about an order',
	},
	{
		displayName: 'Recipient Phone',
		name: 'recipient',
		type: 'string',
		default: '={{ $json.customer.phone }}',
		placeholder: 'e.g. +4915112345678',
		description: 'Mobile number of the customer in international format',
		displayOptions: { show: { ...V1_ONLY } },
	},
	{
		displayName: 'Recipient Phone',
		name: 'recipient',
		type: 'string',
		default: '',
		placeholder: 'e.g. +4915112345678',
		description: "Mobile number of the customer in international format. Leave empty to use the customer's phone from the shop event (customer.phone).",
		displayOptions: { show: { ...FROM_V11 } },
	},
	{
		displayName: 'Send Once Per',
		name: 'dedupeId',
		type: 'string',
		default: '={{ $json.order?.id ?? $json.shipment?.trackingNumber ?? $json.return?.id ?? "" }}',
		description:
			'The same customer gets this journey step at most once per value, e.g. once per order. Leave empty to send the step only once ever per customer.',
		displayOptions: { show: { operation: ['send'], ...V1_ONLY } },
	},
	...sendOncePerProperties('one shipping SMS per tracking number').map((p) => ({ ...p, displayOptions: { show: { operation: ['send'], ...p.displayOptions?.show } } })),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{ displayName: 'Add Opt-Out Line', name: 'addOptOut', type: 'boolean', default: true, description: 'Whether marketing texts without an opt-out instruction get one ("Reply STOP to opt out", or a link for alphanumeric senders)' },
			{ displayName: 'Default Language', name: 'defaultLocale', type: 'string', default: 'en', description: 'Language used when the customer has none, e.g. de' },
			{ displayName: 'Default Time Zone', name: 'defaultTimezone', type: 'string', default: 'Europe/Berlin', description: 'Time zone for dates when the customer has none (IANA name, e.g. Europe/Vienna)' },
			{ displayName: 'From', name: 'from', type: 'string', default: '', placeholder: 'e.g. +4915112345678 or MYSHOP', description: 'Sender number or alphanumeric sender ID for this node; overrides the credential. Ignored when the credential has a Messaging Service.' },
			{
				displayName: 'German Form of Address',
				name: 'germanAddress',
				type: 'options',
				options: [
					{ name: 'Du (Informal)', value: 'informal', description: 'Hallo Anna, danke für deine Bestellung' },
					{ name: 'Sie (Formal)', value: 'formal', description: 'Hallo Anna, danke für Ihre Bestellung (like the built-in e-mails)' },
				],
				default: 'informal',
				description: 'Whether the ready-made German texts say "du" or "Sie". Your own texts are used as written.',
			},
			{ displayName: 'Max Segments', name: 'maxSegments', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'Largest number of SMS parts one message may cost; 0 means no limit' },
			{ displayName: 'Media URL', name: 'mediaUrl', type: 'string', default: '', description: 'Public URL of an image to send as MMS (US and Canada)' },
			{ displayName: 'Messages Per Second', name: 'messagesPerSecond', type: 'number', typeOptions: { minValue: 0.1 }, default: 1, description: 'Sending speed your Twilio sender allows: 1 for a single long code, more for short codes, toll-free or Messaging Services. Shared by every workflow and every n8n worker that sends through the same Twilio account.' },
			{ displayName: 'Opt-Out Link', name: 'optOutUrl', type: 'string', default: '', placeholder: 'e.g. https://shop.example/sms-abmelden', description: 'Link for unsubscribing, used in marketing SMS from alphanumeric senders, which cannot receive a STOP reply' },
			{ displayName: 'Price Per Segment', name: 'prices', type: 'json', default: '{}', description: 'Your own prices per SMS part by country, e.g. {"DE": 0.075, "default": 0.09}. Without it, approximate Twilio list prices in USD are used.', displayOptions: { show: { ...V1_ONLY } } },
			{
				displayName: 'Price Per Segment',
				name: 'segmentPrices',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				placeholder: 'Add Price',
				description: 'Your own prices per SMS part by country. Without them, approximate Twilio list prices in USD are used.',
				displayOptions: { show: { ...FROM_V11 } },
				options: [
					{
						name: 'price',
						displayName: 'Price',
						values: [
							{ displayName: 'Country', name: 'country', type: 'string', default: '', placeholder: 'e.g. DE', description: 'Two-letter country code, or "default" for every other country' },
							{ displayName: 'Price', name: 'price', type: 'number', typeOptions: { minValue: 0, numberPrecision: 4 }, default: 0, description: 'What one SMS part costs you there' },
						],
					},
				],
			},
			{ displayName: 'Shop Name', name: 'shopName', type: 'string', default: '', description: 'Fills {shopName} in the text' },
			{ displayName: 'Shop URL', name: 'shopUrl', type: 'string', default: '', description: 'Fills {shopUrl} in the text' },
			{ displayName: 'Shorten Links', name: 'shortenUrls', type: 'boolean', default: false, description: 'Whether Twilio shortens links and tracks clicks (needs a Messaging Service with link shortening set up)' },
			{ displayName: 'Smart Character Replacement', name: 'smartReplace', type: 'boolean', default: true, description: 'Whether typographic characters („ “ – … no-break spaces) are replaced with plain ones so the SMS keeps 160 characters per part' },
			{ displayName: 'Status Callback URL', name: 'statusCallback', type: 'string', default: '', description: 'URL Twilio reports delivery status to, e.g. the webhook of an SMS Inbound Trigger' },
			{ displayName: 'UTM Campaign', name: 'utmCampaign', type: 'string', default: '', description: 'Campaign name for UTM tags; the journey step when empty' },
			{ displayName: 'UTM Tagging', name: 'utm', type: 'boolean', default: false, description: 'Whether links get utm_source=sms, utm_medium=sms and utm_campaign tags for your analytics' },
			{
				displayName: 'When Too Long',
				name: 'onExceed',
				type: 'options',
				default: 'error',
				options: [
					{ name: 'Fail the Item', value: 'error' },
					{ name: 'Shorten the Marked Part', value: 'shorten', description: 'Shortens text between [[ and ]] with "..." until it fits' },
				],
				description: 'What happens when the text needs more parts than "Max Segments"',
			},
		],
	},
];
