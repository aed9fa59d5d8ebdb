import { CoreError, InputError } from '../shared/errors';
import type { JourneyStore } from '../store';
import { createProviderClient, providerFor } from './clients';
import type { CarrierApiConfig, ClientDeps, ProviderClient, ProviderId } from './clients';
import { CARRIERS } from './data/carriers';
import { DEFAULT_QUOTAS } from './data/quotas';
import { detectCarrier } from './detect';
import { buildTracking, unknownTracking } from './status';
import type { NormalizedTracking, SubStatus, TrackingStatus } from './status';
import { trackingUrl } from './trackingUrl';
import type { CarrierCode } from './types';

export const STATUS_CACHE_NAMESPACE = 'carrier-status';
export const LAST_STATUS_NAMESPACE = 'carrier-last-status';

export interface StatusRequest {
	trackingNumber: string;
	/** Our carrier code, or a shop's carrier name used as a hint for detection. */
	carrier?: string;
	shopCountry?: string;
	locale?: string;
	postalCode?: string;
}

export interface StatusOptions {
	config: CarrierApiConfig;
	store?: JourneyStore | null;
	deps?: ClientDeps;
	now?: () => Date;
	/** How long an answer is reused before the provider is asked again; default 15 minutes, 0 = never cache. */
	cacheTtlMs?: number;
	quotas?: Partial<Record<ProviderId, Array<{ limit: number; windowMs: number }>>>;
	/** Clients built earlier in the same execution, reused across items. */
	clients?: Map<ProviderId, ProviderClient>;
}

export interface StatusResult extends NormalizedTracking {
	trackingNumber: string;
	carrier: { code: CarrierCode; name: string; confidence: number } | null;
	trackingUrl: string | null;
	provider: ProviderId | null;
	fromCache: boolean;
	checkedAt: string;
	changed: boolean;
	previousStatus: TrackingStatus | 'unknown' | null;
	previousSubStatus: SubStatus | null;
}

interface LastKnown {
	status: TrackingStatus | 'unknown';
	subStatus: SubStatus | null;
	lastEventTime: string | null;
	at: string;
}

function resolveCarrier(req: StatusRequest) {
	const hint = (req.carrier ?? '').trim();
	const direct = hint in CARRIERS ? (hint as CarrierCode) : null;
	const detected = detectCarrier(req.trackingNumber, { carrierHint: direct ? CARRIERS[direct].name : hint, shopCountry: req.shopCountry });
	if (!detected.normalized) throw new InputError('The tracking number is empty', 'trackingNumber', 'Map the shipment tracking number into "Tracking Number".');
	const best = direct ? (detected.candidates.find((c) => c.carrier === direct) ?? null) : detected.best;
	return { detected, best, code: direct ?? best?.carrier ?? null };
}

/**
 * Live status for one number: detect the carrier, pick the provider, honour the shared per-provider quota, reuse a
 * cached answer, normalize, and compare with the last known status for change detection.
 */
export async function getTrackingStatus(req: StatusRequest, options: StatusOptions): Promise<StatusResult> {
	const now = options.now ?? (() => new Date());
	const { detected, best, code } = resolveCarrier(req);
	const number = best?.trackingNumber ?? detected.normalized;
	const provider = code ? providerFor(code, options.config) : null;
	let tracking: NormalizedTracking = unknownTracking();
	let fromCache = false;
	if (provider) {
		const cacheKey = `${provider}:${number}`;
		const ttl = options.cacheTtlMs ?? 15 * 60_000;
		const cached = ttl > 0 && options.store ? await options.store.cacheGet<NormalizedTracking>(STATUS_CACHE_NAMESPACE, cacheKey, now()) : null;
		if (cached) {
			tracking = cached;
			fromCache = true;
		} else {
			if (options.store) {
				for (const q of options.quotas?.[provider] ?? DEFAULT_QUOTAS[provider]) {
					if (!(await takeOrWait(options.store, `carrier:${provider}:${q.windowMs}`, q, now, options.deps?.sleep))) {
						throw new CoreError('rate_limited', `The ${provider.toUpperCase()} call budget (${q.limit} per ${humanWindow(q.windowMs)}) is used up`, {
							hint: 'Check less often, or raise the provider quota; the budget is shared by all workflows.',
						});
					}
				}
			}
			let client = options.clients?.get(provider);
			if (!client) {
				client = createProviderClient(provider, options.config, options.deps);
				options.clients?.set(provider, client);
			}
			tracking = await client.track({
				trackingNumber: number,
				carrier: code!,
				service: best?.service,
				locale: req.locale,
				postalCode: req.postalCode,
			});
			if (ttl > 0 && options.store) await options.store.cachePut(STATUS_CACHE_NAMESPACE, cacheKey, tracking, ttl, now());
		}
	}
	const change = await compareWithLast(number, tracking, options.store ?? null, now());
	return {
		...tracking,
		trackingNumber: number,
		carrier: code ? { code, name: best?.carrierName ?? CARRIERS[code].name, confidence: best?.confidence ?? 0 } : null,
		trackingUrl: code ? trackingUrl(code, number, { locale: req.locale }) : null,
		provider,
		fromCache,
		checkedAt: now().toISOString(),
		...change,
	};
}

/** Compares with the last status stored for the number and stores the new one (only real statuses). */
export async function compareWithLast(
	number: string,
	tracking: Pick<NormalizedTracking, 'status' | 'subStatus' | 'lastEvent'>,
	store: JourneyStore | null,
	at: Date,
): Promise<{ changed: boolean; previousStatus: StatusResult['previousStatus']; previousSubStatus: SubStatus | null }> {
	if (!store) return { changed: false, previousStatus: null, previousSubStatus: null };
	const last = await store.cacheGet<LastKnown>(LAST_STATUS_NAMESPACE, number, at);
	const changed =
		tracking.status !== 'unknown' &&
		(!last || last.status !== tracking.status || last.subStatus !== tracking.subStatus);
	if (tracking.status !== 'unknown' && (changed || (tracking.lastEvent?.time ?? null) !== (last?.lastEventTime ?? null))) {
		const value: LastKnown = { status: tracking.status, subStatus: tracking.subStatus, lastEventTime: tracking.lastEvent?.time ?? null, at: at.toISOString() };
		// Kept for 180 days: longer than any parcel journey, short enough to forget old numbers.
		await store.cachePut(LAST_STATUS_NAMESPACE, number, value, 180 * 86_400_000, at);
	}
	return { changed, previousStatus: last?.status ?? null, previousSubStatus: last?.subStatus ?? null };
}

/** Short windows (per second) are waited out, up to ~10 s; a full daily or hourly budget fails at once. */
async function takeOrWait(
	store: JourneyStore,
	name: string,
	quota: { limit: number; windowMs: number },
	now: () => Date,
	sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<boolean> {
	const tries = quota.windowMs <= 10_000 ? Math.max(1, Math.ceil(10_000 / quota.windowMs)) : 0;
	for (let i = 0; ; i++) {
		if (await store.takeQuota(name, quota.limit, quota.windowMs, now())) return true;
		if (i >= tries) return false;
		await sleep(Math.min(quota.windowMs, 1_000));
	}
}

function humanWindow(ms: number): string {
	if (ms >= 86_400_000) return `${ms / 86_400_000} day(s)`;
	if (ms >= 3_600_000) return `${ms / 3_600_000} hour(s)`;
	return `${ms / 1000} second(s)`;
}

export { buildTracking };
