/**
 * Queue mode end to end (n8n 2.40.7): main + webhook processor + two workers on PostgreSQL and Redis, the journey store
 * on PostgreSQL, every template published. Each case prints its duration; docs/scaling.md keeps the figures.
 *
 * n8n 2.x does not run a killed worker's jobs again (its Bull queue has `maxStalledCount: 0`): once the dead worker's
 * job lock runs out, the process that queued the job fails it and overwrites the execution's data with the error, so
 * n8n's "Retry" has nothing left to run. The worker case therefore checks what our nodes can promise there: nothing
 * twice, and no order missing a message except those whose executions n8n failed with the worker.
 */
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { openStore } from '../../core/store';
import type { JourneyStore } from '../../core/store';
import { SHOP_NUMBER } from '../../sandbox/config';
import { eventually, settle } from '../e2e/sandbox';
import { daytimePlace, postShopify, shopifyOrder, webhookIdOf } from '../e2e/shop';
import { PG, startQueueCluster } from './cluster';
import type { QueueCluster } from './cluster';

const MARKETING_WORKFLOW = join(__dirname, 'marketing.workflow.json');

let cluster: QueueCluster;
let store: JourneyStore;
let next = (Date.now() % 1_000_000) * 1000;
const figures: string[] = [];

beforeAll(async () => {
	const t0 = Date.now();
	cluster = await startQueueCluster([MARKETING_WORKFLOW], ['pp-queue-marketing']);
	store = await openStore({ backend: 'postgres', host: PG.host, port: PG.port, user: PG.user, database: cluster.storeDatabase, ssl: false });
	figures.push(`start-up (build, pack, 4 processes): ${seconds(t0)}`);
	// Build, pack, import and four n8n boots: 8 minutes at a load of 20 on the 2-core machine.
}, 1_200_000);
afterAll(async () => {
	await store?.close();
	await cluster?.stop();
	console.log(`queue mode figures (webhooks refused with 5xx and delivered again: ${refused}):\n  ${figures.join('\n  ')}`);
});

const seconds = (t0: number) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
const orderUrl = (base: string) => `${base}/webhook/${webhookIdOf('order-confirmation.json', 'Order Placed Trigger')}/webhook`;
/** The two entry points, taken in turn: as a load balancer in front of main and webhook processor would. */
const entry = (i: number) => (i % 2 === 0 ? cluster.urls.main : cluster.urls.webhook);

/** Runs `task` for 0..count-1 with at most `parallel` at once; the first failure stops the others from starting more. */
async function pool(count: number, parallel: number, task: (i: number) => Promise<void>): Promise<void> {
	let i = 0;
	let failed = false;
	await Promise.all(Array.from({ length: parallel }, async () => {
		while (i < count && !failed) {
			try {
				await task(i++);
			} catch (error) {
				failed = true;
				throw error;
			}
		}
	}));
}

function germanOrder() {
	const id = 7_000_000_000 + ++next;
	return shopifyOrder(id, `+49151${String(30000000 + (id % 10_000_000)).slice(0, 8)}`);
}

/** Webhooks n8n refused with a 5xx and the "shop" delivered again, as Shopify retries a failed delivery. */
let refused = 0;

async function postOrder(base: string, raw: string, webhookId: string = randomUUID()): Promise<void> {
	for (let attempt = 1; ; attempt++) {
		const res = await postShopify(orderUrl(base), 'orders/create', raw, webhookId);
		const text = await res.text();
		if (res.status < 500 || attempt === 5) return assert.equal(res.status, 200, text);
		refused++;
		await settle(1000 * attempt);
	}
}

function counts(values: string[]): Map<string, number> {
	const map = new Map<string, number>();
	for (const v of values) map.set(v, (map.get(v) ?? 0) + 1);
	return map;
}

/** For a batch of orders: how many got their e-mail and SMS, and who got one twice. */
function tally(orders: Array<{ email: string; phone: string }>) {
	const emails = new Set(orders.map((o) => o.email));
	const phones = new Set(orders.map((o) => o.phone));
	const mails = counts(cluster.outbox.smtp.messages.flatMap((m) => m.to.filter((to) => emails.has(to))));
	const sms = counts(cluster.outbox.twilio.messages.filter((m) => phones.has(m.to)).map((m) => m.to));
	return {
		mails: mails.size,
		sms: sms.size,
		twice: [...mails, ...sms].filter(([, n]) => n > 1).map(([who]) => who),
	};
}

