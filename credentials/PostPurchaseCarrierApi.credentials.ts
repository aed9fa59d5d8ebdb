import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Keys for live parcel status: each carrier's own API (DHL, UPS, FedEx, USPS) and one aggregator for the rest.
 * Every field is optional; the Carrier Track node uses what is filled in. Auth differs per provider (API-key header,
 * OAuth client credentials), so the core clients sign the calls and the node's credential test checks each one.
 */
export class PostPurchaseCarrierApi implements ICredentialType {
	name = 'postPurchaseCarrierApi';

	displayName = 'Post-Purchase Carrier API';

	icon: Icon = { light: 'file:postPurchaseCarrier.svg', dark: 'file:postPurchaseCarrier.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-post-purchase/n8n-nodes-post-purchase#carrier-api';

	properties: INodeProperties[] = [
		{
			displayName: 'Fill in only the carriers you ship with. Parcels of other carriers use the aggregator, or just get their tracking link.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Aggregator for Other Carriers',
			name: 'aggregator',
			type: 'options',
			default: 'none',
			options: [
				{ name: '17TRACK', value: '17track' },
				{ name: 'AfterShip', value: 'aftership' },
				{ name: 'None (Link Only)', value: 'none' },
			],
			description: 'Which service looks up carriers without their own key below (DPD, GLS, Hermes …). With none, those parcels get their tracking link and the status "unknown".',
		},
		{
			displayName: 'DHL API Key',
			name: 'dhlApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The consumer key of your app on developer.dhl.com with "Shipment Tracking – Unified" enabled. The free key allows 250 calls a day.',
		},
		{
			displayName: 'DHL Base URL',
			name: 'dhlBaseUrl',
			type: 'string',
			default: 'https://api-eu.dhl.com',
			description: 'Change only to use a test environment or a proxy.',
		},
		{
			displayName: 'UPS Client ID',
			name: 'upsClientId',
			type: 'string',
			default: '',
			description: 'Client ID of your app on developer.ups.com with the Tracking API.',
		},
		{
			displayName: 'UPS Client Secret',
			name: 'upsClientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Client secret of the same UPS app.',
		},
		{
			displayName: 'UPS Base URL',
			name: 'upsBaseUrl',
			type: 'string',
			default: 'https://onlinetools.ups.com',
			description: 'Change only to use a test environment or a proxy.',
		},
		{
			displayName: 'FedEx Client ID',
			name: 'fedexClientId',
			type: 'string',
			default: '',
			description: 'API key of your project on developer.fedex.com with the Track API.',
		},
		{
			displayName: 'FedEx Client Secret',
			name: 'fedexClientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Secret key of the same FedEx project.',
		},
		{
			displayName: 'FedEx Base URL',
			name: 'fedexBaseUrl',
			type: 'string',
			default: 'https://apis.fedex.com',
			description: 'Change only to use a test environment or a proxy.',
		},
		{
			displayName: 'USPS Client ID',
			name: 'uspsClientId',
			type: 'string',
			default: '',
			description: 'Consumer key of your app on developer.usps.com; the tracking scope must be approved by USPS.',
		},
		{
			displayName: 'USPS Client Secret',
			name: 'uspsClientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Consumer secret of the same USPS app.',
		},
		{
			displayName: 'USPS Base URL',
			name: 'uspsBaseUrl',
			type: 'string',
			default: 'https://apis.usps.com',
			description: 'Change only to use a test environment or a proxy.',
		},
		{
			displayName: 'AfterShip API Key',
			name: 'aftershipApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'An API key from AfterShip (Settings → API keys). Used for DPD, GLS, Hermes and every carrier without its own key here.',
		},
		{
			displayName: 'AfterShip Webhook Secret',
			name: 'aftershipWebhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The webhook secret from AfterShip (Settings → Notifications → Webhooks). Lets the Tracking Update Trigger accept status pushes from AfterShip; pushes without a valid signature are refused.',
		},
		{
			displayName: 'AfterShip Base URL',
			name: 'aftershipBaseUrl',
			type: 'string',
			default: 'https://api.aftership.com/tracking/2025-07',
			description: 'Change only to use a test environment or a proxy.',
		},
		{
			displayName: '17TRACK API Key',
			name: 'seventeenTrackApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The security key from the 17TRACK API dashboard. Each new number costs one unit of your quota.',
		},
		{
			displayName: '17TRACK Base URL',
			name: 'seventeenTrackBaseUrl',
			type: 'string',
			default: 'https://api.17track.net/track/v2.2',
			description: 'Change only to use a test environment or a proxy.',
		},
	];
}
