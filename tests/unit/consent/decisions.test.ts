import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { decide, DEFAULT_OPTIONS, NO_FACTS, POLICY_VERSION, prepare, resolveJurisdiction } from '../../../core/consent';
import { COUNTRY_ZONES } from '../../../core/consent/data/countryZones.data';
import type { ConsentCustomer, ConsentOptions, ConsentRequest, SubjectFacts } from '../../../core/consent';
import type { ConsentRecord, LegalBasis, Suppression } from '../../../core/store/JourneyStore';

/** Table-driven decisions: each row is one item at one local moment with the store's facts about its subject. */

function ledger(legalBasis: LegalBasis, status: ConsentRecord['status'] = 'opted_in', evidence: Record<string, unknown> = {}): ConsentRecord {
	return {
		id: '1', subject: 'x', channel: 'sms', purpose: 'marketing', status, legalBasis, source: 'test',
		consentTextVersion: null, consentTextHash: null, evidence, recordedAt: new Date('2025-01-01T00:00:00Z'),
	};
}
function suppression(reason: Suppression['reason']): Suppression {
	return { channel: 'sms', reason, source: 'test', at: new Date('2025-01-01T00:00:00Z'), subjectKnown: true };
}

const CONSENT = { ...NO_FACTS, consent: ledger('consent') };
const DOI = { ...NO_FACTS, consent: ledger('double_opt_in') };

interface Row {
	name: string;
	to: string;
	/** [IANA zone, local wall time] of the evaluation moment. */
	at: [string, string];
	expect: 'send' | 'deferred' | 'suppressed';
	reason?: string;
	/** Expected sendAt as local wall time in the same zone as `at` (deferred rows). */
	sendAt?: string;
	channel?: 'sms' | 'email';
	purpose?: 'marketing' | 'transactional';
	customer?: ConsentCustomer;
	facts?: SubjectFacts;
	options?: Partial<ConsentOptions>;
	text?: string;
	urgent?: boolean;
	jurisdiction?: string;
}

const NY = 'America/New_York';
const CHI = 'America/Chicago';
const BER = 'Europe/Berlin';
const US_NY = '+12125550123';
const US_FL = '+13052345678';
const US_TX = '+12145551234';
const US_AL = '+12055551234';
const US_LA = '+15045551234';
const US_RI = '+14015551234';
const US_KY = '+15025551234';
const US_CT = '+18605551234';
const DE_MOBILE = '+4915112345678';
const FR_MOBILE = '+33612345678';

