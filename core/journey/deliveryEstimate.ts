import { DateTime } from 'luxon';
import { addDeliveryDays, findTransitRow, handoverStart } from '../carriers';
import type { CarrierCode } from '../carriers';
import type { Clock } from '../shared/clock';
import { InputError } from '../shared/errors';
import { LEARN_MIN_SAMPLES, LEARN_WINDOW, percentile, transitLane } from './transitLanes';

/**
 * The delivery estimate, built in one place and said one way in every channel.
 *
 * Built: the carrier's own date when it gave one; else the lane's learned p50 … p90 once the lane has
 * `LEARN_MIN_SAMPLES` delivered parcels (transitLanes.ts); else the static transit table. Every day is counted over the
 * carrier's delivery days and the destination region's public holidays. (This folder reads the carriers domain for
 * that arithmetic; the carriers domain knows nothing of the journey, so there is no cycle.)
 *
 * Said: The SMS and the e-mail of one shipment read the estimate
 * from the same place of the item, turn it into the same calendar days in the customer's time zone and phrase
 * them the same way: a single day, or "earliest - latest" when the carrier gives a window. The SMS uses the short
 * form of the same words ("Mi., 2. Dez. - Do., 3. Dez.") because every character costs; the e-mail the long form
 * ("Mittwoch, 2. Dezember - Donnerstag, 3. Dezember").
 */

export interface DeliveryEstimate {
	earliest?: string;
	latest?: string;
}

export type EstimateStyle = 'short' | 'long';

/** The zone for dates when the customer has none (the SMS node's "Default Time Zone" default). */
export const DEFAULT_TIMEZONE = 'Europe/Berlin';

type Json = Record<string, unknown>;

const text = (value: unknown): string | undefined => {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
	return typeof value === 'string' && value.trim() ? value.trim() : undefined;
};

/** An estimate as stored on an item: one date (string) or `{ earliest, latest }`; anything else is none. */
export function toEstimate(value: unknown): DeliveryEstimate | undefined {
	const single = text(value);
	if (single) return { earliest: single, latest: single };
	if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
	const { earliest, latest } = value as Json;
	const from = text(earliest);
	const to = text(latest);
	return from || to ? { earliest: from ?? to, latest: to ?? from } : undefined;
}

/**
 * The estimate of an item of the canonical model: the shop's (`shipment.estimatedDelivery`), else the carrier's
 * (`tracking.estimatedDelivery` from Carrier Track), else a top-level `estimatedDelivery`. Both channels read it here.
 */
export function deliveryEstimateOf(item: Json): DeliveryEstimate | undefined {
	const at = (key: string) => {
		const o = item[key];
		return o && typeof o === 'object' && !Array.isArray(o) ? (o as Json).estimatedDelivery : undefined;
	};
	return toEstimate(at('shipment')) ?? toEstimate(at('tracking')) ?? toEstimate(item.estimatedDelivery);
}

/** A date-only value (`2025-12-03`) is that day where the customer is; a timestamp is an instant. */
function toDay(value: string | undefined, zone: string): DateTime | undefined {
	if (!value) return undefined;
	const dt = /^\d{4}-\d{2}-\d{2}$/.test(value) ? DateTime.fromISO(value, { zone }) : DateTime.fromISO(value, { setZone: true }).setZone(zone);
	return dt.isValid ? dt : undefined;
}

const STYLES: Record<EstimateStyle, Intl.DateTimeFormatOptions> = {
	short: { weekday: 'short', day: 'numeric', month: 'short' },
	long: { weekday: 'long', day: 'numeric', month: 'long' },
};
const formats = new Map<string, Intl.DateTimeFormat>();

function format(locale: string, zone: string, style: EstimateStyle): Intl.DateTimeFormat {
	const key = `${locale}|${zone}|${style}`;
	let f = formats.get(key);
	if (!f) {
		if (formats.size > 500) formats.clear();
		f = new Intl.DateTimeFormat(locale, { ...STYLES[style], timeZone: zone });
		formats.set(key, f);
	}
	return f;
}

/** Intl puts no-break and narrow spaces in dates; plain ones read the same and keep an SMS in GSM-7. */
const plainSpaces = (s: string) => s.replace(/[\u00A0\u202F\u2009]/g, ' ');

/**
 * The estimate in the customer's words: "Do., 3. Dez." / "Donnerstag, 3. Dezember", or a window
 * "Mi., 2. Dez. - Do., 3. Dez." when earliest and latest fall on different days. Undefined when there is none.
 */
export function formatDeliveryEstimate(estimate: DeliveryEstimate | undefined, locale: string, zone: string | undefined, style: EstimateStyle): string | undefined {
	if (!estimate) return undefined;
	let tz = zone || DEFAULT_TIMEZONE;
	if (!DateTime.local({ zone: tz }).isValid) tz = 'UTC';
	const day = (value: string | undefined) => {
		const dt = toDay(value, tz);
		if (!dt) return undefined;
		try {
			return plainSpaces(format(locale, tz, style).format(dt.toJSDate()));
		} catch {
			return plainSpaces(format('en', tz, style).format(dt.toJSDate()));
		}
	};
	const from = day(estimate.earliest);
	const to = day(estimate.latest);
	if (from && to && from !== to) return `${from} - ${to}`;
	return from ?? to;
}

