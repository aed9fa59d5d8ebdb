import { GSM_BASIC_TABLE, GSM_EXTENSION_TABLE } from './gsm.data';
import { FULLWIDTH_END, FULLWIDTH_OFFSET, FULLWIDTH_START, SMART_REPLACEMENTS } from './smartReplace.data';

/**
 * Character-level facts about SMS encodings: which UTF-16 code units GSM-7 can carry and at what cost, the list of
 * characters that force UCS-2, and the typographic look-alike replacement that keeps German texts in GSM-7.
 */

export type SmsEncoding = 'GSM-7' | 'UCS-2';

/** Septets per UTF-16 code unit in GSM-7: 1 = basic table, 2 = extension table, 0 = not encodable. */
const SEPTETS = new Uint8Array(0x10000);
for (const char of GSM_BASIC_TABLE) if (char) SEPTETS[char.charCodeAt(0)] = 1;
for (const char of Object.values(GSM_EXTENSION_TABLE)) SEPTETS[char.charCodeAt(0)] = 2;

/** Septets a single UTF-16 code unit takes in GSM-7 (0 when it is not in GSM 03.38). */
export function gsmSeptets(codeUnit: number): number {
	return SEPTETS[codeUnit];
}

/** Whether a character (one code point) is in the GSM 03.38 basic or extension table. */
export function isGsmChar(char: string): boolean {
	return char.length === 1 && SEPTETS[char.charCodeAt(0)] > 0;
}

export function isGsmExtensionChar(char: string): boolean {
	return char.length === 1 && SEPTETS[char.charCodeAt(0)] === 2;
}

/** Whether the whole text fits GSM-7. */
export function isGsmText(text: string): boolean {
	for (let i = 0; i < text.length; i++) if (SEPTETS[text.charCodeAt(i)] === 0) return false;
	return true;
}

/** Septets the text takes in GSM-7, or -1 when it contains a character GSM-7 cannot carry. */
export function gsmLength(text: string): number {
	let units = 0;
	for (let i = 0; i < text.length; i++) {
		const cost = SEPTETS[text.charCodeAt(i)];
		if (cost === 0) return -1;
		units += cost;
	}
	return units;
}

/** The distinct characters (code points, in order of first appearance) that force UCS-2. */
export function nonGsmCharacters(text: string): string[] {
	const seen = new Set<string>();
	for (const char of text) if (!isGsmChar(char)) seen.add(char);
	return [...seen];
}

function replacementFor(char: string): string | undefined {
	const mapped = SMART_REPLACEMENTS[char];
	if (mapped !== undefined) return mapped;
	const code = char.charCodeAt(0);
	if (char.length === 1 && code >= FULLWIDTH_START && code <= FULLWIDTH_END) {
		const ascii = String.fromCharCode(code - FULLWIDTH_OFFSET);
		return SMART_REPLACEMENTS[ascii] ?? ascii;
	}
	return undefined;
}

export interface Replacement {
	/** The character found in the text. */
	from: string;
	/** What it became ('' = removed). */
	to: string;
	/** How many times it occurred. */
	count: number;
}

export interface SmartReplaceResult {
	text: string;
	replacements: Replacement[];
}

/**
 * Replaces typographic characters with GSM-7 look-alikes, but only when that makes the whole text GSM-7 — the same
 * rule as Twilio's Smart Encoding: a text that stays UCS-2 anyway (an emoji, Cyrillic) is left exactly as written.
 */
export function smartReplace(text: string): SmartReplaceResult {
	if (isGsmText(text)) return { text, replacements: [] };
	const counts = new Map<string, Replacement>();
	let out = '';
	for (const char of text) {
		if (isGsmChar(char)) {
			out += char;
			continue;
		}
		const to = replacementFor(char);
		if (to === undefined) return { text, replacements: [] };
		out += to;
		const entry = counts.get(char);
		if (entry) entry.count++;
		else counts.set(char, { from: char, to, count: 1 });
	}
	return { text: out, replacements: [...counts.values()] };
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * User-perceived characters. CR LF counts as two (both are transmitted), as in Twilio's calculator. GSM-7 text has
 * no combining sequences, so it skips the (slower) segmenter.
 */
export function graphemes(text: string): string[] {
	if (isGsmText(text)) return text.split('');
	const out: string[] = [];
	for (const { segment } of segmenter.segment(text)) {
		if (segment === '\r\n') out.push('\r', '\n');
		else out.push(segment);
	}
	return out;
}
