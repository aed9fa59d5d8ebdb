import type { INodeProperties } from 'n8n-workflow';

export const properties: INodeProperties[] = [
	{
		displayName: 'In Twilio, set this webhook URL (HTTP POST) for "A message comes in" on your number or Messaging Service, and as the status callback URL of your messages. Opt-outs and opt-ins are recorded before the workflow runs.',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Both', value: 'both', description: 'Replies and delivery status updates' },
			{ name: 'Delivery Status Update', value: 'status', description: 'Twilio reports a message as sent, delivered, failed …' },
			{ name: 'Inbound Message', value: 'inbound', description: 'A customer replies to your number' },
		],
		default: 'inbound',
		description: 'Which Twilio requests start the workflow. Others are still recorded, but do not run it.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{ displayName: 'Auto-Reply', name: 'autoReply', type: 'boolean', default: false, description: 'Whether to answer STOP and START with a one-time confirmation and HELP with your brand and contact. Leave off if Twilio Advanced Opt-Out already replies.' },
			{ displayName: 'Brand Name', name: 'brand', type: 'string', default: '', placeholder: 'e.g. Muster Shop', description: 'Shop name used in auto-replies' },
			{ displayName: 'Help Contact', name: 'contact', type: 'string', default: '', placeholder: 'e.g. service@muster-shop.de or +49 30 1234567', description: 'Where customers get help; sent in reply to HELP' },
			{ displayName: 'Public Webhook URL', name: 'publicUrl', type: 'string', default: '', placeholder: 'e.g. https://n8n.example.com/webhook/abc/sms', description: 'The exact URL Twilio calls, when n8n runs behind a proxy and sees another address. Twilio signs this URL, so it must match character for character.' },
			{
				displayName: 'Reply Language',
				name: 'replyLanguage',
				type: 'options',
				options: [
					{ name: 'English', value: 'en' },
					{ name: 'French', value: 'fr' },
					{ name: 'German', value: 'de' },
				],
				default: 'de',
				description: 'Language of auto-replies when neither the keyword nor the phone number tells. STOPP, JA and HILFE answer in German, ARRET in French; STOP, START and INFO in the language of the sender\'s country (German for +49, +43, +41).',
			},
		],
	},
];
