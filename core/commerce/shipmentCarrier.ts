/**
 * Carrier detection for shipments: the glue between the commerce model and the carriers domain.
 *
 * Deliberate exception to "domain folders import only `shared` and model types": this one module imports
 * `core/carriers` (through its index only), so a shipment leaves the trigger with a detected carrier, a tracking
 * link in the customer's language and a delivery estimate (built by `core/journey`, the one place estimates are made). Nothing else in `core/commerce` touches the carriers
 * domain, and the carriers domain knows nothing of commerce, so there is no cycle.
 */
import { CARRIERS, detectCarrier, normalizeCarrierName, normalizeTrackingNumber, trackingUrl } from '../carriers';
import type { CarrierCode, DetectResult } from '../carriers';
import { estimateDelivery, estimateText } from '../journey';
import type { LaneSamples } from '../journey';
import { fixedClock } from '../shared/clock';
import type { Carrier, Customer, EstimatedDelivery, Shipment, Tracking } from './model';
import { timezoneForCountry } from './locale';

/** Detection this sure may overrule the carrier the shop named (a unique prefix, or a distinctive shape with a valid check digit). */
const OVERRULE_SHOP_AT = 0.9;

export interface ShipmentCarrierOptions {
	/** ISO 3166-1 country the shop ships from: the market prior for detection and the origin of the estimate. */
	shopCountry?: string | null;
	/** When the event was received; the estimate counts from here only when the shop sent no shipping time. */
	receivedAt: string;
	/** The lanes' transit samples (journey store): the estimate is learned once its lane has enough; without, the table. */
	samples?: LaneSamples;
}

/**
 * Our carrier code for a name the shop uses ("DHL Paket", "austrian-post", "Die Post – PostPac Priority"): the carrier
 * with the longest alias contained in the name; on a tie, the carrier whose main alias it is ("DHL" → `dhl`, not
 * Deutsche Post). The generic postal words of `upu` ("post", "mail") never count on their own.
 */
export function carrierCodeFromName(name: string | null | undefined): CarrierCode | null {
	const text = normalizeCarrierName(name ?? '');
	if (!text) return null;
	let best: CarrierCode | null = null;
	let bestScore = 0;
	for (const code of Object.keys(CARRIERS) as CarrierCode[]) {
		if (code === 'upu') continue;
		const aliases = CARRIERS[code].aliases;
		for (const alias of aliases) {
			if (!text.includes(alias)) continue;
			// Length first; the main alias (listed first) breaks ties.
			const score = alias.length * 2 + (alias === aliases[0] ? 1 : 0);
			if (score > bestScore) {
				best = code;
				bestScore = score;
			}
		}
	}
	return best;
}

/** Shops that store a provider slug (`austrian-post`) instead of a display name: show the carrier's name then. */
function isSlug(name: string): boolean {
	return /^[a-z0-9]+([-_][a-z0-9]+)*$/.test(name);
}

/** Whether the shop's carrier name names this carrier (any of its aliases). */
function namesCarrier(shopName: string | null, code: CarrierCode): boolean {
	const text = normalizeCarrierName(shopName ?? '');
	return text !== '' && CARRIERS[code].aliases.some((alias) => text.includes(alias));
}

function shopDisplayName(shopName: string | null, code: CarrierCode | null): string | null {
	if (shopName && isSlug(shopName) && code) return CARRIERS[code].name;
	return shopName;
}

interface Resolved {
	tracking: Tracking;
	/** The detected reading used, null when the shop's word was kept. */
	used: DetectResult['best'];
}

/**
 * One tracking number: detection wins when it finds a valid reading (the shop's name is kept when it agrees, and
 * the link is ours, in the customer's language). Otherwise the shop's carrier and link stay, with `confidence: null`.
 */
function resolveTracking(number: string, shopName: string | null, shopUrl: string | null, locale: string | undefined, shopCountry: string | undefined): Resolved {
	const detection = detectCarrier(number, { carrierHint: shopName ?? undefined, shopCountry });
	const named = carrierCodeFromName(shopName);
	const best = detection.valid ? detection.best : null;
	// A weak reading (plain digits fitting several carriers) must not overrule the carrier the shop named.
	const used = best && (!named || !detection.hintMismatch || best.confidence >= OVERRULE_SHOP_AT) ? best : null;
	if (used) {
		const agrees = namesCarrier(shopName, used.carrier);
		const carrier: Carrier = {
			code: used.carrier,
			name: agrees ? shopDisplayName(shopName, used.carrier) : used.carrierName,
			confidence: used.confidence,
		};
		return { tracking: { trackingNumber: number, trackingUrl: trackingUrl(used.carrier, used.trackingNumber, { locale }), carrier }, used };
	}
	const carrier: Carrier = { code: named, name: shopDisplayName(shopName, named), confidence: null };
	// Without the shop's own link, the named carrier's page still helps the customer (it shows the parcel or says why not).
	const url = shopUrl ?? (named ? trackingUrl(named, normalizeTrackingNumber(number), { locale }) : null);
	return { tracking: { trackingNumber: number, trackingUrl: url, carrier }, used: null };
}

