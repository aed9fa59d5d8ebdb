import { JOURNEY_STEPS } from '../journey';
import { DEFAULT_PRICE_TABLE, estimateCost } from '../sms';
import type { PriceTable } from '../sms';
import type { ReportReadStore, ReportWindow } from '../store';
import { fromUnits, MoneyByCurrency, toUnits } from './money';
import { stepId } from './stepLabels';

/**
 * The journey report: per journey step and channel, what a period's messages did — sent, delivered, failed, clicked,
 * opted out, orders and revenue attributed (last touch, `core/links/attribution.ts`), SMS cost — and the same per day
 * for the chart. Figures come summed from the store (`store.reports`); this module only joins and prices them.
 *
 * SMS cost is an estimate: segments sent × the price per segment of the destination country (the price table of
 * `core/sms`, in its currency, overridable with the shop's contract prices). Twilio reports the real price only in
 * its console and API, not in status callbacks, so the message log cannot hold it.
 */

export type ReportChannel = 'sms' | 'email' | 'other';

export interface ReportOptions {
	from: Date;
	/** Exclusive. */
	to: Date;
	/** The shop's UTC offset in ms: days of the chart are the shop's days. */
	dayOffsetMs?: number;
	prices?: PriceTable;
	/** An opt-out counts for the step of the customer's last message within this many days (default 7). */
	optOutLookbackDays?: number;
}

export interface StepFigures {
	journeyStep: string;
	channel: ReportChannel;
	sent: number;
	delivered: number;
	failed: number;
	clicked: number;
	optedOut: number;
	orders: number;
	/** Attributed revenue in the report's currency (`revenueCurrency`); other currencies in `revenueByCurrency`. */
	revenue: string;
	revenueByCurrency: Record<string, string>;
	smsSegments: number;
	/** Estimated SMS cost in `smsCostCurrency`; null for e-mail. */
	smsCost: string | null;
	/** Clicked ÷ delivered (or ÷ sent when nothing reports delivery), 0–1, 4 decimals. */
	clickRate: number;
	/** Orders ÷ delivered, 0–1, 4 decimals. */
	orderRate: number;
}

export interface DayFigures {
	/** YYYY-MM-DD in the shop's time. */
	day: string;
	journeyStep: string;
	sent: number;
	clicked: number;
	orders: number;
}

export interface JourneyReport {
	from: string;
	to: string;
	/** First and last day of the period in the shop's time (YYYY-MM-DD). */
	firstDay: string;
	lastDay: string;
	revenueCurrency: string;
	smsCostCurrency: string;
	smsCostSource: 'estimate';
	rows: StepFigures[];
	/** Per step and day, channels together: the chart's data. Days without any figure are left out. */
	days: DayFigures[];
	totals: Omit<StepFigures, 'journeyStep' | 'channel' | 'revenueByCurrency'> & { revenueByCurrency: Record<string, string> };
}

const DAY_MS = 86_400_000;
const STEP_ORDER = new Map(JOURNEY_STEPS.map((s, i) => [s.id as string, i]));
const CHANNEL_ORDER: ReportChannel[] = ['sms', 'email', 'other'];

interface Acc {
	sent: number;
	delivered: number;
	failed: number;
	clicked: number;
	optedOut: number;
	orders: number;
	revenue: MoneyByCurrency;
	segments: number;
	costUnits: number;
}

const empty = (): Acc => ({ sent: 0, delivered: 0, failed: 0, clicked: 0, optedOut: 0, orders: 0, revenue: new MoneyByCurrency(), segments: 0, costUnits: 0 });
const rate = (n: number, of: number) => (of > 0 ? Math.round((n / of) * 10_000) / 10_000 : 0);
const dayText = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The SMS price of a number's first four characters (`+491` is Germany); numbers the prefix cannot tell get `default`. */
function segmentCost(prefix: string | null, segments: number, table: PriceTable): number | null {
	const probe = prefix && /^\+\d{3}$/.test(prefix) ? `${prefix}0000000` : '';
	const estimate = estimateCost(probe, segments, table);
	return estimate ? toUnits(estimate.amount) : null;
}

