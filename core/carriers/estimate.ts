import { DateTime } from 'luxon';
import { isPublicHoliday } from '../calendar';
import type { Clock } from '../shared/clock';
import { InputError } from '../shared/errors';
import { DEFAULT_DELIVERY_WEEKDAYS, DELIVERY_WEEKDAYS, HANDOVER_CUTOFF_HOUR, TRANSIT_TABLE } from './data/transit';
import type { TransitRow } from './data/transit';
import type { CarrierCode } from './types';

export interface EstimateRequest {
	carrier: CarrierCode | null;
	service?: string;
	originCountry?: string;
	destinationCountry?: string;
	/** German Bundesland / US state of the recipient, for regional holidays. */
	destinationRegion?: string;
	/** When the parcel was handed over (ISO 8601); default: now. */
	shippedAt?: string;
	/** The carrier's own date or window, which wins when present. */
	carrierEstimate?: { earliest: string; latest: string } | null;
	/** IANA zone of the shop, for the handover cut-off; default Europe/Berlin for DE, else UTC. */
	timezone?: string;
	/** Customer locale for the sentence (e.g. `de-DE`, `en-US`). */
	locale?: string;
}

export interface DeliveryEstimate {
	earliest: string;
	latest: string;
	source: 'carrier' | 'table';
	confidence: number;
	/** "Mittwoch, 25. November" or "Tue, Nov 24 – Wed, Nov 25". */
	text: string;
}

export function findTransitRow(
	carrier: CarrierCode | null,
	service: string | undefined,
	from: string,
	to: string,
	table: readonly TransitRow[] = TRANSIT_TABLE,
): TransitRow {
	const row = table.find(
		(r) =>
			(r.carrier === '*' || r.carrier === carrier) &&
			(r.service === '*' || r.service === service) &&
			(r.from === '*' || r.from === from) &&
			(r.to === '*' || r.to === to || (r.to === 'same' && from === to)),
	);
	return row ?? { carrier: '*', service: '*', from: '*', to: '*', min: 4, max: 10, confidence: 0.2 };
}

/** Whether the carrier delivers on this day at the destination (its weekdays, not a public holiday). */
export function isDeliveryDay(day: DateTime, carrier: CarrierCode | null, country: string, region?: string): boolean {
	const weekdays = (carrier && DELIVERY_WEEKDAYS[carrier]) || DEFAULT_DELIVERY_WEEKDAYS;
	if (!weekdays.includes(day.weekday)) return false;
	return !isPublicHoliday(day.toISODate()!, country, region);
}

/** Adds `n` delivery days after `start` (start itself never counts). */
export function addDeliveryDays(start: DateTime, n: number, carrier: CarrierCode | null, country: string, region?: string): DateTime {
	let day = start;
	let left = n;
	for (let guard = 0; left > 0 && guard < 366; guard++) {
		day = day.plus({ days: 1 });
		if (isDeliveryDay(day, carrier, country, region)) left--;
	}
	return day;
}

/** The localized sentence for a date or range. */
export function estimateText(earliest: string, latest: string, locale = 'en-US'): string {
	const lang = locale.slice(0, 2).toLowerCase();
	const fmt = (iso: string): string => {
		const d = DateTime.fromISO(iso, { zone: 'UTC' }).setLocale(locale);
		if (lang === 'de') return d.toFormat('cccc, d. LLLL');
		if (lang === 'en') return d.toFormat('ccc, LLL d');
		return d.toLocaleString({ weekday: 'long', day: 'numeric', month: 'long' });
	};
	return earliest === latest ? fmt(earliest) : `${fmt(earliest)} – ${fmt(latest)}`;
}

/**
 * Delivery estimate: the carrier's own date when it gave one, else business days from the transit table counted
 * over the carrier's delivery weekdays and the destination's public holidays.
 */
export function estimateDelivery(req: EstimateRequest, clock: Clock): DeliveryEstimate {
	const locale = req.locale || 'en-US';
	if (req.carrierEstimate?.earliest) {
		const { earliest, latest } = req.carrierEstimate;
		return { earliest, latest: latest || earliest, source: 'carrier', confidence: 0.9, text: estimateText(earliest, latest || earliest, locale) };
	}
	const to = (req.destinationCountry || req.originCountry || 'DE').toUpperCase();
	const from = (req.originCountry || to).toUpperCase();
	const zone = req.timezone || (from === 'DE' ? 'Europe/Berlin' : 'UTC');
	const shipped = req.shippedAt ? DateTime.fromISO(req.shippedAt, { zone }) : DateTime.fromJSDate(clock.now(), { zone });
	if (!shipped.isValid) throw new InputError(`"${req.shippedAt}" is not a date and time`, 'shippedAt', 'Use ISO 8601, e.g. 2026-11-23T10:00:00+01:00.');
	// Handed over after the cut-off or on a non-working day: counting starts from the next working day.
	let start = shipped.startOf('day');
	if (shipped.hour >= HANDOVER_CUTOFF_HOUR) start = start.plus({ days: 1 });
	while (start.weekday > 5 || isPublicHoliday(start.toISODate()!, from)) start = start.plus({ days: 1 });
	const row = findTransitRow(req.carrier, req.service, from, to);
	const e = addDeliveryDays(start, row.min, req.carrier, to, req.destinationRegion).toISODate()!;
	const l = addDeliveryDays(start, row.max, req.carrier, to, req.destinationRegion).toISODate()!;
	return { earliest: e, latest: l, source: 'table', confidence: row.confidence, text: estimateText(e, l, locale) };
}
