/**
 * The rating scales a review request can ask on. The same digit means opposite things on them: a "1" is the best
 * German school grade and the worst star rating, so a reply is always read on the scale that was asked.
 */

export type RatingScale = 'grades_1_6' | 'stars_1_5' | 'zero_to_ten';
export type Sentiment = 'happy' | 'neutral' | 'unhappy';

export interface ScaleInfo {
	id: RatingScale;
	min: number;
	max: number;
	/** The best value (1 for grades, the maximum otherwise). */
	best: number;
	/** Values (on the 0–1 score, 1 = best) from which a rating counts as happy, and up to which it counts as unhappy. */
	happyFrom: number;
	unhappyUpTo: number;
}

/**
 * Thresholds: grades 1–2 happy, 3 neutral, 4–6 unhappy (a "4" is only "ausreichend"); stars 4–5 happy, 3 neutral,
 * 1–2 unhappy; 0–10 like the net promoter score: 9–10 happy, 7–8 neutral, 0–6 unhappy.
 */
export const SCALES: Readonly<Record<RatingScale, ScaleInfo>> = {
	grades_1_6: { id: 'grades_1_6', min: 1, max: 6, best: 1, happyFrom: scoreOn(1, 6, 1, 2.5), unhappyUpTo: scoreOn(1, 6, 1, 3.5) },
	stars_1_5: { id: 'stars_1_5', min: 1, max: 5, best: 5, happyFrom: scoreOn(1, 5, 5, 3.5), unhappyUpTo: scoreOn(1, 5, 5, 2.5) },
	zero_to_ten: { id: 'zero_to_ten', min: 0, max: 10, best: 10, happyFrom: scoreOn(0, 10, 10, 8.5), unhappyUpTo: scoreOn(0, 10, 10, 6.5) },
};

export const RATING_SCALES = Object.keys(SCALES) as RatingScale[];

export function isRatingScale(value: unknown): value is RatingScale {
	return typeof value === 'string' && value in SCALES;
}

function scoreOn(min: number, max: number, best: number, value: number): number {
	const share = (value - min) / (max - min);
	return best === max ? share : 1 - share;
}

/** A value on a scale as a score from 0 (worst) to 1 (best), so ratings on different scales compare. */
export function scoreOf(scale: RatingScale, value: number): number {
	const s = SCALES[scale];
	return Math.round(scoreOn(s.min, s.max, s.best, value) * 1000) / 1000;
}

export function sentimentOf(scale: RatingScale, value: number): Sentiment {
	const s = SCALES[scale];
	const score = scoreOf(scale, value);
	if (score >= s.happyFrom - 1e-9) return 'happy';
	if (score <= s.unhappyUpTo + 1e-9) return 'unhappy';
	return 'neutral';
}

export function inRange(scale: RatingScale, value: number): boolean {
	return value >= SCALES[scale].min && value <= SCALES[scale].max;
}

/** The scale asked when the shop chose none: German customers know school grades, everyone else knows stars. */
export function defaultScaleFor(language: string | null | undefined): RatingScale {
	return String(language ?? '').toLowerCase().startsWith('de') ? 'grades_1_6' : 'stars_1_5';
}

/** How the ask names the scale, so the customer knows which end is best (fills `{ratingScale}` in the SMS texts). */
const SCALE_PHRASES: Record<'de' | 'en', Record<RatingScale, string>> = {
	de: {
		grades_1_6: 'einer Schulnote von 1 (sehr gut) bis 6 (ungenügend)',
		stars_1_5: '1 bis 5 Sternen (5 = sehr gut)',
		zero_to_ten: 'einer Zahl von 0 bis 10 (10 = sehr gut)',
	},
	en: {
		grades_1_6: 'a grade from 1 (best) to 6 (worst)',
		stars_1_5: '1 to 5 stars (5 = best)',
		zero_to_ten: 'a number from 0 to 10 (10 = best)',
	},
};

export function textLanguage(language: string | null | undefined): 'de' | 'en' {
	return String(language ?? '').toLowerCase().startsWith('de') ? 'de' : 'en';
}

export function scalePhrase(scale: RatingScale, language: string | null | undefined): string {
	return SCALE_PHRASES[textLanguage(language)][scale];
}

/**
 * The scale an ask names for one item: the one Check Timing chose (`review.scale`), else the default for the language
 * the text is written in. SMS Compose fills `{ratingScale}` and records the ask with this same answer.
 */
export function askedScale(data: Record<string, unknown>, language: string | null | undefined): RatingScale {
	const review = data.review;
	const chosen = review && typeof review === 'object' ? (review as Record<string, unknown>).scale : undefined;
	return isRatingScale(chosen) ? chosen : defaultScaleFor(language);
}
