/**
 * Classifies an inbound SMS reply: opt-out, opt-in, help, or anything else. Keywords are single words, compared
 * case- and accent-insensitively (Twilio's and the CTIA's standard lists plus German and French ones). Obvious
 * natural-language revocations count too: the FCC's 2024 revocation rule (FCC 24-18) says any reasonable wording
 * revokes consent, in any language.
 */

export type InboundIntent = 'opt_out' | 'opt_in' | 'help' | 'other';

export interface InboundClassification {
	intent: InboundIntent;
	/** The matched keyword in upper case, or null for natural language / other. */
	keyword: string | null;
	/** Language guessed from the keyword or phrase, for the auto-reply. */
	language: 'de' | 'en' | 'fr' | null;
}

// STOP, START and INFO are printed in German and French SMS too, so they say nothing about the sender's language (null).
type KeywordLanguage = 'de' | 'en' | 'fr' | null;
const OPT_OUT: Record<string, KeywordLanguage> = {
	STOP: null, STOPALL: 'en', UNSUBSCRIBE: 'en', CANCEL: 'en', END: 'en', QUIT: 'en', REVOKE: 'en', OPTOUT: 'en',
	STOPP: 'de', ABMELDEN: 'de', ENDE: 'de', ARRET: 'fr',
};
const OPT_IN: Record<string, KeywordLanguage> = { START: null, YES: 'en', UNSTOP: 'en', JA: 'de' };
const HELP: Record<string, KeywordLanguage> = { HELP: 'en', INFO: null, HILFE: 'de' };

const NATURAL_OPT_OUT: ReadonlyArray<[RegExp, 'de' | 'en']> = [
	[/\bkeine\s+(sms|nachrichten|textnachrichten|werbung|mitteilungen|messages)\b.*\bmehr\b/, 'de'],
	[/\b(nicht\s+mehr|nie\s+wieder)\s+(anschreiben|kontaktieren|schreiben|simsen|belästigen|belaestigen)\b/, 'de'],
	[/\b(bitte\s+)?(abmelden|austragen|löschen\s+sie\s+meine\s+nummer|loeschen\s+sie\s+meine\s+nummer)\b/, 'de'],
	[/\b(hör|hoer|hören|hoeren)\s+(sie\s+)?auf\s+(mir\s+)?(zu\s+)?(schreiben|simsen)\b/, 'de'],
	[/\bstop+\s+(texting|messaging|sending|contacting|spamming|the\s+texts|these\s+texts|texts)\b/, 'en'],
	[/\b(do\s+not|don'?t|dont)\s+(text|message|contact|sms)\s+(me|this\s+number)\b/, 'en'],
	[/\b(remove|take)\s+me\s+(from|off)\b/, 'en'],
	[/\b(unsubscribe|opt\s+me\s+out|opt\s+out)\b/, 'en'],
	[/\bno\s+more\s+(texts|messages|sms)\b/, 'en'],
];

/** Upper-cases, strips accents and surrounding punctuation/emoji: "Arrêt!" → "ARRET". */
export function normalizeKeyword(text: string): string {
	return String(text ?? '')
		.normalize('NFD')
		.replace(/\p{M}+/gu, '')
		.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
		.toUpperCase();
}

export function classifyInbound(body: string | null | undefined): InboundClassification {
	const text = String(body ?? '').trim();
	const word = normalizeKeyword(text);
	if (word && !/\s/.test(word)) {
		if (word in OPT_OUT) return { intent: 'opt_out', keyword: word, language: OPT_OUT[word] };
		if (word in OPT_IN) return { intent: 'opt_in', keyword: word, language: OPT_IN[word] };
		if (word in HELP) return { intent: 'help', keyword: word, language: HELP[word] };
	}
	const lower = text.normalize('NFC').toLowerCase();
	for (const [pattern, language] of NATURAL_OPT_OUT) if (pattern.test(lower)) return { intent: 'opt_out', keyword: null, language };
	// "STOPP bitte", "Stop!!! wrong number": a reply that starts with an opt-out keyword is read as one (FCC 24-18).
	const first = normalizeKeyword(text.split(/\s+/)[0] ?? '');
	if (first && first in OPT_OUT && text.split(/\s+/).length <= 4) return { intent: 'opt_out', keyword: first, language: OPT_OUT[first] };
	return { intent: 'other', keyword: null, language: null };
}