/** The estimate's sentence on the shipment (`estimatedDelivery.text`): the long form, German or English by locale. */
export function estimateText(earliest: string, latest: string, locale: string | null | undefined, zone?: string | null): string | null {
	return formatDeliveryEstimate({ earliest, latest }, locale || 'en-US', zone || 'UTC', 'long') ?? null;
}

export interface EstimateRequest {
	/** Our carrier code (`dhl`, `ups` …), null when unknown. */
	carrier: string | null;
	service?: string;
	originCountry?: string;
	destinationCountry?: string;
	/** German Bundesland / US state of the recipient: its public holidays, and the US lane. */
	destinationRegion?: string;
	/** The recipient's postcode: the German lane (postcode zone), the US lane when the state is missing. */
	postalCode?: string;
	/** When the parcel was handed over (ISO 8601); default: now. */
	shippedAt?: string;
	/** The carrier's own date or window, which wins when present. */
	carrierEstimate?: { earliest: string; latest: string } | null;
	/** IANA zone of the shop, for the handover cut-off; default Europe/Berlin for DE, else UTC. */
	timezone?: string;
	/** Customer locale for the sentence (e.g. `de-DE`, `en-US`). */
	locale?: string;
}

export type EstimateSource = 'carrier' | 'learned' | 'table';

export interface StatedEstimate {
	earliest: string;
	latest: string;
	/** `carrier` (the carrier's date), `learned` (this lane's delivered parcels) or `table` (the static transit table). */
	source: EstimateSource;
	confidence: number;
	/** "Mittwoch, 25. November - Donnerstag, 26. November" / "Wednesday, November 25". */
	text: string;
	/** Learned estimates only: how many delivered parcels of the lane it rests on. */
	sampleSize?: number;
}

/** Reads the newest `limit` transit samples (delivery days) of a lane: the journey store's `shipments.transitSamples`. */
export type LaneSamples = (lane: string, limit: number) => Promise<number[]>;

/** The lane of a request (see transitLanes.ts), null when it names no carrier or country. */
export function laneOfRequest(req: EstimateRequest): string | null {
	const to = (req.destinationCountry || req.originCountry || '').toUpperCase();
	return transitLane({ carrier: req.carrier, originCountry: req.originCountry || to, destinationCountry: to, destinationRegion: req.destinationRegion, postalCode: req.postalCode });
}

/** The estimate of a request, learned from the lane's samples when `samples` is given and the lane has enough. */
export async function estimateDelivery(req: EstimateRequest, options: { clock: Clock; samples?: LaneSamples }): Promise<StatedEstimate> {
	if (req.carrierEstimate?.earliest) return stateEstimate(req, options.clock, []);
	const lane = options.samples ? laneOfRequest(req) : null;
	const samples = lane && options.samples ? await options.samples(lane, LEARN_WINDOW) : [];
	return stateEstimate(req, options.clock, samples);
}

/**
 * The estimate from the lane's samples at hand (newest first, at most `LEARN_WINDOW` are used): the carrier's date,
 * else p50 … p90 of the samples when there are `LEARN_MIN_SAMPLES`, else the table. Synchronous, for the backtest.
 */
export function stateEstimate(req: EstimateRequest, clock: Clock, samples: readonly number[]): StatedEstimate {
	const locale = req.locale || 'en-US';
	if (req.carrierEstimate?.earliest) {
		const { earliest } = req.carrierEstimate;
		const latest = req.carrierEstimate.latest || earliest;
		return { earliest, latest, source: 'carrier', confidence: 0.9, text: estimateText(earliest, latest, locale) ?? '' };
	}
	const to = (req.destinationCountry || req.originCountry || 'DE').toUpperCase();
	const from = (req.originCountry || to).toUpperCase();
	const zone = req.timezone || (from === 'DE' ? 'Europe/Berlin' : 'UTC');
	const shipped = req.shippedAt ? DateTime.fromISO(req.shippedAt, { zone }) : DateTime.fromJSDate(clock.now(), { zone });
	if (!shipped.isValid) throw new InputError(`"${req.shippedAt}" is not a date and time`, 'shippedAt', 'Use ISO 8601, e.g. 2026-11-23T10:00:00+01:00.');
	const carrier = req.carrier as CarrierCode | null;
	const start = handoverStart(shipped, from);
	const day = (n: number) => addDeliveryDays(start, n, carrier, to, req.destinationRegion).toISODate()!;
	const recent = samples.slice(0, LEARN_WINDOW);
	if (recent.length >= LEARN_MIN_SAMPLES) {
		// "Expected from" the median day, "at the latest" the 90th percentile: one parcel in ten is allowed to be late.
		const p50 = percentile(recent, 0.5);
		const p90 = percentile(recent, 0.9);
		const kept = recent.filter((d) => d <= p90).length / recent.length;
		const [earliest, latest] = [day(p50), day(p90)];
		return { earliest, latest, source: 'learned', confidence: Math.round(kept * 100) / 100, text: estimateText(earliest, latest, locale) ?? '', sampleSize: recent.length };
	}
	const row = findTransitRow(carrier, req.service, from, to);
	const [earliest, latest] = [day(row.min), day(row.max)];
	return { earliest, latest, source: 'table', confidence: row.confidence, text: estimateText(earliest, latest, locale) ?? '' };
}
