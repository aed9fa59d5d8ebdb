import { RemoteError } from '../../shared/errors';
import { createProviderClient } from './index';
import type { CarrierApiConfig, ClientDeps, ProviderId } from './types';

/** A real, harmless lookup per configured provider, for the credential test. */
const PROBES: Record<ProviderId, { number: string; carrier: 'dhl' | 'ups' | 'fedex' | 'usps' | 'dpd' }> = {
	dhl: { number: '00340434525181200082', carrier: 'dhl' },
	ups: { number: '1Z5R89390357567127', carrier: 'ups' },
	fedex: { number: '986578788855', carrier: 'fedex' },
	usps: { number: '9400111201080805483016', carrier: 'usps' },
	aftership: { number: '01015026003653', carrier: 'dpd' },
	'17track': { number: '01015026003653', carrier: 'dpd' },
};

export function configuredProviders(config: CarrierApiConfig): ProviderId[] {
	const set = (v?: string) => typeof v === 'string' && v.trim() !== '';
	const out: ProviderId[] = [];
	if (set(config.dhlApiKey)) out.push('dhl');
	if (set(config.upsClientId) && set(config.upsClientSecret)) out.push('ups');
	if (set(config.fedexClientId) && set(config.fedexClientSecret)) out.push('fedex');
	if (set(config.uspsClientId) && set(config.uspsClientSecret)) out.push('usps');
	if (set(config.aftershipApiKey)) out.push('aftership');
	if (set(config.seventeenTrackApiKey)) out.push('17track');
	return out;
}

/** Checks every configured provider; authentication failures are reported, "not found" answers count as success. */
export async function testCarrierApi(config: CarrierApiConfig, deps: ClientDeps = {}): Promise<{ ok: boolean; message: string }> {
	const providers = configuredProviders(config);
	if (providers.length === 0) return { ok: false, message: 'No carrier key is filled in.' };
	const failures: string[] = [];
	for (const id of providers) {
		try {
			await createProviderClient(id, config, { retries: 0, ...deps }).track({ trackingNumber: PROBES[id].number, carrier: PROBES[id].carrier });
		} catch (error) {
			if (error instanceof RemoteError && error.httpCode !== undefined && error.httpCode !== 401 && error.httpCode !== 403) continue;
			failures.push(error instanceof Error ? error.message : String(error));
		}
	}
	return failures.length ? { ok: false, message: failures.join('; ') } : { ok: true, message: `Connected: ${providers.join(', ')}` };
}
