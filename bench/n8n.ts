/**
 * `npm run bench -- n8n`: our nodes next to n8n's built-in ones in the same real n8n (pinned, one process):
 * 1. orders/s through the Order Placed Trigger (signature, normalisation, duplicate claim) vs. a bare Webhook node,
 *    both feeding a No Operation node, the same signed Shopify order to each; target ≥ 0.9×;
 * 2. the same order delivered twice (Shopify's retry, same delivery ID): workflow runs started twice;
 * 3. SMS Compose (send) vs. n8n's built-in Twilio node on a batch of orders at one Twilio account limit (100
 *    messages/s, answered 429 beyond it, as the real account is), its hard-coded api.twilio.com reached through a
 *    local TLS proxy; target ours ≥ 4× its messages/s; then part of the batch delivered again: SMS sent twice.
 * BENCH_SCALE scales the counts. Every figure carries the load average at the time it was measured.
 *
 * n8n 2.40.7 evaluates expressions in an isolated-vm isolate (N8N_EXPRESSION_ENGINE=vm, its default) and takes one for
 * the webhook phase of every trigger except its own Webhook node (version 2+ with static parameters:
 * `webhookPhaseNeedsIsolate` in n8n's live-webhooks.js), so the bare Webhook node skips a cost any other trigger pays.
 * That isolate is used once: n8n's pool hands out a warm one (a new one is cold-started in the request when none is
 * left), disposes it on release and builds a replacement. So after the default run, part 1 runs again in an n8n of its
 * own for each of ENGINE_VARIANTS. The n8n here inherits the environment: `N8N_EXPRESSION_ENGINE=legacy npm run bench
 * -- n8n` measures without the isolate (an engine setting given so skips the variants).
 */
import { loadavg } from 'node:os';
import { mapConcurrent } from '../core/sms';
import { shopifyOrder, postShopify } from '../tests/e2e/shop';
import { settle } from '../tests/e2e/sandbox';
import { startBenchN8n } from './lib/n8nHost';
import type { BenchN8n } from './lib/n8nHost';
import { fixed, int, line, spread } from './lib/report';

/** The account limit of the comparison, and Twilio's API round trip modelled by the stand-in (as bench/sms.ts). */
const ACCOUNT = { maxPerSecond: 100, latencyMs: 50 };
const ROUNDS = 3;
const CONCURRENCY = 10;

const OURS = { workflow: 'ppBenchOrderTrigger', path: '16fcf379-282b-4060-948d-fecc5d6e534e/webhook' };
const BARE = { workflow: 'ppBenchOrderWebhook', path: 'bench-bare-order' };
const SMS_OURS = { path: 'bench-sms-ours', phonePrefix: '+4915110' };
const SMS_BUILT_IN = { path: 'bench-sms-twilio', phonePrefix: '+4915120' };
const SMS_OURS_INSTANT = { ...SMS_OURS, phonePrefix: '+4915111' };
const SMS_BUILT_IN_INSTANT = { ...SMS_BUILT_IN, phonePrefix: '+4915121' };

/**
 * n8n's expression-engine settings measured beside its defaults (trigger vs. Webhook node only): two warm isolates, one
 * per core of the bench machine, instead of one. Each further setting adds about 1.5 minutes to the run; pool sizes 4,
 * `N8N_EXPRESSION_ENGINE_COMPILE_CACHE` and `N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE` were measured too (docs/scaling.md).
 */
const ENGINE_VARIANTS: Array<Record<string, string>> = [{ N8N_EXPRESSION_ENGINE_POOL_SIZE: '2' }];

const load = () => `load ${loadavg()[0].toFixed(1)}`;
const per = (n: number) => `${fixed(1)(n)}/s`;

