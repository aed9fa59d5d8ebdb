import { DateTime } from 'luxon';
import { detectMarketingContent } from './content';
import { resolveJurisdiction } from './jurisdiction';
import type { Place, ResolvedJurisdiction } from './jurisdiction';
import { candidatesFor, WindowCache } from './quietHours';
import type { Candidate } from './quietHours';
import { AREA_CODE_PRESUMPTION_STATES, POLICY_VERSION, STATE_CAPS_24H, TRANSACTIONAL_DAYTIME } from './quietHours.data';
import type { QuietHoursRule } from './quietHours.data';
import type { ConsentRecord, Suppression } from '../store/JourneyStore';
import { resolveRecipient } from './recipient';
import type { InvalidRecipient, ResolvedRecipient } from './recipient';
import type {
	ConsentDecision,
	ConsentOptions,
	ConsentRequest,
	DecisionReason,
	Purpose,
	ShopConsentFlags,
	SubjectFacts,
} from './types';

/** E-mail has no statutory quiet hours; only the marketer's own window and days apply. */
const EMAIL_ANY_TIME: QuietHoursRule = { id: 'email', label: 'Any time', days: Array(7).fill([0, 1440]) as unknown as QuietHoursRule['days'] };
const DAY_MS = 86_400_000;
/** How often one item may come back deferred to the same gate before it leaves by Suppressed. */
export const MAX_DEFERRALS = 10;
/** A deferral lies at least this far after the evaluation instant. */
const MIN_DEFERRAL_MS = 60_000;

/** Everything about an item that does not need the store: recipient, jurisdiction, effective purpose. */
export interface PreparedItem {
	request: ConsentRequest;
	recipient: ResolvedRecipient | InvalidRecipient;
	jurisdiction: ResolvedJurisdiction | null;
	purpose: Purpose;
	warnings: string[];
}

export function prepare(request: ConsentRequest, options: ConsentOptions): PreparedItem {
	const customer = request.customer ?? null;
	const fallback = request.channel === 'sms' ? customer?.phone : customer?.email;
	const value = request.recipient !== undefined && request.recipient !== null && String(request.recipient).trim() !== '' ? request.recipient : fallback;
	const recipient = resolveRecipient(request.channel, value, options.defaultCountry ?? customer?.country ?? undefined);
	const warnings: string[] = [];
	let purpose = request.purpose;
	if (purpose === 'transactional') {
		const cues = detectMarketingContent(request.messageText);
		if (cues.length > 0) {
			warnings.push(`marketing_content:${cues.join(',')}`);
			if (options.strictContent) purpose = 'marketing';
		}
	}
	const jurisdiction = recipient.ok ? resolveJurisdiction(recipient, customer, request.shippingAddress) : null;
	if (jurisdiction && jurisdiction.zones.length === 1 && jurisdiction.zones[0] === 'UTC' && !customer?.timezone) warnings.push('timezone_unknown');
	return { request, recipient, jurisdiction, purpose, warnings };
}

const YES = new Set(['true', 'yes', 'subscribed', 'opted_in', 'opt_in', 'granted', 'confirmed', '1']);
const DOI_LEVELS = new Set(['confirmed_opt_in', 'double_opt_in', 'double', 'confirmed']);

function shopConsent(flags: ShopConsentFlags | null | undefined): { optedIn: boolean; doubleOptIn: boolean } {
	if (!flags) return { optedIn: false, doubleOptIn: false };
	const m = flags.marketing ?? flags.state;
	const optedIn = m === true || (typeof m === 'string' && YES.has(m.trim().toLowerCase()));
	const level = String(flags.optInLevel ?? flags.level ?? '').trim().toLowerCase();
	return { optedIn, doubleOptIn: optedIn && DOI_LEVELS.has(level) };
}

