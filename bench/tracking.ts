/**
 * One poll of the Tracking Update Trigger over 50,000 watched shipments against the local carrier stand-in with a rate
 * limit (100 requests per second per provider, answered 429 beyond): requests spent, duration, changes found.
 * Mix: 5,000 DHL parcels (DHL's own API, one number per request) and 45,000 DPD parcels via 17TRACK (40 per request).
 * A first poll learns every status; then 10 % of the parcels move and the measured poll finds those changes.
 * No target is set for this bench, so every figure says "(no target)"; the polls take about a minute each at these
 * rate limits, so each is one run (said so). TRACKING_BENCH_SHIPMENTS sets another size.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openStore } from '../core/store';
import { pollTracking } from '../core/tracking';
import { startCarrierServer } from '../tests/support/carrierServer';
import type { Provider } from '../tests/support/carrierServer';
import { fixed, int, line, spread } from './lib/report';

const PER_SECOND = 100;

export async function run(): Promise<void> {
	const total = Number(process.env.TRACKING_BENCH_SHIPMENTS ?? 50_000);
	const server = await startCarrierServer();
	for (const p of ['dhl', '17track', 'aftership'] as Provider[]) server.setRateLimit(p, PER_SECOND);
	const dir = mkdtempSync(join(tmpdir(), 'pp-bench-tracking-'));
	const store = await openStore({ backend: 'sqlite', path: join(dir, 'journey.sqlite') });
	try {
		const dhl = Math.round(total * 0.1);
		const numbers: Array<{ n: string; carrier: string }> = [];
		for (let i = 0; i < total; i++) {
			const carrier = i < dhl ? 'dhl' : 'dpd';
			numbers.push({ n: `BENCH${String(i).padStart(8, '0')}`, carrier });
		}
		const t0 = Date.now();
		for (const { n, carrier } of numbers) {
			await store.shipments.watch({ trackingNumber: n, carrier, firstCheckAt: new Date(t0) });
			server.move(n, 'transit');
		}
		const config = { dhlApiKey: 'k', dhlBaseUrl: `${server.url}/dhl`, seventeenTrackApiKey: 'k', seventeenTrackBaseUrl: `${server.url}/17track`, aggregator: '17track' as const };
		// Our shared budget at 90 % of the provider's limit: requests sent at the end of one second may arrive in the next.
		const budget = [{ limit: Math.floor(PER_SECOND * 0.9), windowMs: 1000 }];
		const quotas = { dhl: budget, '17track': budget, aftership: budget };
		const pollAll = async (at: number) => {
			const before = { ...server.requests };
			const limited = { ...server.rateLimited };
			const started = performance.now();
			// The poll's clock starts at `at` and runs in real time (budgets per second are waited out on it).
			const offset = Math.round((at - Date.now()) / 1000) * 1000; // whole seconds: our budget windows match the stand-in's
			const r = await pollTracking({ store, config, scope: 'bench', now: () => new Date(Date.now() + offset), maxShipments: total, deps: { retries: 0 }, quotas, everyMs: 60_000 });
			const { checked, changes, deferred } = r;
			const ms = performance.now() - started;
			const spent = (p: Provider) => server.requests[p] - before[p];
			return { ms, checked, changes, deferred, spent, limited: (p: Provider) => server.rateLimited[p] - limited[p] };
		};
		const first = await pollAll(t0 + 1);
		console.log(`first poll (learns ${total} statuses; one run): ${line('duration (s)', spread([first.ms / 1000]), fixed(1))}, checked ${first.checked}, deferred ${first.deferred}, 429s ${first.limited('dhl') + first.limited('17track')}`);
		// 10 % of the parcels move on; every parcel is due again (fixed one-minute interval).
		let moved = 0;
		for (let i = 0; i < numbers.length; i += 10) {
			server.move(numbers[i].n, 'out_for_delivery');
			moved++;
		}
		const second = await pollAll(t0 + 10 * 60_000);
		// One poll takes about a minute at these rate limits, so it is one run; no target is set for it.
		console.log(`measured poll over ${total} watched shipments (rate limit ${PER_SECOND} requests/s per provider; budget 90/s shared through the store), one run:`);
		console.log(`  ${line('duration (s)', spread([second.ms / 1000]), fixed(1))}`);
		console.log(`  ${line('requests spent, DHL (1 number each)', second.spent('dhl'), int)}`);
		console.log(`  ${line('requests spent, 17TRACK (up to 40 numbers each)', second.spent('17track'), int)}`);
		console.log(`  ${line('answered 429 (DHL + 17TRACK)', second.limited('dhl') + second.limited('17track'), int)}`);
		console.log(`  ${line('parcels checked', second.checked, int)} (deferred to a later poll: ${second.deferred})`);
		console.log(`  ${line(`changes found, of ${moved} moved parcels`, second.changes, int)}`);
	} finally {
		await store.close();
		await server.close();
		rmSync(dir, { recursive: true, force: true });
	}
}
