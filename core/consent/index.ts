/**
 * Consent policy: send / defer / suppress decisions over the consent ledger, suppressions, caps and quiet hours in
 * the recipient's local time. Pure decisions (`prepare` + `decide`) and a small store orchestrator (`gateBatch`).
 */
export { POLICY_VERSION, QUIET_HOURS, DEFAULT_QUIET_HOURS, TRANSACTIONAL_DAYTIME, DEFAULT_CAPS, DOUBLE_OPT_IN_COUNTRIES } from './quietHours.data';
export type { QuietHoursRule } from './quietHours.data';
export { sendKey } from '../shared/sendKey';
export { classifyInbound, normalizeKeyword } from './keywords';
export type { InboundClassification, InboundIntent } from './keywords';
export { detectMarketingContent } from './content';
export type { MarketingCue } from './content';
export { resolveRecipient } from './recipient';
export { resolveJurisdiction } from './jurisdiction';
export { evaluateWindows, candidatesFor, ruleFor } from './quietHours';
export { prepare, decide, suppressionBlocks, MAX_DEFERRALS } from './policy';
export type { PreparedItem } from './policy';
export { gateBatch } from './gate';
export type { GateRunOptions } from './gate';
export { recordConsent, recordOptOut, recordOptIn, confirmPendingDoubleOptIn } from './ledger';
export type { RecordConsentInput } from './ledger';
export { DEFAULT_OPTIONS, NO_FACTS } from './types';
export type * from './types';
export { replyLanguage, handleInboundMessage, handleStatusCallback, isStatusCallback, twilioDedupeKey, twiml } from './inbound';
export type { InboundOutcome, ReplySettings, TwilioForm } from './inbound';
