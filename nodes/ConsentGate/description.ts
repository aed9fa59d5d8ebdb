import type { INodeProperties } from 'n8n-workflow';
import { JOURNEY_STEPS } from '../../core/journey';
import { showFor } from '../shared/displayOptions';

/** Operations that write the consent ledger or erase data: an AI agent using this node as a tool never sees them. */
export const NOT_FOR_TOOLS = ['eraseSubject', 'recordConsent', 'recordOptOut'];
const hiddenFromTools = { hide: { '@tool': [true] } };

const channel: INodeProperties = {
	displayName: 'Channel',
	name: 'channel',
	type: 'options',
	options: [
		{ name: 'Email', value: 'email' },
		{ name: 'SMS', value: 'sms' },
	],
	default: 'sms',
	description: 'The channel the message will go out on. Consent, opt-outs and caps are kept per channel.',
};

const recipient: INodeProperties = {
	displayName: 'Recipient',
	name: 'recipient',
	type: 'string',
	default: '',
	placeholder: 'e.g. +4915112345678',
	description: "Phone number (international format) or e-mail address. Leave empty to use the customer's phone or e-mail from the shop event.",
};

// Empty means what the former default expression did: the customer's phone, else the sender of an inbound SMS
// (ledger.ts), so saved workflows that kept the default read the same number.
const requiredRecipient: INodeProperties = {
	...recipient,
	description:
		"Phone number (international format) or e-mail address of the customer. Leave empty to use the customer's phone (e-mail address for the e-mail channel) from the item, or the sender of an inbound SMS.",
	default: '',
};

export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Check', value: 'check', action: 'Check whether a message may be sent now', description: 'Decide send, defer or suppress for each item' },
		{
			name: 'Erase Customer Data',
			value: 'eraseSubject',
			action: 'Erase the personal data of a customer',
			description: "Delete a customer's personal data (GDPR erasure request) and keep only a hashed opt-out so they are never messaged again",
			displayOptions: hiddenFromTools,
		},
		{ name: 'Export Evidence', value: 'exportEvidence', action: 'Export the consent evidence of a customer', description: "Return the customer's full consent, opt-out, message and decision history" },
		{ name: 'Record Consent', value: 'recordConsent', action: 'Record a consent', description: 'Store an opt-in with its evidence', displayOptions: hiddenFromTools },
		{ name: 'Record Opt-Out', value: 'recordOptOut', action: 'Record an opt out', description: 'Stop all messages on this channel to the customer', displayOptions: hiddenFromTools },
	],
	default: 'check',
};

const STEP_IDS = JOURNEY_STEPS.filter((s) => s.id !== 'custom').map((s) => s.id).join(', ');

const checkProperties: INodeProperties[] = [
	{
		displayName: 'Deferred items carry "consent.sendAt": connect the Deferred output to a Wait node ("At Specified Time") and back into this gate. An item deferred 10 times in a row leaves by Suppressed (reason "deferred_too_often"), so a loop can never spin.',
		name: 'deferredNotice',
		type: 'notice',
		default: '',
	},
	channel,
	{
		displayName: 'Purpose',
		name: 'purpose',
		type: 'options',
		options: [
			{ name: 'Marketing', value: 'marketing', description: 'Review requests, coupons, win-back, cross-sell: needs consent and quiet hours' },
			{ name: 'Transactional', value: 'transactional', description: 'Order, shipping and delivery updates the customer expects' },
		],
		default: 'transactional',
		description: 'Review requests count as marketing in Germany (BGH VI ZR 225/17)',
	},
	recipient,
	{
		displayName: `"Journey Step" must name exactly what the SMS Compose or Email Compose node after this gate claims when it sends: its journey step, a colon, and its "Send Once Per" value, e.g. shipped:00340434161094042557 or order_received:5550001042. Only then does the gate see that this customer already got the message and suppress it (reason "already_sent") before quiet hours, caps or a Wait get involved. Without "Send Once Per" the claim is the step alone, e.g. opt_in. Journey steps: ${STEP_IDS}.`,
		name: 'journeyStepNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Journey Step',
		name: 'journeyStep',
		type: 'string',
		default: '',
		placeholder: 'e.g. shipped:{{ $json.shipment.trackingNumber }}',
		description:
			'The step and "Send Once Per" value the sending node will claim, as step:value (e.g. review_request:5550001042), or the step alone when that node sends it once ever. A step that was already sent is suppressed, so nobody gets the same message twice. Leave empty to skip that check.',
	},
	{
		displayName: 'Message Text',
		name: 'messageText',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: 'Optional. The text that will be sent, checked for coupons, discounts and review asks hidden in a transactional message.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{ displayName: 'Allow Soft Opt-In (Email)', name: 'allowSoftOptIn', type: 'boolean', default: false, description: 'Whether a recorded soft opt-in (existing customer, own similar products, objection notice given) counts as consent for marketing e-mails. Never applies to SMS.' },
			{ displayName: 'Allow Transactional After STOP', name: 'allowTransactionalAfterStop', type: 'boolean', default: false, description: 'Whether customers who replied STOP still get strictly transactional messages (e.g. a delivery problem). Marketing stays blocked.' },
			{ displayName: 'Allowed Countries', name: 'countryAllowList', type: 'string', default: '', placeholder: 'e.g. DE, AT, CH', description: 'Comma-separated country codes that may receive messages. Empty allows all.' },
			{ displayName: 'Default Country', name: 'defaultCountry', type: 'string', default: '', placeholder: 'e.g. DE', description: "Country for phone numbers without + and country code. Empty uses the customer's country." },
			{ displayName: 'Double Opt-In Countries', name: 'doubleOptInCountries', type: 'string', default: 'DE, AT, CH', description: 'Comma-separated country codes whose customers need a confirmed double opt-in for marketing' },
			{ displayName: 'Evaluate At', name: 'evaluateAt', type: 'dateTime', default: '', description: 'Decide as if it were this moment, to preview a decision or reproduce one. Empty means now.' },
			{ displayName: 'Hold Transactional Overnight', name: 'holdTransactionalOvernight', type: 'boolean', default: false, description: "Whether non-urgent transactional messages (e.g. shipping updates) wait until 08:00–21:00 in the customer's time zone" },
			{ displayName: 'Marketing per 24 Hours', name: 'capPer24h', type: 'number', typeOptions: { minValue: 1 }, default: 1, description: 'Most marketing messages per customer and channel in 24 hours. Florida numbers never get more than 3.' },
			{ displayName: 'Marketing per 30 Days', name: 'capPer30d', type: 'number', typeOptions: { minValue: 1 }, default: 4, description: 'Most marketing messages per customer and channel in 30 days' },
			{
				displayName: 'Over Limit',
				name: 'overCap',
				type: 'options',
				options: [
					{ name: 'Defer', value: 'defer', description: 'Send later, once the limit allows it' },
					{ name: 'Suppress', value: 'suppress', description: 'Drop the message' },
				],
				default: 'defer',
				description: 'What happens to a marketing message over the frequency limit',
			},
			{
				displayName: 'Send Days',
				name: 'sendDays',
				type: 'multiOptions',
				options: [
					{ name: 'Friday', value: 5 },
					{ name: 'Monday', value: 1 },
					{ name: 'Saturday', value: 6 },
					{ name: 'Sunday', value: 7 },
					{ name: 'Thursday', value: 4 },
					{ name: 'Tuesday', value: 2 },
					{ name: 'Wednesday', value: 3 },
				],
				default: [],
				description: 'Days marketing may go out, in the customer\'s local time, on top of the legal rules. Empty allows every legal day.',
			},
			{ displayName: 'Send From', name: 'windowStart', type: 'string', default: '', placeholder: 'e.g. 10:00', description: 'Earliest local time for marketing, on top of the legal quiet hours' },
			{ displayName: 'Send Until', name: 'windowEnd', type: 'string', default: '', placeholder: 'e.g. 18:00', description: 'Latest local time for marketing (exclusive), on top of the legal quiet hours' },
			{ displayName: 'Strict Content Check', name: 'strictContent', type: 'boolean', default: false, description: 'Whether a transactional message that contains a coupon, discount or review ask is treated as marketing (needs consent). Off: it only gets a warning.' },
			{ displayName: 'Urgent', name: 'urgent', type: 'boolean', default: false, description: 'Whether this transactional message is urgent and never held overnight' },
			{ displayName: 'Use Shop Consent', name: 'useShopConsentFlags', type: 'boolean', default: true, description: "Whether the shop's marketing consent on the customer (e.g. Shopify's SMS marketing consent) counts when we have no record of our own" },
		],
	},
];

