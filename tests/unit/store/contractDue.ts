import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { JourneyStore, StoreConfig } from '../../../core/store';
import { openStore } from '../../../core/store';
import type { OrderInput } from '../../../core/store/concerns/orderHistory';
import { pollDue } from '../../../core/replenishment';
import type { BirthdaySettings, DueOutput, RefillSettings, WinBackSettings } from '../../../core/replenishment';
import type { ContractTarget } from './contract';

/**
 * Refill reminders, product birthdays and win-back (`core/replenishment`) over the real order history on both
 * backends: what falls due, once per customer + SKU + cycle, and two store instances (two n8n processes, each with its
 * own connections) polling the same trigger at once emit every reminder exactly once.
 */

const DAY = 86_400_000;
const NOW = new Date('2026-06-01T09:00:00.000Z');
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
let n = 0;
const uid = (label: string) => `${label}-${process.pid}-${++n}`;

function order(over: Partial<OrderInput> & Pick<OrderInput, 'orderId'>): OrderInput {
	return {
		platform: 'shopify',
		placedAt: ago(40),
		currency: 'EUR',
		total: '17.90',
		lineItems: [{ sku: 'COFFEE', productId: 'p1', variantId: '4711', title: 'Coffee 500 g', quantity: 1, unitPrice: '17.90' }],
		...over,
	};
}

const refill = (over: Partial<RefillSettings> = {}): RefillSettings => ({
	mode: 'replenishment',
	products: [{ skus: ['COFFEE'], daysPerUnit: 30 }],
	leadDays: 5,
	minRepeatCustomers: 5,
	shopUrl: 'https://shop.example',
	maxOverdueDays: 30,
	limit: 500,
	...over,
});

