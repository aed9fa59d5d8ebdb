import { DateTime } from 'luxon';
import { boundedKey } from '../shared/sendKey';
import type { CustomerRef, JourneyStore, OrderRecord, SentVoucher } from '../store';
import { birthdayCandidates } from './birthday';
import type { Candidate } from './candidate';
import { byDueAt } from './candidate';
import { dueOutput } from './item';
import type { DueOutput } from './item';
import { refillCandidates } from './refill';
import type { SkuOutcome } from './refill';
import type { BirthdaySettings, DueSettings, RefillSettings, WinBackSettings } from './settings';
import { earliestLapseDays, winBackCandidate } from './winBack';

/**
 * One poll of the Replenishment Due Trigger, without n8n: find what fell due, drop what this trigger already
 * emitted, read the orders the rest is about, and claim each one in the store just before it is handed out. A claim
 * is one atomic statement, so two n8n processes polling the same trigger (or a restart mid-poll) emit every
 * customer + SKU + cycle once. Opted-out customers are emitted like everyone else: the Consent Gate decides.
 */

const DAY_MS = 86_400_000;
const PAGE = 2_000;

export type DueStore = Pick<JourneyStore, 'orders' | 'due' | 'claim' | 'isClaimedMany'>;

export interface DuePollInput {
	store: DueStore;
	settings: DueSettings;
	/** Separates the claims of different trigger nodes, e.g. `<workflowId>:<nodeId>`. */
	scope: string;
	now: Date;
}

export interface DuePollReport {
	items: DueOutput[];
	/** Due and not yet emitted by this trigger (what is over `limit` follows in the next polls). */
	due: number;
	/** Replenishment: each SKU's interval and why a SKU got none (too few repeat customers to learn one). */
	skus: SkuOutcome[];
}

export async function pollDue(input: DuePollInput): Promise<DuePollReport> {
	const { store, settings, now } = input;
	const skus: SkuOutcome[] = [];
	const candidates = await candidatesOf(store, settings, now, skus);
	const claimKey = (c: Candidate) => boundedKey(`due:${input.scope}:${c.key}`);
	const claimed = await store.isClaimedMany(candidates.map(claimKey), now);
	const open = candidates.filter((c) => !claimed.has(claimKey(c))).sort(byDueAt);
	const chosen = open.slice(0, settings.limit);
	// Everything an item needs is read before anything is claimed: a failed read leaves nothing half-done.
	const orders = await store.due.orders(uniqueRefs(chosen));
	const byRef = new Map(orders.map((o) => [`${o.platform}\u0000${o.orderId}`, o]));
	const ready: Array<{ candidate: Candidate; order: OrderRecord; voucher?: SentVoucher }> = [];
	for (const candidate of chosen) {
		const order = byRef.get(`${candidate.platform}\u0000${candidate.orderId}`);
		if (!order) continue;
		const voucher = settings.mode === 'win_back' ? await unredeemedVoucher(store, order, settings, now) : undefined;
		ready.push({ candidate, order, voucher });
	}
	const ttl = settings.maxOverdueDays === null ? null : (settings.maxOverdueDays + 1) * DAY_MS;
	const items: DueOutput[] = [];
	for (const { candidate, order, voucher } of ready) {
		if (!(await store.claim(claimKey(candidate), ttl, now))) continue;
		items.push(dueOutput(candidate, order, now, settings.shopUrl, voucher));
	}
	return { items, due: open.length, skus };
}

async function candidatesOf(store: DueStore, settings: DueSettings, now: Date, skus: SkuOutcome[]): Promise<Candidate[]> {
	switch (settings.mode) {
		case 'replenishment':
			return refills(store, settings, now, skus);
		case 'product_birthday':
			return birthdays(store, settings, now);
		case 'win_back':
			return lapses(store, settings, now);
	}
}

async function refills(store: DueStore, settings: RefillSettings, now: Date, skus: SkuOutcome[]): Promise<Candidate[]> {
	const out: Candidate[] = [];
	const seen = new Set<string>();
	for (const rule of settings.products) {
		for (const sku of rule.skus) {
			if (seen.has(sku)) continue;
			seen.add(sku);
			const { outcome, candidates } = refillCandidates(sku, await store.orders.purchasesOf(sku), rule.daysPerUnit, settings, now);
			skus.push(outcome);
			out.push(...candidates);
		}
	}
	return out;
}

async function birthdays(store: DueStore, settings: BirthdaySettings, now: Date): Promise<Candidate[]> {
	// Purchases whose birthday is already past the overdue limit need not be read.
	const since =
		settings.maxOverdueDays === null
			? undefined
			: DateTime.fromJSDate(now, { zone: 'utc' })
					.minus({ months: settings.months, days: settings.maxOverdueDays + 1 })
					.toJSDate();
	const out: Candidate[] = [];
	for (const sku of new Set(settings.skus)) out.push(...birthdayCandidates(sku, await store.orders.purchasesOf(sku, { since }), settings, now));
	return out;
}

async function lapses(store: DueStore, settings: WinBackSettings, now: Date): Promise<Candidate[]> {
	const before = new Date(now.getTime() - earliestLapseDays(settings) * DAY_MS);
	const out: Candidate[] = [];
	let after: string | undefined;
	for (;;) {
		const page = await store.orders.lastOrders({ before, limit: PAGE, after });
		if (page.length === 0) break;
		const times = settings.medianFactor > 0 ? await store.due.orderTimes(page.map((p) => p.customerKey)) : new Map<string, Date[]>();
		for (const last of page) {
			const candidate = winBackCandidate(last, times.get(last.customerKey), settings, now);
			if (candidate) out.push(candidate);
		}
		if (page.length < PAGE) break;
		after = page[page.length - 1].customerKey;
	}
	return out;
}

function uniqueRefs(candidates: readonly Candidate[]): Array<{ platform: string; orderId: string }> {
	const seen = new Map<string, { platform: string; orderId: string }>();
	for (const c of candidates) seen.set(`${c.platform}\u0000${c.orderId}`, { platform: c.platform, orderId: c.orderId });
	return [...seen.values()];
}

/**
 * The newest voucher the message log says we sent the customer (any channel, within the look-back) that no order of
 * theirs used since it was sent.
 */
async function unredeemedVoucher(store: DueStore, order: OrderRecord, settings: WinBackSettings, now: Date): Promise<SentVoucher | undefined> {
	const subjects = [...new Set([order.contact.email, order.contact.phone, order.subject].filter((s): s is string => !!s))];
	if (subjects.length === 0) return undefined;
	const sent = await store.due.vouchersSent(subjects, new Date(now.getTime() - settings.voucherLookbackDays * DAY_MS));
	const customer: CustomerRef | undefined = order.subject ? { subject: order.subject } : order.customerId ? { platform: order.platform, customerId: order.customerId } : undefined;
	const checked = new Set<string>();
	for (const voucher of sent) {
		const code = voucher.code.toLowerCase();
		if (checked.has(code)) continue;
		checked.add(code);
		if (!(await store.orders.discountRedeemed(voucher.code, voucher.sentAt, customer))) return voucher;
	}
	return undefined;
}
