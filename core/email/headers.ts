import { ConfigurationError } from '../shared/errors';
import type { EmailPurpose } from './input';

/**
 * Mail headers that depend on the purpose of a message. Marketing mail carries one-click unsubscribe (RFC 8058, as
 * Gmail and Yahoo require for bulk senders): exactly one `List-Unsubscribe` header holding both the mailto and the
 * https URI, and exactly one `List-Unsubscribe-Post`. Transactional mail carries neither, so mailbox providers do
 * not treat an order confirmation as a newsletter.
 */

export const ONE_CLICK = 'List-Unsubscribe=One-Click';

/** Headers DKIM must sign. nodemailer's default list lacks List-Unsubscribe-Post, which RFC 8058 requires signed. */
export const DKIM_HEADER_FIELDS = [
	'From',
	'Sender',
	'Reply-To',
	'Subject',
	'Date',
	'Message-ID',
	'To',
	'Cc',
	'MIME-Version',
	'Content-Type',
	'Content-Transfer-Encoding',
	'List-Id',
	'List-Unsubscribe',
	'List-Unsubscribe-Post',
].join(':');

const RESERVED = new Set(['list-unsubscribe', 'list-unsubscribe-post', 'from', 'to', 'cc', 'bcc', 'subject', 'message-id', 'date', 'content-type', 'mime-version', 'dkim-signature']);

export interface UnsubscribeTargets {
	/** The one-click endpoint; must be https (RFC 8058). */
	url?: string;
	/** An address that unsubscribes whoever writes to it; a `mailto:` prefix is optional. */
	mailto?: string;
}

export interface HeaderInput {
	purpose: EmailPurpose;
	unsubscribe?: UnsubscribeTargets;
	/** User headers (e.g. `X-Campaign`); they can never replace the ones this module owns. */
	custom?: Record<string, string>;
}

export function buildHeaders(input: HeaderInput): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(input.custom ?? {})) {
		const clean = name.trim();
		if (!/^[A-Za-z0-9-]+$/.test(clean)) throw new ConfigurationError(`"${clean}" is not a valid e-mail header name`, 'customHeaders', 'Header names may contain letters, digits and dashes only.');
		if (RESERVED.has(clean.toLowerCase())) continue;
		// A header value must stay on one line, or it could smuggle in further headers.
		headers[clean] = String(value ?? '').replace(/[\r\n]+/g, ' ');
	}
	if (input.purpose === 'marketing') {
		const value = listUnsubscribeValue(input.unsubscribe ?? {});
		headers['List-Unsubscribe'] = value;
		headers['List-Unsubscribe-Post'] = ONE_CLICK;
	}
	return headers;
}

/** `<mailto:…>, <https://…>`. Both targets are checked so a bad link never reaches a customer's inbox. */
export function listUnsubscribeValue(targets: UnsubscribeTargets): string {
	const url = targets.url?.trim();
	if (!url) {
		throw new ConfigurationError('Marketing e-mails need an unsubscribe link', 'unsubscribeUrl', 'Set "Unsubscribe URL" to an https link that unsubscribes the customer with one click.');
	}
	if (!URL.canParse(url)) throw new ConfigurationError('The unsubscribe link is not a valid URL', 'unsubscribeUrl');
	const parsed = new URL(url);
	if (parsed.protocol !== 'https:') {
		throw new ConfigurationError('The unsubscribe link must start with https://', 'unsubscribeUrl', 'Gmail and Yahoo only accept one-click unsubscribe over https.');
	}
	const parts: string[] = [];
	const mail = targets.mailto?.trim().replace(/^mailto:/i, '');
	if (mail) {
		if (!/^[^\s<>@,]+@[^\s<>@,]+(\?[^\s<>]*)?$/.test(mail)) throw new ConfigurationError('The unsubscribe e-mail address is not valid', 'unsubscribeMailto');
		parts.push(`<mailto:${mail}>`);
	}
	parts.push(`<${parsed.toString().replace(/[<>\s]/g, encodeURIComponent)}>`);
	return parts.join(', ');
}

export interface DkimSettings {
	domainName: string;
	keySelector: string;
	privateKey: string;
}

/** nodemailer's `dkim` option, or undefined when DKIM is not configured (all three values are needed). */
export function dkimOptions(settings: Partial<DkimSettings>): (DkimSettings & { headerFieldNames: string }) | undefined {
	const domainName = settings.domainName?.trim();
	const keySelector = settings.keySelector?.trim();
	const privateKey = settings.privateKey?.trim();
	if (!domainName && !keySelector && !privateKey) return undefined;
	if (!domainName || !keySelector || !privateKey) {
		throw new ConfigurationError('DKIM needs a domain, a selector and a private key', 'dkimDomain', 'Fill in all three DKIM fields in the SMTP credential, or leave all three empty.');
	}
	if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(privateKey)) {
		throw new ConfigurationError('The DKIM private key is not a PEM key', 'dkimPrivateKey', 'Paste the whole key including the "-----BEGIN PRIVATE KEY-----" line.');
	}
	return { domainName, keySelector, privateKey, headerFieldNames: DKIM_HEADER_FIELDS };
}
