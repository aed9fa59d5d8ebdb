/** SMS: GSM-7/UCS-2 analysis, segments, localized rendering, cost, and the Twilio sender. */
export { gsmLength, isGsmChar, isGsmText, nonGsmCharacters, smartReplace } from './encoding';
export type { Replacement, SmsEncoding } from './encoding';
export { analyzeSms, fitToSegments, splitSegments, SEGMENT_LIMITS } from './segments';
export type { AnalyzeOptions, FitOptions, FitResult, SmsAnalysis } from './segments';
export { addUtm, chooseVariant, formatDate, formatMoney, renderSms, senderKindOf, templateVariants } from './render';
export type { RenderInput, RenderResult } from './render';
export { SMS_TEMPLATES } from './templates.data';
export type { JourneyStep, StepTemplate } from './templates.data';
export { countryOfPhone, DEFAULT_PRICE_TABLE, estimateCost, parsePriceOverrides, priceTable } from './cost';
export type { CostEstimate, PriceTable } from './cost';
export { composeSms } from './compose';
export type { ComposedSms, ComposeInput } from './compose';
export { BaseUrlRequestClient, createTwilioClient } from './twilioClient';
export type { TwilioClientOptions, TwilioCredentialData } from './twilioClient';
export { SmsSender } from './sender';
export type { SmsSenderOptions, SmsSendRequest, SmsSendResult } from './sender';
export { mapConcurrent, RateLimiter } from './rateLimit';
export { classifyTwilioError, twilioErrorReason } from './twilioErrors';
