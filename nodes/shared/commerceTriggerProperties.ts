import type { INodeProperties } from 'n8n-workflow';

/**
 * Parameters every commerce trigger shares. Names and values are stored in saved workflows and templates: reword
 * display names freely, never rename `name`s or `value`s.
 */

export const platformProperty: INodeProperties = {
	displayName: 'Shop Platform',
	name: 'platform',
	type: 'options',
	noDataExpression: true,
	default: 'shopify',
	options: [
		{ name: 'Custom JSON', value: 'custom', description: 'Any system that can send JSON to a URL' },
		{ name: 'Shopify', value: 'shopify' },
		{ name: 'Shopware 6', value: 'shopware' },
		{ name: 'WooCommerce', value: 'woocommerce' },
	],
	description: 'Which shop system sends the events. Must match the platform of the credential.',
};

export function setupNotice(what: string): INodeProperties {
	return {
		displayName: `With API access in the credential (Shopify, WooCommerce), publishing the workflow creates the ${what} webhooks in your shop. Otherwise copy the production URL above into your shop's webhook settings; the set-up guide in the README shows where.`,
		name: 'setupNotice',
		type: 'notice',
		default: '',
	};
}

export function customProperties(exampleMapping: string): INodeProperties[] {
	const custom = { show: { platform: ['custom'] } };
	return [
		{
			displayName: 'Field Mapping',
			name: 'customMapping',
			type: 'json',
			default: '={{ $json.body }}',
			displayOptions: custom,
			description: `An expression that builds the event from the request body and headers. The default expects the JSON body to already use the output's field names. Example: ${exampleMapping}.`,
			hint: 'Read the request with {{ $json.body }} and {{ $json.headers }}. Phone numbers, amounts and dates are normalized after mapping.',
		},
		{
			displayName: 'Deduplication Key',
			name: 'customDedupeKey',
			type: 'string',
			default: "={{ $json.headers['x-event-id'] || $json.body.id || '' }}",
			displayOptions: custom,
			description: 'A value that is the same when your system sends the same event again, so it starts the workflow only once. Leave empty to treat identical bodies as the same event.',
		},
		{
			displayName: 'Verify Signature',
			name: 'verifySignature',
			type: 'boolean',
			default: true,
			displayOptions: custom,
			description: 'Whether to accept only requests signed with the secret of the credential. Turn off only if your system cannot sign: then anyone who knows the URL can start the workflow.',
		},
		{
			displayName: 'Signature Settings',
			name: 'customSignature',
			type: 'collection',
			placeholder: 'Add setting',
			default: {},
			displayOptions: { show: { platform: ['custom'], verifySignature: [true] } },
			options: [
				{
					displayName: 'Algorithm',
					name: 'algorithm',
					type: 'options',
					default: 'sha256',
					options: [
						{ name: 'HMAC-SHA1', value: 'sha1' },
						{ name: 'HMAC-SHA256', value: 'sha256' },
						{ name: 'HMAC-SHA512', value: 'sha512' },
					],
					description: 'How your system computes the signature over the raw request body',
				},
				{
					displayName: 'Encoding',
					name: 'encoding',
					type: 'options',
					default: 'hex',
					options: [
						{ name: 'Base64', value: 'base64' },
						{ name: 'Hex', value: 'hex' },
					],
					description: 'How the signature is written in the header',
				},
				{
					displayName: 'Header Name',
					name: 'header',
					type: 'string',
					default: 'x-signature',
					description: 'The request header that carries the signature',
				},
				{
					displayName: 'Prefix',
					name: 'prefix',
					type: 'string',
					default: '',
					placeholder: 'e.g. sha256=',
					description: 'Text in front of the signature value, if your system adds one',
				},
			],
		},
	];
}

const includeRawPayloadOption: INodeProperties = {
	displayName: 'Include Raw Payload',
	name: 'includeRawPayload',
	type: 'boolean',
	default: false,
	description: 'Whether to add the untouched webhook body as "raw", for fields the standard output does not have',
};

/** Shipped Trigger only: where parcels leave from. The code falls back to DE when the option is not added. */
export const SHOP_COUNTRY_DEFAULT = 'DE';

const shopCountryOption: INodeProperties = {
	displayName: 'Shop Country',
	name: 'shopCountry',
	type: 'string',
	default: SHOP_COUNTRY_DEFAULT,
	placeholder: 'e.g. AT',
	description:
		'Two-letter code of the country your parcels leave from (DE, AT, CH, US …). It helps tell carriers apart when a tracking number fits several, and is where delivery estimates start. Germany (DE) when not set.',
};

/**
 * n8n parses a webhook's JSON body before the trigger runs and answers malformed JSON itself (422 with a parser
 * message and a stack trace), unless the start node is typeVersion 1 and `options.binaryData` is true
 * (`parseRequestBody` in n8n's `webhooks/webhook-helpers.js`, 2.40.7). This hidden option is that switch: n8n then
 * leaves the raw bytes to the trigger, which verifies the signature on them and answers 400 / 413 itself. It is on
 * by default (also for saved triggers without options); never shown in the editor.
 */
export const rawBodyOption: INodeProperties = {
	displayName: 'Read Raw Body',
	name: 'binaryData',
	type: 'hidden',
	default: true,
};

export const optionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: { binaryData: true },
	options: [includeRawPayloadOption, rawBodyOption],
};

/** The Shipped Trigger's options: the shared ones plus the shop country for carrier detection and estimates. */
export const shipmentOptionsProperty: INodeProperties = {
	...optionsProperty,
	options: [includeRawPayloadOption, rawBodyOption, shopCountryOption],
};