/** Shop state words that mean the customer withdrew (Shopify `unsubscribed`, …), as opposed to never subscribed. */
const WITHDRAWN = new Set(['unsubscribed', 'opted_out', 'opt_out', 'optout', 'revoked', 'withdrawn', 'cancelled', 'canceled']);
/** Shop states that are not a withdrawal even though `marketing` is false. */
const NOT_A_WITHDRAWAL = new Set(['pending', 'redacted', 'invalid']);

/** What the gate records when the shop reports a marketing opt-out that the ledger does not know yet. */
export interface ShopRevocation {
	/** When the customer opted out: the shop's time when it gave one (never after `now`), else `now`. */
	at: Date;
	evidence: Record<string, unknown>;
}

/**
 * Whether the shop's flags revoke the ledger's current consent (FCC 24-18: revocation by any reasonable means; GDPR
 * Art. 7(3)). Only a consent on record can be revoked, and only by an opt-out the shop reports after it: a `false`
 * with a change time newer than the ledger's record, or an explicit "unsubscribed" (with no time, or a newer one).
 * `false` without a time is not enough: shops report "not subscribed" for customers who never were, and those may
 * have opted in with us (e.g. by SMS keyword). Pure; the gate writes what it returns.
 */
export function shopRevocation(flags: ShopConsentFlags | null | undefined, current: ConsentRecord | null, nowMs: number): ShopRevocation | null {
	if (!flags || !current || current.status === 'opted_out') return null;
	const word = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : '');
	const state = word(flags.state);
	const marketing = typeof flags.marketing === 'string' ? word(flags.marketing) : flags.marketing;
	if (NOT_A_WITHDRAWAL.has(state) || (typeof marketing === 'string' && NOT_A_WITHDRAWAL.has(marketing))) return null;
	const explicit = WITHDRAWN.has(state) || (typeof marketing === 'string' && WITHDRAWN.has(marketing));
	const no = explicit || marketing === false || marketing === 'false' || marketing === 'no' || marketing === '0';
	if (!no) return null;
	const said = typeof flags.collectedAt === 'string' && flags.collectedAt.trim() ? Date.parse(flags.collectedAt) : NaN;
	const ledgerMs = current.recordedAt.getTime();
	if (Number.isNaN(said)) {
		if (!explicit) return null;
	} else if (said <= ledgerMs) {
		// The shop's record predates the ledger's consent: the customer opted in again after it.
		return null;
	}
	// Never later than now, never before the ledger's record (so it becomes the current one).
	const at = Number.isNaN(said) ? Math.max(nowMs, ledgerMs) : Math.max(Math.min(said, nowMs), ledgerMs);
	const shop: Record<string, unknown> = {};
	for (const key of ['marketing', 'state', 'optInLevel', 'level', 'collectedAt', 'source'] as const) {
		if (flags[key] !== undefined && flags[key] !== null) shop[key] = flags[key];
	}
	return { at: new Date(at), evidence: { shopConsent: shop, revokes: current.id, observedAt: new Date(nowMs).toISOString() } };
}

function suppressionReason(reason: string): DecisionReason {
	switch (reason) {
		case 'stop':
		case 'carrier_opt_out':
			return 'opted_out';
		case 'hard_bounce':
			return 'bounced';
		case 'complaint':
			return 'complaint';
		case 'erasure':
			return 'erased';
		default:
			return 'suppressed';
	}
}

/**
 * Whether a suppression blocks this message, and why. Only a STOP may be overridden, only for strictly
 * transactional messages, and only when the node option says so; bounces, complaints and erasures always block.
 */
export function suppressionBlocks(purpose: Purpose, suppression: Suppression, options: ConsentOptions): DecisionReason | null {
	if (purpose === 'transactional' && suppression.reason === 'stop' && options.allowTransactionalAfterStop) return null;
	return suppressionReason(suppression.reason);
}

