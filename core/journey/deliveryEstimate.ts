import { DateTime } from 'luxon';

/**
 * One delivery estimate, said one way in every channel. The SMS and the e-mail of one shipment read the estimate
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
