import twilio from 'twilio';
import type { Twilio } from 'twilio';
import { ConfigurationError } from '../shared/errors';
import type RequestClient from 'twilio/lib/base/RequestClient';

/**
 * Builds the real `twilio` SDK client from the `postPurchaseTwilioApi` credential data, once per execution. A base
 * URL other than Twilio's own (a proxy, a local test server) is honoured for every Twilio domain by rewriting the
 * scheme and host of each request, keeping the SDK's auth, form encoding and error handling.
 */

export interface TwilioCredentialData {
	accountSid: string;
	authType?: 'authToken' | 'apiKey';
	authToken?: string;
	apiKeySid?: string;
	apiKeySecret?: string;
	messagingServiceSid?: string;
	defaultFrom?: string;
	baseUrl?: string;
}

export interface TwilioClientOptions {
	/** Per-request timeout; an expired one counts as an ambiguous failure. */
	timeoutMs?: number;
	/** Upper bound of parallel sockets (per host). */
	maxSockets?: number;
}

const TWILIO_DEFAULT_BASE = 'https://api.twilio.com';

/** A RequestClient that sends every request to `baseUrl` instead of `*.twilio.com`. */
export class BaseUrlRequestClient extends twilio.RequestClient {
	private readonly base: URL;

	constructor(baseUrl: string, options: RequestClient.RequestClientOptions = {}) {
		super(options);
		this.base = new URL(baseUrl);
	}

	override request<TData>(opts: RequestClient.RequestOptions<TData>) {
		const target = new URL(opts.uri);
		target.protocol = this.base.protocol;
		target.host = this.base.host;
		// A base URL with a path prefix (a proxy mount point) goes in front of Twilio's path.
		const prefix = this.base.pathname.replace(/\/$/, '');
		if (prefix) target.pathname = prefix + target.pathname;
		return super.request<TData>({ ...opts, uri: target.toString() });
	}
}

export function createTwilioClient(data: TwilioCredentialData, options: TwilioClientOptions = {}): Twilio {
	const accountSid = String(data.accountSid ?? '').trim();
	if (!/^AC[0-9a-fA-F]{32}$/.test(accountSid)) {
		throw new ConfigurationError('The Twilio Account SID must start with "AC" followed by 32 characters.', 'accountSid', 'Copy it from the Twilio console start page.');
	}
	const useApiKey = data.authType === 'apiKey';
	const username = useApiKey ? String(data.apiKeySid ?? '').trim() : accountSid;
	const password = useApiKey ? String(data.apiKeySecret ?? '') : String(data.authToken ?? '');
	if (!username || !password) {
		throw new ConfigurationError(
			useApiKey ? 'The Twilio API key SID or secret is missing.' : 'The Twilio Auth Token is missing.',
			useApiKey ? 'apiKeySid' : 'authToken',
		);
	}
	const baseUrl = String(data.baseUrl ?? '').trim() || TWILIO_DEFAULT_BASE;
	let parsed: URL;
	try {
		parsed = new URL(baseUrl);
	} catch {
		throw new ConfigurationError(`The Twilio base URL "${baseUrl}" is not a valid URL.`, 'baseUrl');
	}
	const requestOptions = {
		timeout: options.timeoutMs ?? 30_000,
		keepAlive: true,
		keepAliveMsecs: 1_000,
		maxSockets: options.maxSockets ?? 50,
		maxFreeSockets: options.maxSockets ?? 50,
		autoRetry: false,
	};
	const isTwilio = parsed.origin === TWILIO_DEFAULT_BASE && (parsed.pathname === '/' || parsed.pathname === '');
	const httpClient = isTwilio ? new twilio.RequestClient(requestOptions) : new BaseUrlRequestClient(baseUrl, requestOptions);
	return twilio(username, password, { accountSid, httpClient, userAgentExtensions: ['n8n-nodes-post-purchase'] });
}