/**
 * The fixed-offset zone of a timestamp (`…-05:00` → `UTC-5`): for shops in countries with several zones, the
 * offset the shop sent is the best guess of its local time for the hand-over cut-off.
 */
function offsetZone(iso: string): string | undefined {
	const m = /([+-])(\d{2}):(\d{2})$/.exec(iso);
	if (!m) return iso.endsWith('Z') ? 'UTC' : undefined;
	const hours = Number(m[2]);
	const minutes = Number(m[3]);
	return hours === 0 && minutes === 0 ? 'UTC' : `UTC${m[1]}${hours}${minutes ? `:${m[3]}` : ''}`;
}

function shopEstimate(given: EstimatedDelivery, customer: Customer): EstimatedDelivery {
	const earliest = given.earliest ?? given.latest;
	const latest = given.latest ?? given.earliest;
	return {
		earliest: given.earliest,
		latest: given.latest,
		source: given.source,
		// The shop's promise from its shipping method, not ours to rate.
		confidence: given.confidence ?? null,
		text: earliest && latest ? estimateText(earliest, latest, customer.locale, customer.timezone) : null,
	};
}

/**
 * The shipment with every tracking number run through carrier detection, the tracking links in the customer's
 * language, and a delivery estimate to the shipping address. Deterministic: "now" for the estimate is the shipping
 * time from the payload (else the time the event was received), never the wall clock; it reads only the lane samples.
 */
export async function withDetectedCarrier(shipment: Shipment, customer: Customer, options: ShipmentCarrierOptions): Promise<Shipment> {
	const locale = customer.locale ?? undefined;
	const shopCountry = options.shopCountry ?? undefined;
	const resolved = shipment.trackings.map((t) => resolveTracking(t.trackingNumber, t.carrier.name, t.trackingUrl, locale, shopCountry));
	const trackings = resolved.map((r) => r.tracking);
	const first = resolved[0];
	const named = carrierCodeFromName(shipment.carrier.name);
	const carrier: Carrier = first ? { ...first.tracking.carrier } : { code: named, name: shopDisplayName(shipment.carrier.name, named), confidence: null };

	let estimatedDelivery: EstimatedDelivery | null = null;
	if (shipment.estimatedDelivery && (shipment.estimatedDelivery.earliest || shipment.estimatedDelivery.latest)) {
		estimatedDelivery = shopEstimate(shipment.estimatedDelivery, customer);
	} else {
		const destination = shipment.shippingAddress?.country ?? customer.country;
		if (destination) {
			const from = shipment.shippedAt ?? options.receivedAt;
			const sameCountry = shipment.shippingAddress?.country === destination;
			const estimate = await estimateDelivery(
				{
					carrier: carrier.code,
					service: first?.used?.service,
					// An S10 item names its origin post; otherwise it leaves from the shop's country.
					originCountry: first?.used?.originCountry ?? shopCountry,
					destinationCountry: destination,
					destinationRegion: (sameCountry ? shipment.shippingAddress?.region : customer.region) ?? undefined,
					postalCode: (sameCountry ? shipment.shippingAddress?.postalCode : null) ?? undefined,
					shippedAt: from,
					timezone: timezoneForCountry(shopCountry ?? null) ?? offsetZone(from),
					locale,
				},
				{ clock: fixedClock(from), samples: options.samples },
			);
			estimatedDelivery = { earliest: estimate.earliest, latest: estimate.latest, source: estimate.source, confidence: estimate.confidence, text: estimate.text };
			if (estimate.sampleSize !== undefined) estimatedDelivery.sampleSize = estimate.sampleSize;
		}
	}

	return {
		...shipment,
		carrier,
		trackingUrl: first ? first.tracking.trackingUrl : shipment.trackingUrl,
		trackings,
		estimatedDelivery,
	};
}
