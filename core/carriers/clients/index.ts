import type { CarrierCode } from '../types';
import { aftershipClient } from './aftership';
import { dhlClient } from './dhl';
import { fedexClient } from './fedex';
import { seventeenTrackClient } from './seventeenTrack';
import { DEFAULT_BASE_URLS } from './types';
import type { CarrierApiConfig, ClientDeps, ProviderClient, ProviderId } from './types';
import { upsClient } from './ups';
import { uspsClient } from './usps';

export { clearTokenCache } from './oauth';
export { DEFAULT_BASE_URLS } from './types';
export type { CarrierApiConfig, ClientDeps, ProviderClient, ProviderId, TrackRequest } from './types';

const base = (value: string | undefined, id: ProviderId): string => (value && value.trim() ? value.trim() : DEFAULT_BASE_URLS[id]);
const has = (...values: Array<string | undefined>): boolean => values.every((v) => typeof v === 'string' && v.trim() !== '');

/** The carrier's own API when its keys are set, else the configured aggregator, else null (URL only). */
export function providerFor(carrier: CarrierCode, config: CarrierApiConfig): ProviderId | null {
	if ((carrier === 'dhl' || carrier === 'dhl_express' || carrier === 'deutsche_post') && has(config.dhlApiKey)) return 'dhl';
	if (carrier === 'ups' && has(config.upsClientId, config.upsClientSecret)) return 'ups';
	if (carrier === 'fedex' && has(config.fedexClientId, config.fedexClientSecret)) return 'fedex';
	if (carrier === 'usps' && has(config.uspsClientId, config.uspsClientSecret)) return 'usps';
	if (config.aggregator === 'aftership' && has(config.aftershipApiKey)) return 'aftership';
	if (config.aggregator === '17track' && has(config.seventeenTrackApiKey)) return '17track';
	return null;
}

/** Builds the client for a provider; callers build each one once per execution. */
export function createProviderClient(id: ProviderId, config: CarrierApiConfig, deps: ClientDeps = {}): ProviderClient {
	switch (id) {
		case 'dhl':
			return dhlClient(config.dhlApiKey ?? '', base(config.dhlBaseUrl, id), deps);
		case 'ups':
			return upsClient(config.upsClientId ?? '', config.upsClientSecret ?? '', base(config.upsBaseUrl, id), deps);
		case 'fedex':
			return fedexClient(config.fedexClientId ?? '', config.fedexClientSecret ?? '', base(config.fedexBaseUrl, id), deps);
		case 'usps':
			return uspsClient(config.uspsClientId ?? '', config.uspsClientSecret ?? '', base(config.uspsBaseUrl, id), deps);
		case 'aftership':
			return aftershipClient(config.aftershipApiKey ?? '', base(config.aftershipBaseUrl, id), deps);
		case '17track':
			return seventeenTrackClient(config.seventeenTrackApiKey ?? '', base(config.seventeenTrackBaseUrl, id), deps);
	}
}
