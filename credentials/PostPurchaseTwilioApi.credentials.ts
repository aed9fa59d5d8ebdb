import type { IAuthenticateGeneric, Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/** Twilio account access for sending SMS and verifying inbound webhooks. */
export class PostPurchaseTwilioApi implements ICredentialType {
	name = 'postPurchaseTwilioApi';

	displayName = 'Post-Purchase Twilio API';

	icon: Icon = { light: 'file:../icons/sms.svg', dark: 'file:../icons/sms.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-post-purchase/n8n-nodes-post-purchase#twilio';

	properties: INodeProperties[] = [
		{
			displayName: 'Account SID',
			name: 'accountSid',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
			description: 'Your Twilio account SID, shown on the Twilio console start page.',
		},
		{
			displayName: 'Authentication',
			name: 'authType',
			type: 'options',
			default: 'authToken',
			options: [
				{ name: 'API Key', value: 'apiKey' },
				{ name: 'Auth Token', value: 'authToken' },
			],
			description:
				'How n8n signs in to Twilio. An API key can be revoked on its own; inbound SMS still need the auth token to check that a request really comes from Twilio.',
		},
		{
			displayName: 'Auth Token',
			name: 'authToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The account auth token. Also used to verify the signature of inbound SMS and delivery reports.',
		},
		{
			displayName: 'API Key SID',
			name: 'apiKeySid',
			type: 'string',
			default: '',
			displayOptions: { show: { authType: ['apiKey'] } },
			placeholder: 'e.g. SKxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
		},
		{
			displayName: 'API Key Secret',
			name: 'apiKeySecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authType: ['apiKey'] } },
		},
		{
			displayName: 'Messaging Service SID',
			name: 'messagingServiceSid',
			type: 'string',
			default: '',
			placeholder: 'e.g. MGxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
			description:
				'Send through a Messaging Service (sender pool, link shortening, opt-out handling). Leave empty to send from the default sender below.',
		},
		{
			displayName: 'Default Sender',
			name: 'defaultFrom',
			type: 'string',
			default: '',
			placeholder: 'e.g. +4915112345678 or MYSHOP',
			description: 'Phone number in E.164 format or an alphanumeric sender ID, used when no Messaging Service is set.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.twilio.com',
			description: 'Only change this to route requests through a proxy or a local test server.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: {
				username: '={{ $credentials.authType === "apiKey" ? $credentials.apiKeySid : $credentials.accountSid }}',
				password: '={{ $credentials.authType === "apiKey" ? $credentials.apiKeySecret : $credentials.authToken }}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ $credentials.baseUrl.replace(/\\/$/, "") }}',
			url: '=/2010-04-01/Accounts/{{ $credentials.accountSid }}.json',
			method: 'GET',
		},
	};
}
