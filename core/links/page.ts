/**
 * The small page for a short link that is unknown or expired: no redirect anywhere (never to a URL from the
 * request), no personal data, German or English by Accept-Language, inline CSS only.
 */
import { htmlPage, type PageLanguage } from '../pages';

export { pageLanguage } from '../pages';
export type { PageLanguage } from '../pages';

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
	return htmlPage({
		language,
		title: t.title,
		css: 'main{max-width:32rem;margin-top:12vh}',
		body: `<div class="card"><h1>${t.title}</h1><p>${t.body}</p><p>${t.hint}</p></div>`,
	});
}
