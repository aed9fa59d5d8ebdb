/**
 * Classifies an inbound SMS reply: opt-out, opt-in, help, or anything else. Keywords are single words, compared
 * case- and accent-insensitively (Twilio's and the CTIA's standard lists plus German and French ones). Obvious
 * natural-language revocations count too: the FCC's 2024 revocation rule (FCC 24-18) says any reasonable wording
 * revokes consent, in any language. A phrase that is negated ("please don't stop sending", "bitte nicht abmelden") is
 * not a revocation: such replies, and others that mention stopping without clearly asking, are flagged for a person.
 */

export type InboundIntent = 'opt_out' | 'opt_in' | 'help' | 'other';

export interface InboundClassification {
	intent: InboundIntent;
	/**
	 * A person should read this reply: it speaks of stopping but does not clearly ask to ("please don't stop
	 * sending"). Such replies are never recorded as opt-outs and get no auto-reply that promises anything.
	 */
	needsReview?: boolean;
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
	[/\bleave\s+me\s+alone\b/, 'en'],
	[/\blass(t|en\s+sie)?\s+mich\s+in\s+ruhe\b/, 'de'],
];

/** Words that, right before an opt-out phrase, turn it around: "don't stop sending", "bitte nicht abmelden". */
const NEGATION = /\b(not|don'?t|dont|do\s+not|never|won'?t|no\s+need\s+to|nicht|nie|niemals|kein(e|en)?)\b[\s,]*(\S+[\s,]+){0,2}$/;
/** Opt-out words that, inside a longer reply no rule understood, make it worth a person's look. */
const OPT_OUT_WORDS = /\b(stop+|unsubscribe|abmelden|austragen|arr[eê]t|opt\s*out)\b/;

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
	let negated = false;
	for (const [pattern, language] of NATURAL_OPT_OUT) {
		const match = pattern.exec(lower);
		if (!match) continue;
		if (NEGATION.test(lower.slice(0, match.index))) {
			negated = true;
			continue;
		}
		return { intent: 'opt_out', keyword: null, language };
	}
	if (negated) return { intent: 'other', keyword: null, language: null, needsReview: true };
	// "STOPP bitte", "Stop!!! wrong number": a reply that starts with an opt-out keyword is read as one (FCC 24-18).
	const first = normalizeKeyword(text.split(/\s+/)[0] ?? '');
	if (first && first in OPT_OUT && text.split(/\s+/).length <= 4) return { intent: 'opt_out', keyword: first, language: OPT_OUT[first] };
	// Speaks of stopping, but no rule understood it as a request: a person decides, nothing is recorded.
	if (OPT_OUT_WORDS.test(lower)) return { intent: 'other', keyword: null, language: null, needsReview: true };
	return { intent: 'other', keyword: null, language: null };
}
