import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SegmentedMessage } from 'sms-segments-calculator';
import { analyzeSms, composeSms, createTwilioClient, mapConcurrent, SmsSender } from '../core/sms';
import { openSqliteStore, openStore } from '../core/store';
import type { StoreConfig } from '../core/store';
import { connectBenchPg } from './lib/postgres';
import { SEGMENT_CASES } from '../tests/fixtures/sms/segmentCases';
import { fixed, int, line, ratios, spread } from './lib/report';
import { startTwilioServer } from '../tests/support/twilioServer';

/**
 * SMS figures, side by side in one run (BENCH_SCALE scales the counts):
 * 1. send throughput against the local Twilio server (50 ms reply latency, 100 messages/s account limit): our
 *    rate-limited concurrent sender vs one-request-at-a-time (the item loop of n8n's built-in Twilio node);
 * 1b. two sending processes on one account (as two n8n queue-mode workers) sharing its 100 messages/s through the
 *    journey store (PostgreSQL when reachable, else one SQLite file): rate reached, 429s, duplicates;
 * 2. compose-only throughput (render + analysis + cost) on 100,000 items;
 * 3. our segment analysis vs `sms-segments-calculator` (Twilio's library) on the vector table: agreement and speed.
 * Every figure is printed next to its target with "met" or "missed", or says "(no target)": compose ≥ 50,000 items/s
 * (issue 14); the shared rate ≥ 95 % with no 429 and no duplicate, and ours ≥ 4× the built-in node (issue 23). The
 * send runs take tens of seconds, so they are one run each (said so); compose and analysis are medians of rounds.
 */
export async function run(): Promise<void> {
	const scale = Number(process.env.BENCH_SCALE ?? 1) || 1;
	await sendThroughput(Math.max(50, Math.round(2000 * scale)));
	await sharedRate(Math.max(100, Math.round(2000 * scale)));
	composeThroughput(Math.max(1000, Math.round(100_000 * scale)));
	analysisComparison(Math.max(5, Math.round(200 * scale)));
}

