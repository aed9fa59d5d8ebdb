import { DateTime } from 'luxon';
import { str } from './values';

/**
 * Timestamps to ISO 8601 with an offset, keeping the offset the shop sent (a Shopify order placed at 10:30 in
 * New York stays `…T10:30:00-05:00`). Timestamps without an offset are read in `zoneIfMissing` (WooCommerce's
 * `*_gmt` fields are UTC without a `Z`).
 */
const STRICT_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;

export function isoTime(value: unknown, zoneIfMissing = 'utc'): string | null {
	if (typeof value === 'number' && Number.isFinite(value)) {
		// Unix seconds (WooCommerce shipment tracking) or milliseconds.
		const ms = value > 1e12 ? value : value * 1000;
		return DateTime.fromMillis(ms, { zone: 'utc' }).toISO({ suppressMilliseconds: true });
	}
	const text = str(value);
	if (!text) return null;
	if (/^\d{9,13}$/.test(text)) return isoTime(Number(text), zoneIfMissing);
	// Fast path: already ISO 8601 with offset (Shopify, Shopware) — keep the text, only check it is a real date.
	if (STRICT_ISO.test(text) && !Number.isNaN(Date.parse(text))) return text.replace(/\.0+(?=Z|[+-])/, '').replace(/\+00:00$/, 'Z');
	const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(text);
	const dt = hasOffset ? DateTime.fromISO(text, { setZone: true }) : DateTime.fromISO(text.replace(' ', 'T'), { zone: zoneIfMissing });
	if (!dt.isValid) return null;
	return dt.toISO({ suppressMilliseconds: dt.millisecond === 0 });
}
