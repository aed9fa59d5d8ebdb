import { USPS_BY_CATEGORY } from '../data/statusMaps';
import { buildTracking } from '../status';
import type { NormalizedTracking } from '../status';
import { providerHttp } from './http';
import { tokenSource, withToken } from './oauth';
import type { ClientDeps, ProviderClient, TrackRequest } from './types';
import { arr, event, joinPlace, obj, str, window } from './util';

/** USPS Tracking v3 with OAuth client credentials (needs the separately approved `tracking` scope). */
export function uspsClient(clientId: string, clientSecret: string, baseUrl: string, deps: ClientDeps = {}): ProviderClient {
	const http = providerHttp('USPS', baseUrl, deps);
	const tokens = tokenSource('USPS', http, clientId, clientSecret, async (h, id, secret) => {
		const res = await h.request<{ access_token?: string; expires_in?: number }>({
			method: 'POST',
			path: '/oauth2/v3/token',
			json: { grant_type: 'client_credentials', client_id: id, client_secret: secret, scope: 'tracking' },
		});
		return res.body;
	});
	return {
		id: 'usps',
		async track(req: TrackRequest): Promise<NormalizedTracking> {
			const res = await withToken(tokens, (token) =>
				http.request({
					path: `/tracking/v3/tracking/${encodeURIComponent(req.trackingNumber)}`,
					query: { expand: 'DETAIL' },
					headers: { authorization: `Bearer ${token}` },
					allowStatus: [404],
				}),
			);
			if (res.status === 404) return buildTracking({ status: 'Pending', subStatus: 'not_found', text: 'Tracking number not found yet' });
			return mapUsps(res.body);
		},
	};
}

export function mapUsps(body: unknown): NormalizedTracking {
	const b = obj(body);
	const category = (str(b.statusCategory) ?? '').toLowerCase();
	const [status, sub] = USPS_BY_CATEGORY[category] ?? (category ? ['InTransit', null] : ['Pending', null]);
	const events = arr(b.trackingEvents).map((e) => event(e.eventTimestamp, joinPlace(e.eventCity, e.eventState, e.eventCountry), e.eventType, e.eventCode));
	const estimate =
		window(b.predictedDeliveryWindowStartTime ?? b.predictedDeliveryDate, b.predictedDeliveryWindowEndTime ?? b.predictedDeliveryDate) ??
		window(b.expectedDeliveryTimeStamp, b.expectedDeliveryTimeStamp) ??
		window(b.guaranteedDeliveryTimeStamp, b.guaranteedDeliveryTimeStamp);
	return buildTracking({
		status,
		subStatus: sub,
		code: str(b.statusCategory),
		text: str(b.statusSummary) ?? str(b.status),
		events,
		carrierEstimate: status === 'Delivered' ? null : estimate,
	});
}
