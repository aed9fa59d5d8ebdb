import { hmac, safeEqual } from './signature';

/**
 * Twilio's webhook signature (`X-Twilio-Signature`): base64 HMAC-SHA1 with the auth token over the full public URL
 * followed by every POST parameter name and value, sorted by name. Used by the SMS Inbound Trigger to verify
 * requests and by the local test server to sign status callbacks exactly as Twilio does.
 */

export type TwilioParams = Record<string, string | string[] | undefined>;

export function twilioSignature(authToken: string, url: string, params: TwilioParams = {}): string {
	let data = url;
	for (const name of Object.keys(params).sort()) {
		const value = params[name];
		if (value === undefined) continue;
		// Repeated parameters are signed once per value, values in sorted order.
		const values = Array.isArray(value) ? [...value].sort() : [value];
		for (const v of values) data += name + v;
	}
	return hmac('sha1', authToken, Buffer.from(data, 'utf8'), 'base64');
}

/**
 * Verifies a Twilio signature. Twilio signs the URL as it called it; a port may or may not be part of it, so both
 * forms are accepted, as Twilio's own helper does. Fails closed without a token or a signature.
 */
export function verifyTwilioSignature(options: { authToken: string; url: string; params: TwilioParams; signature: string | undefined | null }): boolean {
	const { authToken, url, params, signature } = options;
	if (!authToken || !signature) return false;
	for (const candidate of urlVariants(url)) {
		if (safeEqual(twilioSignature(authToken, candidate, params), signature)) return true;
	}
	return false;
}

function urlVariants(url: string): string[] {
	const match = /^(https?):\/\/([^/:?#]+)(:\d+)?(.*)$/i.exec(url);
	if (!match) return [url];
	const [, scheme, host, port, rest] = match;
	const defaultPort = scheme.toLowerCase() === 'https' ? ':443' : ':80';
	// Twilio may sign with or without the port; accept the other form too.
	return port ? [url, `${scheme}://${host}${rest}`] : [url, `${scheme}://${host}${defaultPort}${rest}`];
}
