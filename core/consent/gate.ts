import type { Clock } from '../shared/clock';
import type { Channel, DecisionInput, JourneyStore } from '../store/JourneyStore';
import { decide, prepare, shopRevocation, suppressionBlocks } from './policy';
import { recordShopOptOuts } from './ledger';
import type { ShopOptOut } from './ledger';
import type { PreparedItem } from './policy';
import { WindowCache } from './quietHours';
import { sendKey } from '../shared/sendKey';
import type { ConsentDecision, ConsentOptions, ConsentRequest, SubjectFacts } from './types';
import { NO_FACTS } from './types';

const DAY_MS = 86_400_000;
/**
 * Decisions per decision-log write (one transaction). The log's subject index takes random keys, so each write dirties
 * index pages all over the table and every commit writes them out again: fewer, larger writes cut that per decision
 * (at 5,000, a 25,000-item batch rewrote the same index pages five times). 20,000 keeps one write near a second.
 */
const LOG_GROUP = 20_000;

export interface GateRunOptions {
	/** Decide as if it were this moment ("Evaluate at"); default: the clock's now. */
	evaluateAt?: Date;
	/** Items per suppression re-check right before the decisions are final. */
	chunkSize?: number;
	/** Append every decision to the store's decision log (default true). */
	logDecisions?: boolean;
	/** Called before each chunk's re-check; lets tests interleave a concurrent STOP deterministically. */
	beforeChunk?: (chunkIndex: number) => Promise<void> | void;
}

interface Lookups {
	suppression: Map<string, SubjectFacts['suppression']>;
	consent: Map<string, SubjectFacts['consent']>;
	sent24h: Map<string, number>;
	sent30d: Map<string, number>;
}

async function lookups(store: JourneyStore, channel: Channel, all: string[], marketing: string[], nowMs: number): Promise<Lookups> {
	const empty = new Map();
	const [suppression, consent, sent30d] = await Promise.all([
		all.length ? store.getSuppressionMany(all, channel) : empty,
		marketing.length ? store.currentConsentMany(marketing, channel, 'marketing') : empty,
		marketing.length ? store.countMessagesMany(marketing, { channel, purpose: 'marketing', since: new Date(nowMs - 30 * DAY_MS) }) : empty,
	]);
	// The last 24 hours lie inside the last 30 days: only subjects with a send in the 30 days can have one in the 24.
	const recent = marketing.filter((s) => (sent30d.get(s) ?? 0) > 0);
	const sent24h = recent.length ? await store.countMessagesMany(recent, { channel, purpose: 'marketing', since: new Date(nowMs - DAY_MS) }) : empty;
	return { suppression, consent, sent24h, sent30d };
}

/**
 * Gates a batch: resolves every item, looks up the store in batches (suppressions, ledger, message counts, send
 * claims), decides per item in order, then re-checks suppressions chunk by chunk for the items about to be sent, so a
 * STOP recorded while the batch was being gated wins. Every decision is appended to the decision log.
 */
export async function gateBatch(
	store: JourneyStore,
	requests: readonly ConsentRequest[],
	options: ConsentOptions,
	clock: Clock,
	run: GateRunOptions = {},
): Promise<ConsentDecision[]> {
	const now = run.evaluateAt ?? clock.now();
	const nowMs = now.getTime();
	const prepared = requests.map((r) => prepare(r, options));
	// Each item's send key, computed once: the claims look-up and the in-batch duplicate check both need it.
	const stepKeys = prepared.map((item) =>
		item.recipient.ok && item.request.journeyStep ? sendKey(item.recipient.subject, item.request.journeyStep, item.request.channel) : '',
	);

	const facts = await gatherFacts(store, prepared, stepKeys, nowMs, now);
	await recordShopOptOutsFound(store, prepared, facts, nowMs);
	const cache = new WindowCache();
	const decisions: ConsentDecision[] = [];
	// Sends decided earlier in this batch count towards caps and "already sent" for later items.
	const batchSends = new Map<string, number>();
	const batchSteps = new Set<string>();
	for (let i = 0; i < prepared.length; i++) {
		const item = prepared[i];
		let f = facts[i];
		const subject = item.recipient.ok ? item.recipient.subject : null;
		const countKey = subject ? `${item.request.channel}|${subject}` : '';
		const stepKey = stepKeys[i];
		if (subject) {
			const extra = item.purpose === 'marketing' ? (batchSends.get(countKey) ?? 0) : 0;
			const dup = stepKey !== '' && batchSteps.has(stepKey);
			if (extra || dup) f = { ...f, sent24h: f.sent24h + extra, sent30d: f.sent30d + extra, alreadySent: f.alreadySent || dup };
		}
		const d = decide(item, f, options, nowMs, cache);
		if (d.decision !== 'suppressed' && stepKey) batchSteps.add(stepKey);
		if (d.decision !== 'suppressed' && item.purpose === 'marketing' && subject) batchSends.set(countKey, (batchSends.get(countKey) ?? 0) + 1);
		decisions.push(d);
	}

	const chunkSize = Math.max(1, run.chunkSize ?? 100);
	// Final decisions are logged in groups of LOG_GROUP: one transaction per 100-item re-check chunk rewrote the same
	// index pages a thousand times per 100,000 items. Nothing is returned before every group is written, so a crash
	// loses no logged decision of an item that was released.
	let logged = 0;
	for (let start = 0, chunk = 0; start < decisions.length; start += chunkSize, chunk++) {
		await run.beforeChunk?.(chunk);
		const end = Math.min(start + chunkSize, decisions.length);
		await recheckSuppressions(store, prepared, decisions, start, end, options);
		if (run.logDecisions !== false && (end - logged >= LOG_GROUP || end === decisions.length)) {
			await logChunk(store, prepared, decisions, logged, end, now);
			logged = end;
		}
	}
	return decisions;
}

