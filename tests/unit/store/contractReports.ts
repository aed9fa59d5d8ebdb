import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { journeyBoard, journeyReport, lastDays } from '../../../core/reports';
import type { JourneyStore } from '../../../core/store';
import { openStore } from '../../../core/store';
import type { ContractTarget } from './contract';

/**
 * The journey report and board reads (`store.reports`) in the store contract: on a known dataset both backends give
 * the same figures per journey step and channel, the same days, and the same board (stage, stuck, delayed, search).
 * The store's clock is moved through the dataset, so `updated_at` and click times are what the test says.
 */

const T0 = new Date('2026-11-10T09:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(T0.getTime() + ms);

/** Phones and e-mails of one suite run (a fresh store each run, so fixed values are safe). */
const ANNA = '+4915100000001';
const BEN = '+4915100000002';
const CARLA = 'carla@example.com';

export async function seedJourney(store: JourneyStore, move: (to: Date) => void): Promise<void> {
	// Day 1 (10 Nov): order confirmations. Anna's SMS arrives, Ben's (2 segments) does not; Carla's e-mail goes out.
	move(at(0));
	await store.logMessage({ subject: ANNA, channel: 'sms', purpose: 'transactional', journeyStep: 'order_received', providerId: 'SM-a1', status: 'sent', units: 1, sentAt: at(0) });
	await store.updateMessageStatus('SM-a1', 'delivered', null, at(60_000));
	await store.logMessage({ subject: BEN, channel: 'sms', purpose: 'transactional', journeyStep: 'order_received', providerId: 'SM-b1', status: 'sent', units: 2, sentAt: at(0) });
	await store.updateMessageStatus('SM-b1', 'undelivered', '30003', at(60_000));
	// The Email Compose node's legacy step name, narrowed to the order ("Send Once Per"), resolves to the same step.
	await store.logMessage({ subject: CARLA, channel: 'email', purpose: 'transactional', journeyStep: 'orderConfirmation:1001', providerId: '<m1@shop>', status: 'sent', units: 1, sentAt: at(0) });
	// Inbound replies and messages outside the period are not counted.
	await store.logMessage({ subject: ANNA, channel: 'sms', purpose: 'transactional', journeyStep: 'order_received', status: 'received', units: 1, sentAt: at(HOUR) });
	await store.logMessage({ subject: ANNA, channel: 'sms', purpose: 'transactional', journeyStep: 'order_received', status: 'delivered', units: 1, sentAt: at(-40 * DAY) });
	// Carla clicks the e-mail's link and orders three hours later.
	await store.links.create({ code: 'RepMail001', url: 'https://shop.example/account', subject: CARLA, channel: 'email', journeyStep: 'order_received' });
	await store.links.recordClick('RepMail001', { at: at(2 * HOUR) });
	await store.links.attributeOrder({ platform: 'shopify', orderId: 'R-1', subjects: [CARLA], placedAt: at(3 * HOUR), windowMs: 5 * DAY, currency: 'EUR', total: '20.10' });
	// Ben replies STOP (recorded for both purposes: one opt-out).
	for (const purpose of ['marketing', 'transactional'] as const) {
		await store.appendConsent({ subject: BEN, channel: 'sms', purpose, status: 'opted_out', legalBasis: 'withdrawal', source: 'sms_keyword', recordedAt: at(2 * HOUR) });
	}
	// Day 2 (11 Nov): Anna's shipping SMS; a link preview, then two taps (one clicked link), then an order.
	move(at(DAY));
	await store.logMessage({ subject: ANNA, channel: 'sms', purpose: 'transactional', journeyStep: 'shipped', providerId: 'SM-a2', status: 'delivered', units: 1, sentAt: at(DAY) });
	await store.links.create({ code: 'RepSms0001', url: 'https://track.example/1', subject: ANNA, channel: 'sms', journeyStep: 'shipped' });
	await store.links.recordClick('RepSms0001', { at: at(DAY + 60_000), counted: false, reason: 'link_preview' });
	await store.links.recordClick('RepSms0001', { at: at(DAY + HOUR) });
	await store.links.recordClick('RepSms0001', { at: at(DAY + 2 * HOUR) });
	await store.links.attributeOrder({ platform: 'shopify', orderId: 'R-2', subjects: [ANNA], placedAt: at(DAY + 3 * HOUR), windowMs: 5 * DAY, currency: 'EUR', total: '49.90' });
	// An order in another currency, and one before the period.
	await store.links.attributeOrder({ platform: 'shopify', orderId: 'R-3', subjects: [ANNA], placedAt: at(DAY + 4 * HOUR), windowMs: 5 * DAY, currency: 'CHF', total: '10.00' });
}

/** Orders in every stage, "now" = T0 + 5 days. */
export async function seedBoard(store: JourneyStore, move: (to: Date) => void): Promise<Date> {
	const stage = async (id: string, number: string, email: string, stages: Array<[Parameters<JourneyStore['shipments']['recordStage']>[1], number]>) => {
		for (const [s, t] of stages) {
			move(at(t));
			await store.shipments.recordStage(id, s, at(t), { subject: email, context: { customer: { email }, order: { id, number } } });
		}
	};
	await stage('B-unpaid', '#1001', 'dora@example.com', [['placed', 0]]);
	await stage('B-paid', '#1002', 'emil@example.com', [['placed', 4 * DAY], ['paid', 4 * DAY + HOUR]]);
	await stage('B-unshipped', '#1003', 'frida@example.com', [['placed', 0], ['paid', HOUR]]);
	await stage('B-late', '#1004', 'gustav@example.com', [['placed', 0], ['paid', HOUR], ['shipped', DAY]]);
	await store.shipments.watch({ trackingNumber: '00340434161094000001', carrier: 'dhl', orderId: 'B-late', shippedAt: at(DAY), promisedLatest: '2026-11-13' });
	await stage('B-delivered', '#1005', 'hanna@example.com', [['placed', 0], ['paid', HOUR], ['shipped', DAY], ['delivered', 3 * DAY]]);
	await stage('B-returned', '#1006', 'ida@example.com', [['placed', 0], ['paid', HOUR], ['shipped', DAY], ['delivered', 2 * DAY], ['returned', 4 * DAY]]);
	// Finished long ago, and placed before the board's 30 days: not on the board.
	await stage('B-old-done', '#0990', 'jan@example.com', [['placed', -20 * DAY], ['delivered', -18 * DAY]]);
	await stage('B-ancient', '#0900', 'kai@example.com', [['placed', -40 * DAY]]);
	return at(5 * DAY);
}

export function registerReportsContract(target: ContractTarget): void {
	(target.unavailable ? describe.skip : describe)(`journey store contract: ${target.name}: journey report and board`, () => {
		let store: JourneyStore;
		let now = T0;
		beforeAll(async () => {
			store = await openStore({ ...(await target.freshConfig()), clock: { now: () => now } });
		});
		afterAll(async () => {
			await store?.close();
		});

		it('sums sent, delivered, failed, clicked, opted out, orders, revenue and SMS cost per journey step and channel', async () => {
			await seedJourney(store, (to) => (now = to));
			// Two whole days in Berlin (UTC+1 in November), ending the day after the last order.
			const period = lastDays(3, at(2 * DAY), 'Europe/Berlin');
			assert.deepEqual([period.from.toISOString(), period.to.toISOString(), period.dayOffsetMs], ['2026-11-09T23:00:00.000Z', '2026-11-12T23:00:00.000Z', HOUR]);
			const report = await journeyReport(store.reports, period);
			const pick = (step: string, channel: string) => {
				const r = report.rows.find((x) => x.journeyStep === step && x.channel === channel);
				return r && [r.sent, r.delivered, r.failed, r.clicked, r.optedOut, r.orders, r.revenue, r.smsSegments, r.smsCost];
			};
			assert.deepEqual(report.rows.map((r) => `${r.journeyStep}/${r.channel}`), ['order_received/sms', 'order_received/email', 'shipped/sms']);
			assert.deepEqual(pick('order_received', 'sms'), [2, 1, 1, 0, 1, 0, '0.00', 3, '0.2949']);
			assert.deepEqual(pick('order_received', 'email'), [1, 1, 0, 1, 0, 1, '20.10', 0, null]);
			assert.deepEqual(pick('shipped', 'sms'), [1, 1, 0, 1, 0, 2, '49.90', 1, '0.0983']);
			assert.deepEqual(report.rows.find((r) => r.journeyStep === 'shipped')?.revenueByCurrency, { CHF: '10.00', EUR: '49.90' });
			assert.equal(report.revenueCurrency, 'EUR');
			assert.deepEqual([report.smsCostCurrency, report.smsCostSource], ['USD', 'estimate']);
			const t = report.totals;
			assert.deepEqual([t.sent, t.delivered, t.failed, t.clicked, t.optedOut, t.orders, t.revenue, t.smsSegments, t.smsCost], [4, 3, 1, 2, 1, 3, '70.00', 4, '0.3932']);
			assert.deepEqual([t.clickRate, t.orderRate], [0.6667, 1]);
			assert.deepEqual(
				report.days.map((d) => [d.day, d.journeyStep, d.sent, d.clicked, d.orders]),
				[
					['2026-11-10', 'order_received', 3, 1, 1],
					['2026-11-11', 'shipped', 1, 1, 2],
				],
			);
		});

		it('a period without the dataset is empty; own contract prices in another currency', async () => {
			const empty = await journeyReport(store.reports, lastDays(7, at(-100 * DAY)));
			assert.deepEqual([empty.rows, empty.days, empty.totals.sent, empty.totals.revenue], [[], [], 0, '0.00']);
			const eur = await journeyReport(store.reports, { ...lastDays(3, at(2 * DAY), 'Europe/Berlin'), prices: { currency: 'EUR', prices: { DE: 0.07 } } });
			assert.deepEqual([eur.smsCostCurrency, eur.totals.smsCost], ['EUR', '0.2800']);
		});

		it('the board: stage, time in stage, stuck and delayed orders, finished ones for a week, search, masked contact', async () => {
			const boardNow = await seedBoard(store, (to) => (now = to));
			const board = await journeyBoard(store.reports, { now: boardNow });
			const byId = new Map(board.cards.map((c) => [c.orderId, c]));
			assert.deepEqual([...byId.keys()].sort(), ['B-delivered', 'B-late', 'B-paid', 'B-returned', 'B-unpaid', 'B-unshipped']);
			const row = (id: string) => {
				const c = byId.get(id)!;
				return [c.stage, c.hoursInStage, c.stuck, c.delayed, c.flags.join(',')];
			};
			assert.deepEqual(row('B-unpaid'), ['placed', 120, true, false, 'unpaid']);
			assert.deepEqual(row('B-paid'), ['paid', 23, false, false, '']);
			assert.deepEqual(row('B-unshipped'), ['paid', 119, true, false, 'not_shipped']);
			assert.deepEqual(row('B-late'), ['shipped', 96, false, true, 'past_promised_day']);
			assert.deepEqual(row('B-delivered'), ['delivered', 48, false, false, '']);
			assert.deepEqual(row('B-returned'), ['returned', 24, false, false, '']);
			assert.deepEqual(board.counts, { placed: 1, paid: 2, shipped: 1, out_for_delivery: 0, delivered: 1, returned: 1 });
			assert.deepEqual([board.stuck, board.delayed], [2, 1]);
			assert.deepEqual([byId.get('B-late')?.trackingNumber, byId.get('B-late')?.carrier, byId.get('B-late')?.promisedLatest], ['00340434161094000001', 'dhl', '2026-11-13']);
			assert.equal(byId.get('B-unpaid')?.contact, 'd***@e***.com');
			assert.equal(board.cards[0].stuck || board.cards[0].delayed, true, 'flagged orders first');
			// Looser limits: nothing stuck any more.
			const relaxed = await journeyBoard(store.reports, { now: boardNow, thresholds: { unpaidDays: 10, unshippedDays: 10, noScanDays: 10 } });
			assert.equal(relaxed.stuck, 0);
			// A shipped parcel without a carrier scan for longer than the limit is stuck too.
			assert.deepEqual((await journeyBoard(store.reports, { now: boardNow, thresholds: { noScanDays: 2 } })).cards.find((c) => c.orderId === 'B-late')?.flags, ['no_scan', 'past_promised_day']);
			for (const search of ['#1004', '1004', 'B-late', 'GUSTAV@example.com']) {
				const found = await journeyBoard(store.reports, { now: boardNow, search, includeContact: true });
				assert.deepEqual(found.cards.map((c) => [c.orderId, c.contact]), [['B-late', 'gustav@example.com']], search);
			}
			assert.equal((await journeyBoard(store.reports, { now: boardNow, search: 'nobody@example.com' })).cards.length, 0);
		});
	});
}
