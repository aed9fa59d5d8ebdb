import { configuredProviders, createProviderClient, detectCarrier, providerFor } from '../carriers';
import type { CarrierApiConfig, CarrierCode, ClientDeps, NormalizedTracking, ProviderClient, ProviderId, TrackRequest } from '../carriers';
import { DEFAULT_QUOTAS } from '../carriers/data/quotas';
import { RemoteError } from '../shared/errors';
import type { JourneyStore, ShipmentEvent, WatchedShipment } from '../store';
import { nextCheck, RETRY_AFTER_MS } from './cadence';
import { recordTracking } from './record';

/**
 * One poll of the Tracking Update Trigger: lease the watched shipments that are due, ask each provider about them
 * (batched where its API takes several numbers, within the call budgets every workflow shares through the store),
 * record what changed, mark missed promises as delayed, then hand this trigger the events it has not emitted yet.
 */

export interface PollInput {
	store: JourneyStore;
	config: CarrierApiConfig;
	/** This trigger: events are handed out once per scope (`<workflow id>:<node id>`). */
	scope: string;
	now: () => Date;
	deps?: ClientDeps;
	/** Shipments looked up per poll at most (the rest stay due for the next poll). */
	maxShipments?: number;
	quotas?: Partial<Record<ProviderId, Array<{ limit: number; windowMs: number }>>>;
	/** Extra checks after the carrier look-ups (stuck orders); their events are handed out with the rest. */
	afterChecks?: () => Promise<unknown>;
	maxEvents?: number;
	/** A fixed interval between look-ups of one parcel instead of the cadence by status. */
	everyMs?: number;
}

export interface PollReport {
	/** False without any carrier credential: nothing was asked, nothing is handed out. */
	configured: boolean;
	leased: number;
	requests: number;
	/** Look-ups answered per provider. */
	checked: number;
	changes: number;
	delayed: number;
	/** Shipments whose provider refused (budget spent, back-off, failure), retried later. */
	deferred: number;
	withoutProvider: number;
	failures: string[];
	events: ShipmentEvent[];
}

const BACKOFF_NAMESPACE = 'carrier-backoff';
const LEASE_MS = 10 * 60_000;

export async function pollTracking(input: PollInput): Promise<PollReport> {
	const report: PollReport = { configured: true, leased: 0, requests: 0, checked: 0, changes: 0, delayed: 0, deferred: 0, withoutProvider: 0, failures: [], events: [] };
	if (configuredProviders(input.config).length === 0) return { ...report, configured: false };
	const { store } = input;
	const now = input.now();
	const due = await store.shipments.leaseDue({ now, limit: input.maxShipments ?? 1000, leaseMs: LEASE_MS });
	report.leased = due.length;

	const byProvider = new Map<ProviderId, Array<{ shipment: WatchedShipment; request: TrackRequest }>>();
	for (const shipment of due) {
		const carrier = (shipment.carrier as CarrierCode | null) ?? detectCarrier(shipment.trackingNumber).best?.carrier ?? null;
		const provider = carrier ? providerFor(carrier, input.config) : null;
		if (!carrier || !provider) {
			// No provider can answer for this carrier with these credentials: look again in a day (keys may be added).
			report.withoutProvider++;
			await retryLater(store, shipment, now, 24 * 3_600_000);
			continue;
		}
		const list = byProvider.get(provider) ?? [];
		list.push({ shipment, request: { trackingNumber: shipment.trackingNumber, carrier, locale: localeOf(shipment) } });
		byProvider.set(provider, list);
	}

	// Providers are asked side by side: each has its own budget, so a slow one never holds up the others.
	await Promise.all([...byProvider].map(([provider, list]) => askProvider(input, report, provider, list, now)));

	report.delayed = (await store.shipments.markDelayed({ now, limit: 1000 })).length;
	await input.afterChecks?.();
	report.events = await store.shipments.deliver(input.scope, { now, limit: input.maxEvents ?? 500 });
	return report;
}

async function askProvider(
	input: PollInput,
	report: PollReport,
	provider: ProviderId,
	list: Array<{ shipment: WatchedShipment; request: TrackRequest }>,
	now: Date,
): Promise<void> {
	const { store } = input;
	const client = createProviderClient(provider, input.config, input.deps);
	const size = client.batchSize && client.trackMany ? client.batchSize : 1;
	let stopped = false;
	for (let i = 0; i < list.length; i += size) {
		const batch = list.slice(i, i + size);
		if (stopped || !(await mayCall(input, provider))) {
			stopped = true;
			report.deferred += batch.length;
			for (const { shipment } of batch) await retryLater(store, shipment, now, RETRY_AFTER_MS);
			continue;
		}
		report.requests++;
		let answers: Map<string, NormalizedTracking>;
		try {
			answers = await ask(client, batch.map((b) => b.request));
		} catch (error) {
			report.failures.push(error instanceof Error ? error.message : String(error));
			if (error instanceof RemoteError && error.httpCode === 429) {
				// The provider says stop: every workflow pauses this provider for a while (shared through the store).
				await store.cachePut(BACKOFF_NAMESPACE, provider, true, 60_000, now);
				stopped = true;
			}
			report.deferred += batch.length;
			for (const { shipment } of batch) await retryLater(store, shipment, now, RETRY_AFTER_MS);
			continue;
		}
		for (const { shipment } of batch) {
			const tracking = answers.get(shipment.trackingNumber.toUpperCase());
			if (!tracking) {
				await retryLater(store, shipment, now, RETRY_AFTER_MS);
				continue;
			}
			report.checked++;
			const event = await recordTracking(store, shipment, tracking, { source: `poll:${provider}`, now, everyMs: input.everyMs });
			if (event) report.changes++;
		}
	}
}

async function ask(client: ProviderClient, requests: TrackRequest[]): Promise<Map<string, NormalizedTracking>> {
	if (requests.length > 1 && client.trackMany) return client.trackMany(requests);
	const out = new Map<string, NormalizedTracking>();
	for (const r of requests) out.set(r.trackingNumber.toUpperCase(), await client.track(r));
	return out;
}

/** One call's worth of every budget of the provider, unless a 429 paused it; a full budget defers the rest. */
async function mayCall(input: PollInput, provider: ProviderId): Promise<boolean> {
	const now = input.now();
	if (await input.store.cacheGet<boolean>(BACKOFF_NAMESPACE, provider, now)) return false;
	for (const q of input.quotas?.[provider] ?? DEFAULT_QUOTAS[provider]) {
		if (await input.store.takeQuota(`carrier:${provider}:${q.windowMs}`, q.limit, q.windowMs, now)) continue;
		// A per-second budget is waited out once; anything longer is left to the next poll.
		if (q.windowMs > 2_000) return false;
		await new Promise((resolve) => setTimeout(resolve, q.windowMs - (now.getTime() % q.windowMs) + 5));
		if (!(await input.store.takeQuota(`carrier:${provider}:${q.windowMs}`, q.limit, q.windowMs, input.now()))) return false;
	}
	return true;
}

/** The next look-up `ms` from now; a watch past its maximum age is given up instead. */
async function retryLater(store: JourneyStore, shipment: WatchedShipment, now: Date, ms: number): Promise<void> {
	const next = nextCheck(null, false, shipment.watchedAt, now);
	await store.shipments.reschedule(shipment.trackingNumber, next.nextCheckAt ? new Date(now.getTime() + ms) : null, next.finishReason, now);
}

function localeOf(shipment: WatchedShipment): string | undefined {
	const customer = shipment.context.customer as { locale?: unknown } | undefined;
	return typeof customer?.locale === 'string' ? customer.locale : undefined;
}