async function gatherFacts(store: JourneyStore, prepared: PreparedItem[], stepKeys: string[], nowMs: number, now: Date): Promise<SubjectFacts[]> {
	const byChannel = new Map<Channel, { all: Set<string>; marketing: Set<string> }>();
	const keys: string[] = [];
	for (let i = 0; i < prepared.length; i++) {
		const item = prepared[i];
		if (!item.recipient.ok) continue;
		const { channel } = item.request;
		let sets = byChannel.get(channel);
		if (!sets) byChannel.set(channel, (sets = { all: new Set(), marketing: new Set() }));
		sets.all.add(item.recipient.subject);
		if (item.purpose === 'marketing') sets.marketing.add(item.recipient.subject);
		if (stepKeys[i]) keys.push(stepKeys[i]);
	}
	const found = new Map<Channel, Lookups>();
	for (const [channel, sets] of byChannel) found.set(channel, await lookups(store, channel, [...sets.all], [...sets.marketing], nowMs));
	const claimed = keys.length ? await store.isClaimedMany(keys, now) : new Set<string>();
	return prepared.map((item, i) => {
		if (!item.recipient.ok) return NO_FACTS;
		const s = item.recipient.subject;
		const l = found.get(item.request.channel) as Lookups;
		return {
			suppression: l.suppression.get(s) ?? null,
			consent: l.consent.get(s) ?? null,
			sent24h: l.sent24h.get(s) ?? 0,
			sent30d: l.sent30d.get(s) ?? 0,
			alreadySent: stepKeys[i] ? claimed.has(stepKeys[i]) : false,
		};
	});
}

/**
 * A marketing opt-out the shop reports after the ledger's consent is a revocation: it is written to the ledger (once
 * per subject and channel; on a rerun the ledger already says opted out) and the batch decides on it. Items without
 * shop flags cost one property read.
 */
async function recordShopOptOutsFound(store: JourneyStore, prepared: PreparedItem[], facts: SubjectFacts[], nowMs: number): Promise<void> {
	const found = new Map<string, ShopOptOut>();
	for (let i = 0; i < prepared.length; i++) {
		const item = prepared[i];
		if (!item.recipient.ok || item.purpose !== 'marketing') continue;
		const { channel } = item.request;
		const flags = item.request.customer?.consent?.[channel];
		if (!flags || !facts[i].consent) continue;
		const key = `${channel}|${item.recipient.subject}`;
		if (found.has(key)) continue;
		const revocation = shopRevocation(flags, facts[i].consent, nowMs);
		if (!revocation) continue;
		const origin = item.request.origin;
		const evidence = { ...revocation.evidence, channel, ...(origin?.platform ? { platform: origin.platform } : {}), ...(origin?.eventId ? { eventId: origin.eventId } : {}) };
		found.set(key, { subject: item.recipient.subject, channel, at: revocation.at, evidence });
	}
	if (found.size === 0) return;
	const records = await recordShopOptOuts(store, [...found.values()]);
	const byKey = new Map(records.map((r) => [`${r.channel}|${r.subject}`, r]));
	for (let i = 0; i < prepared.length; i++) {
		const item = prepared[i];
		if (!item.recipient.ok) continue;
		const record = byKey.get(`${item.request.channel}|${item.recipient.subject}`);
		if (record) facts[i] = { ...facts[i], consent: record };
	}
}

async function recheckSuppressions(
	store: JourneyStore,
	prepared: PreparedItem[],
	decisions: ConsentDecision[],
	start: number,
	end: number,
	options: ConsentOptions,
): Promise<void> {
	const byChannel = new Map<Channel, string[]>();
	for (let i = start; i < end; i++) {
		const d = decisions[i];
		if (d.decision === 'suppressed' || !d.subject) continue;
		const channel = prepared[i].request.channel;
		const list = byChannel.get(channel) ?? [];
		list.push(d.subject);
		byChannel.set(channel, list);
	}
	for (const [channel, subjects] of byChannel) {
		const fresh = await store.getSuppressionMany([...new Set(subjects)], channel);
		if (fresh.size === 0) continue;
		for (let i = start; i < end; i++) {
			const d = decisions[i];
			if (d.decision === 'suppressed' || !d.subject || prepared[i].request.channel !== channel) continue;
			const suppression = fresh.get(d.subject);
			if (!suppression) continue;
			const reason = suppressionBlocks(d.purpose, suppression, options);
			if (reason) decisions[i] = { ...d, decision: 'suppressed', reason, sendAt: null, rule: null, detail: `${suppression.reason} (recorded during the batch)` };
		}
	}
}

async function logChunk(store: JourneyStore, prepared: PreparedItem[], decisions: ConsentDecision[], start: number, end: number, now: Date): Promise<void> {
	const entries: DecisionInput[] = [];
	for (let i = start; i < end; i++) {
		const d = decisions[i];
		if (!d.subject) continue;
		entries.push({
			subject: d.subject,
			channel: prepared[i].request.channel,
			purpose: d.purpose,
			journeyStep: prepared[i].request.journeyStep ?? undefined,
			decision: d.decision,
			reason: d.reason,
			policyVersion: d.policyVersion,
			decidedAt: now,
			detail: { jurisdiction: d.jurisdiction, rule: d.rule, sendAt: d.sendAt, ...(d.warnings.length ? { warnings: d.warnings } : {}) },
		});
	}
	// The subjects are the recipients `prepare` resolved: the store need not parse them again.
	if (entries.length) await store.appendDecisions(entries, { resolved: true });
}
