import { InputError } from '../shared/errors';
import { CODE_LENGTH, newCode, PREVIEW_CODE } from './codes';

/**
 * Shorten Links: every http(s) link in a message text (and every `href` of an e-mail's HTML) becomes
 * `<base>/<path>?<code>`, one random code per customer, message and link, answered by the Short Link Trigger.
 * The code goes in the query, not in the path: n8n puts the webhook ID (36 characters) in front of any webhook path
 * with a `:parameter`, which would make the "short" link longer than most tracking links.
 */

export interface ShortLinkTarget {
	/** `https://n8n.shop.example/webhook` or a short domain the shop forwards to it. */
	base: string;
	/** The Short Link Trigger's path, e.g. `l`. */
	path: string;
}

export interface ShortenContext extends ShortLinkTarget {
	/** Makes (or finds) the stored code for a target URL; absent for a preview. */
	codeFor?: (url: string) => Promise<string>;
	/** Links left as they are (an opt-out link). */
	skip?: string[];
	/** UTM tags added to targets that have no utm_source yet. */
	utm?: { source: string; medium: string; campaign?: string } | null;
}

export interface ShortenedLink {
	url: string;
	shortUrl: string;
	code: string;
}

export interface ShortenResult {
	text: string;
	links: ShortenedLink[];
}

/** The same links the SMS renderer tags: stops before trailing punctuation and closing brackets. */
const URL_IN_TEXT = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;
const HREF = /(\bhref\s*=\s*)(["'])(https?:\/\/[^"']+)\2/gi;

/** `https://n8n.shop.example/webhook-waiting/42` → `https://n8n.shop.example/webhook`: how a node learns n8n's public webhook URL. */
export function webhookBaseFromResumeUrl(resumeUrl: string, webhookEndpoint = 'webhook'): string {
	let url: URL;
	try {
		url = new URL(resumeUrl);
	} catch {
		throw new InputError('n8n did not tell its public URL.', 'shortLinkDomain', 'Set "Short Link Domain" in the node options, e.g. https://n8n.your-shop.com/webhook.');
	}
	const parts = url.pathname.split('/').filter(Boolean);
	const prefix = parts.slice(0, Math.max(0, parts.length - 2));
	return `${url.origin}/${[...prefix, webhookEndpoint.replace(/^\/+|\/+$/g, '')].join('/')}`;
}

/** Checks and normalizes the base and path the marketer set. */
export function checkTarget(target: ShortLinkTarget): ShortLinkTarget {
	let base: URL;
	try {
		base = new URL(target.base);
	} catch {
		throw new InputError(`The short link domain "${target.base}" is not a URL.`, 'shortLinkDomain', 'Use a full address, e.g. https://go.your-shop.com.');
	}
	if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new InputError('The short link domain must start with https://.', 'shortLinkDomain');
	const path = target.path.trim().replace(/^\/+|\/+$/g, '');
	if (!/^[A-Za-z0-9][A-Za-z0-9_\-/]*$/.test(path)) {
		throw new InputError(`The short link path "${target.path}" may only contain letters, digits, "-", "_" and "/".`, 'shortLinkPath', 'Use the Path of your Short Link Trigger, e.g. l.');
	}
	return { base: `${base.origin}${base.pathname}`.replace(/\/+$/, ''), path };
}

export function shortUrlOf(target: ShortLinkTarget, code: string): string {
	return `${target.base}/${target.path}?${code}`;
}

/** Adds utm_source/medium/campaign to a target that has no utm_source; other links are returned unchanged. */
export function withUtm(url: string, utm: ShortenContext['utm']): string {
	if (!utm) return url;
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return url;
	}
	if (parsed.searchParams.has('utm_source')) return url;
	parsed.searchParams.set('utm_source', utm.source);
	parsed.searchParams.set('utm_medium', utm.medium);
	if (utm.campaign) parsed.searchParams.set('utm_campaign', utm.campaign);
	return parsed.toString();
}

function isOwnLink(url: string, target: ShortLinkTarget): boolean {
	return url.startsWith(`${target.base}/${target.path}?`);
}

/** Replaces matches of `pattern` one after another (one store call each, in text order). */
async function replaceAsync(text: string, pattern: RegExp, replace: (match: RegExpExecArray) => Promise<string>): Promise<string> {
	let out = '';
	let last = 0;
	for (const match of text.matchAll(pattern)) {
		out += text.slice(last, match.index) + (await replace(match as RegExpExecArray));
		last = match.index + match[0].length;
	}
	return out + text.slice(last);
}

function linkMaker(ctx: ShortenContext, links: ShortenedLink[]): (url: string) => Promise<string> {
	const target = checkTarget(ctx);
	const made = new Map<string, string>();
	return async (url) => {
		if (ctx.skip?.includes(url) || isOwnLink(url, target)) return url;
		const tagged = withUtm(url, ctx.utm);
		let shortUrl = made.get(tagged);
		if (!shortUrl) {
			const code = ctx.codeFor ? await ctx.codeFor(tagged) : PREVIEW_CODE;
			if (code.length > CODE_LENGTH * 3) throw new InputError('The short link code is too long.', 'code');
			shortUrl = shortUrlOf(target, code);
			made.set(tagged, shortUrl);
			links.push({ url: tagged, shortUrl, code });
		}
		return shortUrl;
	};
}

/** Shortens every link of a plain text (SMS, the text part of an e-mail). */
export async function shortenText(text: string, ctx: ShortenContext): Promise<ShortenResult> {
	const links: ShortenedLink[] = [];
	const make = linkMaker(ctx, links);
	return { text: await replaceAsync(text, URL_IN_TEXT, (m) => make(m[0])), links };
}

/**
 * Shortens an e-mail: the `href`s of its HTML and the links of its text part. The same target gets the same code in
 * both parts (it is one message), and link texts that show the address are left as the customer sees them.
 */
export async function shortenEmail(parts: { html: string; text?: string | null }, ctx: ShortenContext): Promise<{ html: string; text: string | null; links: ShortenedLink[] }> {
	const links: ShortenedLink[] = [];
	const make = linkMaker(ctx, links);
	const html = await replaceAsync(parts.html, HREF, async (m) => `${m[1]}${m[2]}${await make(decodeEntities(m[3]))}${m[2]}`);
	const text = typeof parts.text === 'string' ? await replaceAsync(parts.text, URL_IN_TEXT, (m) => make(m[0])) : null;
	return { html, text, links };
}

/** An `href` holds `&amp;` for `&`; the stored target is the real URL. */
function decodeEntities(href: string): string {
	return href.replace(/&amp;/g, '&').replace(/&#38;/g, '&');
}

/** A new code (exported for nodes that make links without a message). */
export { newCode };