export async function run(): Promise<void> {
	const scale = Number(process.env.BENCH_SCALE ?? 1) || 1;
	const orders = Math.max(20, Math.round(100 * scale));
	const batch = Math.max(20, Math.round(500 * scale));
	// Part of the batch delivered again: enough to count duplicates, without the built-in node's minute for all of it.
	const again = Math.max(10, Math.round(100 * scale));
	const given = Object.entries(process.env).filter(([key]) => key.startsWith('N8N_EXPRESSION_ENGINE'));
	const engine = given.length ? given.map(([key, value]) => `${key}=${value}`).join(' ') : 'n8n defaults (vm, pool of 1)';
	const bench = await startBenchN8n(ACCOUNT);
	try {
		console.log(`n8n ${bench.n8n.url} up, expression engine: ${engine} (${load()})`);
		await triggerThroughput(bench, orders, engine);
		await triggerRedelivery(bench, Math.max(5, Math.round(20 * scale)));
		await smsComparison(bench, batch, again);
	} finally {
		await bench.stop();
	}
	if (given.length) return;
	for (const settings of ENGINE_VARIANTS) {
		const variant = Object.entries(settings).map(([key, value]) => `${key}=${value}`).join(' ');
		const other = await startBenchN8n(ACCOUNT, settings);
		try {
			console.log(`n8n ${other.n8n.url} up, expression engine: ${variant} (${load()})`);
			await triggerThroughput(other, orders, variant);
		} finally {
			await other.stop();
		}
	}
}

/** Posts `count` distinct signed orders to a webhook, `CONCURRENCY` at a time; returns orders/s until every run ended. */
async function ordersPerSecond(bench: BenchN8n, target: typeof OURS, firstId: number, count: number): Promise<number> {
	const before = bench.runs(target.workflow).ended;
	const url = bench.webhook(target.path);
	const bodies = Array.from({ length: count }, (_, i) => shopifyOrder(firstId + i, `+4917${String(10_000_000 + i)}`).raw);
	const started = performance.now();
	const answers = await mapConcurrent(count, CONCURRENCY, async (i) => (await postShopify(url, 'orders/create', bodies[i])).status);
	const refused = answers.filter((a) => !a.ok || a.value !== 200).length;
	if (refused) throw new Error(`${refused} of ${count} orders to ${target.workflow} were not answered 200`);
	await until(() => bench.runs(target.workflow).ended >= before + count, 120_000, `${count} runs of ${target.workflow}`);
	return count / ((performance.now() - started) / 1000);
}

async function triggerThroughput(bench: BenchN8n, count: number, engine: string): Promise<void> {
	// Warm-up: the first runs load the nodes and fill n8n's caches.
	await ordersPerSecond(bench, OURS, 1_000, 20);
	await ordersPerSecond(bench, BARE, 1_000, 20);
	const ours: number[] = [];
	const bare: number[] = [];
	for (let round = 0; round < ROUNDS; round++) {
		const firstId = 100_000 * (round + 1);
		// Alternating which goes first, so a change of the machine's load does not always hit the same side.
		const pair = round % 2 ? [BARE, OURS] : [OURS, BARE];
		for (const target of pair) (target === OURS ? ours : bare).push(await ordersPerSecond(bench, target, firstId, count));
	}
	const label = `${count} orders, ${CONCURRENCY} at a time, until every run ended; ${engine}; ${load()}`;
	console.log(line(`orders/s, Order Placed Trigger → No Operation (${label})`, spread(ours), per));
	console.log(line(`orders/s, bare Webhook node → No Operation (${label})`, spread(bare), per));
	console.log(line(`Order Placed Trigger / bare Webhook, per round (${engine})`, spread(ours.map((o, i) => o / bare[i])), (n) => `${fixed(2)(n)}×`, { op: '≥', value: 0.9 }));
}

/** Each order posted twice at once with the same delivery ID, as a shop's retry; runs started beyond one per order. */
async function triggerRedelivery(bench: BenchN8n, count: number): Promise<void> {
	const duplicates = async (target: typeof OURS): Promise<number> => {
		const before = bench.runs(target.workflow).started;
		const url = bench.webhook(target.path);
		await mapConcurrent(count, CONCURRENCY, async (i) => {
			const { raw } = shopifyOrder(900_000 + i, `+4917${String(20_000_000 + i)}`);
			const deliveryId = `bench-redelivery-${i}`;
			await Promise.all([postShopify(url, 'orders/create', raw, deliveryId), postShopify(url, 'orders/create', raw, deliveryId)]);
		});
		await until(() => bench.runs(target.workflow).started >= before + count, 60_000, `${count} runs of ${target.workflow}`);
		await settle(2_000); // a second run of an order would have started by now
		const { started } = bench.runs(target.workflow);
		await until(() => bench.runs(target.workflow).ended >= started, 60_000, `the runs of ${target.workflow} to end`);
		return started - before - count;
	};
	const label = `${count} orders each delivered twice at once with one delivery ID; ${load()}`;
	console.log(line(`duplicate runs, Order Placed Trigger (${label})`, await duplicates(OURS), int, { op: '≤', value: 0 }));
	console.log(line(`duplicate runs, bare Webhook node (${label})`, await duplicates(BARE), int));
}

