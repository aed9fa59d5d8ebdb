import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { JourneyStore } from '../../../core/store';
import { openStore } from '../../../core/store';
import type { ContractTarget } from './contract';

/**
 * The `shipments` concern (`store.shipments`) on both backends: watching, status changes recorded once, per-trigger
 * hand-out exactly once (also across processes), delayed and stuck marks, order stages, transit samples, GDPR.
 */

const T0 = new Date('2026-03-02T08:00:00.000Z').getTime();
const at = (ms: number) => new Date(T0 + ms);
const HOUR = 3_600_000;
let n = 0;
const number = (label: string) => `${label}${process.pid}${Date.now().toString(36)}${++n}`.toUpperCase();

export function registerShipmentContractTests(target: ContractTarget): void {
	(target.unavailable ? describe.skip : describe)(`journey store contract: ${target.name}: shipments`, () => {
		let store: JourneyStore;

		beforeAll(async () => {
			store = await openStore(await target.freshConfig());
		});
		afterAll(async () => {
			await store?.close();
		});

		it('watches a number once, keeps what is known on a second sighting, and leases due checks to one poller', async () => {
			const a = number('W');
			assert.equal(await store.shipments.watch({ trackingNumber: a, carrier: 'dhl', orderId: 'o-1', context: { customer: { firstName: 'Anna' } }, firstCheckAt: at(0) }), true);
			assert.equal(await store.shipments.watch({ trackingNumber: a, destinationCountry: 'DE', promisedLatest: '2026-03-04' }), false);
			const s = await store.shipments.get(a);
			assert.equal(s?.carrier, 'dhl');
			assert.equal(s?.destinationCountry, 'DE');
			assert.deepEqual(s?.context, { customer: { firstName: 'Anna' } }, 'an empty context does not overwrite');
			assert.equal(s?.status, 'unknown');
			const first = await store.shipments.leaseDue({ now: at(1000), limit: 1000, leaseMs: 60_000 });
			assert.ok(first.some((x) => x.trackingNumber === a));
			const second = await store.shipments.leaseDue({ now: at(2000), limit: 1000, leaseMs: 60_000 });
			assert.ok(!second.some((x) => x.trackingNumber === a), 'leased');
			await store.shipments.reschedule(a, at(HOUR), null, at(3000));
			assert.ok(!(await store.shipments.leaseDue({ now: at(HOUR - 1), limit: 1000, leaseMs: 1 })).some((x) => x.trackingNumber === a));
			assert.ok((await store.shipments.leaseDue({ now: at(HOUR), limit: 1000, leaseMs: 1 })).some((x) => x.trackingNumber === a));
		});

		it('records a change once, repeats nothing, and keeps the history with the previous group', async () => {
			const a = number('H');
			await store.shipments.watch({ trackingNumber: a, orderId: 'o-h' });
			const update = { status: 'InTransit', subStatus: null, group: 'in_transit' as const, source: 'poll', nextCheckAt: at(HOUR), at: at(0) };
			const first = await store.shipments.recordStatus(a, update);
			assert.equal(first?.group, 'in_transit');
			assert.equal(first?.orderId, 'o-h');
			assert.equal(await store.shipments.recordStatus(a, { ...update, source: 'push' }), null, 'the same status again');
			const ofd = await store.shipments.recordStatus(a, { ...update, status: 'OutForDelivery', group: 'out_for_delivery', location: 'Berlin' });
			assert.equal(ofd?.previousGroup, 'in_transit');
			assert.equal(await store.shipments.recordStatus(a, { ...update, status: 'Pending', group: null }), null, 'a status without a group is kept, not emitted');
			const done = await store.shipments.recordStatus(a, { ...update, status: 'Delivered', group: 'delivered', nextCheckAt: null, finishReason: 'delivered', detail: { deliveredTo: 'neighbour' } });
			assert.deepEqual(done?.detail, { deliveredTo: 'neighbour' });
			assert.deepEqual((await store.shipments.history(a)).map((e) => e.group), ['in_transit', 'out_for_delivery', 'delivered']);
			const s = await store.shipments.get(a);
			assert.equal(s?.finishReason, 'delivered');
			assert.ok(s?.finishedAt);
			assert.equal(await store.shipments.recordStatus(number('UNKNOWN'), update), null, 'an unwatched number records nothing');
		});

		it('hands each event to each trigger once, nothing from before it started listening', async () => {
			const a = number('D');
			await store.shipments.watch({ trackingNumber: a });
			const base = { subStatus: null, source: 'poll', nextCheckAt: null, at: at(0) };
			await store.shipments.recordStatus(a, { ...base, status: 'InTransit', group: 'in_transit' });
			const scopeA = `wf-a:${a}`;
			const scopeB = `wf-b:${a}`;
			assert.deepEqual(await store.shipments.deliver(scopeA, { limit: 10, now: at(10) }), [], 'starts listening now');
			assert.deepEqual(await store.shipments.deliver(scopeB, { limit: 10, now: at(10) }), []);
			await store.shipments.recordStatus(a, { ...base, status: 'OutForDelivery', group: 'out_for_delivery', at: at(20) });
			const forA = await store.shipments.deliver(scopeA, { limit: 10, now: at(30) });
			assert.deepEqual(forA.map((e) => e.group), ['out_for_delivery']);
			assert.deepEqual(await store.shipments.deliver(scopeA, { limit: 10, now: at(40) }), []);
			assert.deepEqual((await store.shipments.deliver(scopeB, { limit: 10, now: at(40) })).map((e) => e.id), forA.map((e) => e.id), 'another trigger gets it too');
		});

		it('marks a missed promise delayed once, and stuck orders and silent parcels once', async () => {
			const late = number('L');
			const onTime = number('T');
			await store.shipments.watch({ trackingNumber: late, promisedLatest: '2026-03-03', orderId: 'o-late' });
			await store.shipments.watch({ trackingNumber: onTime, promisedLatest: '2026-03-09' });
			const day = (d: number) => at(d * 24 * HOUR);
			assert.ok(!(await store.shipments.markDelayed({ now: day(1), limit: 1000 })).some((e) => e.trackingNumber === late), 'its day is not over yet');
			const delayed = await store.shipments.markDelayed({ now: day(2), limit: 1000 });
			assert.deepEqual(delayed.filter((e) => e.trackingNumber === late || e.trackingNumber === onTime).map((e) => [e.trackingNumber, e.group]), [[late, 'delayed']]);
			assert.equal(delayed.find((e) => e.trackingNumber === late)?.detail.promisedLatest, '2026-03-03');
			assert.ok(!(await store.shipments.markDelayed({ now: day(3), limit: 1000 })).some((e) => e.trackingNumber === late), 'once');

			const order = `o-${number('S')}`;
			await store.shipments.recordStage(order, 'placed', day(0));
			await store.shipments.recordStage(order, 'paid', day(0.5));
			await store.shipments.recordStage(order, 'paid', day(5));
			assert.equal((await store.shipments.orderStages(order))?.paidAt?.getTime(), day(0.5).getTime(), 'the first stamp stays');
			const stuck = await store.shipments.markStuck({ paidBefore: day(1), noScanSince: day(-100), now: day(3), limit: 1000 });
			assert.deepEqual(stuck.filter((e) => e.orderId === order).map((e) => e.detail.reason), ['not_shipped']);
			assert.equal((await store.shipments.markStuck({ paidBefore: day(4), now: day(4), limit: 1000 })).filter((e) => e.orderId === order).length, 0);
			const silent = await store.shipments.markStuck({ noScanSince: new Date(Date.now() + HOUR), now: day(3), limit: 1000 });
			assert.ok(silent.some((e) => e.trackingNumber === onTime && e.detail.reason === 'no_scan'));
		});

		it('keeps transit samples per lane, newest first, one per tracking number', async () => {
			const lane = `dhl|DE|DE-${number('LANE')}`;
			await store.shipments.addTransitSample({ trackingNumber: number('S1'), lane, workingDays: 1, deliveredAt: at(0) });
			const twice = number('S2');
			await store.shipments.addTransitSample({ trackingNumber: twice, lane, workingDays: 2, deliveredAt: at(1000) });
			await store.shipments.addTransitSample({ trackingNumber: twice, lane, workingDays: 9, deliveredAt: at(2000) });
			assert.deepEqual(await store.shipments.transitSamples(lane, 10), [2, 1]);
		});

		it('exports and erases what a shipment knows of its customer', async () => {
			const subject = `ship-${number('G').toLowerCase()}@example.com`;
			const a = number('G');
			await store.shipments.watch({ trackingNumber: a, subject, orderId: 'o-g', context: { customer: { email: subject } } });
			await store.shipments.recordStage('o-g-' + a, 'shipped', at(0), { subject, context: { customer: { email: subject } } });
			await store.shipments.recordStatus(a, { status: 'Delivered', subStatus: null, group: 'delivered', source: 'poll', nextCheckAt: null, detail: { deliveredTo: 'neighbour', note: 'Herr Meier' } });
			const exported = await store.exportSubject(subject);
			assert.deepEqual(exported.shipments?.map((s) => s.trackingNumber), [a]);
			assert.equal(exported.orderStages?.length, 1);
			const report = await store.eraseSubject(subject);
			assert.equal(report.removed.shipments, 1);
			assert.equal(report.removed.orderStages, 1);
			assert.equal(report.removed.shipmentEvents, 1);
			assert.deepEqual((await store.shipments.get(a))?.context, { erased: true });
			assert.deepEqual((await store.shipments.history(a))[0].detail, { erased: true });
			assert.ok((await store.shipments.get(a))?.finishedAt, 'an erased customer is not watched any more');
		});

		it('two processes recording the same changes and reading one trigger: every change and every hand-out once', async () => {
			const config = await target.freshConfig();
			const setup = await openStore(config);
			const numbers = Array.from({ length: 20 }, () => number('R'));
			for (const x of numbers) await setup.shipments.watch({ trackingNumber: x });
			await setup.shipments.deliver('race-scope', { limit: 1 });
			await setup.close();
			const children = [0, 1].map(() => target.startChild({ action: 'shipment-race', config, numbers, scope: 'race-scope' }));
			await Promise.all(children.map((c) => c.next()));
			for (const c of children) c.go();
			const results = (await Promise.all(children.map((c) => c.next()))) as Array<{ recorded: string[]; delivered: string[]; error?: string }>;
			for (const r of results) assert.equal(r.error, undefined, r.error);
			const recorded = results.flatMap((r) => r.recorded);
			assert.equal(recorded.length, numbers.length, 'each change recorded by exactly one process');
			assert.equal(new Set(recorded).size, numbers.length);
			const delivered = results.flatMap((r) => r.delivered);
			// Both read the scope until each had five tries; whatever was handed out, it was handed out once.
			assert.equal(new Set(delivered).size, delivered.length, 'no event handed out twice');
			const check = await openStore(config);
			const rest = await check.shipments.deliver('race-scope', { limit: 100 });
			assert.equal(delivered.length + rest.length, numbers.length, 'none lost');
			await check.close();
		});
	});
}