/** Marketing consent from the ledger, else the shop's flags; null when it is fine. */
function consentProblem(item: PreparedItem, facts: SubjectFacts, options: ConsentOptions): DecisionReason | null {
	const { channel } = item.request;
	const country = item.jurisdiction?.country ?? null;
	const needsDoi = country !== null && options.doubleOptInCountries.includes(country);
	const record = facts.consent;
	if (record) {
		if (record.status === 'opted_out') return 'opted_out';
		if (record.status === 'pending') return 'consent_pending';
		switch (record.legalBasis) {
			case 'double_opt_in':
				return null;
			case 'consent':
				return needsDoi ? 'double_opt_in_required' : null;
			case 'soft_opt_in': {
				// Soft opt-in: e-mail only, switched on, and its conditions on record (the originating order).
				const ev = record.evidence ?? {};
				const recorded = Boolean(ev.orderId ?? ev.originOrderId);
				return channel === 'email' && options.allowSoftOptIn && recorded ? null : 'no_consent';
			}
			default:
				return 'no_consent';
		}
	}
	if (!options.useShopConsentFlags) return 'no_consent';
	const shop = shopConsent(item.request.customer?.consent?.[channel]);
	if (!shop.optedIn) return 'no_consent';
	if (needsDoi && !shop.doubleOptIn) return 'double_opt_in_required';
	return null;
}

const STRICTEST_STATE_CAP = Math.min(Infinity, ...Object.values(STATE_CAPS_24H));

function placeCap(p: Pick<Place, 'country' | 'region' | 'anyUsState'>): number {
	if (p.country !== 'US') return Infinity;
	// Unknown state: the strictest state's cap, as for windows.
	if (p.anyUsState) return STRICTEST_STATE_CAP;
	return (p.region && STATE_CAPS_24H[`US-${p.region}`]) || Infinity;
}

/**
 * The statutory cap per 24 h for SMS (Infinity when none): the stricter of the number's state, a state that presumes
 * residence by the number's area code, and the address when it lies in another country.
 */
export function stateCap24h(j: ResolvedJurisdiction): number {
	let cap = placeCap(j);
	if (j.country === 'US' && j.areaCodeRegion && AREA_CODE_PRESUMPTION_STATES.has(j.areaCodeRegion)) {
		cap = Math.min(cap, STATE_CAPS_24H[`US-${j.areaCodeRegion}`] ?? Infinity);
	}
	if (j.address) cap = Math.min(cap, placeCap(j.address));
	return cap;
}

function candidates(item: PreparedItem, options: ConsentOptions, purpose: Purpose): Candidate[] | null {
	const j = item.jurisdiction as ResolvedJurisdiction;
	if (purpose === 'transactional') {
		if (!options.holdTransactionalOvernight || item.request.urgent) return null;
		return candidatesFor(j, TRANSACTIONAL_DAYTIME);
	}
	if (item.request.channel === 'email') return options.window || options.days.length ? candidatesFor(j, EMAIL_ANY_TIME) : null;
	return candidatesFor(j);
}

/**
 * ISO time in a zone. A batch is decided at one "now" in a handful of zones, and luxon's zone formatting was the
 * largest single cost per decision, so recent results are kept (the output depends only on the inputs).
 */
function iso(ms: number, zone: string): string {
	const key = `${zone}|${ms}`;
	let text = isoMemo.get(key);
	if (text === undefined) {
		text = DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) ?? '';
		if (isoMemo.size >= ISO_MEMO_SIZE) isoMemo.clear();
		isoMemo.set(key, text);
	}
	return text;
}

const ISO_MEMO_SIZE = 4096;
const isoMemo = new Map<string, string>();

/**
 * The gate's decision for one item, given the store's facts about its subject and the evaluation time. Pure: the
 * same inputs always give the same decision. Order: recipient → suppression → already sent → consent → caps →
 * quiet hours.
 */
