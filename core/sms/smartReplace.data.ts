/**
 * Typographic characters that silently switch a whole SMS to UCS-2 (70 instead of 160 characters), each with a
 * GSM-7 look-alike. Our own list, built from the Unicode code charts for punctuation, spaces and fullwidth forms;
 * it covers what Twilio's Smart Encoding covers for punctuation. An empty string removes the character.
 */
export const SMART_REPLACEMENTS: Readonly<Record<string, string>> = {
	// Double quotes: curly, low-9 (German „…“), reversed, guillemets, prime, fullwidth.
	'\u201C': '"', '\u201D': '"', '\u201E': '"', '\u201F': '"', '\u00AB': '"', '\u00BB': '"', '\u2033': '"',
	'\u02BA': '"', '\u02DD': '"', '\u3003': '"', '\uFF02': '"', '\u2E42': '"',
	// Single quotes and apostrophes: curly, low-9 (German ‚…‘), prime, accents used as apostrophes, angle quotes.
	'\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u2032': "'", '\u2035': "'", '\u00B4': "'",
	'\u0060': "'", '\u02B9': "'", '\u02BB': "'", '\u02BC': "'", '\u02BD': "'", '\u02C8': "'", '\u02CA': "'",
	'\u02CB': "'", '\uFF07': "'",
	'\u2039': '<', '\u203A': '>',
	// Dashes, hyphens, minus signs and bullets.
	'\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2043': '-',
	'\u2212': '-', '\uFE58': '-', '\uFE63': '-', '\uFF0D': '-', '\u00AD': '', '\u2022': '-', '\u2023': '-',
	'\u2027': '-', '\u00B7': '-',
	// Ellipsis and doubled punctuation.
	'\u2026': '...', '\u203C': '!!', '\u2047': '??', '\u2048': '?!', '\u2049': '!?',
	// Spaces: no-break, narrow no-break (German "z. B."), figure, thin, en/em and the other Unicode spaces.
	'\u00A0': ' ', '\u2000': ' ', '\u2001': ' ', '\u2002': ' ', '\u2003': ' ', '\u2004': ' ', '\u2005': ' ',
	'\u2006': ' ', '\u2007': ' ', '\u2008': ' ', '\u2009': ' ', '\u200A': ' ', '\u202F': ' ', '\u205F': ' ',
	'\u3000': ' ', '\t': ' ',
	// Invisible characters that only cost space: zero-width space/joiners, word joiner, BOM, direction marks.
	'\u200B': '', '\u200C': '', '\u200D': '', '\u2060': '', '\uFEFF': '', '\u200E': '', '\u200F': '',
	// Line and paragraph separators.
	'\u2028': '\n', '\u2029': '\n',
	// Fractions, division and slashes.
	'\u00BD': '1/2', '\u00BC': '1/4', '\u00BE': '3/4', '\u2153': '1/3', '\u2154': '2/3', '\u00F7': '/', '\u2044': '/',
	'\u2215': '/', '\uFF0F': '/',
	// Common symbols with a plain spelling.
	'\u2122': 'TM', '\u00AE': '(R)', '\u00A9': '(C)', '\u00D7': 'x', '\u2116': 'No.',
	// Superscript digits often typed in units (m², m³).
	'\u00B2': '2', '\u00B3': '3', '\u00B9': '1',
};

/** Fullwidth ASCII (U+FF01–U+FF5E) maps one-to-one onto ASCII 0x21–0x7E; handled by rule, not listed. */
export const FULLWIDTH_START = 0xff01;
export const FULLWIDTH_END = 0xff5e;
export const FULLWIDTH_OFFSET = 0xff01 - 0x21;