export function registerDueContract(target: ContractTarget): void {
	(target.unavailable ? describe.skip : describe)(`replenishment due contract: ${target.name}`, () => {
		const opened: JourneyStore[] = [];
		const fresh = async (config?: StoreConfig) => {
			const s = await openStore(config ?? ((await target.freshConfig()) as StoreConfig));
			opened.push(s);
			return s;
		};
		let store: JourneyStore;
		beforeAll(async () => {
			store = await fresh();
		});
		afterAll(async () => {
			for (const s of opened) await s.close();
		});

		it('reminds once per purchase, with the cart permalink, and a new purchase starts a new cycle', async () => {
			const s = await fresh();
			const email = `${uid('anna')}@example.de`;
			await s.orders.record({
				...order({ orderId: 'o1', placedAt: ago(30) }),
				subject: email,
				contact: { email, phone: '+4915112345678', firstName: 'Anna', locale: 'de-DE', consent: { email: { marketing: true } } },
				lineItems: [{ sku: 'COFFEE', productId: 'p1', variantId: '4711', title: 'Coffee 500 g', quantity: 1, unitPrice: '17.90' }],
			});
			// Two units last 60 days: not due yet.
			await s.orders.record({ ...order({ orderId: 'o2', placedAt: ago(30) }), subject: `${uid('ben')}@example.de`, lineItems: [{ sku: 'COFFEE', variantId: '4711', quantity: 2 }] });
			const first = await pollDue({ store: s, settings: refill(), scope: 'wf:a', now: NOW });
			assert.equal(first.items.length, 1);
			const item = first.items[0];
			assert.equal(item.event, 'replenishment.due');
			assert.equal(item.customer.email, email);
			assert.equal(item.customer.phone, '+4915112345678');
			assert.equal(item.customer.firstName, 'Anna');
			assert.deepEqual(item.customer.consent, { email: { marketing: true } });
			assert.equal(item.due.reorderUrl, 'https://shop.example/cart/4711:1');
			assert.equal(item.due.product?.url, 'https://shop.example/cart/4711:1');
			assert.equal(item.due.product?.title, 'Coffee 500 g');
			assert.deepEqual(item.due.interval, { source: 'configured', daysPerUnit: 30, repeatCustomers: null });
			assert.equal(item.due.dueAt, ago(5).toISOString());
			// Once: a second poll, or the same poll after a restart, emits nothing.
			assert.equal((await pollDue({ store: s, settings: refill(), scope: 'wf:a', now: NOW })).items.length, 0);
			// Another trigger node has its own claims.
			assert.equal((await pollDue({ store: s, settings: refill(), scope: 'wf:b', now: NOW })).items.length, 1);
			// She reorders: the next reminder comes a cycle later.
			await s.orders.record({ ...order({ orderId: 'o3', placedAt: ago(1) }), subject: email });
			assert.equal((await pollDue({ store: s, settings: refill(), scope: 'wf:a', now: NOW })).items.length, 0);
			const later = await pollDue({ store: s, settings: refill(), scope: 'wf:a', now: new Date(NOW.getTime() + 24.5 * DAY) });
			assert.deepEqual(later.items.map((i) => i.order.id), ['o3']);
		});

		it('leaves out cancelled orders and returned units, and skips reminders overdue for longer than the limit', async () => {
			const s = await fresh();
			await s.orders.record({ ...order({ orderId: 'c1', placedAt: ago(30) }), subject: `${uid('c')}@example.de` });
			await s.orders.cancel('shopify', 'c1', 'cancelled');
			await s.orders.record({ ...order({ orderId: 'r1', placedAt: ago(30) }), subject: `${uid('r')}@example.de` });
			await s.orders.takeBack('shopify', 'r1', 'ret1', [{ sku: 'COFFEE', quantity: 1 }]);
			await s.orders.record({ ...order({ orderId: 'old', placedAt: ago(200) }), subject: `${uid('o')}@example.de` });
			assert.equal((await pollDue({ store: s, settings: refill(), scope: 'x', now: NOW })).items.length, 0);
			assert.equal((await pollDue({ store: s, settings: refill({ maxOverdueDays: null }), scope: 'x', now: NOW })).items.length, 1);
		});

		it('learns the interval once enough customers reordered and says so in the output', async () => {
			const s = await fresh();
			const sku = 'TEA';
			const line = (quantity: number) => [{ sku, variantId: 'v-tea', title: 'Tea', quantity }];
			// Four repeat customers who reorder every 20 days per unit: not enough with "5".
			for (let c = 0; c < 4; c++) {
				const who = `${uid('tea')}@example.de`;
				await s.orders.record({ ...order({ orderId: `t${c}a`, placedAt: ago(60) }), subject: who, lineItems: line(1) });
				await s.orders.record({ ...order({ orderId: `t${c}b`, placedAt: ago(40) }), subject: who, lineItems: line(1) });
			}
			const settings = refill({ products: [{ skus: [sku], daysPerUnit: null }], leadDays: 0 });
			const few = await pollDue({ store: s, settings, scope: 'l', now: NOW });
			assert.equal(few.items.length, 0);
			assert.deepEqual(few.skus[0].learned, { source: 'insufficient', repeatCustomers: 4, needed: 5 });
			const fifth = `${uid('tea')}@example.de`;
			await s.orders.record({ ...order({ orderId: 't5a', placedAt: ago(60) }), subject: fifth, lineItems: line(2) });
			await s.orders.record({ ...order({ orderId: 't5b', placedAt: ago(20) }), subject: fifth, lineItems: line(1) });
			const learned = await pollDue({ store: s, settings, scope: 'l', now: NOW });
			// The four whose last purchase (one unit, 40 days ago) lasted 20 days are due; the fifth in 0 days (20 days ago + 20).
			assert.equal(learned.items.length, 5);
			assert.deepEqual(learned.items[0].due.interval, { source: 'learned', daysPerUnit: 20, repeatCustomers: 5 });
		});

		it('product birthday: once per purchased item, N months later', async () => {
			const s = await fresh();
			const who = `${uid('tv')}@example.de`;
			const tv = [{ sku: 'TV-55', productId: 'tv', title: 'TV 55"', quantity: 1 }];
			await s.orders.record({ ...order({ orderId: 'tv1', placedAt: new Date('2025-05-28T10:00:00Z') }), subject: who, lineItems: tv });
			await s.orders.record({ ...order({ orderId: 'tv2', placedAt: new Date('2025-06-10T10:00:00Z') }), subject: who, lineItems: tv });
			const settings: BirthdaySettings = { mode: 'product_birthday', skus: ['TV-55'], months: 12, shopUrl: 'https://shop.example', maxOverdueDays: 30, limit: 500 };
			const poll = await pollDue({ store: s, settings, scope: 'b', now: NOW });
			assert.deepEqual(poll.items.map((i) => [i.event, i.order.id, i.due.dueAt]), [['product_birthday.due', 'tv1', '2026-05-28T10:00:00.000Z']]);
			assert.equal((await pollDue({ store: s, settings, scope: 'b', now: NOW })).items.length, 0);
			const later = await pollDue({ store: s, settings, scope: 'b', now: new Date('2026-06-11T00:00:00Z') });
			assert.deepEqual(later.items.map((i) => i.order.id), ['tv2']);
		});

		it('win-back: after N days or k × the own rhythm, once per lapse, with the last order and a voucher never redeemed', async () => {
			const s = await fresh();
			const settings: WinBackSettings = { mode: 'win_back', afterDays: 90, medianFactor: 0, minDays: 30, voucherLookbackDays: 365, shopUrl: null, maxOverdueDays: null, limit: 500 };
			const lapsed = `${uid('lapsed')}@example.de`;
			const recent = `${uid('recent')}@example.de`;
			const redeemer = `${uid('redeemer')}@example.de`;
			await s.orders.record({ ...order({ orderId: 'w1', placedAt: ago(200) }), subject: lapsed });
			await s.orders.record({ ...order({ orderId: 'w2', placedAt: ago(100) }), subject: lapsed });
			await s.orders.record({ ...order({ orderId: 'w3', placedAt: ago(10) }), subject: recent });
			await s.orders.record({ ...order({ orderId: 'w4', placedAt: ago(150) }), subject: redeemer });
			// Vouchers we sent: the lapsed customer never used hers; the other customer used his on a later order.
			await s.logMessage({ subject: lapsed, channel: 'email', purpose: 'marketing', journeyStep: 'review_reply', status: 'sent', sentAt: ago(95), meta: { couponCode: 'DANKE10' } });
			await s.logMessage({ subject: redeemer, channel: 'email', purpose: 'marketing', journeyStep: 'cart_reminder', status: 'sent', sentAt: ago(160), meta: { couponCode: 'BACK15' } });
			await s.orders.record({ ...order({ orderId: 'w5', placedAt: ago(140) }), subject: redeemer, discountCodes: ['back15'] });
			const poll = await pollDue({ store: s, settings, scope: 'w', now: NOW });
			const byOrder = new Map(poll.items.map((i) => [i.order.id, i] as [string, DueOutput]));
			assert.deepEqual([...byOrder.keys()].sort(), ['w2', 'w5']);
			assert.equal(byOrder.get('w2')?.coupon?.code, 'DANKE10');
			assert.deepEqual(byOrder.get('w2')?.due.lapse, { basis: 'fixed', days: 90, medianDays: null, orders: null, lastOrderAt: ago(100).toISOString() });
			assert.equal(byOrder.get('w5')?.coupon, undefined, 'redeemed on a later order');
			assert.equal((await pollDue({ store: s, settings, scope: 'w', now: NOW })).items.length, 0, 'once per lapse');

			// k × own median: orders every 20 days, last one 45 days ago → lapsed at 2 × 20 = 40 days (not yet at 90).
			const rhythm = `${uid('rhythm')}@example.de`;
			for (const [i, d] of [85, 65, 45].entries()) await s.orders.record({ ...order({ orderId: `m${i}`, placedAt: ago(d) }), subject: rhythm });
			const k = await pollDue({ store: s, settings: { ...settings, medianFactor: 2 }, scope: 'k', now: NOW });
			const own = k.items.find((i) => i.order.id === 'm2');
			assert.deepEqual(own?.due.lapse, { basis: 'own_median', days: 40, medianDays: 20, orders: 3, lastOrderAt: ago(45).toISOString() });
			assert.equal(k.items.filter((i) => i.order.id === 'w3').length, 0);
		});

		it('two processes polling the same trigger at once emit every reminder exactly once', async () => {
			const config = (await target.freshConfig()) as StoreConfig;
			const a = await fresh(config);
			const b = await fresh(config);
			for (let c = 0; c < 120; c++) {
				await a.orders.record({ ...order({ orderId: `p${c}`, placedAt: ago(30 + (c % 5)) }), subject: `${uid('p')}@example.de` });
			}
			const settings = refill({ limit: 40 });
			const seen: string[] = [];
			// Several rounds of both pollers racing; each round hands out at most `limit` per poller.
			for (let round = 0; round < 4; round++) {
				const [x, y] = await Promise.all([pollDue({ store: a, settings, scope: 'shared', now: NOW }), pollDue({ store: b, settings, scope: 'shared', now: NOW })]);
				seen.push(...x.items.map((i) => i.eventId), ...y.items.map((i) => i.eventId));
			}
			assert.equal(seen.length, 120);
			assert.equal(new Set(seen).size, 120);
		});

		it('erasure by phone removes orders recorded under the e-mail address that named it', async () => {
			const email = `${uid('gdpr')}@example.de`;
			const phone = '+4915199988877';
			await store.orders.record({ ...order({ orderId: uid('g') }), subject: email, contact: { email, phone } });
			assert.equal((await store.exportSubject(phone)).orders?.length, 1);
			await store.eraseSubject(phone);
			assert.equal((await store.exportSubject(email)).orders?.length, 0);
		});
	});
}
