/**
 * The whole post-purchase journey, played against the demo copy of the complete journey (sandbox/demoJourney.ts):
 * Anna orders (unpaid, SMS offers ticked), confirms SMS with JA, is reminded to pay, gets her parcel (shipped, out
 * for delivery, delivered), rates it by SMS, returns an item and gets her refund; her coffee runs out; Ben leaves a
 * cart; Jonas's grinder turned one and he has not ordered for half a year; at the end Anna sends STOP. Each step waits
 * until its messages are in the outbox. `npm run demo` prints them; tests/e2e/allTemplates.test.ts asserts them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSqliteStore } from '../core/store';
import { gs1Check } from '../core/carriers/validate';
import { DEMO_SHORT_LINK_PATH } from './demoJourney';
import type { JourneyWorkflow } from './demoJourney';
import { repoRoot } from './n8n';
import { daytimePlace, postCarrierPush, postShopify } from './shop';

export interface OutboxView {
	sms: Array<{ to: string; body: string }>;
	email: Array<{ to: string[]; subject: string }>;
}

export interface ScenarioTarget {
	n8nUrl: string;
	/** The demo copy of the journey as imported (its webhook IDs). */
	workflow: JourneyWorkflow;
	/** The journey store n8n's nodes use (embedded SQLite in the n8n user folder). */
	storePath: string;
	/** The customer's SMS to the shop's number, delivered like Twilio delivers it. */
	reply(url: string, from: string, text: string): Promise<void>;
	outbox(): Promise<OutboxView>;
	log(line: string): void;
	/** How long one step may take (n8n polls the polling triggers once a minute). */
	stepTimeoutMs?: number;
}

export interface Expected {
	who: string;
	channel: 'sms' | 'email';
	to: string;
	/** Matches the SMS text or the e-mail subject. */
	pattern: RegExp;
	/** Sent exactly once (false for a series, e.g. the three cart reminders by e-mail). */
	once: boolean;
}