const rows: Row[] = [
	// US federal 08–21 (New York has no stricter state rule).
	{ name: 'US federal 07:59 → 08:00', to: US_NY, at: [NY, '2025-06-10T07:59'], expect: 'deferred', reason: 'quiet_hours', sendAt: '2025-06-10T08:00', facts: CONSENT, jurisdiction: 'US-NY' },
	{ name: 'US federal 08:00 send', to: US_NY, at: [NY, '2025-06-10T08:00'], expect: 'send', facts: CONSENT },
	{ name: 'US federal 20:59 send', to: US_NY, at: [NY, '2025-06-10T20:59'], expect: 'send', facts: CONSENT },
	{ name: 'US federal 21:00 → next day 08:00', to: US_NY, at: [NY, '2025-06-10T21:00'], expect: 'deferred', sendAt: '2025-06-11T08:00', facts: CONSENT },
	// Florida 08–20, state spans Eastern and Central: strictest of both zones unless the customer names one.
	{ name: 'FL 19:59 Eastern send', to: US_FL, at: [NY, '2025-06-10T19:59'], expect: 'send', facts: CONSENT, jurisdiction: 'US-FL' },
	{ name: 'FL 20:00 Eastern deferred', to: US_FL, at: [NY, '2025-06-10T20:00'], expect: 'deferred', sendAt: '2025-06-11T09:00', facts: CONSENT },
	{ name: 'FL 08:00 Eastern waits for 08:00 Central', to: US_FL, at: [NY, '2025-06-10T08:00'], expect: 'deferred', sendAt: '2025-06-10T09:00', facts: CONSENT },
	{ name: 'FL with customer time zone 08:00 send', to: US_FL, at: [NY, '2025-06-10T08:00'], expect: 'send', facts: CONSENT, customer: { timezone: NY } },
	// Connecticut 09–20.
	{ name: 'CT 08:59 → 09:00', to: US_CT, at: [NY, '2025-06-10T08:59'], expect: 'deferred', sendAt: '2025-06-10T09:00', facts: CONSENT },
	{ name: 'CT 19:59 send', to: US_CT, at: [NY, '2025-06-10T19:59'], expect: 'send', facts: CONSENT },
	{ name: 'CT 20:00 deferred', to: US_CT, at: [NY, '2025-06-10T20:00'], expect: 'deferred', sendAt: '2025-06-11T09:00', facts: CONSENT },
	// Texas Mon–Sat 09–21, Sunday 12–21 (Dallas, Central time given by the customer).
	{ name: 'TX Sunday 11:59 → 12:00', to: US_TX, at: [CHI, '2025-06-15T11:59'], expect: 'deferred', sendAt: '2025-06-15T12:00', facts: CONSENT, customer: { timezone: CHI } },
	{ name: 'TX Sunday 12:00 send', to: US_TX, at: [CHI, '2025-06-15T12:00'], expect: 'send', facts: CONSENT, customer: { timezone: CHI } },
	{ name: 'TX Saturday 09:00 send', to: US_TX, at: [CHI, '2025-06-14T09:00'], expect: 'send', facts: CONSENT, customer: { timezone: CHI } },
	{ name: 'TX Saturday 08:59 deferred', to: US_TX, at: [CHI, '2025-06-14T08:59'], expect: 'deferred', sendAt: '2025-06-14T09:00', facts: CONSENT, customer: { timezone: CHI } },
	{ name: 'TX Saturday 21:00 → Sunday 12:00', to: US_TX, at: [CHI, '2025-06-14T21:00'], expect: 'deferred', sendAt: '2025-06-15T12:00', facts: CONSENT, customer: { timezone: CHI } },
	// Alabama / Louisiana / Mississippi: 08–20, no Sundays; AL and LA no state holidays.
	{ name: 'AL Sunday → Monday 08:00', to: US_AL, at: [CHI, '2025-06-15T10:00'], expect: 'deferred', sendAt: '2025-06-16T08:00', facts: CONSENT },
	{ name: 'AL Memorial Day → Tuesday', to: US_AL, at: [CHI, '2025-05-26T10:00'], expect: 'deferred', sendAt: '2025-05-27T08:00', facts: CONSENT },
	{ name: 'AL Confederate Memorial Day → Tuesday', to: US_AL, at: [CHI, '2025-04-28T10:00'], expect: 'deferred', sendAt: '2025-04-29T08:00', facts: CONSENT },
	{ name: 'AL Tuesday 19:59 send', to: US_AL, at: [CHI, '2025-06-10T19:59'], expect: 'send', facts: CONSENT },
	{ name: 'AL Tuesday 20:00 deferred', to: US_AL, at: [CHI, '2025-06-10T20:00'], expect: 'deferred', sendAt: '2025-06-11T08:00', facts: CONSENT },
	{ name: 'LA Mardi Gras → Ash Wednesday', to: US_LA, at: [CHI, '2025-03-04T10:00'], expect: 'deferred', sendAt: '2025-03-05T08:00', facts: CONSENT },
	{ name: 'LA Saturday send', to: US_LA, at: [CHI, '2025-06-14T10:00'], expect: 'send', facts: CONSENT },
	{ name: 'LA Sunday deferred', to: US_LA, at: [CHI, '2025-06-15T19:00'], expect: 'deferred', sendAt: '2025-06-16T08:00', facts: CONSENT },
	{ name: 'MS (address) Sunday deferred', to: '+16012345678', at: [CHI, '2025-06-15T10:00'], expect: 'deferred', sendAt: '2025-06-16T08:00', facts: CONSENT, jurisdiction: 'US-MS' },
	// Rhode Island weekdays 09–18, weekends 10–17.
	{ name: 'RI Wednesday 17:59 send', to: US_RI, at: [NY, '2025-06-11T17:59'], expect: 'send', facts: CONSENT },
	{ name: 'RI Wednesday 18:00 → Thursday 09:00', to: US_RI, at: [NY, '2025-06-11T18:00'], expect: 'deferred', sendAt: '2025-06-12T09:00', facts: CONSENT },
	{ name: 'RI Saturday 09:59 → 10:00', to: US_RI, at: [NY, '2025-06-14T09:59'], expect: 'deferred', sendAt: '2025-06-14T10:00', facts: CONSENT },
	{ name: 'RI Saturday 17:00 → Monday 09:00 (no Sundays)', to: US_RI, at: [NY, '2025-06-14T17:00'], expect: 'deferred', sendAt: '2025-06-16T09:00', facts: CONSENT },
	// Kentucky 10–21.
	{ name: 'KY 09:59 → 10:00', to: US_KY, at: [NY, '2025-06-10T09:59'], expect: 'deferred', sendAt: '2025-06-10T10:00', facts: CONSENT, customer: { timezone: 'America/Kentucky/Louisville' } },
	{ name: 'KY 10:00 send', to: US_KY, at: [NY, '2025-06-10T10:00'], expect: 'send', facts: CONSENT, customer: { timezone: 'America/Kentucky/Louisville' } },
	// Washington and Massachusetts 08–20.
	{ name: 'WA 20:00 deferred', to: '+12062345678', at: ['America/Los_Angeles', '2025-06-10T20:00'], expect: 'deferred', sendAt: '2025-06-11T08:00', facts: CONSENT },
	{ name: 'MA 19:59 send', to: '+16172345678', at: [NY, '2025-06-10T19:59'], expect: 'send', facts: CONSENT },
	// The customer's address overrides the area code; a Florida area code still brings Florida's rule (FTSA presumption).
	{ name: 'NY number, Florida address: 20:30 deferred', to: US_NY, at: [NY, '2025-06-10T20:30'], expect: 'deferred', facts: CONSENT, customer: { country: 'US', region: 'FL', timezone: NY }, jurisdiction: 'US-FL' },
	{ name: 'FL number, New York address: Florida 20:00 still applies', to: US_FL, at: [NY, '2025-06-10T20:30'], expect: 'deferred', facts: CONSENT, customer: { country: 'US', region: 'NY', timezone: NY }, jurisdiction: 'US-NY' },
	// DST switch days (recipient local time, offsets change).
	{ name: 'US spring forward: 01:00 EST → 08:00 EDT', to: US_NY, at: [NY, '2025-03-09T01:00'], expect: 'deferred', sendAt: '2025-03-09T08:00', facts: CONSENT },
	{ name: 'US fall back: 01:30 EDT → 08:00 EST', to: US_NY, at: [NY, '2025-11-02T01:30'], expect: 'deferred', sendAt: '2025-11-02T08:00', facts: CONSENT },
	{ name: 'DE spring forward Saturday 20:00 → Monday 09:00 CEST', to: DE_MOBILE, at: [BER, '2025-03-29T20:00'], expect: 'deferred', sendAt: '2025-03-31T09:00', facts: DOI },
	{ name: 'DE fall back Saturday 21:00 → Monday 09:00 CET', to: DE_MOBILE, at: [BER, '2025-10-25T21:00'], expect: 'deferred', sendAt: '2025-10-27T09:00', facts: DOI },
	// Germany: Mon–Sat 09–20, no Sundays or public holidays (Bundesland ones when the region is known).
	{ name: 'DE Monday 08:59 → 09:00', to: DE_MOBILE, at: [BER, '2025-06-16T08:59'], expect: 'deferred', sendAt: '2025-06-16T09:00', facts: DOI, jurisdiction: 'DE' },
	{ name: 'DE Monday 09:00 send', to: DE_MOBILE, at: [BER, '2025-06-16T09:00'], expect: 'send', facts: DOI },
	{ name: 'DE Saturday 19:59 send', to: DE_MOBILE, at: [BER, '2025-06-14T19:59'], expect: 'send', facts: DOI },
	{ name: 'DE Saturday 20:00 → Monday', to: DE_MOBILE, at: [BER, '2025-06-14T20:00'], expect: 'deferred', sendAt: '2025-06-16T09:00', facts: DOI },
	{ name: 'DE Sunday → Monday', to: DE_MOBILE, at: [BER, '2025-06-15T12:00'], expect: 'deferred', sendAt: '2025-06-16T09:00', facts: DOI },
	{ name: 'DE Karfreitag 2025 → Saturday', to: DE_MOBILE, at: [BER, '2025-04-18T10:00'], expect: 'deferred', sendAt: '2025-04-19T09:00', facts: DOI },
	{ name: 'DE Ostermontag 2026 → Tuesday', to: DE_MOBILE, at: [BER, '2026-04-06T10:00'], expect: 'deferred', sendAt: '2026-04-07T09:00', facts: DOI },
	{ name: 'DE Pfingstmontag 2024 → Tuesday', to: DE_MOBILE, at: [BER, '2024-05-20T10:00'], expect: 'deferred', sendAt: '2024-05-21T09:00', facts: DOI },
	{ name: 'DE Christi Himmelfahrt 2026 → Friday', to: DE_MOBILE, at: [BER, '2026-05-14T10:00'], expect: 'deferred', sendAt: '2026-05-15T09:00', facts: DOI },
	{ name: 'DE Fronleichnam in Bayern → Friday', to: DE_MOBILE, at: [BER, '2025-06-19T10:00'], expect: 'deferred', sendAt: '2025-06-20T09:00', facts: DOI, customer: { country: 'DE', region: 'BY' }, jurisdiction: 'DE-BY' },
	{ name: 'DE Fronleichnam in Berlin: send', to: DE_MOBILE, at: [BER, '2025-06-19T10:00'], expect: 'send', facts: DOI, customer: { country: 'DE', region: 'BE' } },
	{ name: 'DE Fronleichnam, region unknown: nationwide only → send', to: DE_MOBILE, at: [BER, '2025-06-19T10:00'], expect: 'send', facts: DOI },
	{ name: 'DE Reformationstag in Niedersachsen → Saturday', to: DE_MOBILE, at: [BER, '2025-10-31T10:00'], expect: 'deferred', sendAt: '2025-11-01T09:00', facts: DOI, customer: { country: 'DE', region: 'DE-NI' } },
	{ name: 'DE Allerheiligen Saturday in Bayern → Monday', to: DE_MOBILE, at: [BER, '2025-11-01T10:00'], expect: 'deferred', sendAt: '2025-11-03T09:00', facts: DOI, customer: { country: 'DE', region: 'BY' } },
	{ name: 'DE Buß- und Bettag in Sachsen → Thursday', to: DE_MOBILE, at: [BER, '2025-11-19T10:00'], expect: 'deferred', sendAt: '2025-11-20T09:00', facts: DOI, customer: { country: 'DE', region: 'SN' } },
	{ name: 'DE Buß- und Bettag in Hessen: send', to: DE_MOBILE, at: [BER, '2025-11-19T10:00'], expect: 'send', facts: DOI, customer: { country: 'DE', region: 'HE' } },
	{ name: 'DE Tag der Deutschen Einheit → Saturday', to: DE_MOBILE, at: [BER, '2025-10-03T10:00'], expect: 'deferred', sendAt: '2025-10-04T09:00', facts: DOI },
	{ name: 'DE Weihnachten: 24th 19:00 → 27th 09:00', to: DE_MOBILE, at: [BER, '2025-12-24T20:00'], expect: 'deferred', sendAt: '2025-12-27T09:00', facts: DOI },
	// Double opt-in and shop flags (DE needs DOI by default).
	{ name: 'DE single consent → DOI required', to: DE_MOBILE, at: [BER, '2025-06-16T10:00'], expect: 'suppressed', reason: 'double_opt_in_required', facts: CONSENT },
	{ name: 'DE DOI pending → consent_pending', to: DE_MOBILE, at: [BER, '2025-06-16T10:00'], expect: 'suppressed', reason: 'consent_pending', facts: { ...NO_FACTS, consent: ledger('double_opt_in', 'pending') } },
	{ name: 'DE nothing recorded → no_consent', to: DE_MOBILE, at: [BER, '2025-06-16T10:00'], expect: 'suppressed', reason: 'no_consent' },
	{ name: 'DE Shopify confirmed_opt_in flag → send', to: DE_MOBILE, at: [BER, '2025-06-16T10:00'], expect: 'send', customer: { consent: { sms: { marketing: true, optInLevel: 'confirmed_opt_in' } } } },
	{ name: 'DE Shopify single_opt_in flag → DOI required', to: DE_MOBILE, at: [BER, '2025-06-16T10:00'], expect: 'suppressed', reason: 'double_opt_in_required', customer: { consent: { sms: { marketing: true, optInLevel: 'single_opt_in' } } } },
	{ name: 'ledger withdrawal beats shop flag', to: DE_MOBILE, at: [BER, '2025-06-16T10:00'], expect: 'suppressed', reason: 'opted_out', facts: { ...NO_FACTS, consent: ledger('withdrawal', 'opted_out') }, customer: { consent: { sms: { marketing: true, optInLevel: 'confirmed_opt_in' } } } },
	{ name: 'shop flags ignored when switched off', to: US_NY, at: [NY, '2025-06-10T10:00'], expect: 'suppressed', reason: 'no_consent', customer: { consent: { sms: { marketing: true } } }, options: { useShopConsentFlags: false } },
	{ name: 'US shop flag single opt-in → send', to: US_NY, at: [NY, '2025-06-10T10:00'], expect: 'send', customer: { consent: { sms: { marketing: null, state: 'subscribed' } } } },
	{ name: 'DOI not required when the country list is emptied', to: DE_MOBILE, at: [BER, '2025-06-16T10:00'], expect: 'send', facts: CONSENT, options: { doubleOptInCountries: [] } },
	// Austria, Switzerland, France, elsewhere.
	{ name: 'AT Sunday → Monday', to: '+436641234567', at: ['Europe/Vienna', '2025-06-15T10:00'], expect: 'deferred', sendAt: '2025-06-16T09:00', facts: DOI },
	{ name: 'AT Nationalfeiertag 2026 (Monday) → Tuesday', to: '+436641234567', at: ['Europe/Vienna', '2026-10-26T10:00'], expect: 'deferred', sendAt: '2026-10-27T09:00', facts: DOI },
	{ name: 'CH Bundesfeiertag → Saturday', to: '+41791234567', at: ['Europe/Zurich', '2025-08-01T10:00'], expect: 'deferred', sendAt: '2025-08-02T09:00', facts: DOI },
	{ name: 'FR Monday 07:59 → 08:00', to: FR_MOBILE, at: ['Europe/Paris', '2025-06-16T07:59'], expect: 'deferred', sendAt: '2025-06-16T08:00', facts: CONSENT },
	{ name: 'FR Saturday 19:59 send', to: FR_MOBILE, at: ['Europe/Paris', '2025-06-14T19:59'], expect: 'send', facts: CONSENT },
	{ name: 'FR Sunday → Monday 08:00', to: FR_MOBILE, at: ['Europe/Paris', '2025-06-15T10:00'], expect: 'deferred', sendAt: '2025-06-16T08:00', facts: CONSENT },
	{ name: 'FR 14 juillet → 15th 08:00', to: FR_MOBILE, at: ['Europe/Paris', '2025-07-14T10:00'], expect: 'deferred', sendAt: '2025-07-15T08:00', facts: CONSENT },
	{ name: 'GB default 08:59 → 09:00', to: '+447400123456', at: ['Europe/London', '2025-06-14T08:59'], expect: 'deferred', sendAt: '2025-06-14T09:00', facts: CONSENT },
	{ name: 'GB default Sunday 19:59 send', to: '+447400123456', at: ['Europe/London', '2025-06-15T19:59'], expect: 'send', facts: CONSENT },
	// Recipient checks.
	{ name: 'invalid number', to: '12345', at: [BER, '2025-06-16T10:00'], expect: 'suppressed', reason: 'invalid_recipient', facts: DOI },
	{ name: 'German landline', to: '+49301234567', at: [BER, '2025-06-16T10:00'], expect: 'suppressed', reason: 'not_mobile', facts: DOI },
	{ name: 'US toll-free number', to: '+18005551234', at: [NY, '2025-06-10T10:00'], expect: 'suppressed', reason: 'not_mobile', facts: CONSENT },
	{ name: 'missing recipient', to: '', at: [BER, '2025-06-16T10:00'], expect: 'suppressed', reason: 'invalid_recipient' },
	{ name: 'malformed e-mail', to: 'anna@', channel: 'email', at: [BER, '2025-06-16T10:00'], expect: 'suppressed', reason: 'invalid_recipient' },
	{ name: 'national number with the customer country', to: '0151 12345678', at: [BER, '2025-06-16T10:00'], expect: 'send', facts: DOI, customer: { country: 'DE' } },
	{ name: 'country allow-list', to: FR_MOBILE, at: ['Europe/Paris', '2025-06-16T10:00'], expect: 'suppressed', reason: 'country_not_allowed', facts: CONSENT, options: { countryAllowList: ['DE'] } },
	// Suppressions.
	{ name: 'STOP suppresses marketing', to: US_NY, at: [NY, '2025-06-10T10:00'], expect: 'suppressed', reason: 'opted_out', facts: { ...CONSENT, suppression: suppression('stop') } },
	{ name: 'STOP suppresses transactional by default', to: US_NY, purpose: 'transactional', at: [NY, '2025-06-10T10:00'], expect: 'suppressed', reason: 'opted_out', facts: { ...NO_FACTS, suppression: suppression('stop') } },
	{ name: 'STOP + transactional exception → send', to: US_NY, purpose: 'transactional', at: [NY, '2025-06-10T10:00'], expect: 'send', facts: { ...NO_FACTS, suppression: suppression('stop') }, options: { allowTransactionalAfterStop: true } },
	{ name: 'STOP + exception still blocks marketing', to: US_NY, at: [NY, '2025-06-10T10:00'], expect: 'suppressed', reason: 'opted_out', facts: { ...CONSENT, suppression: suppression('stop') }, options: { allowTransactionalAfterStop: true } },
	{ name: 'hard bounce blocks even with the exception', to: 'anna@example.de', channel: 'email', purpose: 'transactional', at: [BER, '2025-06-16T10:00'], expect: 'suppressed', reason: 'bounced', facts: { ...NO_FACTS, suppression: suppression('hard_bounce') }, options: { allowTransactionalAfterStop: true } },
	{ name: 'erased subject', to: US_NY, purpose: 'transactional', at: [NY, '2025-06-10T10:00'], expect: 'suppressed', reason: 'erased', facts: { ...NO_FACTS, suppression: suppression('erasure') } },
	{ name: 'already sent for this step', to: US_NY, at: [NY, '2025-06-10T10:00'], expect: 'suppressed', reason: 'already_sent', facts: { ...CONSENT, alreadySent: true } },
	// Frequency caps.
	{ name: 'cap 1/24h reached → deferred a day', to: US_NY, at: [NY, '2025-06-10T10:00'], expect: 'deferred', reason: 'frequency_cap', sendAt: '2025-06-11T10:00', facts: { ...CONSENT, sent24h: 1, sent30d: 1 } },
	{ name: 'cap reached, option suppress', to: US_NY, at: [NY, '2025-06-10T10:00'], expect: 'suppressed', reason: 'frequency_cap', facts: { ...CONSENT, sent24h: 1, sent30d: 1 }, options: { overCap: 'suppress' } },
	{ name: 'cap 4/30d reached → deferred 30 days', to: US_NY, at: [NY, '2025-06-10T10:00'], expect: 'deferred', reason: 'frequency_cap', sendAt: '2025-07-10T10:00', facts: { ...CONSENT, sent24h: 0, sent30d: 4 } },
	{ name: 'cap deferral lands in quiet hours → window start', to: US_NY, at: [NY, '2025-06-10T21:30'], expect: 'deferred', reason: 'frequency_cap', sendAt: '2025-06-12T08:00', facts: { ...CONSENT, sent24h: 1, sent30d: 1 } },
	{ name: 'Florida 3/24h beats a higher merchant cap', to: US_FL, at: [NY, '2025-06-10T12:00'], expect: 'deferred', reason: 'frequency_cap', facts: { ...CONSENT, sent24h: 3, sent30d: 3 }, options: { capPer24h: 5, capPer30d: 50 } },
	{ name: 'non-Florida number may use the merchant cap', to: US_NY, at: [NY, '2025-06-10T12:00'], expect: 'send', facts: { ...CONSENT, sent24h: 3, sent30d: 3 }, options: { capPer24h: 5, capPer30d: 50 } },
	// Transactional messages.
	{ name: 'transactional at 03:00 → send', to: US_NY, purpose: 'transactional', at: [NY, '2025-06-10T03:00'], expect: 'send', reason: 'transactional' },
	{ name: 'transactional held overnight → 08:00', to: US_NY, purpose: 'transactional', at: [NY, '2025-06-10T03:00'], expect: 'deferred', sendAt: '2025-06-10T08:00', options: { holdTransactionalOvernight: true } },
	{ name: 'urgent transactional not held', to: US_NY, purpose: 'transactional', urgent: true, at: [NY, '2025-06-10T03:00'], expect: 'send', options: { holdTransactionalOvernight: true } },
	{ name: 'transactional on a German Sunday → send', to: DE_MOBILE, purpose: 'transactional', at: [BER, '2025-06-15T10:00'], expect: 'send' },
	{ name: 'review ask in a transactional text, strict → marketing without consent', to: DE_MOBILE, purpose: 'transactional', text: 'Ihr Paket ist da! Bewerten Sie uns: 5 Sterne?', at: [BER, '2025-06-16T10:00'], expect: 'suppressed', reason: 'no_consent', options: { strictContent: true } },
	{ name: 'coupon in a transactional text, lenient → send with warning', to: DE_MOBILE, purpose: 'transactional', text: 'Versandt! 10% Rabatt mit Code DANKE10', at: [BER, '2025-06-16T10:00'], expect: 'send' },
	// E-mail: no statutory quiet hours; soft opt-in only for e-mail, only when switched on and recorded.
	{ name: 'marketing e-mail at 03:00 → send', to: 'anna@example.de', channel: 'email', at: [BER, '2025-06-15T03:00'], expect: 'send', facts: DOI, customer: { country: 'DE' } },
	{ name: 'e-mail soft opt-in with order → send', to: 'anna@example.de', channel: 'email', at: [BER, '2025-06-16T10:00'], expect: 'send', facts: { ...NO_FACTS, consent: ledger('soft_opt_in', 'opted_in', { orderId: '1001' }) }, options: { allowSoftOptIn: true }, customer: { country: 'DE' } },
	{ name: 'e-mail soft opt-in, option off → no_consent', to: 'anna@example.de', channel: 'email', at: [BER, '2025-06-16T10:00'], expect: 'suppressed', reason: 'no_consent', facts: { ...NO_FACTS, consent: ledger('soft_opt_in', 'opted_in', { orderId: '1001' }) }, customer: { country: 'DE' } },
	{ name: 'e-mail soft opt-in without recorded order → no_consent', to: 'anna@example.de', channel: 'email', at: [BER, '2025-06-16T10:00'], expect: 'suppressed', reason: 'no_consent', facts: { ...NO_FACTS, consent: ledger('soft_opt_in') }, options: { allowSoftOptIn: true }, customer: { country: 'DE' } },
	{ name: 'SMS soft opt-in never counts', to: US_NY, at: [NY, '2025-06-10T10:00'], expect: 'suppressed', reason: 'no_consent', facts: { ...NO_FACTS, consent: ledger('soft_opt_in', 'opted_in', { orderId: '1001' }) }, options: { allowSoftOptIn: true } },
	// Marketer narrowing.
	{ name: 'narrow window 10–12, Monday 12:00 → Tuesday 10:00', to: DE_MOBILE, at: [BER, '2025-06-16T12:00'], expect: 'deferred', sendAt: '2025-06-17T10:00', facts: DOI, options: { window: [600, 720] } },
	{ name: 'weekdays only, Saturday → Monday', to: DE_MOBILE, at: [BER, '2025-06-14T10:00'], expect: 'deferred', sendAt: '2025-06-16T09:00', facts: DOI, options: { days: [1, 2, 3, 4, 5] } },
	{ name: 'e-mail narrowed to 10–18', to: 'anna@example.de', channel: 'email', at: [BER, '2025-06-16T19:00'], expect: 'deferred', sendAt: '2025-06-17T10:00', facts: DOI, options: { window: [600, 1080] }, customer: { country: 'DE' } },
	// A window opening at 02:30 on the night the clocks skip 02:00–03:00 opens when they jump to 03:00 (not 03:30).
	{ name: 'e-mail window from 02:30 on the spring-forward night → 03:00 CEST', to: 'anna@example.de', channel: 'email', at: [BER, '2026-03-29T01:15'], expect: 'deferred', sendAt: '2026-03-29T03:00', facts: DOI, options: { window: [150, 300] }, customer: { country: 'DE' } },
	{ name: 'e-mail window from 02:30, spring-forward night, 03:10 CEST is inside', to: 'anna@example.de', channel: 'email', at: [BER, '2026-03-29T03:10'], expect: 'send', facts: DOI, options: { window: [150, 300] }, customer: { country: 'DE' } },
];

