/**
 * The small page for a short link that is unknown or expired: no redirect anywhere (never to a URL from the
 * request), no personal data, German or English by Accept-Language, inline CSS only.
 */

export type PageLanguage = 'de' | 'en';

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

const TEXTS: Record<PageLanguage, { title: string; body: string; hint: string }> = {
	de: {
		title: 'Dieser Link ist nicht mehr gültig',
		body: 'Der Link ist abgelaufen oder unvollständig angekommen.',
		hint: 'Bitte öffnen Sie die Seite des Shops direkt oder antworten Sie auf unsere Nachricht, wir helfen gern weiter.',
	},
	en: {
		title: 'This link is no longer valid',
		body: 'The link has expired or did not arrive complete.',
		hint: "Please open the shop's website directly, or reply to our message and we will be glad to help.",
	},
};

export function linkNotFoundPage(language: PageLanguage): string {
	const t = TEXTS[language];
	return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${t.title}</title>
<style>body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;background:#f6f7f9;color:#1f2933}
main{max-width:32rem;margin:12vh auto;padding:2rem 1.5rem;background:#fff;border-radius:12px;box-shadow:0 1px 4px rgba(0,0,0,.08)}
h1{font-size:1.3rem;margin:0 0 .75rem}p{margin:.5rem 0;color:#3e4c59}</style></head>
<body><main><h1>${t.title}</h1><p>${t.body}</p><p>${t.hint}</p></main></body></html>`;
}