const recordConsentProperties: INodeProperties[] = [
	channel,
	requiredRecipient,
	{
		displayName: 'Legal Basis',
		name: 'legalBasis',
		type: 'options',
		options: [
			{ name: 'Consent (Single Opt-In)', value: 'consent', description: 'The customer ticked a box or signed up once' },
			{ name: 'Double Opt-In', value: 'double_opt_in', description: 'Pending until the customer confirms (reply YES/JA or confirmation link)' },
			{ name: 'Soft Opt-In (Existing Customer)', value: 'soft_opt_in', description: 'E-mail only: address from a purchase, own similar products, objection notice given' },
		],
		default: 'double_opt_in',
		description: 'Why you may send marketing to this customer',
	},
	{ displayName: 'Source', name: 'source', type: 'string', default: 'checkout', required: true, placeholder: 'e.g. checkout, newsletter form', description: 'Where the customer gave consent' },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{ displayName: 'Already Confirmed', name: 'confirmed', type: 'boolean', default: false, description: 'Whether the double opt-in was already confirmed elsewhere (e.g. by the shop)' },
			{ displayName: 'Consent Text', name: 'consentText', type: 'string', typeOptions: { rows: 2 }, default: '', description: 'The exact wording the customer agreed to; stored as a fingerprint' },
			{ displayName: 'Consent Text Version', name: 'consentTextVersion', type: 'string', default: '', placeholder: 'e.g. sms-optin-v3', description: 'Version of your consent wording' },
			{ displayName: 'Given At', name: 'recordedAt', type: 'dateTime', default: '', description: 'When the customer gave consent. Empty means now.' },
			{ displayName: 'IP Address', name: 'ip', type: 'string', default: '', description: 'IP address the consent came from' },
			{ displayName: 'Order ID', name: 'orderId', type: 'string', default: '', description: 'The order the address was collected with (required for a soft opt-in)' },
			{ displayName: 'User Agent', name: 'userAgent', type: 'string', default: '', description: 'Browser user agent the consent came from' },
		],
	},
];

const recordOptOutProperties: INodeProperties[] = [
	channel,
	requiredRecipient,
	{ displayName: 'Source', name: 'source', type: 'string', default: 'manual', placeholder: 'e.g. customer service, unsubscribe page', description: 'Where the opt-out came from' },
];

const subjectProperties: INodeProperties[] = [channel, requiredRecipient];

export const properties: INodeProperties[] = [
	operationProperty,
	...showFor({ operation: ['check'] }, checkProperties),
	...showFor({ operation: ['recordConsent'] }, recordConsentProperties),
	...showFor({ operation: ['recordOptOut'] }, recordOptOutProperties),
	...showFor({ operation: ['exportEvidence', 'eraseSubject'] }, subjectProperties),
];