for (const row of rows) {
	test(`decision: ${row.name}`, () => {
		const request: ConsentRequest = {
			channel: row.channel ?? 'sms',
			purpose: row.purpose ?? 'marketing',
			recipient: row.to,
			journeyStep: 'step',
			customer: row.customer,
			messageText: row.text,
			urgent: row.urgent,
		};
		const options = { ...DEFAULT_OPTIONS, ...row.options };
		const [zone, local] = row.at;
		const now = DateTime.fromISO(local, { zone });
		assert.ok(now.isValid);
		const d = decide(prepare(request, options), row.facts ?? NO_FACTS, options, now.toMillis());
		assert.equal(d.decision, row.expect, `decision (reason ${d.reason}, sendAt ${d.sendAt})`);
		if (row.reason) assert.equal(d.reason, row.reason);
		if (row.jurisdiction) assert.equal(d.jurisdiction, row.jurisdiction);
		assert.equal(d.policyVersion, POLICY_VERSION);
		if (row.expect === 'send') assert.equal(Date.parse(d.sendAt ?? ''), now.toMillis());
		if (row.expect === 'suppressed') assert.equal(d.sendAt, null);
		if (row.expect === 'deferred') assert.ok(Date.parse(d.sendAt ?? '') > now.toMillis(), 'sendAt lies in the future');
		if (row.sendAt) {
			const expected = DateTime.fromISO(row.sendAt, { zone });
			assert.equal(DateTime.fromISO(d.sendAt ?? '').toMillis(), expected.toMillis(), `sendAt ${d.sendAt} ≠ ${expected.toISO()}`);
			// Written in the recipient's own zone, with that zone's offset at that instant.
			const recipientZone = (d.timezone ?? '').split(', ')[0];
			assert.equal(d.sendAt, expected.setZone(recipientZone).toISO({ suppressMilliseconds: true }));
		}
		if (row.text && row.purpose === 'transactional' && !row.options?.strictContent) assert.ok(d.warnings.some((w) => w.startsWith('marketing_content')));
	});
}

