/**
 * The templates no other e2e file fires, in real n8n (2.40.7), in one sandbox (every file in workflows/ imported and
 * published as shipped): the complete journey as shipped (an order at its own trigger), and the whole journey played
 * by `npm run demo` against its demo copy (sandbox/demoJourney.ts, a journey day lasting 2 s here) with every message
 * asserted once at the local SMTP and Twilio servers; sms-opt-in as shipped (ask, JA); product-birthday-and-win-back
 * as a copy polled every minute. tests/e2e/templateCoverage.ts names the e2e file of every other template.
 */
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../core/store';
import { SHOP_NUMBER } from '../../sandbox/config';
import { demoJourney } from '../../sandbox/demoJourney';
import { playJourney } from '../../sandbox/journeyScenario';
import type { Played } from '../../sandbox/journeyScenario';
import { eventually, settle, startSandbox } from './sandbox';
import type { E2eSandbox } from './sandbox';
import { daytimePlace, postShopify, ROOT, template, webhookIdOf } from './shop';

const SECONDS_PER_DAY = 2;
const demo = demoJourney(SECONDS_PER_DAY);
let sandbox: E2eSandbox;
let seq = 0;

/**
 * product-birthday-and-win-back.json polled every minute, with settings of its own (birthday of ESPRESSO-PRO after 6
 * months, win-back after 100 days), so its messages cannot come from the journeys published beside it (12 months,
 * 180 days): a message to Kai proves this template sent it.
 */
function quickBirthday(): string {
	const workflow = template('product-birthday-and-win-back.json');
	workflow.id = 'ppE2eQuickBirthday';
	workflow.name = 'E2E product birthday and win-back (every minute)';
	for (const node of workflow.nodes as Array<{ name: string; webhookId?: string; parameters: Record<string, unknown> }>) {
		if (node.webhookId) node.webhookId = `${node.webhookId.slice(0, -4)}e2e0`;
		if (node.parameters.pollTimes) node.parameters.pollTimes = { item: [{ mode: 'everyMinute' }] };
		if (node.name === 'Product Birthday Trigger') Object.assign(node.parameters, { birthdaySkus: 'ESPRESSO-PRO', birthdayMonths: 6 });
		if (node.name === 'Win-Back Trigger') node.parameters.winBackAfterDays = 100;
	}
	const file = join(mkdtempSync(join(tmpdir(), 'pp-e2e-wf-')), 'quick-birthday.json');
	writeFileSync(file, JSON.stringify(workflow, null, 2));
	return file;
}

beforeAll(async () => {
	const dir = mkdtempSync(join(tmpdir(), 'pp-e2e-wf-'));
	writeFileSync(join(dir, 'demo-journey.json'), JSON.stringify(demo, null, 2));
	sandbox = await startSandbox([quickBirthday(), join(dir, 'demo-journey.json')]);
	// Build, pack, import and the n8n boot: minutes on a loaded machine.
}, 900_000);
afterAll(async () => {
	await sandbox?.stop();
});

const storePath = () => join(sandbox.n8n.userFolder, '.n8n', 'post-purchase-journey.sqlite');

function freshOrder(label: string) {
	const place = daytimePlace();
	const order = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/shopify/orders-create.json'), 'utf8'));
	const n = (Date.now() % 10_000_000) * 10 + ++seq;
	const phone = place.phone(n);
	order.id = 8_700_000_000 + n;
	order.name = `#${label}${n % 100000}`;
	order.financial_status = 'paid';
	order.email = order.contact_email = order.customer.email = `${label}${n}@example.de`;
	order.phone = order.customer.phone = order.shipping_address.phone = order.billing_address.phone = order.customer.default_address.phone = phone;
	order.shipping_address.country_code = order.billing_address.country_code = order.customer.default_address.country_code = place.country;
	order.shipping_address.province_code = order.billing_address.province_code = null;
	return { raw: JSON.stringify(order), phone, email: order.email as string, name: order.name as string };
}

/** Kai: an espresso machine 190 days ago (6 months and a week) and a cup 110 days ago, his last order (see quickBirthday). */
async function recordKai() {
	const n = Date.now();
	const kai = { email: `kai.${n}@example.de`, phone: daytimePlace().phone(n + 9), country: daytimePlace().country };
	const consent = { marketing: true, state: 'subscribed', optInLevel: 'confirmed_opt_in', collectedAt: '2025-01-01T10:00:00Z', source: 'shopify' };
	const contact = { email: kai.email, phone: kai.phone, firstName: 'Kai', lastName: 'Berg', locale: 'de-DE', country: kai.country, consent: { email: consent, sms: consent } };
	const store = await openSqliteStore({ path: storePath() });
	try {
		await store.orders.record({ platform: 'shopify', orderId: `kai-1-${n}`, subject: kai.email, placedAt: new Date(n - 190 * 86_400_000), lineItems: [{ sku: 'ESPRESSO-PRO', title: 'Espressomaschine Pro', quantity: 1 }], contact });
		await store.orders.record({ platform: 'shopify', orderId: `kai-2-${n}`, subject: kai.email, placedAt: new Date(n - 110 * 86_400_000), lineItems: [{ sku: 'TASSE-01', title: 'Tasse', quantity: 1 }], contact });
	} finally {
		await store.close();
	}
	return kai;
}

let kai: Awaited<ReturnType<typeof recordKai>>;

