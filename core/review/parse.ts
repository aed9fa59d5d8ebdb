import { inRange, scoreOf, sentimentOf } from './scales';
import type { RatingScale, Sentiment } from './scales';

/**
 * Reads a customer's SMS reply as a rating on the scale that was asked. Tolerant of how people answer ("2+",
 * "Note 1", "5 Sterne", "⭐⭐⭐⭐", "10/10", "I'd give it a 4", "sehr gut"), strict where a guess could turn a happy
 * customer into an unhappy one: a number outside the asked scale, two readings that disagree ("1, super!" to a star
 * ask) or several different numbers are `ambiguous`, and the caller may ask once.
 */

export type ParsedReply =
	| { kind: 'rating'; scale: RatingScale; value: number; score: number; sentiment: Sentiment; basis: 'number' | 'unit' | 'emoji' | 'words' }
	| { kind: 'ambiguous'; reason: 'out_of_range' | 'conflict' | 'several_numbers' }
	| { kind: 'none' };

/** Five levels a word or emoji can say, from best to worst; each scale has its own value for them. */
type Level = 0 | 1 | 2 | 3 | 4;
const LEVEL_VALUES: Record<RatingScale, readonly number[]> = {
	grades_1_6: [1, 2, 3, 5, 6],
	stars_1_5: [5, 4, 3, 2, 1],
	zero_to_ten: [10, 8, 7, 4, 1],
};
/** The German grade words name an exact grade, so on a grade ask they keep it ("ausreichend" is a 4). */
const GRADE_WORDS: Array<[RegExp, number]> = [
	[/\bsehr gut\b/, 1],
	[/\bbefriedigend\b/, 3],
	[/\bausreichend\b/, 4],
	[/\bmangelhaft\b/, 5],
	[/\bungen(?:ü|ue)gend\b/, 6],
];

/** Words and emojis by level; checked in this order, so "sehr schlecht" wins over "schlecht", "nicht gut" over "gut". */
const WORDS: Array<[RegExp, Level]> = [
	[/\b(?:not bad|nicht schlecht|nicht (?:ü|ue)bel)\b/, 1],
	[/\b(?:sehr schlecht|katastroph\w*|furchtbar|schrecklich|grottig|terrible|awful|horrible|worst|hate it)\b|😡|🤬|💩/u, 4],
	[/\b(?:nicht (?:so |sehr |besonders )?(?:gut|zufrieden)|not (?:so |very |that |really )?(?:good|great|happy)|schlecht|entt(?:ä|ae)uscht\w*|unzufrieden|bad|poor|disappointed|disappointing|unhappy)\b|👎|😞|😠/u, 3],
	[/\b(?:geht so|mittelm(?:ä|ae)(?:ß|ss)ig|mittel|naja|ok(?:ay)?|so[- ]so|meh|average|mediocre)\b|😐/u, 2],
	[/\b(?:sehr gut|sehr zufrieden|super|toll|klasse|spitze|perfekt|hervorragend|ausgezeichnet|genial|excellent|amazing|awesome|perfect|fantastic|outstanding|great|love it|loved it)\b|😍|🤩|❤️|❤|🥰/u, 0],
	[/\b(?:gut|zufrieden|good|fine|nice|happy|satisfied)\b|👍|🙂|😊/u, 1],
];

const NUMBER_WORDS: Record<string, number> = {
	null: 0, zero: 0, eins: 1, one: 1, zwei: 2, two: 2, drei: 3, three: 3, vier: 4, four: 4, fünf: 5, fuenf: 5, five: 5,
	sechs: 6, six: 6, sieben: 7, seven: 7, acht: 8, eight: 8, neun: 9, nine: 9, zehn: 10, ten: 10,
};
const NUMBER_WORD = Object.keys(NUMBER_WORDS).join('|');
const NUM = `(\\d{1,2}(?:[.,]\\d)?|${NUMBER_WORD})`;
const STAR_EMOJI = /[⭐★🌟]/gu;

function toNumber(token: string): number {
	return token in NUMBER_WORDS ? NUMBER_WORDS[token] : Number(token.replace(',', '.'));
}

function rating(scale: RatingScale, value: number, basis: Extract<ParsedReply, { kind: 'rating' }>['basis']): ParsedReply {
	return { kind: 'rating', scale, value, score: scoreOf(scale, value), sentiment: sentimentOf(scale, value), basis };
}

