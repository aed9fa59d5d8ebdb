import type { Language, RenderedEmail } from './model';
import { renderEmail } from './render';
import { buildDocument } from './document';
import type { TemplateInput } from './input';

/** Builds and renders one e-mail: subject, preheader, HTML and plain text from one content model. */
export function composeEmail(input: TemplateInput): RenderedEmail {
	return renderEmail(buildDocument(input));
}

/** German for any `de*` locale, English otherwise (the two languages we ship texts for). */
export function languageOf(locale: string | null | undefined): Language {
	return /^de\b/i.test(String(locale ?? '').trim()) ? 'de' : 'en';
}
