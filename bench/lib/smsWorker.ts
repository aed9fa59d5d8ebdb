/**
 * One sending process for the shared-rate bench (`bench/sms.ts`): opens the journey store from the config it is
 * given, sends its share of the messages through the account's shared rate, and prints one JSON line with what it did.
 */
import { createTwilioClient, mapConcurrent, SmsSender } from '../../core/sms';
import { openStore } from '../../core/store';
import type { StoreConfig } from '../../core/store';

interface Job {
	store: StoreConfig;
	credentials: Parameters<typeof createTwilioClient>[0];
	account: string;
	rate: number;
	first: number;
	count: number;
}

async function main(): Promise<void> {
	const job = JSON.parse(process.argv[2]) as Job;
	const store = await openStore(job.store);
	try {
		const client = createTwilioClient(job.credentials);
		const sender = new SmsSender({ client, store, messagesPerSecond: job.rate, shareRateAs: job.account });
		const startedAt = Date.now();
		const results = await mapConcurrent(job.count, SmsSender.concurrencyFor(job.rate), (i) =>
			sender.send({
				to: `+4916${String(100_000_000 + job.first + i)}`,
				body: `Worker-Nachricht ${job.first + i}`,
				from: '+15005550006',
				journeyStep: 'bench_shared_rate',
				purpose: 'transactional',
				segments: 1,
				encoding: 'GSM-7',
			}),
		);
		const failed = results.filter((r) => !r.ok || r.value.outcome !== 'sent').length;
		console.log(JSON.stringify({ startedAt, endedAt: Date.now(), failed, throttled: sender.stats.throttled }));
	} finally {
		await store.close();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
