/**
 * The one HTML shell for every page the package serves from n8n (short-link fallback, journey board, journey
 * report, tracking page): a complete document with inline CSS only, because n8n serves HTML webhook answers in a
 * sandbox and there is no CDN. Mobile first; German or English chosen from Accept-Language.
 */
import { escapeHtml } from '../email/escape';

export type PageLanguage = 'de' | 'en';

/** The reader's language from an Accept-Language header: German or English (the default), by quality value. */
export function pageLanguage(acceptLanguage: string | undefined | null): PageLanguage {
	const wanted = String(acceptLanguage ?? '')
		.split(',')
		.map((part) => {
			const [tag, ...params] = part.trim().split(';');
			const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
			return { lang: tag.trim().toLowerCase().split('-')[0], q: q ? Number(q.slice(2)) || 0 : 1 };
		})
		.filter((w) => w.lang === 'de' || w.lang === 'en')
		.sort((a, b) => b.q - a.q);
	return (wanted[0]?.lang as PageLanguage | undefined) ?? 'en';
}

/** Colours and type shared by all pages; a page adds its own rules through `css`. */
const BASE_CSS = `*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f6f7f9;color:#1f2933}
main{max-width:64rem;margin:0 auto;padding:1rem}
.card{background:#fff;border-radius:12px;box-shadow:0 1px 4px rgba(0,0,0,.08);padding:1.25rem 1rem;margin:0 0 1rem}
h1{font-size:1.35rem;margin:.5rem 0 1rem}h2{font-size:1.1rem;margin:0 0 .75rem}p{margin:.5rem 0;color:#3e4c59}
a{color:#0b69a3}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #e4e7eb}
th{font-weight:600;color:#52606d;font-size:.85rem}.muted{color:#7b8794;font-size:.9rem}
@media (min-width:48rem){main{padding:2rem}}`;

export interface PageOptions {
	language: PageLanguage;
	/** Plain text; escaped here. */
	title: string;
	/** Trusted HTML built by the caller from escaped values. */
	body: string;
	/** Extra CSS rules for this page. */
	css?: string;
	/** Pages with personal or business data stay out of search engines and caches. */
	private?: boolean;
}

export function htmlPage(options: PageOptions): string {
	const title = escapeHtml(options.title);
	const privateHead = options.private === false ? '' : '<meta name="robots" content="noindex,nofollow">';
	return `<!doctype html>
<html lang="${options.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
${privateHead}<title>${title}</title>
<style>${BASE_CSS}${options.css ?? ''}</style></head>
<body><main>${options.body}</main></body></html>`;
}
