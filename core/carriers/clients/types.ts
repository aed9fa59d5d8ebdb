import type { FetchLike } from '../../shared/http';
import type { NormalizedTracking } from '../status';
import type { CarrierCode } from '../types';

export type ProviderId = 'dhl' | 'aftership' | '17track' | 'ups' | 'fedex' | 'usps';

/** What the `postPurchaseCarrierApi` credential holds; every key is optional. */
export interface CarrierApiConfig {
	dhlApiKey?: string;
	dhlBaseUrl?: string;
	aftershipApiKey?: string;
	aftershipBaseUrl?: string;
	/** Signs AfterShip's webhook pushes (HMAC-SHA256, base64). */
	aftershipWebhookSecret?: string;
	seventeenTrackApiKey?: string;
	seventeenTrackBaseUrl?: string;
	upsClientId?: string;
	upsClientSecret?: string;
	upsBaseUrl?: string;
	fedexClientId?: string;
	fedexClientSecret?: string;
	fedexBaseUrl?: string;
	uspsClientId?: string;
	uspsClientSecret?: string;
	uspsBaseUrl?: string;
	/** Which aggregator handles carriers without their own API (DPD, GLS, Hermes …). */
	aggregator?: 'none' | 'aftership' | '17track';
}

export const DEFAULT_BASE_URLS: Record<ProviderId, string> = {
	dhl: 'https://api-eu.dhl.com',
	aftership: 'https://api.aftership.com/tracking/2025-07',
	'17track': 'https://api.17track.net/track/v2.2',
	ups: 'https://onlinetools.ups.com',
	fedex: 'https://apis.fedex.com',
	usps: 'https://apis.usps.com',
};

export interface TrackRequest {
	trackingNumber: string;
	carrier: CarrierCode;
	/** DHL Unified `service` (parcel-de, express …). */
	service?: string;
	/** Customer locale (BCP 47), for event texts where the provider translates. */
	locale?: string;
	/** Recipient postal code; DHL returns more detail with it. */
	postalCode?: string;
}

export interface ClientDeps {
	fetch?: FetchLike;
	timeoutMs?: number;
	retries?: number;
	backoffMs?: number;
	sleep?: (ms: number) => Promise<void>;
}

export interface ProviderClient {
	readonly id: ProviderId;
	track(request: TrackRequest): Promise<NormalizedTracking>;
	/** Numbers per request where the API takes several (17TRACK 40, AfterShip 50, FedEx 30); absent = one at a time. */
	readonly batchSize?: number;
	/**
	 * Several numbers in one request (at most `batchSize`), keyed by tracking number; a number the provider did not
	 * answer for is absent (it is asked again next time).
	 */
	trackMany?(requests: TrackRequest[]): Promise<Map<string, NormalizedTracking>>;
}
