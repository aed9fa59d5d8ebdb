/** Fixed sandbox settings shared by `npm start`, `npm run demo` and the end-to-end tests. */
import { SANDBOX_ACCOUNT_SID, SANDBOX_AUTH_TOKEN } from './outbox';
import type { SandboxCredential } from './n8n';

export const SHOP_SECRET = 'sandbox-shop-webhook-secret';
/** The AfterShip webhook secret of the sandbox carrier credential: carrier pushes signed with it are accepted. */
export const CARRIER_PUSH_SECRET = 'sandbox-carrier-push-secret';

/** User and password of the shop's own pages (journey board and report) in the sandbox: n8n's Basic Auth credential. */
export const PAGES_LOGIN = { user: 'shop', password: 'sandbox-pages-password' };

export const PORTS = { n8n: 5678, twilio: 5680, web: 5681, smtp: 2525 };

/** The shop's own SMS sender number (the Twilio credential's default sender). */
export const SHOP_NUMBER = '+4915123456789';

/** Credentials the templates refer to by id, pointing at the local outbox instead of Twilio and a mail server. */
export function sandboxCredentials(ports: { twilio: number; smtp: number }): SandboxCredential[] {
	return [
		{
			id: 'ppTwilioSandbox',
			name: 'Twilio (sandbox outbox)',
			type: 'postPurchaseTwilioApi',
			data: {
				accountSid: SANDBOX_ACCOUNT_SID,
				authType: 'authToken',
				authToken: SANDBOX_AUTH_TOKEN,
				messagingServiceSid: '',
				defaultFrom: SHOP_NUMBER,
				baseUrl: `http://127.0.0.1:${ports.twilio}`,
			},
		},
		{
			id: 'ppSmtpSandbox',
			name: 'SMTP (sandbox outbox)',
			type: 'postPurchaseSmtp',
			data: { host: '127.0.0.1', port: ports.smtp, secure: false, user: 'shop', password: 'sandbox', fromEmail: 'service@beispiel-shop.de', fromName: 'Beispiel Shop' },
		},
		{
			id: 'ppShopSandbox',
			name: 'Shop webhooks (sandbox)',
			type: 'postPurchaseShopApi',
			data: { platform: 'shopify', webhookSecret: SHOP_SECRET },
		},
		{
			// The journey board and report pages ask for this login (their Webhook nodes use n8n's Basic Auth).
			id: 'ppPagesBasicAuth',
			name: 'Shop pages (basic auth)',
			type: 'httpBasicAuth',
			data: { ...PAGES_LOGIN },
		},
		{
			// No carrier keys in the sandbox: the Tracking Update Trigger polls nothing (the e2e suite uses its own). Pushes
			// signed with the AfterShip secret are taken, so the demo can move a parcel.
			id: 'ppCarrierSandbox',
			name: 'Carrier API (sandbox)',
			type: 'postPurchaseCarrierApi',
			data: { aggregator: 'none', aftershipWebhookSecret: CARRIER_PUSH_SECRET },
		},
	];
}