describe('real n8n: the templates no other e2e file fires', () => {
	it("post-purchase-journey.json as shipped: an order at its own trigger brings the confirmation e-mail and SMS; sms-opt-in.json as shipped: the ask and JA's confirmation", async () => {
		// Kai goes into the order history now; the birthday template's next polls find him (asserted at the end).
		kai = await recordKai();
		const { smtp, twilio } = sandbox.outbox;
		const order = freshOrder('j');
		const placed = await postShopify(`${sandbox.n8n.url}/webhook/${webhookIdOf('post-purchase-journey.json', 'Order Placed Trigger')}/webhook`, 'orders/create', order.raw);
		assert.equal(placed.status, 200, await placed.text());
		const mail = await eventually(() => smtp.messages.find((m) => m.to.includes(order.email)), 60_000, 'the journey\'s confirmation e-mail');
		assert.match(String(mail.parsed.subject), new RegExp(`${order.name} bei Beispiel Shop`));
		await eventually(() => twilio.messages.find((m) => m.to === order.phone && /danke für Ihre Bestellung/.test(m.body)), 60_000, 'the journey\'s confirmation SMS');

		const optIn = freshOrder('o');
		const asked = await postShopify(`${sandbox.n8n.url}/webhook/${webhookIdOf('sms-opt-in.json', 'Order Placed Trigger')}/webhook`, 'orders/create', optIn.raw);
		assert.equal(asked.status, 200);
		await eventually(() => twilio.messages.find((m) => m.to === optIn.phone && /bestätigen Sie mit JA/.test(m.body)), 60_000, 'the opt-in ask');
		const yes = await sandbox.outbox.sendReply(`${sandbox.n8n.url}/webhook/${webhookIdOf('sms-opt-in.json', 'SMS Inbound Trigger')}/sms`, { from: optIn.phone, to: SHOP_NUMBER, body: 'JA' });
		assert.equal(yes.statusCode, 200);
		// The trigger's auto-reply confirms the subscription (outside DACH worded as "you get SMS from us again").
		assert.match(String(yes.autoReply), /SMS-Anmeldung ist bestätigt|Sie erhalten wieder SMS von uns/);
	}, 180_000);

	let played: Played;
	it('the whole journey, played as `npm run demo` plays it (a journey day lasting 2 s): every message arrives, each once', async () => {
		const { smtp, twilio } = sandbox.outbox;
		const started = Date.now();
		played = await playJourney({
			n8nUrl: sandbox.n8n.url,
			workflow: demo,
			storePath: storePath(),
			async reply(url, from, text) {
				const answer = await sandbox.outbox.sendReply(url, { from, to: SHOP_NUMBER, body: text });
				assert.equal(answer.statusCode, 200, `the reply "${text}"`);
			},
			outbox: async () => ({
				sms: twilio.messages.map((m) => ({ to: m.to, body: m.body })),
				email: smtp.messages.map((m) => ({ to: m.to, subject: String(m.parsed.subject ?? '') })),
			}),
			log: (line) => process.stdout.write(`${line}\n`),
		});
		process.stdout.write(`the journey took ${Math.round((Date.now() - started) / 1000)} s\n`);
		assert.ok(played.expected.length >= 20, `${played.expected.length} messages`);
		await settle(5000);
		for (const e of played.expected.filter((x) => x.once)) {
			const count = e.channel === 'sms' ? twilio.messages.filter((m) => m.to === e.to && e.pattern.test(m.body)).length : smtp.messages.filter((m) => m.to.includes(e.to) && e.pattern.test(String(m.parsed.subject))).length;
			assert.equal(count, 1, `${e.channel} to ${e.who} matching ${e.pattern}: ${count} times`);
		}
		// After her STOP, Anna's next order got its e-mail and no SMS.
		assert.equal(twilio.messages.filter((m) => m.to === played.stopped.phone && /danke für Ihre Bestellung/.test(m.body)).length, 1, 'no order SMS after STOP');
	}, 600_000);

	it("the journey's short links forward to the tracking and cart pages", async () => {
		assert.ok(played.shortLinks.length >= 2, played.shortLinks.join(' '));
		for (const link of played.shortLinks) {
			const res = await fetch(link, { redirect: 'manual', headers: { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X)' } });
			assert.equal(res.status, 302, link);
			assert.match(String(res.headers.get('location')), /^https:\/\//);
		}
	});

	it('product-birthday-and-win-back.json: Kai gets the birthday SMS for his espresso machine and the win-back e-mail, once each', async () => {
		const { smtp, twilio } = sandbox.outbox;
		const sms = await eventually(() => twilio.messages.find((m) => m.to === kai.phone), 150_000, 'the birthday SMS');
		assert.match(sms.body, /Espressomaschine Pro/);
		const mail = await eventually(() => smtp.messages.find((m) => m.to.includes(kai.email)), 150_000, 'the win-back e-mail');
		assert.match(String(mail.parsed.subject), /Wir vermissen Sie bei Beispiel Shop/);
		await settle(3000);
		assert.equal(twilio.messages.filter((m) => m.to === kai.phone).length, 1, 'one SMS');
		assert.equal(smtp.messages.filter((m) => m.to.includes(kai.email)).length, 1, 'one e-mail');
		assert.doesNotMatch(sandbox.n8n.log.join(''), /polling interval is too short|problem activating/i);
	}, 300_000);
});
