import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { InputError } from '../../../core/shared/errors';
import type { Clock } from '../../../core/shared/clock';
import type { JourneyStore, SqlJourneyStore, StoreConfig } from '../../../core/store';
import { openStore } from '../../../core/store';
import type { ContractTarget } from './contract';

/**
 * The carts concern (`store.carts`) in the store contract: both backends schedule, remind each step once, cancel by
 * order, expire, export and erase alike. Registered by `registerStoreContractTests`.
 */

const T0 = new Date('2026-03-01T10:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const H = 3_600_000;
const SCHEDULE = [1 * H, 24 * H, 72 * H];
let unique = 0;
const uid = (label: string) => `${label}-${process.pid}-${Date.now().toString(36)}-${++unique}`;

export function registerCartContractTests(target: ContractTarget): void {
	(target.unavailable ? describe.skip : describe)(`journey store contract: ${target.name}: carts`, () => {
		let store: JourneyStore;
		let config: StoreConfig;
		beforeAll(async () => {
			config = await target.freshConfig();
			store = await openStore(config);
		});
		afterAll(async () => {
			await store?.close();
		});

		const cart = (scope: string, token: string, activityAt: Date, extra: { email?: string; phone?: string; skipReason?: string } = {}) =>
			store.carts.record({
				scope,
				token,
				platform: 'shopify',
				email: extra.email ?? `${token}@example.com`,
				phone: extra.phone ?? null,
				payload: { cart: { id: token, total: '59.90' } },
				activityAt,
				schedule: SCHEDULE,
				skipReason: extra.skipReason,
			});
		const poll = (scope: string, now: Date, maxAgeMs: number | null = 7 * 24 * H) => store.carts.poll(scope, { schedule: SCHEDULE, maxAgeMs, limit: 100, now });

		it('emits each reminder step once, at its time after the last activity; new activity moves the rest', async () => {
			const scope = uid('scope');
			await cart(scope, 'c1', at(0));
			assert.deepEqual(await poll(scope, at(H - 1)), [], 'not due before Remind After');
			const first = await poll(scope, at(H));
			assert.deepEqual(first.map((c) => [c.token, c.step, c.emit, c.status]), [['c1', 1, true, 'open']]);
			assert.deepEqual(first[0].payload, { cart: { id: 'c1', total: '59.90' } });
			assert.deepEqual(await poll(scope, at(H + 1000)), [], 'step 1 is not emitted twice');
			// The customer comes back: step 2 is now due 24 h after the new activity, step 1 is never sent again.
			await cart(scope, 'c1', at(10 * H));
			assert.deepEqual(await poll(scope, at(24 * H)), []);
			const second = await poll(scope, at(34 * H));
			assert.deepEqual(second.map((c) => [c.step, c.emit]), [[2, true]]);
			const third = await poll(scope, at(82 * H));
			assert.deepEqual(third.map((c) => [c.step, c.emit, c.status]), [[3, true, 'done']]);
			assert.deepEqual(await poll(scope, at(500 * H)), []);
			// An update that arrives late (older than what the store has) does not move the cart back.
			await cart(scope, 'c1', at(5 * H));
			assert.equal((await store.carts.get(scope, 'c1'))?.activityAt.getTime(), at(10 * H).getTime());
		});

		it('a cart that fell due for several steps while nobody polled is emitted once, at the latest step', async () => {
			const scope = uid('scope');
			await cart(scope, 'late', at(0));
			const polled = await poll(scope, at(30 * H));
			assert.deepEqual(polled.map((c) => [c.step, c.emit]), [[2, true]]);
			assert.deepEqual(await poll(scope, at(31 * H)), []);
			assert.equal((await store.carts.get(scope, 'late'))?.dueAt?.getTime(), at(72 * H).getTime());
		});

		it('drops carts older than Max Age without a reminder, and never polls another scope', async () => {
			const scope = uid('scope');
			await cart(scope, 'old', at(0));
			await cart(uid('other'), 'old', at(0));
			const polled = await poll(scope, at(200 * H), 48 * H);
			assert.deepEqual(polled.map((c) => [c.token, c.emit, c.status, c.reason]), [['old', false, 'expired', 'max_age']]);
			assert.deepEqual(await poll(scope, at(300 * H), null), []);
		});

		it('keeps skipped carts (with the reason) out of the poll; new activity can open them again', async () => {
			const scope = uid('scope');
			await cart(scope, 'empty', at(0), { skipReason: 'empty_cart' });
			assert.deepEqual(await poll(scope, at(100 * H)), []);
			const record = await store.carts.get(scope, 'empty');
			assert.deepEqual([record?.status, record?.reason, record?.dueAt], ['skipped', 'empty_cart', null]);
			await cart(scope, 'empty', at(101 * H));
			assert.deepEqual((await poll(scope, at(102 * H))).map((c) => c.step), [1]);
		});

		it('an order cancels by cart token in every scope, and by customer only for carts active before the order', async () => {
			const [a, b] = [uid('a'), uid('b')];
			const phone = '+4915112345678';
			await cart(a, 'tok1', at(0));
			await cart(b, 'tok1', at(0));
			await cart(a, 'before', at(0), { email: 'Kunde.Before@Example.com' });
			await cart(a, 'after', at(3 * H), { email: 'kunde.before@example.com' });
			await cart(a, 'byphone', at(0), { email: `${a}@example.com`, phone });
			await cart(a, 'badphone', at(0), { email: `${b}@example.com`, phone: '0151 1234' });
			assert.equal(await store.carts.cancelForOrder({ tokens: ['tok1'], orderedAt: at(2 * H) }), 2);
			assert.equal(await store.carts.cancelForOrder({ tokens: [], email: 'KUNDE.BEFORE@example.com', orderedAt: at(2 * H) }), 1);
			assert.equal(await store.carts.cancelForOrder({ tokens: [], phone: '+49 151 1234 5678', orderedAt: at(2 * H) }), 1);
			assert.equal(await store.carts.cancelForOrder({ tokens: [], email: null, phone: null, orderedAt: at(2 * H) }), 0);
			assert.equal((await store.carts.get(a, 'tok1'))?.status, 'ordered');
			assert.equal((await store.carts.get(b, 'tok1'))?.status, 'ordered');
			assert.equal((await store.carts.get(a, 'before'))?.status, 'ordered');
			assert.equal((await store.carts.get(a, 'after'))?.status, 'open', 'activity after the order is a new cart');
			const polled = await poll(a, at(10 * H));
			assert.deepEqual(polled.map((c) => c.token).sort(), ['after', 'badphone'], 'a number that is none is stored without a phone');
			// After an order the same token starts over: a new cart.
			await cart(a, 'tok1', at(20 * H));
			assert.deepEqual((await poll(a, at(21 * H))).map((c) => [c.token, c.step]), [['tok1', 1]]);
		});

		it('exports and erases a subject’s carts; an erased cart is never reminded', async () => {
			const scope = uid('scope');
			const mail = `${uid('gdpr')}@example.com`;
			await cart(scope, 'g1', at(0), { email: mail, phone: '+4915198765432' });
			const exported = await store.exportSubject('+4915198765432');
			assert.deepEqual(exported.carts?.map((c) => c.token), ['g1']);
			const report = await store.eraseSubject(mail);
			assert.equal(report.removed.carts, 1);
			const after = await store.carts.get(scope, 'g1');
			assert.deepEqual([after?.status, after?.payload], ['erased', { erased: true }]);
			assert.deepEqual(await poll(scope, at(2 * H)), []);
			await cart(scope, 'g1', at(3 * H), { email: mail });
			assert.equal((await store.carts.get(scope, 'g1'))?.status, 'erased', 'a late update does not bring the data back');
		});

		it('retention housekeeping deletes carts that get no more reminders, by their last change, and keeps open ones', async () => {
			let now = T0.getTime() - 100 * 24 * H;
			const clock: Clock = { now: () => new Date(now) };
			const kept = (await openStore({ ...(await target.freshConfig()), clock, retention: { orderHistoryDays: 90 } } as StoreConfig)) as SqlJourneyStore;
			try {
				await kept.housekeepingDone();
				const scope = uid('ret');
				for (const token of ['ordered', 'open']) {
					await kept.carts.record({ scope, token, platform: 'shopify', email: `${token}@example.com`, payload: {}, activityAt: new Date(now), schedule: SCHEDULE });
				}
				await kept.carts.cancelForOrder({ tokens: ['ordered'], orderedAt: new Date(now) });
				now = T0.getTime();
				await kept.schemaVersion();
				assert.equal((await kept.housekeepingDone())?.purged.orderHistory, 1);
				assert.equal(await kept.carts.get(scope, 'ordered'), null);
				assert.equal((await kept.carts.get(scope, 'open'))?.status, 'open');
			} finally {
				await kept.close();
			}
		});

		it('rejects bad input with a named field', async () => {
			await assert.rejects(store.carts.record({ scope: 's', token: '', platform: 'x', payload: {}, activityAt: at(0), schedule: SCHEDULE }), InputError);
			await assert.rejects(store.carts.record({ scope: 's', token: 't', platform: 'x', payload: {}, activityAt: at(0), schedule: [2, 1] }), InputError);
			await assert.rejects(store.carts.poll('s', { schedule: [], maxAgeMs: null, limit: 1 }), InputError);
		});

		it('two pollers in two processes emit every cart step exactly once', async () => {
			const scope = uid('race');
			for (let i = 0; i < 60; i++) await cart(scope, `k${i}`, at(i));
			const children = [0, 1].map(() => target.startChild({ action: 'cartPollers', config, kind: scope, count: 6, now: at(H + 100).getTime() }));
			await Promise.all(children.map((c) => c.next()));
			for (const c of children) c.go();
			const results = (await Promise.all(children.map((c) => c.next()))) as Array<{ keys: string[]; error?: string }>;
			for (const r of results) assert.equal(r.error, undefined, r.error);
			const all = [...results[0].keys, ...results[1].keys];
			assert.equal(new Set(all).size, all.length, 'no cart step emitted twice');
			assert.deepEqual([...all].sort(), Array.from({ length: 60 }, (_, i) => `k${i}:1`).sort());
		});
	});
}