/** A reading that names its own scale: "5 Sterne", "10/10", "Note 2", "4 of 5". */
function withUnit(text: string): { scale: RatingScale; value: number } | null {
	let m = new RegExp(`${NUM}\\s*(?:/|von|out of|of|aus)\\s*(10|5|6)\\b`).exec(text);
	if (m) {
		const max = Number(m[2]);
		return { scale: max === 10 ? 'zero_to_ten' : max === 5 ? 'stars_1_5' : 'grades_1_6', value: toNumber(m[1]) };
	}
	m = new RegExp(`${NUM}\\s*(?:sterne?n?|stars?|\\*|⭐|★|🌟)(?![\\w*])`, 'u').exec(text);
	if (m) return { scale: 'stars_1_5', value: toNumber(m[1]) };
	m = new RegExp(`\\b(?:schulnote|note|grade)\\s*:?\\s*${NUM}\\s*([+-])?`).exec(text);
	if (m) return { scale: 'grades_1_6', value: gradeWithSign(toNumber(m[1]), m[2]) };
	return null;
}

/** "2+" is a little better than 2, "2-" a little worse (German grades: lower is better). */
function gradeWithSign(value: number, sign: string | undefined): number {
	if (!sign) return value;
	const shifted = sign === '+' ? value - 0.3 : value + 0.3;
	return Math.round(Math.min(6, Math.max(1, shifted)) * 10) / 10;
}

function wordLevel(text: string): Level | null {
	for (const [pattern, level] of WORDS) if (pattern.test(text)) return level;
	return null;
}

/** Bare numbers: one or two digits (longer ones are order numbers, prices, dates), and number words. */
function bareNumbers(text: string, scale: RatingScale): number[] {
	const out: number[] = [];
	const pattern = new RegExp(`(?<![\\w.,/#])${NUM}(?:\\s*([+-])(?![\\d]))?(?![\\w.,/]*\\d)(?![\\p{L}])(?!\\s*[%€$])`, 'gu');
	for (const m of text.matchAll(pattern)) {
		const isWord = m[1] in NUMBER_WORDS;
		// A number word counts only when the reply is little more than it ("fünf", "I'd say four").
		if (isWord && text.replace(/[^\p{L}\p{N}]+/gu, ' ').trim().split(' ').length > 4) continue;
		const value = toNumber(m[1]);
		out.push(scale === 'grades_1_6' ? gradeWithSign(value, m[2]) : value);
	}
	return out;
}

/** Two sentiments conflict when one is happy and the other unhappy ("1 - super!" to a star ask). */
function conflicts(a: Sentiment, b: Sentiment): boolean {
	return (a === 'happy' && b === 'unhappy') || (a === 'unhappy' && b === 'happy');
}

export function parseReply(reply: string, asked: RatingScale): ParsedReply {
	const text = String(reply ?? '')
		.normalize('NFC')
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.trim();
	if (!text) return { kind: 'none' };
	const level = wordLevel(text);
	const wordSentiment = level === null ? null : sentimentOf(asked, LEVEL_VALUES[asked][level]);

	const stars = text.match(STAR_EMOJI)?.length ?? 0;
	if (stars > 0 && text.replace(STAR_EMOJI, '').replace(/[\s\uFE0F]/g, '').length === 0) {
		return stars <= 5 ? rating('stars_1_5', stars, 'emoji') : { kind: 'ambiguous', reason: 'out_of_range' };
	}

	const unit = withUnit(text);
	if (unit) {
		if (!inRange(unit.scale, unit.value)) return { kind: 'ambiguous', reason: 'out_of_range' };
		const found = rating(unit.scale, unit.value, 'unit');
		if (found.kind === 'rating' && level !== null && conflicts(found.sentiment, sentimentOf(unit.scale, LEVEL_VALUES[unit.scale][level]))) {
			return { kind: 'ambiguous', reason: 'conflict' };
		}
		return found;
	}

	const numbers = [...new Set(bareNumbers(text, asked))];
	if (numbers.length > 0) {
		if (numbers.some((n) => !inRange(asked, n))) return { kind: 'ambiguous', reason: 'out_of_range' };
		const sentiments = new Set(numbers.map((n) => sentimentOf(asked, n)));
		// "4-5" or "1 oder 2": a range within one sentiment is its middle; across sentiments it is unclear.
		if (numbers.length > 2 || sentiments.size > 1) return { kind: 'ambiguous', reason: 'several_numbers' };
		const value = numbers.reduce((a, b) => a + b, 0) / numbers.length;
		const found = rating(asked, value, 'number');
		if (found.kind === 'rating' && wordSentiment !== null && conflicts(found.sentiment, wordSentiment)) return { kind: 'ambiguous', reason: 'conflict' };
		return found;
	}

	if (asked === 'grades_1_6') {
		for (const [pattern, grade] of GRADE_WORDS) if (pattern.test(text) && !/\bnicht\b/.test(text)) return rating(asked, grade, 'words');
	}
	if (level !== null) return rating(asked, LEVEL_VALUES[asked][level], 'words');
	return { kind: 'none' };
}