export interface Played {
	expected: Expected[];
	/** Anna's phone, which sent STOP at the end: no order SMS after that. */
	stopped: { phone: string; orderEmail: string };
	/** Short links the SMS carried. */
	shortLinks: string[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON fixtures edited field by field
type Json = Record<string, any>;
const fixture = (name: string): Json => JSON.parse(readFileSync(join(repoRoot, 'tests/fixtures/shopify', name), 'utf8')) as Json;

export async function playJourney(target: ScenarioTarget): Promise<Played> {
	const hook = (node: string, path: string) => {
		const id = target.workflow.nodes.find((n) => n.name === node)?.webhookId;
		if (!id) throw new Error(`the demo journey has no "${node}"`);
		return `${target.n8nUrl}/webhook/${id}/${path}`;
	};
	const expected: Expected[] = [];
	const timeout = target.stepTimeoutMs ?? 150_000;
	const matches = (view: OutboxView, e: Expected) =>
		e.channel === 'sms' ? view.sms.find((m) => m.to === e.to && e.pattern.test(m.body))?.body : view.email.find((m) => m.to.includes(e.to) && e.pattern.test(m.subject))?.subject;
	/** Waits until every one of these messages is in the outbox, printing each as it arrives. */
	const arrive = async (...wanted: Expected[]): Promise<string[]> => {
		const deadline = Date.now() + timeout;
		const open = [...wanted];
		const texts: string[] = [];
		while (open.length) {
			const view = await target.outbox();
			for (const e of [...open]) {
				const found = matches(view, e);
				if (found === undefined) continue;
				open.splice(open.indexOf(e), 1);
				expected.push(e);
				texts[wanted.indexOf(e)] = found;
				target.log(`  ✔ ${e.channel === 'sms' ? 'SMS   ' : 'E-mail'} → ${e.who}: ${found.replace(/\s+/g, ' ').slice(0, 110)}`);
			}
			if (!open.length) break;
			if (Date.now() > deadline) throw new Error(`no ${open.map((e) => `${e.channel} to ${e.who} matching ${e.pattern}`).join(', ')} within ${timeout / 1000} s`);
			await new Promise((r) => setTimeout(r, 500));
		}
		return texts;
	};
	const ok = async (what: string, response: Promise<Response>) => {
		const res = await response;
		const text = await res.text();
		if (res.status !== 200) throw new Error(`${what}: HTTP ${res.status} ${text.slice(0, 200)}`);
		target.log(`▶ ${what}`);
	};

	const place = daytimePlace();
	const n = Date.now();
	const anna = { who: 'Anna', phone: place.phone(n), email: `anna.${n}@example.de` };
	const ben = { who: 'Ben', phone: place.phone(n + 1), email: `ben.${n}@example.de` };
	const jonas = { who: 'Jonas', phone: place.phone(n + 2), email: `jonas.${n}@example.de` };
	const sms = (c: { who: string; phone: string }, pattern: RegExp): Expected => ({ who: c.who, channel: 'sms', to: c.phone, pattern, once: true });
	const mail = (c: { who: string; email: string }, pattern: RegExp, once = true): Expected => ({ who: c.who, channel: 'email', to: c.email, pattern, once });
	const shortLink = new RegExp(`https?://[^\\s/]+/webhook/${DEMO_SHORT_LINK_PATH}\\?[A-Za-z0-9]+`);
	// The confirmation's subject: "Ihre Bestellung #123 bei Beispiel Shop" (other e-mails name the order too).
	const confirmation = (name: string) => new RegExp(`${name} (bei|at) `);
	const living = (o: Json, c: { phone: string }) => {
		o.phone = o.customer.phone = o.shipping_address.phone = o.billing_address.phone = o.customer.default_address.phone = c.phone;
		o.shipping_address.country_code = o.billing_address.country_code = o.customer.default_address.country_code = place.country;
		o.shipping_address.province_code = o.billing_address.province_code = null;
		return o;
	};

	// A START first: the store outlives `npm start`, and a STOP from an earlier demo run would hold back Anna's SMS.
	await target.reply(hook('SMS Inbound Trigger', 'sms'), anna.phone, 'START');

	// 1 · Anna orders by bank transfer (unpaid) and ticks "SMS offers".
	const orderId = n;
	// Placed now: the order history dates an order by `processed_at` (the fixture's is from 2025).
	const order = living({ ...fixture('orders-create.json'), id: orderId, name: `#${orderId % 100000}`, created_at: new Date().toISOString(), processed_at: new Date().toISOString(), email: anna.email, contact_email: anna.email }, anna);
	order.customer = { ...order.customer, email: anna.email };
	await ok('Anna orders (bank transfer, SMS offers ticked)', postShopify(hook('Order Placed Trigger', 'webhook'), 'orders/create', JSON.stringify(order)));
	await arrive(mail(anna, confirmation(order.name)), sms(anna, /danke für Ihre Bestellung|thanks for your order/), sms(anna, /bestätigen Sie mit JA|reply YES/));
	await target.reply(hook('SMS Inbound Trigger', 'sms'), anna.phone, 'JA');
	target.log('▶ Anna confirms SMS offers with JA');
	await arrive(mail(anna, /wartet noch auf die Zahlung|waiting for payment/), sms(anna, /keine Zahlung|payment/));

	// 2 · Shipped with DHL: tracking link (a short link), then the carrier moves the parcel.
	const tracking = `00${'3404341' + String(n % 1e10).padStart(10, '0')}${gs1Check('3404341' + String(n % 1e10).padStart(10, '0'))}`;
	const f = fixture('fulfillments-create.json');
	const fulfilment = { ...f, id: n + 1, order_id: orderId, name: `${order.name}.1`, created_at: new Date().toISOString(), email: anna.email, tracking_number: tracking, tracking_numbers: [tracking], tracking_url: null, tracking_urls: [], destination: { ...f.destination, phone: anna.phone, country_code: place.country, province_code: null } };
	await ok('The order ships with DHL', postShopify(hook('Shipped Trigger', 'webhook'), 'fulfillments/create', JSON.stringify(fulfilment)));
	await arrive(mail(anna, /Bestellung \S+ ist unterwegs|is on its way/), sms(anna, shortLink));
	await ok('DHL: out for delivery', postCarrierPush(hook('Tracking Update', 'push'), tracking, 'OutForDelivery'));
	await arrive(sms(anna, /wird zugestellt|out for delivery/));
	await ok('DHL: delivered', postCarrierPush(hook('Tracking Update', 'push'), tracking, 'Delivered'));
	await arrive(mail(anna, /ist angekommen|has arrived/));

	// 3 · Days later the review request; Anna answers with a school grade.
	target.log('  (waiting until Anna had time to try her order…)');
	const [ask] = await arrive(sms(anna, /Schulnote|stars/));
	// She is happy: the best school grade, or five stars.
	const rating = /Schulnote/.test(ask) ? '1' : '5';
	await target.reply(hook('SMS Inbound Trigger', 'sms'), anna.phone, rating);
	target.log(`▶ Anna rates with "${rating}"`);
	await arrive(sms(anna, /Danke für Ihre Bewertung|Thank you for your rating/));

	// 4 · She returns the grinder (Shopify's return webhooks carry no customer: the order in the store has her).
	const request = fixture('returns-request.json');
	// Only the grinder goes back (the coffee stays: a returned bag would take back its refill reminder).
	const grinder = request.return_line_items.filter((l: Json) => l.fulfillment_line_item.line_item.id === order.line_items.find((i: Json) => i.sku === 'MUE-CLASSIC').id);
	const returned = { ...request, id: n + 3, name: `${order.name}-R1`, return_line_items: grinder, total_return_line_items: grinder.length, order: { id: orderId, admin_graphql_api_id: `gid://shopify/Order/${orderId}` } };
	await ok('Anna requests a return', postShopify(hook('Return Received Trigger', 'webhook'), 'returns/request', JSON.stringify(returned)));
	await arrive(mail(anna, /Rücksendung|your return/));
	const approved = { ...fixture('returns-approve.json'), id: n + 3, name: `${order.name}-R1`, order: { id: orderId, admin_graphql_api_id: `gid://shopify/Order/${orderId}` } };
	await ok('The shop approves it', postShopify(hook('Return Received Trigger', 'webhook'), 'returns/approve', JSON.stringify(approved)));
	const refund = { ...fixture('refunds-create.json'), id: n + 4, order_id: orderId };
	await ok('…and refunds it', postShopify(hook('Return Received Trigger', 'webhook'), 'refunds/create', JSON.stringify(refund)));
	await arrive(mail(anna, /Größe|your size/), mail(anna, /Erstattung|refund/i));

	// 5 · Ben leaves a cart; Jonas's grinder turned one, and he has not ordered for half a year.
	const c = fixture('checkouts-create.json');
	c.token = `demo-cart-${n}`;
	c.email = c.customer.email = ben.email;
	c.customer.first_name = c.shipping_address.first_name = 'Ben';
	c.customer.phone = c.sms_marketing_phone = c.shipping_address.phone = c.customer.default_address.phone = ben.phone;
	c.shipping_address.country_code = c.customer.default_address.country_code = place.country;
	c.shipping_address.province_code = null;
	c.created_at = c.updated_at = new Date().toISOString();
	await ok('Ben leaves a cart', postShopify(hook('Cart Abandoned Trigger', 'webhook'), 'checkouts/create', JSON.stringify(c)));
	await recordHistory(target.storePath, jonas, place.country);
	target.log('▶ Jonas in the order history: a grinder a year ago, his last order 190 days ago');
	await arrive(mail(ben, /Warenkorb|cart/, false), sms(ben, shortLink), sms(jonas, /Handmühle/), mail(jonas, /vermissen|miss you/));

	// 6 · Anna's coffee (two bags, 14 days each) runs out.
	target.log('  (waiting until Anna\'s coffee runs low…)');
	await arrive(mail(anna, /Kaffeebohnen/), sms(anna, /Kaffeebohnen/));

	// 7 · STOP: her next order gets its e-mail, no SMS.
	await target.reply(hook('SMS Inbound Trigger', 'sms'), anna.phone, 'STOP');
	target.log('▶ Anna sends STOP');
	// Paid, only the grinder, SMS offers not ticked this time: no payment reminder, no refill, no opt-in ask.
	const next = {
		...order,
		id: orderId + 7,
		name: `#${(orderId + 7) % 100000}`,
		financial_status: 'paid',
		line_items: order.line_items.filter((l: Json) => l.sku !== 'KAF-HAUS-500'),
		customer: { ...order.customer, sms_marketing_consent: { state: 'not_subscribed', opt_in_level: null, consent_updated_at: null } },
	};
	await ok('Anna orders again', postShopify(hook('Order Placed Trigger', 'webhook'), 'orders/create', JSON.stringify(next)));
	await arrive(mail(anna, confirmation(next.name)));

	const view = await target.outbox();
	const shortLinks = view.sms.flatMap((m) => (m.to === anna.phone || m.to === ben.phone ? [m.body.match(shortLink)?.[0]] : [])).filter((l): l is string => Boolean(l));
	return { expected, stopped: { phone: anna.phone, orderEmail: anna.email }, shortLinks };
}

/**
 * Jonas in the order history: a grinder bought a year and 5 days ago (its birthday is due) and a cup 190 days ago, his
 * last order (win-back after 180 days is due). Both are within the trigger's "skip if overdue for 30 days".
 */
async function recordHistory(storePath: string, c: { email: string; phone: string }, country: string): Promise<void> {
	const store = await openSqliteStore({ path: storePath });
	try {
		const consent = { marketing: true, state: 'subscribed', optInLevel: 'confirmed_opt_in', collectedAt: '2025-01-01T10:00:00Z', source: 'shopify' };
		const contact = { email: c.email, phone: c.phone, firstName: 'Jonas', lastName: 'Weber', locale: 'de-DE', country, consent: { email: consent, sms: consent } };
		const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
		await store.orders.record({ platform: 'shopify', orderId: `demo-1-${c.email}`, subject: c.email, placedAt: daysAgo(370), lineItems: [{ sku: 'MUE-CLASSIC', productId: '8812345678902', title: 'Handmühle Classic', quantity: 1 }], contact });
		await store.orders.record({ platform: 'shopify', orderId: `demo-2-${c.email}`, subject: c.email, placedAt: daysAgo(190), lineItems: [{ sku: 'TASSE-01', title: 'Tasse', quantity: 1 }], contact });
	} finally {
		await store.close();
	}
}
