import { InputError } from '../shared/errors';
import { gsmLength, gsmSeptets, graphemes, nonGsmCharacters, smartReplace } from './encoding';
import type { Replacement, SmsEncoding } from './encoding';

/**
 * Segment counting as carriers bill it. A single SMS holds 140 octets: 160 GSM-7 septets or 70 UCS-2 code units.
 * Longer texts are concatenated, and each part loses 6 octets to the user data header: 153 septets or 67 units.
 * Like Twilio's calculator, a character is never split across parts: an extension character (two septets) and a
 * whole grapheme (a surrogate pair, a flag, a ZWJ emoji sequence) move to the next part together.
 */

export const SEGMENT_LIMITS: Readonly<Record<SmsEncoding, { single: number; multi: number }>> = {
	'GSM-7': { single: 160, multi: 153 },
	'UCS-2': { single: 70, multi: 67 },
};

export interface SmsAnalysis {
	/** The text as it will be sent (after smart replacement). */
	body: string;
	encoding: SmsEncoding;
	segments: number;
	/** User-perceived characters (graphemes; CR LF counts as two). */
	characters: number;
	/** Septets (GSM-7) or UTF-16 code units (UCS-2) the text takes. */
	units: number;
	/** Distinct characters that force UCS-2 ([] for GSM-7). */
	nonGsmCharacters: string[];
	replacements: Replacement[];
}

export interface AnalyzeOptions {
	/** Replace typographic characters with GSM-7 look-alikes when that makes the whole text GSM-7. */
	smartReplace?: boolean;
}

/** Greedy packing of items of the given sizes into parts of `capacity`; returns the part count. */
function packCount(sizes: ArrayLike<number>, capacity: number): number {
	let parts = 1;
	let used = 0;
	for (let i = 0; i < sizes.length; i++) {
		const size = sizes[i];
		if (used + size > capacity) {
			parts++;
			used = 0;
		}
		used += size;
	}
	return parts;
}

function gsmSizes(text: string): Uint8Array {
	const sizes = new Uint8Array(text.length);
	for (let i = 0; i < text.length; i++) sizes[i] = gsmSeptets(text.charCodeAt(i));
	return sizes;
}

/** UCS-2 unit sizes of the graphemes; a grapheme longer than a part is split between code points. */
function ucs2Units(clusters: string[]): string[] {
	const out: string[] = [];
	for (const cluster of clusters) {
		if (cluster.length <= SEGMENT_LIMITS['UCS-2'].multi) out.push(cluster);
		else for (const codePoint of cluster) out.push(codePoint);
	}
	return out;
}

/** Encoding, segments and characters of a text. */
export function analyzeSms(text: string, options: AnalyzeOptions = {}): SmsAnalysis {
	let body = String(text ?? '');
	let replacements: Replacement[] = [];
	if (options.smartReplace) {
		const replaced = smartReplace(body);
		body = replaced.text;
		replacements = replaced.replacements;
	}
	const septets = gsmLength(body);
	if (septets >= 0) {
		const limits = SEGMENT_LIMITS['GSM-7'];
		const segments = body.length === 0 ? 0 : septets <= limits.single ? 1 : packCount(gsmSizes(body), limits.multi);
		return { body, encoding: 'GSM-7', segments, characters: body.length, units: septets, nonGsmCharacters: [], replacements };
	}
	const limits = SEGMENT_LIMITS['UCS-2'];
	const clusters = graphemes(body);
	const segments =
		body.length <= limits.single ? 1 : packCount(ucs2Units(clusters).map((c) => c.length), limits.multi);
	return {
		body,
		encoding: 'UCS-2',
		segments,
		characters: clusters.length,
		units: body.length,
		nonGsmCharacters: nonGsmCharacters(body),
		replacements,
	};
}

/** The text of each part, for previews and tests (markers of the UDH are not included). */
export function splitSegments(text: string): string[] {
	const septets = gsmLength(text);
	if (text.length === 0) return [];
	const encoding: SmsEncoding = septets >= 0 ? 'GSM-7' : 'UCS-2';
	const limits = SEGMENT_LIMITS[encoding];
	const units = encoding === 'GSM-7' ? text.split('') : ucs2Units(graphemes(text));
	const sizeOf = (u: string) => (encoding === 'GSM-7' ? gsmSeptets(u.charCodeAt(0)) : u.length);
	const total = encoding === 'GSM-7' ? septets : text.length;
	if (total <= limits.single) return [text];
	const parts: string[] = [];
	let current = '';
	let used = 0;
	for (const unit of units) {
		const size = sizeOf(unit);
		if (used + size > limits.multi) {
			parts.push(current);
			current = '';
			used = 0;
		}
		current += unit;
		used += size;
	}
	parts.push(current);
	return parts;
}