export async function journeyReport(reads: ReportReadStore, options: ReportOptions): Promise<JourneyReport> {
	const window: ReportWindow = { from: options.from, to: options.to, dayOffsetMs: options.dayOffsetMs ?? 0 };
	const table = options.prices ?? DEFAULT_PRICE_TABLE;
	const lookback = (options.optOutLookbackDays ?? 7) * DAY_MS;
	const [messages, segments, clicks, optOuts, orders] = await Promise.all([
		reads.messages(window),
		reads.smsSegments(window),
		reads.clicks(window),
		reads.optOuts(window, lookback),
		reads.attributedOrders(window),
	]);

	const byKey = new Map<string, Acc>();
	const acc = (step: string, channel: string | null) => {
		const key = `${stepId(step)}\n${channel === 'sms' || channel === 'email' ? channel : 'other'}`;
		let a = byKey.get(key);
		if (!a) byKey.set(key, (a = empty()));
		return a;
	};
	const days = new Map<string, DayFigures>();
	const day = (step: string, n: number) => {
		const key = `${n}\n${stepId(step)}`;
		let d = days.get(key);
		if (!d) days.set(key, (d = { day: dayText(n), journeyStep: stepId(step), sent: 0, clicked: 0, orders: 0 }));
		return d;
	};

	for (const m of messages) {
		const a = acc(m.journeyStep, m.channel);
		a.sent += m.sent;
		a.delivered += m.delivered;
		a.failed += m.failed;
		day(m.journeyStep, m.day).sent += m.sent;
	}
	for (const s of segments) {
		const a = acc(s.journeyStep, 'sms');
		a.segments += s.segments;
		a.costUnits += segmentCost(s.prefix, s.segments, table) ?? 0;
	}
	for (const c of clicks) {
		acc(c.journeyStep, c.channel).clicked += c.clicked;
		day(c.journeyStep, c.day).clicked += c.clicked;
	}
	for (const o of optOuts) acc(o.journeyStep, o.channel).optedOut += o.optedOut;
	const ordersByCurrency = new Map<string, number>();
	for (const o of orders) {
		const a = acc(o.journeyStep, o.channel);
		a.orders += 1;
		a.revenue.add(o.currency, o.total);
		ordersByCurrency.set(o.currency || '?', (ordersByCurrency.get(o.currency || '?') ?? 0) + 1);
		day(o.journeyStep, o.day).orders += 1;
	}
	// The currency most orders were placed in; a shop selling in one currency sees only that one.
	const revenueCurrency = [...ordersByCurrency.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? '';

	const figures = (a: Acc, channel: ReportChannel | 'all') => {
		const byCurrency = a.revenue.toJson();
		const base = a.delivered || a.sent;
		return {
			sent: a.sent,
			delivered: a.delivered,
			failed: a.failed,
			clicked: a.clicked,
			optedOut: a.optedOut,
			orders: a.orders,
			revenue: byCurrency[revenueCurrency] ?? '0.00',
			revenueByCurrency: byCurrency,
			smsSegments: a.segments,
			smsCost: channel === 'email' || channel === 'other' ? null : fromUnits(a.costUnits, 4),
			clickRate: rate(a.clicked, base),
			orderRate: rate(a.orders, base),
		};
	};
	const rows: StepFigures[] = [...byKey.entries()]
		.map(([key, a]) => {
			const [journeyStep, channel] = key.split('\n') as [string, ReportChannel];
			return { journeyStep, channel, ...figures(a, channel) };
		})
		.sort(
			(x, y) =>
				(STEP_ORDER.get(x.journeyStep) ?? 999) - (STEP_ORDER.get(y.journeyStep) ?? 999) ||
				x.journeyStep.localeCompare(y.journeyStep) ||
				CHANNEL_ORDER.indexOf(x.channel) - CHANNEL_ORDER.indexOf(y.channel),
		);
	const total = empty();
	for (const a of byKey.values()) {
		for (const k of ['sent', 'delivered', 'failed', 'clicked', 'optedOut', 'orders', 'segments', 'costUnits'] as const) total[k] += a[k];
		total.revenue.merge(a.revenue);
	}
	return {
		from: options.from.toISOString(),
		to: options.to.toISOString(),
		firstDay: dayText(Math.floor((options.from.getTime() + (options.dayOffsetMs ?? 0)) / DAY_MS)),
		lastDay: dayText(Math.floor((options.to.getTime() - 1 + (options.dayOffsetMs ?? 0)) / DAY_MS)),
		revenueCurrency: revenueCurrency === '?' ? '' : revenueCurrency,
		smsCostCurrency: table.currency,
		smsCostSource: 'estimate',
		rows,
		days: [...days.values()].sort((a, b) => a.day.localeCompare(b.day) || (STEP_ORDER.get(a.journeyStep) ?? 999) - (STEP_ORDER.get(b.journeyStep) ?? 999)),
		totals: figures(total, 'all'),
	};
}

export const REPORT_CSV_HEADER = [
	'journey_step',
	'channel',
	'sent',
	'delivered',
	'failed',
	'clicked',
	'opted_out',
	'orders',
	'revenue',
	'revenue_currency',
	'sms_segments',
	'sms_cost_estimate',
	'sms_cost_currency',
	'click_rate',
	'order_rate',
] as const;

/** One line per step and channel, the columns of `REPORT_CSV_HEADER`. */
export function reportCsvRows(report: JourneyReport): unknown[][] {
	return report.rows.map((r) => [
		r.journeyStep,
		r.channel,
		r.sent,
		r.delivered,
		r.failed,
		r.clicked,
		r.optedOut,
		r.orders,
		r.revenue,
		report.revenueCurrency,
		r.smsSegments,
		r.smsCost ?? '',
		r.smsCost === null ? '' : report.smsCostCurrency,
		r.clickRate,
		r.orderRate,
	]);
}
