import { randomUUID } from 'node:crypto';
import { UPS_BY_STATUS_CODE, UPS_BY_TYPE } from '../data/statusMaps';
import { buildTracking } from '../status';
import type { NormalizedTracking } from '../status';
import { providerHttp } from './http';
import { tokenSource, withToken } from './oauth';
import type { ClientDeps, ProviderClient, TrackRequest } from './types';
import { arr, event, joinPlace, obj, str, upsDateTime } from './util';

/** UPS Tracking API v1 with OAuth client credentials (Basic auth on the token call). */
export function upsClient(clientId: string, clientSecret: string, baseUrl: string, deps: ClientDeps = {}): ProviderClient {
	const http = providerHttp('UPS', baseUrl, deps);
	const tokens = tokenSource('UPS', http, clientId, clientSecret, async (h, id, secret) => {
		const res = await h.request<{ access_token?: string; expires_in?: string }>({
			method: 'POST',
			path: '/security/v1/oauth/token',
			headers: { authorization: 'Basic ' + Buffer.from(`${id}:${secret}`).toString('base64') },
			form: { grant_type: 'client_credentials' },
		});
		return res.body;
	});
	return {
		id: 'ups',
		async track(req: TrackRequest): Promise<NormalizedTracking> {
			const lang = (req.locale ?? 'en-US').replace('-', '_');
			const res = await withToken(tokens, (token) =>
				http.request({
					path: `/api/track/v1/details/${encodeURIComponent(req.trackingNumber)}`,
					query: { locale: /^[a-z]{2}_[A-Z]{2}$/.test(lang) ? lang : 'en_US', returnMilestones: 'false' },
					headers: { authorization: `Bearer ${token}`, transId: randomUUID().replace(/-/g, '').slice(0, 32), transactionSrc: 'n8n-post-purchase' },
					allowStatus: [404],
				}),
			);
			if (res.status === 404) return buildTracking({ status: 'Pending', subStatus: 'not_found', text: 'Tracking number not found yet' });
			return mapUps(res.body);
		},
	};
}

export function mapUps(body: unknown): NormalizedTracking {
	const shipment = arr(obj(obj(body).trackResponse).shipment)[0] ?? {};
	const pkg = arr(shipment.package)[0];
	if (!pkg) return buildTracking({ status: 'Pending', subStatus: 'not_found', text: str(arr(shipment.warnings)[0]?.message) });
	const current = obj(pkg.currentStatus);
	const code = str(current.statusCode) ?? str(current.code);
	const byCode = code ? UPS_BY_STATUS_CODE[code.padStart(3, '0')] : undefined;
	const [status, sub] = byCode ?? UPS_BY_TYPE[str(current.type) ?? 'NA'] ?? ['InTransit', null];
	const events = arr(pkg.activity).map((a) => {
		const address = obj(obj(a.location).address);
		const st = obj(a.status);
		return event(upsDateTime(a.date, a.time), joinPlace(address.city, address.countryCode), st.description, st.statusCode ?? st.code);
	});
	const dates = arr(pkg.deliveryDate);
	const planned = dates.find((d) => d.type === 'RDD') ?? dates.find((d) => d.type === 'SDD');
	const day = planned ? upsDateTime(planned.date) : null;
	return buildTracking({
		status,
		subStatus: sub,
		code,
		text: str(current.description) ?? str(current.simplifiedTextDescription),
		events,
		carrierEstimate: day && status !== 'Delivered' ? { earliest: day, latest: day } : null,
	});
}
