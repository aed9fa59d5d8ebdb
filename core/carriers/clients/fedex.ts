import { FEDEX_BY_DERIVED_CODE } from '../data/statusMaps';
import { buildTracking } from '../status';
import type { NormalizedTracking } from '../status';
import { providerHttp } from './http';
import { tokenSource, withToken } from './oauth';
import type { ClientDeps, ProviderClient, TrackRequest } from './types';
import { arr, event, joinPlace, obj, str, window } from './util';

/** FedEx Track API v1 with OAuth client credentials (form body on the token call). */
export function fedexClient(clientId: string, clientSecret: string, baseUrl: string, deps: ClientDeps = {}): ProviderClient {
	const http = providerHttp('FedEx', baseUrl, deps);
	const tokens = tokenSource('FedEx', http, clientId, clientSecret, async (h, id, secret) => {
		const res = await h.request<{ access_token?: string; expires_in?: number }>({
			method: 'POST',
			path: '/oauth/token',
			form: { grant_type: 'client_credentials', client_id: id, client_secret: secret },
		});
		return res.body;
	});
	return {
		id: 'fedex',
		async track(req: TrackRequest): Promise<NormalizedTracking> {
			const res = await withToken(tokens, (token) =>
				http.request({
					method: 'POST',
					path: '/track/v1/trackingnumbers',
					headers: { authorization: `Bearer ${token}`, 'x-locale': (req.locale ?? 'en-US').replace('-', '_') },
					json: { includeDetailedScans: true, trackingInfo: [{ trackingNumberInfo: { trackingNumber: req.trackingNumber } }] },
				}),
			);
			return mapFedex(res.body);
		},
	};
}

export function mapFedex(body: unknown): NormalizedTracking {
	const complete = arr(obj(obj(body).output).completeTrackResults)[0] ?? {};
	const result = arr(complete.trackResults)[0];
	if (!result) return buildTracking({ status: 'Pending', subStatus: 'not_found' });
	const error = obj(result.error);
	if (str(error.code)) return buildTracking({ status: 'Pending', subStatus: 'not_found', code: str(error.code), text: str(error.message) });
	const latest = obj(result.latestStatusDetail);
	const derived = str(latest.derivedCode) ?? str(latest.code);
	const [status, sub] = (derived && FEDEX_BY_DERIVED_CODE[derived]) || ['InTransit', null];
	const events = arr(result.scanEvents).map((e) => {
		const loc = obj(e.scanLocation);
		return event(e.date, joinPlace(loc.city, loc.countryCode), e.eventDescription, e.derivedStatusCode ?? e.eventType);
	});
	const times = arr(result.dateAndTimes);
	const estimated = times.find((t) => t.type === 'ESTIMATED_DELIVERY') ?? times.find((t) => t.type === 'COMMITMENT');
	const win = obj(obj(result.estimatedDeliveryTimeWindow).window);
	return buildTracking({
		status,
		subStatus: sub,
		code: derived,
		text: str(latest.description) ?? str(latest.statusByLocale),
		events,
		carrierEstimate: status === 'Delivered' ? null : (window(win.begins, win.ends) ?? window(estimated?.dateTime, estimated?.dateTime)),
	});
}