export function decide(item: PreparedItem, facts: SubjectFacts, options: ConsentOptions, nowMs: number, cache = new WindowCache()): ConsentDecision {
	const { recipient, jurisdiction: j, purpose } = item;
	const base = {
		policyVersion: POLICY_VERSION,
		purpose,
		warnings: [...item.warnings],
	};
	if (!recipient.ok || !j) {
		const bad = recipient as InvalidRecipient;
		return { ...base, decision: 'suppressed', reason: bad.reason, subject: null, jurisdiction: null, timezone: null, localTime: null, sendAt: null, rule: null, detail: bad.detail };
	}
	const zone = j.zones[0];
	const common = {
		...base,
		subject: recipient.subject,
		jurisdiction: j.address ? [j.code, j.address.code].filter(Boolean).join(', ') : j.code,
		timezone: j.zones.join(', '),
		localTime: iso(nowMs, zone),
	};
	const suppressed = (reason: DecisionReason, detail?: string): ConsentDecision => ({ ...common, decision: 'suppressed', reason, sendAt: null, rule: null, ...(detail ? { detail } : {}) });
	// A deferral always lies after the evaluation instant, and an item that keeps coming back deferred leaves: a
	// Deferred → Wait → gate loop whose Wait does not wait (e.g. "Evaluate At" fixed in the past) must not spin.
	const deferred = (why: DecisionReason, atMs: number, rule: string | null): ConsentDecision => {
		const count = (item.request.deferrals ?? 0) + 1;
		if (count > MAX_DEFERRALS) {
			return { ...suppressed('deferred_too_often', `deferred ${count - 1} times in a row (last: ${why}); the Wait after Deferred did not wait until "sendAt", or "Evaluate At" is fixed`), rule };
		}
		return { ...common, decision: 'deferred', reason: why, sendAt: iso(Math.max(atMs, nowMs + MIN_DEFERRAL_MS), zone), rule, deferrals: count };
	};

	if (options.countryAllowList.length > 0 && (!j.country || !options.countryAllowList.includes(j.country))) return suppressed('country_not_allowed');
	if (facts.suppression) {
		const reason = suppressionBlocks(purpose, facts.suppression, options);
		if (reason) return suppressed(reason, facts.suppression.reason);
		common.warnings.push('sent_despite_stop_transactional');
	}
	if (facts.alreadySent) return suppressed('already_sent');
	if (purpose === 'marketing') {
		const problem = consentProblem(item, facts, options);
		if (problem) return suppressed(problem, problem === 'opted_out' && facts.consent?.source === 'shop' ? 'unsubscribed in the shop' : undefined);
	}

	let earliest = nowMs;
	let reason: DecisionReason = purpose === 'marketing' ? 'allowed' : 'transactional';
	if (purpose === 'marketing') {
		const cap24 = item.request.channel === 'sms' ? Math.min(options.capPer24h, stateCap24h(j)) : options.capPer24h;
		const over30 = facts.sent30d >= options.capPer30d;
		const over24 = facts.sent24h >= cap24;
		if (over24 || over30) {
			if (options.overCap === 'suppress') return suppressed('frequency_cap', over30 ? '30d' : '24h');
			// Counts carry no timestamps, so we wait a full window: conservative, never early.
			earliest = nowMs + (over30 ? 30 * DAY_MS : DAY_MS);
			reason = 'frequency_cap';
		}
	}

	const cands = candidates(item, options, purpose);
	if (!cands) {
		if (earliest === nowMs) return { ...common, decision: 'send', reason, sendAt: iso(nowMs, zone), rule: null };
		return deferred(reason, earliest, null);
	}
	const narrowing = purpose === 'marketing' ? { window: options.window, days: options.days } : { days: [] };
	const result = cache.evaluate(cands, earliest, narrowing);
	const rule = [...new Set(cands.map((c) => c.rule.id))].join(', ');
	if (result.at === null) return suppressed('quiet_hours', 'no allowed time within 3 weeks; check the window and days');
	if (result.allowedNow && earliest === nowMs) return { ...common, decision: 'send', reason, sendAt: iso(nowMs, zone), rule };
	return deferred(reason === 'frequency_cap' ? reason : 'quiet_hours', result.at, rule);
}
