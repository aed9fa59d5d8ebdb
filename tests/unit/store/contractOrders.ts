import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { Clock } from '../../../core/shared/clock';
import { InputError } from '../../../core/shared/errors';
import type { JourneyStore, SqlJourneyStore, StoreConfig } from '../../../core/store';
import { openStore } from '../../../core/store';
import type { OrderInput } from '../../../core/store/concerns/orderHistory';
import type { ContractTarget } from './contract';

/**
 * The order history (`store.orders`, migration 7) on both backends: recorded once per platform + order id, taken back
 * on cancellation, refund and return, and the queries refill reminders and win-back read. Registered from the
 * contract suite, so every backend that passes the contract passes this too.
 */

const DAY = 86_400_000;
const T0 = new Date('2026-02-01T09:00:00.000Z').getTime();
const day = (n: number) => new Date(T0 + n * DAY);
let n = 0;
const uid = (label: string) => `${label}-${process.pid}-${++n}`;
const email = (label: string) => `${uid(label)}@Example.com`;

function order(over: Partial<OrderInput> & Pick<OrderInput, 'orderId'>): OrderInput {
	return {
		platform: 'shopify',
		placedAt: day(0),
		currency: 'EUR',
		total: '35.80',
		lineItems: [{ sku: 'COFFEE-1KG', productId: 'p1', variantId: 'v1', title: 'Coffee 1 kg', quantity: 2, unitPrice: '17.90' }],
		...over,
	};
}

