import type { ClickResult, LinkStore, ShortLink } from '../store';
import { isCode } from './codes';
import { uncountedReason } from './bots';
import type { ClickRules, UncountedReason } from './bots';
import { linkNotFoundPage, pageLanguage } from './page';

/**
 * One request to a short link, without n8n: find the code (from the query, `?<code>` or `?c=<code>`), check the
 * stored target, judge the request (bots.ts), record it, and say what to answer. The redirect always goes to the
 * stored target, never to anything the request brings; an unknown or expired code gets the friendly page.
 */

export interface LinkRequest {
	method: string;
	/** The request URL as n8n received it (path and query). */
	url: string;
	/** Lower-cased header names. */
	headers: Record<string, string | string[] | undefined>;
	at: Date;
}

export type LinkOutcome =
	| { kind: 'redirect'; location: string; counted: boolean; reason: UncountedReason | null; first: boolean; link: ShortLink }
	| { kind: 'not_found'; status: 400 | 404 | 410; html: string; reason: 'no_code' | 'unknown' | 'expired' | 'unsafe_target' };

/** The code of a short-link URL: the first bare query key (`?AbC123`), or the `c` parameter. */
export function codeOfUrl(url: string): string | null {
	const query = url.includes('?') ? url.slice(url.indexOf('?') + 1).split('#')[0] : '';
	for (const part of query.split('&')) {
		if (!part) continue;
		const [key, value] = part.split('=');
		const code = value === undefined ? key : key === 'c' ? value : '';
		if (code && isCode(code)) return code;
	}
	return null;
}

function safeTarget(url: string): boolean {
	try {
		const parsed = new URL(url);
		return parsed.protocol === 'https:' || parsed.protocol === 'http:';
	} catch {
		return false;
	}
}

function header(headers: LinkRequest['headers'], name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}

export async function answerLinkRequest(links: LinkStore, request: LinkRequest, rules: ClickRules = {}): Promise<LinkOutcome> {
	const notFound = (status: 400 | 404 | 410, reason: Extract<LinkOutcome, { kind: 'not_found' }>['reason']): LinkOutcome => ({
		kind: 'not_found',
		status,
		reason,
		html: linkNotFoundPage(pageLanguage(header(request.headers, 'accept-language'))),
	});
	const code = codeOfUrl(request.url);
	// No code at all is a malformed request (400); a well-formed code that is not stored is not found (404).
	if (!code) return notFound(400, 'no_code');
	const link = await links.resolve(code);
	if (!link) return notFound(404, 'unknown');
	if (link.expiresAt && link.expiresAt.getTime() <= request.at.getTime()) return notFound(410, 'expired');
	if (!safeTarget(link.url)) return notFound(404, 'unsafe_target');
	const reason = uncountedReason(
		{ method: request.method, userAgent: header(request.headers, 'user-agent'), headers: request.headers, at: request.at, linkCreatedAt: link.createdAt },
		rules,
	);
	const agent = header(request.headers, 'user-agent');
	const recorded: ClickResult | null = await links.recordClick(code, {
		at: request.at,
		counted: reason === null,
		reason,
		// The user agent says which device or scanner it was; no IP address is kept.
		meta: agent ? { userAgent: agent.slice(0, 300) } : {},
	});
	const current = recorded?.link ?? link;
	return { kind: 'redirect', location: current.url, counted: reason === null, reason, first: recorded?.first ?? false, link: current };
}
