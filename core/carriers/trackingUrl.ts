import { TRACKING_URLS } from './data/trackingUrls';
import type { UrlTemplate } from './data/trackingUrls';
import type { CarrierCode } from './types';

export interface TrackingUrlOptions {
	/** The customer's locale (BCP 47, e.g. `de-DE`, `en`); pages are shown in it where the carrier offers it. */
	locale?: string;
	templates?: Record<CarrierCode, UrlTemplate>;
}

/** The carrier's public tracking page for a number, in the customer's language where supported. */
export function trackingUrl(carrier: CarrierCode, trackingNumber: string, options: TrackingUrlOptions = {}): string {
	const tpl = (options.templates ?? TRACKING_URLS)[carrier];
	const [rawLang, rawRegion] = String(options.locale ?? '').split(/[-_]/);
	const wanted = (rawLang ?? '').toLowerCase();
	const lang = tpl.languages.includes(wanted) ? wanted : tpl.languages[0];
	// Keep the customer's region only when their language was usable; "fr-CA" on a German-only page says nothing.
	const region = lang === wanted && rawRegion && /^[A-Za-z]{2}$/.test(rawRegion) ? rawRegion.toUpperCase() : (tpl.defaultRegion?.[lang] ?? '');
	// encodeURIComponent turns a space into %20, never '+', which DPD's path and Hermes' fragment need.
	return tpl.template
		.replace('{n}', encodeURIComponent(trackingNumber))
		.replace('{lang}', lang)
		.replace('{ll_CC}', `${lang}_${region.toUpperCase()}`)
		.replace('{cc}', region.toLowerCase());
}