interface BatchResult {
	perSecond: number;
	sent: number;
	status: number;
}

/** Posts a batch of `count` orders to an SMS workflow (it answers when its last node is done); counts SMS created. */
async function smsBatch(bench: BenchN8n, target: typeof SMS_OURS, count: number): Promise<BatchResult> {
	const twilio = bench.outbox.twilio;
	const phone = (i: number) => `${target.phonePrefix}${String(1_000_000 + i)}`;
	const orders = Array.from({ length: count }, (_, i) => ({ order: { id: `bench-${i}` }, customer: { phone: phone(i) } }));
	const created = () => twilio.messages.filter((m) => m.to.startsWith(target.phonePrefix)).length;
	const before = created();
	const started = performance.now();
	const res = await fetch(bench.webhook(target.path), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ orders }) });
	await res.arrayBuffer();
	const seconds = (performance.now() - started) / 1000;
	const sent = created() - before;
	return { perSecond: sent / seconds, sent, status: res.status };
}

/** One batch through SMS Compose, then the same through the built-in Twilio node; prints both, returns ours / its. */
async function smsPair(bench: BenchN8n, count: number, targets: { ours: typeof SMS_OURS; builtIn: typeof SMS_OURS }): Promise<number> {
	const twilio = bench.outbox.twilio;
	const account = `one account at ${ACCOUNT.maxPerSecond} msg/s (429 beyond), ${twilio.latencyMs} ms per API request`;
	let throttled = twilio.throttled;
	const ours = await smsBatch(bench, targets.ours, count);
	console.log(line(`SMS/s, SMS Compose (${count} orders, ${account}; ${ours.sent} sent, HTTP ${ours.status}, ${twilio.throttled - throttled} × 429; ${load()})`, ours.perSecond, per));
	throttled = twilio.throttled;
	const tunnelled = bench.proxy.stats.requests;
	const builtIn = await smsBatch(bench, targets.builtIn, count);
	const through = bench.proxy.stats.requests - tunnelled;
	const detail = `${through} requests through the TLS proxy; ${builtIn.sent} sent, HTTP ${builtIn.status}, ${twilio.throttled - throttled} × 429; ${load()}`;
	console.log(line(`SMS/s, built-in Twilio node (same batch and account, ${detail})`, builtIn.perSecond, per));
	return builtIn.perSecond ? ours.perSecond / builtIn.perSecond : Infinity;
}

async function smsComparison(bench: BenchN8n, count: number, again: number): Promise<void> {
	const twilio = bench.outbox.twilio;
	const times = (n: number) => `${fixed(1)(n)}×`;
	console.log(line('SMS Compose / built-in Twilio node', await smsPair(bench, count, { ours: SMS_OURS, builtIn: SMS_BUILT_IN }), times, { op: '≥', value: 4 }));
	// The ratio rests on the API's round trip, which the built-in node waits for once per message: the same with the
	// stand-in answering at once (other customers, so SMS Compose sends them too).
	twilio.latencyMs = 0;
	const instant = await smsPair(bench, Math.min(count, 200), { ours: SMS_OURS_INSTANT, builtIn: SMS_BUILT_IN_INSTANT });
	twilio.latencyMs = ACCOUNT.latencyMs;
	console.log(line('SMS Compose / built-in Twilio node with no API round trip (no target: the real API has one)', instant, times));

	// Orders of the batch again, as when the shop delivers them again or the workflow is run again with the same items.
	const oursAgain = await smsBatch(bench, SMS_OURS, again);
	const builtInAgain = await smsBatch(bench, SMS_BUILT_IN, again);
	const label = `the first ${again} orders of the batch delivered again; ${load()}`;
	console.log(line(`duplicate SMS, SMS Compose (${label})`, oursAgain.sent, int, { op: '≤', value: 0 }));
	console.log(line(`duplicate SMS, built-in Twilio node (${label})`, builtInAgain.sent, int));
	const duplicatedPairs = twilio.duplicates().reduce((n, d) => n + d.count - 1, 0);
	console.log(`(the local Twilio saw ${twilio.messages.length} messages, ${duplicatedPairs} of them a repeat of an earlier one to the same number with the same text)`);
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	// Polled often: the time to the last run's end is the figure.
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
		await settle(25);
	}
}
