/**
 * Escaping for everything we interpolate into HTML. Shop and customer data is untrusted (a product title can hold
 * `<script>`), so every value goes through `escapeHtml`, and URLs additionally through `safeUrl`.
 */

const HTML_ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;',
	'`': '&#96;',
};

export function escapeHtml(value: unknown): string {
	return String(value ?? '').replace(/[&<>"'`]/g, (c) => HTML_ESCAPES[c]);
}

/**
 * Only http(s) and mailto links may appear in a journey e-mail; anything else (javascript:, data:) becomes empty so
 * the caller drops the link. The result is HTML-escaped for use in an attribute.
 */
export function safeUrl(value: unknown): string {
	const url = String(value ?? '').trim();
	if (!/^(https?:\/\/|mailto:)/i.test(url)) return '';
	return escapeHtml(url);
}

/** Whether a value is a link we are willing to render. */
export function isSafeUrl(value: unknown): boolean {
	return safeUrl(value) !== '';
}

/** Accepts `#abc` or `#aabbcc` only, so a color can never break out of a style attribute. */
export function safeColor(value: unknown, fallback: string): string {
	const color = String(value ?? '').trim();
	return /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(color) ? color.toLowerCase() : fallback;
}
