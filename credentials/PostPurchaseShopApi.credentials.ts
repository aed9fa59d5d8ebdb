import type { ICredentialDataDecryptedObject, ICredentialTestRequest, ICredentialType, Icon, IHttpRequestHelper, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

/**
 * A shop connection for the Order Placed, Shipped and Return Received triggers: the webhook signing secret (always
 * needed: every delivery is verified) and, optionally, API access so the trigger can register its own webhooks in
 * Shopify or WooCommerce when the workflow is published, and Journey Data can import the order history (Shopify,
 * WooCommerce, Shopware 6).
 */
export class PostPurchaseShopApi implements ICredentialType {
	name = 'postPurchaseShopApi';

	displayName = 'Post-Purchase Shop API';

	icon: Icon = { light: 'file:postPurchaseShop.svg', dark: 'file:postPurchaseShop.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-post-purchase/n8n-nodes-post-purchase#shop-set-up';

	properties: INodeProperties[] = [
		{
			displayName: 'Platform',
			name: 'platform',
			type: 'options',
			default: 'shopify',
			options: [
				{ name: 'Custom JSON', value: 'custom' },
				{ name: 'Shopify', value: 'shopify' },
				{ name: 'Shopware 6', value: 'shopware' },
				{ name: 'WooCommerce', value: 'woocommerce' },
			],
			description: 'Which shop system sends the events. Must match the platform chosen in the trigger.',
		},
		{
			displayName: 'Webhook Signing Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'The secret the shop signs each webhook with. Shopify: the app\'s client secret (or the key shown under Settings → Notifications → Webhooks). WooCommerce: the secret of the webhook. Shopware 6: the shop secret of your app. Custom JSON: the secret your system signs with.',
		},
		{
			displayName: 'Shop URL',
			name: 'shopUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://my-shop.myshopify.com',
			description: 'Address of the shop. Needed when the trigger should register its webhooks in the shop by itself, and to import the order history.',
		},
		{
			displayName: 'Admin API Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { platform: ['shopify'] } },
			description:
				'Optional. Access token of a custom app with the scopes read_orders, read_fulfillments and read_returns (and read_all_orders to import orders older than 60 days). With it, publishing the workflow creates the webhooks in Shopify and Journey Data can import past orders; without it, add the webhooks yourself.',
		},
		{
			displayName: 'Consumer Key',
			name: 'consumerKey',
			type: 'string',
			default: '',
			displayOptions: { show: { platform: ['woocommerce'] } },
			description: 'Optional. REST API key with read/write rights (WooCommerce → Settings → Advanced → REST API). With it, publishing the workflow creates the webhooks.',
		},
		{
			displayName: 'Consumer Secret',
			name: 'consumerSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { platform: ['woocommerce'] } },
		},
		{
			displayName: 'Integration Access Key ID',
			name: 'accessKeyId',
			type: 'string',
			default: '',
			displayOptions: { show: { platform: ['shopware'] } },
			description: 'Optional. Needed to import the order history: create an integration under Settings → System → Integrations (with read rights for orders) and copy its access key ID.',
		},
		{
			displayName: 'Integration Secret Access Key',
			name: 'secretAccessKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { platform: ['shopware'] } },
			description: 'The secret access key shown once when the integration was created',
		},
		{
			// Shopware's Admin API wants a short-lived OAuth token; n8n fetches it again when it expires (401).
			displayName: 'Shopware Access Token',
			name: 'shopwareToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/** Shopware 6: exchanges the integration's key pair for an Admin API token (client-credentials grant). */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		if (credentials.platform !== 'shopware' || !credentials.accessKeyId) return {};
		const response = (await this.helpers.httpRequest({
			method: 'POST',
			url: `${String(credentials.shopUrl).replace(/\/+$/, '')}/api/oauth/token`,
			body: { grant_type: 'client_credentials', client_id: credentials.accessKeyId, client_secret: credentials.secretAccessKey },
			json: true,
		})) as { access_token?: string };
		return { shopwareToken: response.access_token ?? '' };
	}

	// Shopify wants its token in a header, WooCommerce basic auth over HTTPS, Shopware the bearer token fetched above.
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		if (credentials.platform === 'shopify' && credentials.accessToken) {
			return { ...requestOptions, headers: { ...requestOptions.headers, 'X-Shopify-Access-Token': String(credentials.accessToken) } };
		}
		if (credentials.platform === 'woocommerce' && credentials.consumerKey) {
			return { ...requestOptions, auth: { username: String(credentials.consumerKey), password: String(credentials.consumerSecret ?? '') } };
		}
		if (credentials.platform === 'shopware' && credentials.shopwareToken) {
			return { ...requestOptions, headers: { ...requestOptions.headers, Authorization: `Bearer ${String(credentials.shopwareToken)}` } };
		}
		return requestOptions;
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ String($credentials.shopUrl).replace(/\\/+$/, "") }}',
			url: '={{ $credentials.platform === "shopify" ? "/admin/api/2025-07/shop.json" : $credentials.platform === "woocommerce" ? "/wp-json/wc/v3/system_status" : $credentials.platform === "shopware" ? "/api/_info/version" : "/" }}',
			method: 'GET',
		},
	};
}
