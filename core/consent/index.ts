/**
 * Consent policy: send / defer / suppress decisions over the consent ledger, suppressions, caps and quiet hours in
 * the recipient's local time. Pure decisions (`prepare` + `decide`) and a small store orchestrator (`gateBatch`).
 */
export {
	POLICY_VERSION,
	QUIET_HOURS,
	DEFAULT_QUIET_HOURS,
	TRANSACTIONAL_DAYTIME,
	DEFAULT_CAPS,
	DOUBLE_OPT_IN_COUNTRIES,
	STATE_CAPS_24H,
	AREA_CODE_PRESUMPTION_STATES,
} from './quietHours.data';
export { US_STATE_RULES } from './data/usStates.data';
export type { UsStateRule } from './data/usStates.data';
export type { QuietHoursRule } from './quietHours.data';
export { sendKey } from '../shared/sendKey';
export { classifyInbound, normalizeKeyword } from './keywords';
export type { InboundClassification, InboundIntent } from './keywords';
export { detectMarketingContent } from './content';
export type { MarketingCue } from './content';
export { resolveRecipient } from './recipient';
export { resolveJurisdiction } from './jurisdiction';
export type { AddressLike, Place, ResolvedJurisdiction } from './jurisdiction';
export { evaluateWindows, candidatesFor, ruleFor } from './quietHours';
export { prepare, decide, suppressionBlocks, shopRevocation, stateCap24h, MAX_DEFERRALS } from './policy';
export type { PreparedItem, ShopRevocation } from './policy';
export { gateBatch } from './gate';
export type { GateRunOptions } from './gate';
export { recordConsent, recordOptOut, recordOptIn, confirmPendingDoubleOptIn, recordShopOptOuts, SHOP_SOURCE } from './ledger';
export type { RecordConsentInput, ShopOptOut } from './ledger';
export { DEFAULT_OPTIONS, NO_FACTS } from './types';
export type * from './types';
export { replyLanguage, handleInboundMessage, handleStatusCallback, isStatusCallback, twilioDedupeKey, twiml } from './inbound';
export type { InboundOutcome, ReplySettings, TwilioForm } from './inbound';
