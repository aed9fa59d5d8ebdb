import { DHL_BY_CODE, DHL_TEXT_RULES } from '../data/statusMaps';
import type { Mapped } from '../data/statusMaps';
import { buildTracking } from '../status';
import type { NormalizedTracking } from '../status';
import { providerHttp } from './http';
import type { ClientDeps, ProviderClient, TrackRequest } from './types';
import { arr, event, joinPlace, obj, str, window } from './util';

/** DHL Shipment Tracking – Unified API: one GET with the `DHL-API-Key` header, every DHL division. */
export function dhlClient(apiKey: string, baseUrl: string, deps: ClientDeps = {}): ProviderClient {
	const http = providerHttp('DHL', baseUrl, deps, { 'DHL-API-Key': apiKey });
	return {
		id: 'dhl',
		async track(req: TrackRequest): Promise<NormalizedTracking> {
			const lang = (req.locale ?? '').slice(0, 2).toLowerCase();
			const res = await http.request({
				path: '/track/shipments',
				query: {
					trackingNumber: req.trackingNumber,
					service: req.service,
					language: lang === 'de' || lang === 'en' ? lang : undefined,
					recipientPostalCode: req.postalCode,
				},
				allowStatus: [404],
			});
			if (res.status === 404) return buildTracking({ status: 'Pending', subStatus: 'not_found', text: 'No shipment found yet' });
			return mapDhl(res.body);
		},
	};
}

export function mapDhlStatus(code: string | null, text: string): Mapped {
	const c = (code ?? 'unknown').toLowerCase();
	for (const rule of DHL_TEXT_RULES) {
		if ((!rule.onlyFor || rule.onlyFor.includes(c)) && c !== 'delivered' && c !== 'pre-transit' && rule.pattern.test(text)) return rule.mapped;
	}
	return DHL_BY_CODE[c] ?? ['InTransit', null];
}

export function mapDhl(body: unknown): NormalizedTracking {
	const shipment = arr(obj(body).shipments)[0];
	if (!shipment) return buildTracking({ status: 'Pending', subStatus: 'not_found' });
	const status = obj(shipment.status);
	const text = [str(status.status), str(status.description)].filter(Boolean).join(' – ');
	const [mapped, sub] = mapDhlStatus(str(status.statusCode), text);
	const events = arr(shipment.events).map((e) =>
		event(e.timestamp, joinPlace(obj(obj(e.location).address).addressLocality, obj(obj(e.location).address).countryCode), e.description ?? e.status, e.statusCode),
	);
	const frame = obj(shipment.estimatedDeliveryTimeFrame);
	return buildTracking({
		status: mapped,
		subStatus: sub,
		code: str(status.statusCode),
		text: text || null,
		events,
		carrierEstimate: window(frame.estimatedFrom ?? shipment.estimatedTimeOfDelivery, frame.estimatedThrough ?? shipment.estimatedTimeOfDelivery),
	});
}
