/** Short personal links: codes, shortening of message texts and e-mails, the click rules, the answer to a click, attribution. */
export { CODE_LENGTH, isCode, newCode, PREVIEW_CODE } from './codes';
export { checkTarget, shortenEmail, shortenText, shortUrlOf, webhookBaseFromResumeUrl, withUtm } from './shorten';
export type { ShortenContext, ShortenedLink, ShortenResult, ShortLinkTarget } from './shorten';
export { DEFAULT_MIN_SECONDS_AFTER_SEND, PREVIEW_AGENTS, uncountedReason } from './bots';
export type { ClickRequest, ClickRules, UncountedReason } from './bots';
export { answerLinkRequest, codeOfUrl } from './click';
export type { LinkOutcome, LinkRequest } from './click';
export { linkNotFoundPage, pageLanguage } from './page';
export type { PageLanguage } from './page';
export { attributeOrderEvent, DEFAULT_ATTRIBUTION_DAYS } from './attribution';
export type { OrderTouchEvent } from './attribution';
export { messageLinks } from './message';
export type { MessageLinkOptions } from './message';