// ---- Max-segments guard --------------------------------------------------------------------------------------

export const SHORTEN_OPEN = '[[';
export const SHORTEN_CLOSE = ']]';

export interface FitOptions extends AnalyzeOptions {
	/** Largest number of segments allowed; 0 or undefined = no limit. */
	maxSegments?: number;
	/** What to do when the text is longer: fail, or shorten the parts marked with [[ ]]. */
	onExceed?: 'error' | 'shorten';
}

export interface FitResult extends SmsAnalysis {
	/** Whether a marked part was shortened to fit. */
	shortened: boolean;
}

interface Piece {
	text: string;
	marked: boolean;
}

function splitMarked(text: string): Piece[] {
	const pieces: Piece[] = [];
	let rest = text;
	for (;;) {
		const open = rest.indexOf(SHORTEN_OPEN);
		const close = open < 0 ? -1 : rest.indexOf(SHORTEN_CLOSE, open + SHORTEN_OPEN.length);
		if (open < 0 || close < 0) {
			if (rest) pieces.push({ text: rest, marked: false });
			return pieces;
		}
		if (open > 0) pieces.push({ text: rest.slice(0, open), marked: false });
		pieces.push({ text: rest.slice(open + SHORTEN_OPEN.length, close), marked: true });
		rest = rest.slice(close + SHORTEN_CLOSE.length);
	}
}

/** Cuts every marked piece to at most `max` graphemes, ending a cut piece with an ellipsis in the text's encoding. */
function assemble(pieces: Piece[], max: number, ellipsis: string): string {
	let out = '';
	for (const piece of pieces) {
		if (!piece.marked) {
			out += piece.text;
			continue;
		}
		const chars = graphemes(piece.text);
		if (chars.length <= max) out += piece.text;
		else if (max <= 0) out += '';
		else out += chars.slice(0, Math.max(0, max - 1)).join('').trimEnd() + ellipsis;
	}
	return out;
}

/**
 * Analyses the text and enforces a segment limit. Text between `[[` and `]]` may be shortened (with an ellipsis) to
 * fit; the markers themselves never reach the customer.
 */
export function fitToSegments(text: string, options: FitOptions = {}): FitResult {
	const pieces = splitMarked(String(text ?? ''));
	const marked = pieces.filter((p) => p.marked);
	const longest = marked.reduce((max, p) => Math.max(max, graphemes(p.text).length), 0);
	const full = analyzeSms(assemble(pieces, longest, ''), options);
	const limit = options.maxSegments ?? 0;
	if (limit <= 0 || full.segments <= limit) return { ...full, shortened: false };
	const overBy = `The message needs ${full.segments} SMS segments (${full.encoding}, ${full.characters} characters), more than the maximum of ${limit}.`;
	if (options.onExceed !== 'shorten' || marked.length === 0) {
		throw new InputError(
			overBy,
			'messageText',
			marked.length === 0 && options.onExceed === 'shorten'
				? 'Mark the part that may be shortened with [[ and ]], e.g. [[{{ $json.product.title }}]], or shorten the text.'
				: 'Shorten the text, replace characters listed as non-GSM, or raise "Max Segments".',
		);
	}
	// Binary search on the longest allowed marked piece; segment count only grows with length.
	const ellipsisFor = (max: number) => (analyzeSms(assemble(pieces, max, '...'), options).encoding === 'GSM-7' ? '...' : '…');
	let low = 0;
	let high = longest;
	let best: SmsAnalysis | null = null;
	while (low <= high) {
		const mid = (low + high) >> 1;
		const candidate = analyzeSms(assemble(pieces, mid, ellipsisFor(mid)), options);
		if (candidate.segments <= limit) {
			best = candidate;
			low = mid + 1;
		} else high = mid - 1;
	}
	if (!best) {
		throw new InputError(
			`${overBy} Even without the part marked with [[ ]] it does not fit.`,
			'messageText',
			'Shorten the fixed part of the text or raise "Max Segments".',
		);
	}
	return { ...best, shortened: true };
}
