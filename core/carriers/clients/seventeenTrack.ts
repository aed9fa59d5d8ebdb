import { RemoteError } from '../../shared/errors';
import { SEVENTEEN_MAIN, SEVENTEEN_SUB } from '../data/statusMaps';
import { buildTracking } from '../status';
import type { NormalizedTracking } from '../status';
import type { CarrierCode } from '../types';
import { providerHttp } from './http';
import type { ClientDeps, ProviderClient, TrackRequest } from './types';
import { arr, event, obj, str, window } from './util';

/** 17TRACK's numeric carrier codes for the carriers where we know them; others use its auto-detection. */
const CARRIER_CODES: Partial<Record<CarrierCode, number>> = { dhl_express: 100001, ups: 100002, fedex: 100003, usps: 21051 };

/**
 * 17TRACK API v2.2: POST JSON with the `17token` header. A number must be registered once (one unit of quota)
 * before `gettrackinfo` answers; an unregistered number is registered and reported as Pending.
 */
export function seventeenTrackClient(apiKey: string, baseUrl: string, deps: ClientDeps = {}): ProviderClient {
	const http = providerHttp('17TRACK', baseUrl, deps, { '17token': apiKey });
	return {
		id: '17track',
		// gettrackinfo and register take up to 40 numbers per call.
		batchSize: 40,
		async trackMany(reqs: TrackRequest[]): Promise<Map<string, NormalizedTracking>> {
			const items = reqs.map((req) => ({ number: req.trackingNumber, ...(CARRIER_CODES[req.carrier] ? { carrier: CARRIER_CODES[req.carrier] } : {}) }));
			const info = obj((await http.request({ method: 'POST', path: '/gettrackinfo', json: items })).body);
			checkCode(info);
			const out = new Map<string, NormalizedTracking>();
			for (const accepted of arr(obj(info.data).accepted)) {
				const number = str(accepted.number);
				if (number) out.set(number.toUpperCase(), map17(accepted));
			}
			// Numbers 17TRACK does not know yet are registered in one call and report Pending until events arrive.
			const unknown = items.filter((i) => !out.has(i.number.toUpperCase()));
			if (unknown.length) {
				const registered = obj(
					(await http.request({ method: 'POST', path: '/register', json: unknown.map((i) => ('carrier' in i ? i : { ...i, auto_detection: true })) })).body,
				);
				checkCode(registered);
				for (const ok of arr(obj(registered.data).accepted)) {
					const number = str(ok.number);
					if (number) out.set(number.toUpperCase(), buildTracking({ status: 'Pending', subStatus: 'not_found', text: 'Registered with 17TRACK; no events yet' }));
				}
			}
			return out;
		},
		async track(req: TrackRequest): Promise<NormalizedTracking> {
			const carrier = CARRIER_CODES[req.carrier];
			const item = { number: req.trackingNumber, ...(carrier ? { carrier } : {}) };
			const info = obj((await http.request({ method: 'POST', path: '/gettrackinfo', json: [item] })).body);
			checkCode(info);
			const accepted = arr(obj(info.data).accepted)[0];
			if (accepted) return map17(accepted);
			const rejected = arr(obj(info.data).rejected)[0];
			const error = obj(rejected?.error);
			const registered = obj(
				(await http.request({ method: 'POST', path: '/register', json: [{ ...item, ...(carrier ? {} : { auto_detection: true }) }] })).body,
			);
			checkCode(registered);
			const refused = arr(obj(registered.data).rejected)[0];
			if (refused) {
				const e = obj(refused.error);
				throw new RemoteError('17TRACK', `17TRACK did not accept the number: ${str(e.message) ?? 'unknown reason'}`, { providerCode: str(e.code) ?? undefined });
			}
			return buildTracking({ status: 'Pending', subStatus: 'not_found', code: str(error.code), text: 'Registered with 17TRACK; no events yet' });
		},
	};
}

function checkCode(body: Record<string, unknown>): void {
	const code = Number(body.code ?? 0);
	if (code !== 0) {
		const message = str(arr(obj(body.data).errors)[0]?.message) ?? `error code ${code}`;
		throw new RemoteError('17TRACK', `17TRACK refused the request: ${message}`, { providerCode: code, retryable: false });
	}
}

export function map17(item: Record<string, unknown>): NormalizedTracking {
	const info = obj(item.track_info);
	const latest = obj(info.latest_status);
	const main = str(latest.status) ?? 'NotFound';
	const sub = str(latest.sub_status);
	const status = SEVENTEEN_MAIN[main] ?? 'InTransit';
	const providers = arr(obj(info.tracking).providers);
	const events = providers.flatMap((p) => arr(p.events)).map((e) => event(e.time_iso ?? e.time_utc, str(e.location), e.description, e.sub_status ?? e.stage));
	const eta = obj(obj(info.time_metrics).estimated_delivery_date);
	return buildTracking({
		status,
		subStatus: sub ? (SEVENTEEN_SUB[sub] ?? null) : null,
		code: sub ?? main,
		text: str(obj(info.latest_event).description) ?? main,
		events,
		carrierEstimate: status === 'Delivered' ? null : window(eta.from, eta.to),
	});
}
