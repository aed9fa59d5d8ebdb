/** Review requests: when to ask, how to read the rating reply, what to answer. Framework-free. */
export { askedScale, defaultScaleFor, inRange, isRatingScale, RATING_SCALES, SCALES, scalePhrase, scoreOf, sentimentOf, textLanguage } from './scales';
export type { RatingScale, ScaleInfo, Sentiment } from './scales';
export { parseReply } from './parse';
export type { ParsedReply } from './parse';
export { checkTiming, checkTimingPerItem, DEFAULT_TIMING_RULES } from './timing';
export type { SkipReason, TimingDecision, TimingInput, TimingItem, TimingOverride, TimingRules } from './timing';
export { clarifyingQuestion, replyText, unhappyAlert } from './texts';
export type { AlertInput, GermanAddress, ReplyContext } from './texts';
