import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { parseReply } from '../../../core/review';
import type { RatingScale, Sentiment } from '../../../core/review';

/**
 * The parsing table: real-looking replies in German and English to each scale the ask can name. `G` = school grades
 * 1–6 (1 best), `S` = stars 1–5 (5 best), `Z` = 0–10. Expected: the scale and value read (a unit in the reply wins
 * over the asked scale), `?` = ambiguous (one clarifying question), `-` = not a rating.
 */
const G: RatingScale = 'grades_1_6';
const S: RatingScale = 'stars_1_5';
const Z: RatingScale = 'zero_to_ten';
type Expected = [RatingScale, number, Sentiment] | '?' | '-';

export const PARSING_TABLE: Array<[string, RatingScale, Expected]> = [
	// The trap: a bare "1" is the best grade and the worst star rating.
	['1', G, [G, 1, 'happy']],
	['1', S, [S, 1, 'unhappy']],
	['1', Z, [Z, 1, 'unhappy']],
	['5', G, [G, 5, 'unhappy']],
	['5', S, [S, 5, 'happy']],
	['6', G, [G, 6, 'unhappy']],
	['6', S, '?'],
	['1 - super!', S, '?'],
	['5, alles super', G, '?'],
	['1, sehr gut', G, [G, 1, 'happy']],
	['5 - excellent', S, [S, 5, 'happy']],
	['1 star, awful', S, [S, 1, 'unhappy']],
	// German grades with tendencies and words.
	['2', G, [G, 2, 'happy']],
	['2+', G, [G, 1.7, 'happy']],
	['2-', G, [G, 2.3, 'happy']],
	['3', G, [G, 3, 'neutral']],
	['3-', G, [G, 3.3, 'neutral']],
	['4', G, [G, 4, 'unhappy']],
	['Note 1', G, [G, 1, 'happy']],
	['Note 1', S, [G, 1, 'happy']],
	['Schulnote: 2', S, [G, 2, 'happy']],
	['note 4-', G, [G, 4.3, 'unhappy']],
	['sehr gut', G, [G, 1, 'happy']],
	['Sehr gut!', S, [S, 5, 'happy']],
	['gut', G, [G, 2, 'happy']],
	['befriedigend', G, [G, 3, 'neutral']],
	['ausreichend', G, [G, 4, 'unhappy']],
	['mangelhaft', G, [G, 5, 'unhappy']],
	['ungenügend', G, [G, 6, 'unhappy']],
	['Eine 1 mit Sternchen', G, [G, 1, 'happy']],
	['Ich gebe eine 2', G, [G, 2, 'happy']],
	['1-2', G, [G, 1.5, 'happy']],
	['2 oder 4', G, '?'],
	['eins', G, [G, 1, 'happy']],
	['Zwei', G, [G, 2, 'happy']],
	// Stars.
	['5 Sterne', G, [S, 5, 'happy']],
	['5 Sterne', S, [S, 5, 'happy']],
	['4 stars', S, [S, 4, 'happy']],
	['3 Sterne, geht so', S, [S, 3, 'neutral']],
	['2 stars', G, [S, 2, 'unhappy']],
	['⭐⭐⭐⭐', S, [S, 4, 'happy']],
	['⭐⭐⭐⭐⭐', G, [S, 5, 'happy']],
	['★★', S, [S, 2, 'unhappy']],
	['⭐️⭐️⭐️', S, [S, 3, 'neutral']],
	['4*', S, [S, 4, 'happy']],
	['5⭐', G, [S, 5, 'happy']],
	['2 ★', S, [S, 2, 'unhappy']],
	['4/5', G, [S, 4, 'happy']],
	['4 out of 5', S, [S, 4, 'happy']],
	['4,5', S, [S, 4.5, 'happy']],
	['4-5', S, [S, 4.5, 'happy']],
	["I'd give it a 4", S, [S, 4, 'happy']],
	['I would say 2', S, [S, 2, 'unhappy']],
	['five stars', S, [S, 5, 'happy']],
	['Three', S, [S, 3, 'neutral']],
	['great', S, [S, 5, 'happy']],
	['ok', S, [S, 3, 'neutral']],
	['not bad', S, [S, 4, 'happy']],
	['not good', S, [S, 2, 'unhappy']],
	['terrible', S, [S, 1, 'unhappy']],
	['👍', S, [S, 4, 'happy']],
	['👎', S, [S, 2, 'unhappy']],
	['7', S, '?'],
	// 0–10.
	['10/10', S, [Z, 10, 'happy']],
	['10/10', G, [Z, 10, 'happy']],
	['10', Z, [Z, 10, 'happy']],
	['9', Z, [Z, 9, 'happy']],
	['8', Z, [Z, 8, 'neutral']],
	['7 von 10', G, [Z, 7, 'neutral']],
	['0', Z, [Z, 0, 'unhappy']],
	['6', Z, [Z, 6, 'unhappy']],
	['zehn', Z, [Z, 10, 'happy']],
	['11', Z, '?'],
	['super', Z, [Z, 10, 'happy']],
	['schlecht', Z, [Z, 4, 'unhappy']],
	// Not ratings.
	['', G, '-'],
	['Wann kommt meine Rechnung?', G, '-'],
	['Where is my invoice?', S, '-'],
	['Bestellung 1042', G, '-'],
	['Danke für die 10%', S, '-'],
	['Am 12.05. geliefert', G, '-'],
	['Das Paket war beschädigt, sehr schlecht', G, [G, 6, 'unhappy']],
	['nicht so gut', G, [G, 5, 'unhappy']],
];

test(`the parsing table reads ${PARSING_TABLE.length} replies as expected`, () => {
	assert.ok(PARSING_TABLE.length >= 60);
	const wrong: string[] = [];
	for (const [reply, asked, expected] of PARSING_TABLE) {
		const got = parseReply(reply, asked);
		const shown = got.kind === 'rating' ? `${got.scale} ${got.value} ${got.sentiment}` : got.kind;
		const want = expected === '?' ? 'ambiguous' : expected === '-' ? 'none' : expected.join(' ');
		if (shown !== want) wrong.push(`${JSON.stringify(reply)} on ${asked}: got ${shown}, expected ${want}`);
	}
	assert.deepEqual(wrong, []);
});

test('a rating carries a score from 0 (worst) to 1 (best) that compares across scales', () => {
	const grade = parseReply('1', G);
	const star = parseReply('5', S);
	const zero = parseReply('0', Z);
	assert.ok(grade.kind === 'rating' && star.kind === 'rating' && zero.kind === 'rating');
	assert.equal(grade.score, 1);
	assert.equal(star.score, 1);
	assert.equal(zero.score, 0);
});
