/**
 * Which requests to a short link are a person's click. Link previews (messengers unfurl a link as soon as it arrives)
 * and mail scanners (they open every link of an incoming e-mail) also follow links; counting them would make every
 * message look clicked. A request is recorded but not counted when one of these rules holds, checked in this order:
 *
 * 1. `head`: it is not a GET (previews and scanners often ask with HEAD first).
 * 2. `prefetch`: it says it is a prefetch or preview (`Purpose`, `Sec-Purpose`, `X-Purpose`, `X-Moz` headers).
 * 3. `no_user_agent`: it names no user agent (browsers always do).
 * 4. `link_preview`: its user agent is a known preview fetcher, crawler, scanner or HTTP library (list below).
 * 5. `too_early`: it comes within `minSecondsAfterSend` (default 10) of the moment the link was made, i.e. of
 *    sending: that is a scanner or preview reacting to delivery, not a person who read the message.
 *
 * Every request still gets its redirect: a preview shows the real page, and a misjudged person still lands.
 */

export type UncountedReason = 'head' | 'prefetch' | 'no_user_agent' | 'link_preview' | 'too_early';

export interface ClickRequest {
	method: string;
	userAgent?: string | null;
	/** Lower-cased header names. */
	headers?: Record<string, string | string[] | undefined>;
	at: Date;
	/** When the link was made (the message was sent right after). */
	linkCreatedAt: Date;
}

export interface ClickRules {
	minSecondsAfterSend?: number;
}

export const DEFAULT_MIN_SECONDS_AFTER_SEND = 10;

/**
 * User agents that fetch links without a person: messenger and social previews (iMessage and many others announce
 * themselves as facebookexternalhit/Twitterbot), search and AI crawlers, e-mail security scanners, and HTTP libraries.
 */
export const PREVIEW_AGENTS: readonly RegExp[] = [
	/facebookexternalhit|facebot|facebookcatalog|meta-externalagent/i,
	/twitterbot|slackbot|slack-imgproxy|discordbot|telegrambot|whatsapp|linkedinbot|skypeuripreview|pinterest|redditbot|viber|line-poker|kakaotalk-scrap|snapchat|signal/i,
	/applebot|googlebot|google-inspectiontool|adsbot-google|bingbot|bingpreview|yandex|baiduspider|duckduckbot|petalbot|gptbot|chatgpt-user|claudebot|perplexitybot|bytespider/i,
	/google-read-aloud|googleimageproxy|ggpht\.com|yahoomailproxy|microsoft office|ms-office|outlook-ios-link-preview|microsoftpreview/i,
	/proofpoint|mimecast|barracuda|symantec|messagelabs|trendmicro|trend micro|sophos|fortiguard|zscaler|forcepoint|cisco|ironport|safelinks|checkpoint|paloalto|cloudmark|spamtitan|hornetsecurity/i,
	/\b(?:bot|crawler|spider|scanner|preview|fetcher|headlesschrome|phantomjs|lighthouse)\b/i,
	/^(?:curl|wget|python-requests|python-urllib|go-http-client|java\/|okhttp|apache-httpclient|libwww-perl|axios|node-fetch|undici|got)\b/i,
];

function headerValue(headers: ClickRequest['headers'], name: string): string {
	const value = headers?.[name];
	return (Array.isArray(value) ? value.join(',') : (value ?? '')).toLowerCase();
}

/** Null when the request counts as a click, else why it does not. */
export function uncountedReason(request: ClickRequest, rules: ClickRules = {}): UncountedReason | null {
	if (request.method.toUpperCase() !== 'GET') return 'head';
	const purpose = ['purpose', 'sec-purpose', 'x-purpose', 'x-moz'].map((h) => headerValue(request.headers, h)).join(' ');
	if (/prefetch|preview|prerender/.test(purpose)) return 'prefetch';
	const agent = (request.userAgent ?? '').trim();
	if (!agent) return 'no_user_agent';
	if (PREVIEW_AGENTS.some((pattern) => pattern.test(agent))) return 'link_preview';
	const minMs = (rules.minSecondsAfterSend ?? DEFAULT_MIN_SECONDS_AFTER_SEND) * 1000;
	if (request.at.getTime() - request.linkCreatedAt.getTime() < minMs) return 'too_early';
	return null;
}