/** The SMS and e-mails of these orders that reached the local servers but have no entry in the journey store's log. */
async function unlogged(orders: Array<{ email: string; phone: string }>): Promise<string[]> {
	const phones = new Set(orders.map((o) => o.phone));
	const emails = new Set(orders.map((o) => o.email));
	const ids = [
		...cluster.outbox.twilio.messages.filter((m) => phones.has(m.to)).map((m) => m.sid),
		...cluster.outbox.smtp.messages.filter((m) => m.to.some((to) => emails.has(to))).map((m) => String(m.parsed.messageId)),
	];
	const missing: string[] = [];
	for (const id of ids) if (!(await store.findMessageByProviderId(id))) missing.push(id);
	return missing;
}

async function assertLogged(orders: Array<{ email: string; phone: string }>): Promise<void> {
	assert.deepEqual(await unlogged(orders), [], 'every message sent is in the message log');
}

describe('n8n queue mode: main + webhook processor + 2 workers, journey store on PostgreSQL', () => {
	it('20 concurrent redeliveries of one order over main and webhook processor send one e-mail and one SMS', async () => {
		const t0 = Date.now();
		const o = germanOrder();
		const delivery = randomUUID();
		// Ten redeliveries of one delivery (same webhook ID) and ten more deliveries of the same order (own IDs).
		await Promise.all(Array.from({ length: 20 }, (_, i) => postOrder(entry(i), o.raw, i < 10 ? delivery : randomUUID())));
		await eventually(() => tally([o]).mails === 1 && tally([o]).sms === 1, 60_000, 'the e-mail and the SMS');
		await settle(5000);
		assert.equal(cluster.outbox.smtp.messages.filter((m) => m.to.includes(o.email)).length, 1, 'one e-mail');
		assert.equal(cluster.outbox.twilio.messages.filter((m) => m.to === o.phone).length, 1, 'one SMS');
		await assertLogged([o]);
		figures.push(`20 concurrent redeliveries: ${seconds(t0)}`);
	});

	it('1,000 distinct orders send 1,000 e-mails and 1,000 SMS, none twice', async () => {
		const t0 = Date.now();
		const orders = Array.from({ length: 1000 }, () => germanOrder());
		await pool(orders.length, 10, (i) => postOrder(entry(i), orders[i].raw));
		const posted = seconds(t0);
		await eventually(() => {
			const t = tally(orders);
			return t.mails === 1000 && t.sms === 1000;
		}, 1_500_000, `1,000 e-mails and SMS (so far ${JSON.stringify(tally(orders))})`);
		const done = seconds(t0);
		await settle(5000);
		const t = tally(orders);
		assert.deepEqual(t, { mails: 1000, sms: 1000, twice: [] });
		await assertLogged(orders);
		figures.push(`1,000 orders: posted in ${posted}, all 2,000 messages out after ${done}`);
	}, 1_800_000);

	it('a worker killed with SIGKILL mid-batch: nothing twice, and only the executions n8n failed with it miss a message', async () => {
		const t0 = Date.now();
		const orders = Array.from({ length: 300 }, () => germanOrder());
		const [victim] = cluster.workers;
		let killedAt = -1;
		await pool(orders.length, 10, async (i) => {
			await postOrder(entry(i), orders[i].raw);
			if (killedAt < 0 && tally(orders).sms >= 60) {
				killedAt = tally(orders).sms;
				victim.process.kill('SIGKILL');
			}
		});
		assert.ok(killedAt > 0, 'the worker was killed while the batch was being sent');
		const n8nDb = new Client({ ...PG, database: cluster.n8nDatabase });
		await n8nDb.connect();
		let stalled = 0;
		try {
			// Every execution ends: sent by the surviving worker, or failed by n8n once the dead worker's job lock ran out
			// (its Bull queue has maxStalledCount 0, so the job is failed, not given to another worker).
			await eventually(async () => {
				const { rows } = await n8nDb.query(
					`SELECT status, count(*)::int AS n FROM execution_entity WHERE "createdAt" >= $1 AND status IN ('new', 'running', 'error', 'crashed') GROUP BY status`,
					[new Date(t0)],
				);
				const by = Object.fromEntries((rows as Array<{ status: string; n: number }>).map((r) => [r.status, r.n]));
				stalled = (by.error ?? 0) + (by.crashed ?? 0);
				const t = tally(orders);
				return !by.new && !by.running && t.mails + stalled >= orders.length && t.sms + stalled >= orders.length;
			}, 600_000, 'every execution of the batch finished or failed');
		} finally {
			await n8nDb.end();
		}
		await settle(5000);
		const t = tally(orders);
		assert.deepEqual(t.twice, [], 'nothing sent twice');
		// n8n overwrites a failed job's execution data with the error (workflow-runner processError), so "Retry" has nothing
		// to run: an order whose execution died with the worker is lost to n8n itself. No other order may miss a message.
		const missing = orders.filter((o) => !cluster.outbox.smtp.messages.some((m) => m.to.includes(o.email)) || !cluster.outbox.twilio.messages.some((m) => m.to === o.phone));
		assert.ok(missing.length <= stalled, `${missing.length} orders without their messages, ${stalled} executions failed with the worker`);
		// A message the dead worker handed over just before it was killed went out without its log entry; only those.
		const notLogged = await unlogged(orders);
		assert.ok(notLogged.length <= stalled, `${notLogged.length} messages sent but not logged, ${stalled} executions failed with the worker`);
		figures.push(
			`SIGKILL of a worker after ${killedAt} of 300 SMS: ${stalled} executions failed by n8n with it, ${missing.length} orders without a message, ` +
				`${notLogged.length} messages out but not logged, none twice; ${seconds(t0)}`,
		);
	}, 900_000);

	it('STOP arriving while a marketing batch is in flight: no marketing SMS to that number afterwards', async () => {
		const t0 = Date.now();
		const place = daytimePlace();
		const stopper = place.phone(++next);
		const others = Array.from({ length: 100 }, () => place.phone(++next));
		const customer = (phone: string) => ({ phone, firstName: 'Sam', country: place.country, timezone: place.zone, locale: 'en', consent: { sms: { marketing: true, optInLevel: 'confirmed_opt_in' } } });
		// 200 executions: 100 campaigns to the number that will reply STOP, interleaved with one campaign each to 100 others.
		const requests = others.flatMap((phone, i) => [
			{ campaign: `spring-${i}`, customer: customer(stopper) },
			{ campaign: 'spring', customer: customer(phone) },
		]);
		let stopSent = false;
		let stopAcknowledgedAt = Infinity;
		const twilio = cluster.outbox.twilio;
		const toStopper = () => twilio.messages.filter((m) => m.to === stopper);
		await pool(requests.length, 10, async (i) => {
			const res = await fetch(`${entry(i)}/webhook/pp-queue-marketing`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(requests[i]) });
			assert.equal(res.status, 200);
			if (!stopSent && toStopper().length >= 5) {
				stopSent = true;
				const url = `${cluster.urls.webhook}/webhook/${webhookIdOf('sms-opt-in.json', 'SMS Inbound Trigger')}/sms`;
				const reply = await cluster.outbox.sendReply(url, { from: stopper, to: SHOP_NUMBER, body: 'STOP' });
				assert.equal(reply.statusCode, 200, reply.error);
				stopAcknowledgedAt = Date.now();
			}
		});
		const suppression = await eventually(async () => store.getSuppression(stopper, 'sms'), 30_000, 'the STOP in the suppression list');
		await eventually(() => others.every((p) => twilio.messages.some((m) => m.to === p)), 120_000, 'the campaign SMS to the other 100 numbers');
		await settle(5000);
		const before = toStopper().filter((m) => m.dateCreated <= suppression.at);
		assert.ok(before.length >= 5, 'the batch was sending to that number when STOP arrived');
		// The Consent Gate decided long before; what counts is the senders' last look right before Twilio. A message that
		// reached Twilio after the STOP's timestamp must have had that look before the STOP was acknowledged (the trigger
		// answers once the suppression is stored): asked later, it would have found the STOP.
		const after = toStopper().filter((m) => m.dateCreated > suppression.at);
		const lookedAfterStop: string[] = [];
		for (const m of after) {
			const logged = await store.findMessageByProviderId(m.sid);
			const checkedAt = Date.parse(String(logged?.meta?.suppressionCheckedAt));
			if (!(checkedAt < stopAcknowledgedAt)) lookedAfterStop.push(`${m.sid} reached Twilio ${m.dateCreated.toISOString()}, checked ${String(logged?.meta?.suppressionCheckedAt)}`);
		}
		assert.deepEqual(lookedAfterStop, [], `no marketing SMS checked after the STOP was stored (${suppression.at.toISOString()}) and acknowledged (${new Date(stopAcknowledgedAt).toISOString()})`);
		figures.push(
			`STOP mid-batch: ${before.length} of 100 campaign SMS to that number before STOP, ${after.length} in flight past their last check, none checked after it; 200 executions in ${seconds(t0)}`,
		);
	});
});