test('the table has at least 60 cases', () => {
	assert.ok(rows.length >= 60, String(rows.length));
});

test('local time and time zone are reported; an unknown US state takes the strictest outcome', () => {
	const options = DEFAULT_OPTIONS;
	const item = prepare({ channel: 'sms', purpose: 'marketing', recipient: US_NY, customer: { timezone: NY } }, options);
	const d = decide(item, CONSENT, options, DateTime.fromISO('2025-06-10T10:00', { zone: NY }).toMillis());
	assert.equal(d.timezone, NY);
	assert.equal(d.localTime, '2025-06-10T10:00:00-04:00');
	// A US number whose area code names no state: every state's rule in that state's zones must allow the moment.
	const j = resolveJurisdiction({ ok: true, subject: US_NY, phoneCountry: 'US', areaCode: null }, null);
	assert.equal(j.anyUsState, true);
	assert.ok(j.zones.length > 5);
	assert.deepEqual([...j.zones].sort(), [
		'America/Adak',
		'America/Anchorage',
		'America/Boise',
		'America/Chicago',
		'America/Denver',
		'America/Detroit',
		'America/Indiana/Indianapolis',
		'America/Los_Angeles',
		'America/New_York',
		'America/Phoenix',
		'Pacific/Honolulu',
	]);
	const unknown = { ...item, jurisdiction: j };
	const strict = decide(unknown, CONSENT, options, DateTime.fromISO('2025-06-10T19:00', { zone: NY }).toMillis());
	assert.equal(strict.decision, 'deferred');
	const at = DateTime.fromISO(strict.sendAt ?? '');
	assert.ok(at.setZone(CHI).hour >= 10, `Kentucky (Central part) 10:00: ${at.setZone(CHI).toISO()}`);
	assert.ok(at.setZone(NY).hour < 18, `Rhode Island 18:00: ${at.setZone(NY).toISO()}`);
	assert.ok(at.setZone('Pacific/Honolulu').hour >= 8, `Hawaii 08:00: ${at.setZone('Pacific/Honolulu').toISO()}`);
	assert.notEqual(at.setZone(CHI).weekday, 7, 'no Sunday (Alabama)');
	// Hawaii's 08:00 is the last of all the states' windows to open: 08:00 HST = 14:00 EDT = 10:00 in Anchorage,
	// the first of the candidate zones, in which the time is written.
	assert.equal(strict.sendAt, '2025-06-11T10:00:00-08:00');
	assert.equal(at.setZone('Pacific/Honolulu').toISO({ suppressMilliseconds: true }), '2025-06-11T08:00:00-10:00');
});

test('every generated country zone is known to the runtime', () => {
	for (const [country, zones] of Object.entries(COUNTRY_ZONES)) {
		for (const zone of zones) assert.ok(DateTime.now().setZone(zone).isValid, `${country} ${zone}`);
	}
});