async function sendThroughput(count: number): Promise<void> {
	const rate = 100;
	const server = await startTwilioServer({ latencyMs: 50, maxPerSecond: rate, autoCallbacks: false });
	const dir = mkdtempSync(join(tmpdir(), 'bench-sms-'));
	const store = await openSqliteStore({ path: join(dir, 'store.sqlite') });
	try {
		const client = createTwilioClient({ ...server.credentials(), authType: 'authToken' });
		const sender = new SmsSender({ client, store, messagesPerSecond: rate });
		const concurrency = SmsSender.concurrencyFor(rate);
		const to = (i: number) => `+4915${String(100_000_000 + i)}`;
		const started = performance.now();
		const results = await mapConcurrent(count, concurrency, (i) =>
			sender.send({ to: to(i), body: `Deine Bestellung ${i} ist unterwegs.`, from: '+15005550006', journeyStep: 'bench', purpose: 'transactional', segments: 1, encoding: 'GSM-7' }),
		);
		const seconds = (performance.now() - started) / 1000;
		const failed = results.filter((r) => !r.ok).length;
		const ours = count / seconds;
		console.log(`sms send, ours (${rate}/s limit, 50 ms latency, concurrency ${concurrency}), ${count} messages in ${seconds.toFixed(2)} s, one run:`);
		console.log(`  ${line('msg/s', spread([ours]), fixed(1))}`);
		console.log(`  ${line('share of the configured rate (%)', spread([(ours / rate) * 100]), fixed(1))}`);
		console.log(`  ${line('answered 429', server.throttled, int)}; ${line('failed', failed, int)}; ${line('duplicates', server.duplicates().length, int)}`);

		// One request at a time, as an n8n item loop with `await` per item does; after a second, so the stand-in's rate
		// window no longer holds the last sends above (a 429 there would end the bench: the plain client does not retry).
		await new Promise((resolve) => setTimeout(resolve, 1000));
		const sequentialCount = Math.min(count, 200);
		const base = server.messages.length;
		const seqStart = performance.now();
		for (let i = 0; i < sequentialCount; i++) await client.messages.create({ to: to(count + i), from: '+15005550006', body: `Sequenziell ${i}` });
		const seqRate = sequentialCount / ((performance.now() - seqStart) / 1000);
		console.log(`  ${line(`one at a time (the built-in node's loop pattern, ${sequentialCount} messages, one run), msg/s`, spread([seqRate]), fixed(1))}`);
		// Issue 23 sets ≥ 4× against n8n's built-in Twilio node: bench/n8n.ts measures the node itself; here its loop pattern.
		console.log(`  ${line("ours vs one at a time (the built-in node's pattern), ×", spread([ours / seqRate]), (x) => `${fixed(1)(x)}×`, { op: '≥', value: 4 })}`);
		if (server.messages.length - base !== sequentialCount) console.log('  (sequential run lost messages)');
		console.log("sms send (n8n's built-in Twilio node itself, in real n8n through a local TLS proxy): npm run bench -- n8n");
	} finally {
		await store.close();
		await server.stop();
		rmSync(dir, { recursive: true, force: true });
	}
}

async function sharedRate(count: number): Promise<void> {
	const rate = 100;
	const server = await startTwilioServer({ latencyMs: 50, maxPerSecond: rate, autoCallbacks: false });
	const dir = mkdtempSync(join(tmpdir(), 'bench-sms-shared-'));
	const pg = await connectBenchPg();
	const schema = `pp_bench_rate_${process.pid}`;
	const storeConfig: StoreConfig = pg ? { backend: 'postgres', ...pg.base, schema } : { backend: 'sqlite', path: join(dir, 'store.sqlite') };
	try {
		// Open (and migrate) once before the workers start, so neither spends its first second on the schema.
		await (await openStore(storeConfig)).close();
		const worker = join(__dirname, 'lib/smsWorker.ts');
		const half = Math.floor(count / 2);
		const credentials = { ...server.credentials(), authType: 'authToken' as const };
		const started = performance.now();
		const outputs = await Promise.all(
			[0, 1].map((w) =>
				runWorker(worker, { store: storeConfig, credentials, account: server.accountSid, rate, first: w * half, count: w ? count - half : half }),
			),
		);
		const seconds = (performance.now() - started) / 1000;
		const reports = outputs.map((o) => JSON.parse(o.trim().split('\n').at(-1)!) as { startedAt: number; endedAt: number; failed: number; throttled: number });
		// Rate over the span from the first process's first send to the last one's end (wall clock, shared by both),
		// each process's start-up (loading code, opening the store) excluded.
		const sending = (Math.max(...reports.map((r) => r.endedAt)) - Math.min(...reports.map((r) => r.startedAt))) / 1000;
		const achieved = count / sending;
		console.log(
			`sms send, two processes on one account shared through the ${storeConfig.backend} store (${rate}/s limit), ${count} messages in ` +
				`${sending.toFixed(2)} s of sending (${seconds.toFixed(2)} s with start-up), one run; received ${server.messages.length}:`,
		);
		// Targets of issue 23: ≥ 95 % of the account's rate, no 429, no duplicates.
		console.log(`  ${line('msg/s', spread([achieved]), fixed(1))}`);
		console.log(`  ${line('share of the account rate (%)', spread([(achieved / rate) * 100]), fixed(1), { op: '≥', value: 95 })}`);
		console.log(`  ${line('answered 429', server.throttled, int, { op: '≤', value: 0 })}`);
		console.log(`  ${line('duplicates', server.duplicates().length, int, { op: '≤', value: 0 })}`);
		console.log(`  ${line('failed', reports.reduce((n, r) => n + r.failed, 0), int)}`);
	} finally {
		if (pg) {
			await pg.admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
			await pg.admin.end();
		}
		await server.stop();
		rmSync(dir, { recursive: true, force: true });
	}
}

function runWorker(script: string, job: Record<string, unknown>): Promise<string> {
	return new Promise((resolve, reject) => {
		execFile(process.execPath, ['--import', 'tsx', script, JSON.stringify(job)], { maxBuffer: 1 << 20 }, (error, stdout, stderr) =>
			error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
		);
	});
}

function composeThroughput(count: number): void {
	const items = Array.from({ length: 100 }, (_, i) => ({
		customer: { firstName: i % 3 ? 'Anna' : 'Jürgen', phone: `+49151${String(10_000_000 + i)}`, locale: i % 2 ? 'de-DE' : 'en-US', timezone: 'Europe/Berlin' },
		shipment: { orderNumber: String(1000 + i), carrier: { name: 'DHL' }, trackingUrl: `https://www.dhl.de/track?piececode=0034${i}`, estimatedDelivery: { earliest: '2025-05-14T08:00:00Z', latest: '2025-05-15T08:00:00Z' } },
	}));
	const variants = {
		de: '„Deine Bestellung {shipment.orderNumber} ist unterwegs“ – mit {carrier}, Zustellung {deliveryDate}: {trackingUrl}',
		en: 'Your order {shipment.orderNumber} is on its way with {carrier}, arriving {deliveryDate}: {trackingUrl}',
	};
	// A noisy figure (it moved between 25,000 and 73,000 items/s across runs here): the median of five rounds.
	let segments = 0;
	const rates: number[] = [];
	for (let round = 0; round < 5; round++) {
		segments = 0;
		const started = performance.now();
		for (let i = 0; i < count; i++) {
			const data = items[i % items.length];
			segments += composeSms({ to: data.customer.phone, from: '+15005550006', data, variants, purpose: 'transactional', smartReplace: true, maxSegments: 3 }).segments;
		}
		rates.push(count / ((performance.now() - started) / 1000));
	}
	console.log(
		line(`sms compose (core: render + smart replace + analysis + cost), ${int(count)} items per round (${segments} segments), items/s`, spread(rates), int, {
			op: '≥',
			value: 50_000,
		}),
	);
}

function analysisComparison(rounds: number): void {
	let sameEncoding = 0;
	let sameSegments = 0;
	const differences: string[] = [];
	for (const c of SEGMENT_CASES) {
		const ours = analyzeSms(c.text, { smartReplace: c.smartReplace });
		const theirs = new SegmentedMessage(c.text, 'auto', Boolean(c.smartReplace));
		const theirSegments = c.text === '' ? 0 : theirs.segmentsCount;
		if (ours.encoding === theirs.encodingName) sameEncoding++;
		if (ours.segments === theirSegments) sameSegments++;
		if (ours.encoding !== theirs.encodingName || ours.segments !== theirSegments) differences.push(`${c.name} (${c.calculatorDiffers ?? 'undocumented'})`);
	}
	const n = SEGMENT_CASES.length;
	console.log(`sms analysis vs sms-segments-calculator (Twilio's library) on ${n} cases, no targets set (differences are listed with why):`);
	console.log(`  ${line('same encoding', sameEncoding, (x) => `${x}/${n}`)}; ${line('same segments', sameSegments, (x) => `${x}/${n}`)}`);
	for (const d of differences) console.log(`  differs: ${d}`);
	// Rounds alternate the two sides, so each round's ratio compares figures taken under the same load.
	const per = Math.max(1, Math.round(rounds / 5));
	const speed = { ours: [] as number[], theirs: [] as number[] };
	for (let round = 0; round < 5; round++) {
		let t = performance.now();
		for (let r = 0; r < per; r++) for (const c of SEGMENT_CASES) analyzeSms(c.text, { smartReplace: c.smartReplace });
		speed.ours.push(((per * n) / (performance.now() - t)) * 1000);
		t = performance.now();
		for (let r = 0; r < per; r++) for (const c of SEGMENT_CASES) void new SegmentedMessage(c.text, 'auto', Boolean(c.smartReplace)).segmentsCount;
		speed.theirs.push(((per * n) / (performance.now() - t)) * 1000);
	}
	console.log(`  ${line('analysis, ours, texts/s', spread(speed.ours), int)}`);
	console.log(`  ${line('analysis, sms-segments-calculator, texts/s', spread(speed.theirs), int)}`);
	console.log(`  ${line('ours vs sms-segments-calculator, × the texts per second', ratios(speed.ours, speed.theirs), (x) => `${fixed(1)(x)}×`)}`);
}