export function registerOrderHistoryContract(target: ContractTarget): void {
	(target.unavailable ? describe.skip : describe)(`order history contract: ${target.name}`, () => {
		let store: JourneyStore;
		const opened: JourneyStore[] = [];
		const fresh = async (extra: Partial<StoreConfig> = {}) => {
			const s = await openStore({ ...(await target.freshConfig()), ...extra } as StoreConfig);
			opened.push(s);
			return s;
		};

		beforeAll(async () => {
			store = await fresh();
		});
		afterAll(async () => {
			for (const s of opened) await s.close();
		});

		it('records an order once: a redelivery replaces it and its lines, and the customer reads it newest first', async () => {
			const subject = email('rec');
			const id = uid('o');
			assert.equal(await store.orders.record(order({ orderId: id, subject, customerId: 'c1', discountCodes: ['WELCOME10', 'welcome10'] })), true);
			assert.equal(await store.orders.record(order({ orderId: id, subject, customerId: 'c1', lineItems: [{ sku: 'TEA', title: 'Tea', quantity: 3, unitPrice: '4.50' }] })), false);
			await store.orders.record(order({ orderId: uid('o'), subject, placedAt: day(30), lineItems: [] }));
			await store.orders.record(order({ orderId: uid('o'), subject: email('other') }));
			const orders = await store.orders.ofCustomer({ subject: subject.toUpperCase() });
			assert.deepEqual(orders.map((o) => o.placedAt), [day(30), day(0)], 'newest first, only this customer');
			const [, first] = orders;
			assert.equal(first.orderId, id);
			assert.equal(first.subject, subject.toLowerCase(), 'stored normalized');
			assert.equal(first.customerKey, (await store.exportSubject(subject)).subjectHash, 'keyed by the subject hash');
			assert.deepEqual(first.discountCodes, [], 'the redelivery without codes replaced them');
			assert.deepEqual(
				first.lines.map((l) => [l.sku, l.productId, l.variantId, l.title, l.quantity, l.unitPrice]),
				[['TEA', null, null, 'Tea', 3, '4.50']],
				'the lines of the first delivery are gone',
			);
			assert.equal(await store.orders.discountRedeemed('welcome10', day(-1)), false, 'replaced codes no longer count');
			assert.equal((await store.orders.ofCustomer({ subject }, { limit: 1 })).length, 1);
			const byId = await store.orders.ofCustomer({ platform: 'shopify', customerId: 'c1' });
			assert.deepEqual(byId.map((o) => o.orderId), [id], 'by the shop customer id too');
		});

		it('a cancellation or refund takes the order back, also when it arrives before the order', async () => {
			const subject = email('cancel');
			const sku = uid('SKU');
			const [a, b, c] = [uid('o'), uid('o'), uid('o')];
			for (const id of [a, b]) await store.orders.record(order({ orderId: id, subject, lineItems: [{ sku, quantity: 1 }], discountCodes: [`CODE-${id}`] }));
			assert.equal(await store.orders.cancel('shopify', a, 'cancelled', day(1)), true);
			assert.equal(await store.orders.cancel('shopify', a, 'cancelled', day(1)), false, 'already taken back');
			assert.equal(await store.orders.cancel('shopify', b, 'refunded', day(2)), true);
			assert.equal(await store.orders.cancel('shopify', c, 'cancelled', day(1)), false, 'unknown yet');
			await store.orders.record(order({ orderId: c, subject, lineItems: [{ sku, quantity: 1 }] }));
			await store.orders.record(order({ orderId: a, subject, lineItems: [{ sku, quantity: 1 }] }));
			assert.deepEqual(await store.orders.ofCustomer({ subject }), [], 'none counts, a late or repeated placement does not revive them');
			assert.deepEqual(await store.orders.purchasesOf(sku), []);
			assert.equal(await store.orders.discountRedeemed(`code-${b}`, day(-1)), false);
			const exported = (await store.exportSubject(subject)).orders ?? [];
			assert.deepEqual(exported.map((o) => o.status).sort(), ['cancelled', 'cancelled', 'refunded'], 'the export shows every status');
		});

		it('returns take units back once per return id, survive an order update and may arrive before the order', async () => {
			const subject = email('ret');
			const sku = uid('SKU');
			const id = uid('o');
			const lines = [
				{ sku, variantId: 'v1', quantity: 2 },
				{ sku: 'OTHER', quantity: 1 },
				{ sku, variantId: 'v2', quantity: 1 },
			];
			await store.orders.record(order({ orderId: id, subject, lineItems: lines }));
			assert.equal(await store.orders.takeBack('shopify', id, 'r1', [{ sku, quantity: 2 }]), 2);
			assert.equal(await store.orders.takeBack('shopify', id, 'r1', [{ sku, quantity: 2 }]), 0, 'redelivered return');
			assert.equal(await store.orders.takeBack('shopify', id, 'r2', [{ variantId: 'v2', quantity: 5 }]), 1, 'never below zero');
			const read = async () => (await store.orders.ofCustomer({ subject }))[0].lines.map((l) => [l.sku, l.ordered, l.returned, l.quantity]);
			assert.deepEqual(await read(), [[sku, 2, 2, 0], ['OTHER', 1, 0, 1], [sku, 1, 1, 0]]);
			assert.deepEqual(await store.orders.purchasesOf(sku), [], 'fully returned: no purchase');
			await store.orders.record(order({ orderId: id, subject, lineItems: [{ sku, variantId: 'v1', quantity: 3 }, { sku, variantId: 'v2', quantity: 1 }] }));
			assert.deepEqual(await read(), [[sku, 3, 2, 1], [sku, 1, 1, 0]], 'the update keeps both returns');
			const early = uid('o');
			assert.equal(await store.orders.takeBack('woocommerce', early, 'r9', [{ productId: 'p7', quantity: 1 }], day(3)), 0);
			await store.orders.record(order({ platform: 'woocommerce', orderId: early, subject, lineItems: [{ productId: 'p7', sku, quantity: 2 }] }));
			const purchases = await store.orders.purchasesOf(sku);
			assert.deepEqual(
				purchases.map((p) => [p.orderId, p.quantity]).sort(),
				[[early, 1], [id, 1]].sort(),
				'the early return was applied to the order once it arrived',
			);
		});

		it('concurrent deliveries of one order and of its returns neither lose a return nor duplicate a line', async () => {
			const subject = email('race');
			const sku = uid('SKU');
			const id = uid('o');
			const lines = [{ sku, quantity: 10 }];
			// Returns racing the placement, then the placement delivered five times at once.
			await Promise.all([
				...Array.from({ length: 5 }, (_, i) => store.orders.takeBack('shopify', id, `early-${i}`, [{ sku, quantity: 1 }])),
				...Array.from({ length: 5 }, () => store.orders.record(order({ orderId: id, subject, lineItems: lines }))),
			]);
			await Promise.all(Array.from({ length: 5 }, (_, i) => store.orders.takeBack('shopify', id, `late-${i}`, [{ sku, quantity: 1 }])));
			const [recorded] = await store.orders.ofCustomer({ subject });
			assert.deepEqual(recorded.lines.map((l) => [l.ordered, l.returned]), [[10, 10]], 'every return counted once, one line');
		});

		it('purchases of a SKU come per customer, oldest first, summed per order, from a given time', async () => {
			const sku = uid('SKU');
			const [x, y] = [email('x'), email('y')];
			await store.orders.record(order({ orderId: uid('o'), subject: x, placedAt: day(40), lineItems: [{ sku, quantity: 1 }] }));
			await store.orders.record(order({ orderId: uid('o'), subject: x, placedAt: day(0), lineItems: [{ sku, quantity: 1 }, { sku, quantity: 2 }] }));
			await store.orders.record(order({ orderId: uid('o'), customerId: 'guestless', placedAt: day(10), lineItems: [{ sku, quantity: 1 }] }));
			await store.orders.record(order({ orderId: uid('o'), subject: y, placedAt: day(20), lineItems: [{ sku: 'OTHER', quantity: 1 }] }));
			const all = await store.orders.purchasesOf(sku);
			const hx = (await store.exportSubject(x)).subjectHash;
			const byCustomer = new Map<string, Array<[number, number]>>();
			for (const p of all) byCustomer.set(p.customerKey, [...(byCustomer.get(p.customerKey) ?? []), [p.placedAt.getTime(), p.quantity]]);
			assert.deepEqual(byCustomer.get(hx), [[day(0).getTime(), 3], [day(40).getTime(), 1]]);
			assert.deepEqual(byCustomer.get('c:shopify:guestless'), [[day(10).getTime(), 1]]);
			assert.equal(byCustomer.size, 2);
			const keys = all.map((p) => p.customerKey);
			assert.deepEqual(keys, [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), 'grouped by customer in byte order');
			assert.deepEqual((await store.orders.purchasesOf(sku, { since: day(5) })).map((p) => p.quantity).sort(), [1, 1]);
		});

		it('lists customers by their last order, before a time, in pages', async () => {
			const s = await fresh();
			const people = Array.from({ length: 5 }, (_, i) => email(`w${i}`));
			for (const [i, subject] of people.entries()) {
				await s.orders.record(order({ orderId: uid('o'), subject, placedAt: day(i * 10) }));
				await s.orders.record(order({ orderId: uid('o'), subject, placedAt: day(i * 10 - 5) }));
			}
			const late = uid('o');
			await s.orders.record(order({ orderId: late, subject: people[0], placedAt: day(100) }));
			await s.orders.cancel('shopify', late, 'cancelled');
			const seen = [];
			let after: string | undefined;
			for (;;) {
				const page = await s.orders.lastOrders({ before: day(25), limit: 2, after });
				if (page.length === 0) break;
				seen.push(...page);
				after = page[page.length - 1].customerKey;
			}
			assert.deepEqual(
				seen.map((o) => [o.subject, o.lastOrderAt.getTime()]).sort(),
				[0, 1, 2].map((i) => [people[i].toLowerCase(), day(i * 10).getTime()]).sort(),
				'the newest order that counts, only customers quiet since before the cutoff',
			);
			assert.equal(new Set(seen.map((o) => o.customerKey)).size, 3, 'each customer once');
		});

		it('tells whether a discount code was redeemed after a time, by anyone or by one customer', async () => {
			const [a, b] = [email('da'), email('db')];
			const code = uid('Back');
			await store.orders.record(order({ orderId: uid('o'), subject: a, placedAt: day(10), discountCodes: [` ${code} `] }));
			assert.equal(await store.orders.discountRedeemed(code.toUpperCase(), day(10)), true, 'any case, at the time');
			assert.equal(await store.orders.discountRedeemed(code, day(11)), false, 'not after');
			assert.equal(await store.orders.discountRedeemed(code, day(0), { subject: a }), true);
			assert.equal(await store.orders.discountRedeemed(code, day(0), { subject: b }), false, 'not by this customer');
			await assert.rejects(store.orders.discountRedeemed('  ', day(0)), InputError);
		});

		it('rejects bad input naming the field, and writes nothing', async () => {
			const id = uid('o');
			const subject = email('bad');
			const bad: Array<[Partial<OrderInput>, string]> = [
				[{ lineItems: [{ sku: 'A', quantity: 1 }, { sku: 'B', quantity: -1 }] }, 'lineItems[1].quantity'],
				[{ lineItems: [{ sku: 'A', quantity: 1, unitPrice: 'ten' }] }, 'lineItems[0].unitPrice'],
				[{ placedAt: new Date('nope') }, 'at'],
				[{ subject: 'not a contact' }, 'subject'],
				[{ orderId: '' }, 'orderId'],
			];
			for (const [over, field] of bad) {
				await assert.rejects(store.orders.record(order({ orderId: id, subject, ...over })), (e: unknown) => e instanceof InputError && e.field === field);
			}
			await assert.rejects(store.orders.takeBack('shopify', id, 'r', [{ quantity: 1 }]), (e: unknown) => e instanceof InputError && e.field === 'items[0]');
			await assert.rejects(store.orders.cancel('shopify', id, 'lost' as 'cancelled'), InputError);
			assert.deepEqual((await store.exportSubject(subject)).orders, []);
		});

		it('erasure removes the subject\'s orders, lines and codes; the export shows them before', async () => {
			const subject = email('gdpr');
			const sku = uid('SKU');
			const code = uid('CODE');
			await store.orders.record(order({ orderId: uid('o'), subject, lineItems: [{ sku, quantity: 1 }], discountCodes: [code] }));
			const before = await store.exportSubject(subject);
			assert.equal(before.orders?.length, 1);
			assert.equal(before.orders?.[0].lines[0].sku, sku);
			const report = await store.eraseSubject(subject);
			assert.equal(report.removed.orders, 1);
			assert.deepEqual((await store.exportSubject(subject)).orders, []);
			assert.deepEqual(await store.orders.purchasesOf(sku), []);
			assert.equal(await store.orders.discountRedeemed(code, day(-1)), false);
		});

		it('retention deletes orders placed before the order-history age, with their lines and codes', async () => {
			let now = T0 + 400 * DAY;
			const clock: Clock = { now: () => new Date(now) };
			const s = (await fresh({ clock, retention: { orderHistoryDays: 365 } })) as SqlJourneyStore;
			await s.schemaVersion();
			assert.equal((await s.housekeepingDone())?.purged.orderHistory, 0, 'the first use ran it, before any order');
			const subject = email('keep');
			const sku = uid('SKU');
			await s.orders.record(order({ orderId: 'old', subject, placedAt: day(0), lineItems: [{ sku, quantity: 1 }], discountCodes: ['OLD'] }));
			await s.orders.record(order({ orderId: 'new', subject, placedAt: day(100), lineItems: [{ sku, quantity: 1 }] }));
			now += 2 * 3_600_000;
			await s.schemaVersion();
			assert.equal((await s.housekeepingDone())?.purged.orderHistory, 1);
			assert.deepEqual((await s.orders.ofCustomer({ subject })).map((o) => o.orderId), ['new']);
			assert.deepEqual((await s.orders.purchasesOf(sku)).map((p) => p.orderId), ['new']);
			assert.equal(await s.orders.discountRedeemed('OLD', day(-1)), false);
		});
	});
}
