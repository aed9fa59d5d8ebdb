import { AFTERSHIP_SUBTAGS, AFTERSHIP_TAGS } from '../data/statusMaps';
import { buildTracking } from '../status';
import type { NormalizedTracking } from '../status';
import type { CarrierCode } from '../types';
import { providerHttp } from './http';
import type { ClientDeps, ProviderClient, TrackRequest } from './types';
import { arr, event, joinPlace, obj, str, window } from './util';

/** Our carrier → AfterShip courier slug; unknown carriers are left to AfterShip's own detection. */
const SLUGS: Partial<Record<CarrierCode, string>> = {
	amazon: 'amazon',
	austrian_post: 'austrian-post',
	canada_post: 'canada-post',
	deutsche_post: 'deutsch-post',
	dhl: 'dhl-germany',
	dhl_express: 'dhl',
	dpd: 'dpd-de',
	fedex: 'fedex',
	gls: 'gls',
	hermes: 'hermes-de',
	la_poste: 'la-poste-colissimo',
	postnl: 'postnl',
	royal_mail: 'royal-mail',
	swiss_post: 'swiss-post',
	ups: 'ups',
	usps: 'usps',
};

/**
 * AfterShip Tracking API (date-versioned base URL, `as-api-key` header). A number is looked up first and
 * registered when AfterShip does not know it yet; a new tracking starts as Pending.
 */
export function aftershipClient(apiKey: string, baseUrl: string, deps: ClientDeps = {}): ProviderClient {
	const http = providerHttp('AfterShip', baseUrl, deps, { 'as-api-key': apiKey });
	return {
		id: 'aftership',
		// The trackings list filters by up to 50 comma-separated numbers.
		batchSize: 50,
		async trackMany(reqs: TrackRequest[]): Promise<Map<string, NormalizedTracking>> {
			const found = await http.request<unknown>({
				path: '/trackings',
				query: { tracking_numbers: reqs.map((r) => r.trackingNumber).join(','), limit: String(Math.max(reqs.length, 1)) },
			});
			const out = new Map<string, NormalizedTracking>();
			for (const t of arr(obj(obj(found.body).data).trackings)) {
				const number = str(t.tracking_number);
				if (number) out.set(number.toUpperCase(), mapAftership(t));
			}
			// Numbers AfterShip does not know yet are created one by one (its create call takes one tracking).
			for (const req of reqs) if (!out.has(req.trackingNumber.toUpperCase())) out.set(req.trackingNumber.toUpperCase(), await this.track(req));
			return out;
		},
		async track(req: TrackRequest): Promise<NormalizedTracking> {
			const slug = SLUGS[req.carrier];
			const found = await http.request<unknown>({
				path: '/trackings',
				query: { tracking_numbers: req.trackingNumber, slug, lang: (req.locale ?? '').slice(0, 2) || undefined },
			});
			const existing = arr(obj(obj(found.body).data).trackings)[0];
			if (existing) return mapAftership(existing);
			const created = await http.request<unknown>({
				method: 'POST',
				path: '/trackings',
				json: { tracking_number: req.trackingNumber, ...(slug ? { slug } : {}), ...(req.postalCode ? { destination_postal_code: req.postalCode } : {}) },
			});
			const data = obj(obj(created.body).data);
			return mapAftership(obj(data.tracking ?? data));
		},
	};
}

export function mapAftership(tracking: Record<string, unknown>): NormalizedTracking {
	const tag = str(tracking.tag) ?? 'Pending';
	const status = AFTERSHIP_TAGS[tag] ?? 'InTransit';
	const subtag = str(tracking.subtag);
	const events = arr(tracking.checkpoints).map((c) =>
		event(c.checkpoint_time, joinPlace(c.city ?? c.location, c.country_region ?? c.country_iso3), c.message, c.subtag ?? c.tag),
	);
	const courier = obj(tracking.courier_estimated_delivery_date);
	const predicted = obj(tracking.aftership_estimated_delivery_date);
	return buildTracking({
		status,
		subStatus: subtag ? (AFTERSHIP_SUBTAGS[subtag] ?? null) : null,
		code: subtag ?? tag,
		text: str(tracking.subtag_message) ?? tag,
		events,
		carrierEstimate:
			status === 'Delivered'
				? null
				: (window(courier.estimated_delivery_date_min ?? courier.estimated_delivery_date, courier.estimated_delivery_date_max ?? courier.estimated_delivery_date) ??
					window(predicted.estimated_delivery_date_min ?? predicted.estimated_delivery_date, predicted.estimated_delivery_date_max ?? predicted.estimated_delivery_date)),
	});
}
