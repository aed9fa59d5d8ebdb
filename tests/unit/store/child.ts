/**
 * A second (and third) process for the store contract tests. Talks to the parent over IPC:
 * argv[2] = JSON { action, config, ... }; sends { ready: true } once set up, waits for 'go' where the race needs a
 * common start, and sends its result. Prints nothing (subjects must never be logged).
 */
import { DatabaseSync } from 'node:sqlite';
import { Client } from 'pg';
import { openStore } from '../../../core/store';
import type { StoreConfig } from '../../../core/store';

interface Job {
	action: 'claimers' | 'migrate' | 'pollers' | 'cartPollers' | 'crash-raw' | 'crash-loop' | 'shipment-race';
	numbers?: string[];
	scope?: string;
	config: StoreConfig;
	key?: string;
	count?: number;
	kind?: string;
	prefix?: string;
	now?: number;
}

const job = JSON.parse(process.argv[2]) as Job;

function send(message: unknown): Promise<void> {
	return new Promise((resolve) => process.send!(message, () => resolve()));
}

function waitForGo(): Promise<void> {
	return new Promise((resolve) => process.once('message', () => resolve()));
}

async function main(): Promise<void> {
	switch (job.action) {
		case 'migrate': {
			await send({ ready: true });
			await waitForGo();
			const store = await openStore(job.config);
			const version = await store.schemaVersion();
			const hash = (await store.exportSubject('race@example.com')).subjectHash;
			await store.close();
			await send({ version, hash });
			break;
		}
		case 'claimers': {
			const store = await openStore(job.config);
			await send({ ready: true });
			await waitForGo();
			const results = await Promise.all(Array.from({ length: job.count ?? 50 }, () => store.claim(job.key!, 60_000)));
			await store.close();
			await send({ wins: results.filter(Boolean).length });
			break;
		}
		case 'pollers': {
			const store = await openStore(job.config);
			await send({ ready: true });
			await waitForGo();
			const keys: string[] = [];
			const batches = await Promise.all(
				Array.from({ length: job.count ?? 10 }, () => store.claimDue(job.kind!, { limit: 7, leaseMs: 60_000 })),
			);
			for (const batch of batches) for (const item of batch) keys.push(item.key);
			await store.close();
			await send({ keys });
			break;
		}
		case 'cartPollers': {
			// Cart reminders: each poll emits `token:step`; the parent checks no step comes out twice.
			const store = await openStore(job.config);
			await send({ ready: true });
			await waitForGo();
			const schedule = [3_600_000, 86_400_000, 259_200_000];
			const batches = await Promise.all(
				Array.from({ length: job.count ?? 10 }, () => store.carts.poll(job.kind!, { schedule, maxAgeMs: null, limit: 7, now: new Date(job.now!) })),
			);
			const keys = batches.flat().filter((c) => c.emit).map((c) => `${c.token}:${c.step}`);
			await store.close();
			await send({ keys });
			break;
		}
		case 'shipment-race': {
			// Records the same change of every number (as a push and a poll would) and takes the scope's events.
			const store = await openStore(job.config);
			await send({ ready: true });
			await waitForGo();
			const recorded: string[] = [];
			for (const number of job.numbers ?? []) {
				const event = await store.shipments.recordStatus(number, { status: 'OutForDelivery', subStatus: null, group: 'out_for_delivery', source: `pid-${process.pid}`, nextCheckAt: null });
				if (event) recorded.push(event.id);
			}
			const delivered: string[] = [];
			for (let i = 0; i < 5; i++) for (const e of await store.shipments.deliver(job.scope!, { limit: 7 })) delivered.push(e.id);
			await store.close();
			await send({ recorded, delivered });
			break;
		}
		case 'crash-raw': {
			// Writes two rows inside one open transaction, reports "mid", then hangs until killed.
			const now = Date.now();
			if (job.config.backend === 'sqlite') {
				const db = new DatabaseSync(job.config.path, { timeout: 10_000 });
				db.exec('BEGIN IMMEDIATE');
				db.prepare('INSERT INTO claims (key, claimed_at, expires_at) VALUES (?, ?, NULL)').run(job.key!, now);
				db.prepare(
					`INSERT INTO suppressions (subject_hash, channel, subject, reason, source, at, evidence)
					VALUES (?, 'email', NULL, 'stop', 'crash', ?, '{}')`,
				).run(job.key!, now);
				await send({ mid: true });
			} else {
				const c = job.config;
				const client = new Client({ host: c.host, port: c.port, database: c.database, user: c.user, password: c.password, options: `-c search_path=${c.schema ?? 'public'}` });
				await client.connect();
				await client.query('BEGIN');
				await client.query('INSERT INTO claims (key, claimed_at, expires_at) VALUES ($1, $2, NULL)', [job.key, now]);
				await client.query(
					`INSERT INTO suppressions (subject_hash, channel, subject, reason, source, at, evidence)
					VALUES ($1, 'email', NULL, 'stop', 'crash', $2, '{}')`,
					[job.key, now],
				);
				await send({ mid: true });
			}
			setInterval(() => undefined, 1000);
			break;
		}
		case 'crash-loop': {
			// Real multi-statement work (erasure) in a tight loop until the parent kills the process.
			const store = await openStore(job.config);
			await send({ ready: true });
			for (let i = 0; ; i++) {
				const subject = `${job.prefix}${i}@example.com`;
				await store.appendConsent({ subject, channel: 'email', purpose: 'marketing', status: 'opted_in', legalBasis: 'consent', source: 'crash', evidence: { ip: '192.0.2.1' } });
				await store.logMessage({ subject, channel: 'email', purpose: 'marketing', journeyStep: 'crash', status: 'sent' });
				await store.logMessage({ subject, channel: 'email', purpose: 'marketing', journeyStep: 'crash', status: 'sent' });
				await store.eraseSubject(subject);
				if (i === 5) await send({ progressed: true });
			}
		}
	}
}

main().then(
	() => process.exit(0),
	async (error: unknown) => {
		await send({ error: error instanceof Error ? error.message : String(error) });
		process.exit(1);
	},
);
