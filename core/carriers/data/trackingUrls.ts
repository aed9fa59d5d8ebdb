import type { CarrierCode } from '../types';

/**
 * Public tracking pages. `{n}` is the URL-encoded number; `{lang}` a two-letter language, `{ll_CC}` a locale such
 * as `de_DE`, `{cc}` a lower-case country. `languages` lists what the page offers; the first is the fallback.
 */
export interface UrlTemplate {
	template: string;
	languages: string[];
	/** Country used in `{ll_CC}` / `{cc}` per language when the customer's locale has none. */
	defaultRegion?: Record<string, string>;
}

export const TRACKING_URLS: Record<CarrierCode, UrlTemplate> = {
	amazon: { template: 'https://track.amazon.com/tracking/{n}', languages: ['en'] },
	austrian_post: { template: 'https://www.post.at/sv/sendungssuche?snr={n}', languages: ['de'] },
	canada_post: { template: 'https://www.canadapost-postescanada.ca/track-reperage/{lang}#/search?searchFor={n}', languages: ['en', 'fr'] },
	deutsche_post: { template: 'https://www.dhl.de/{lang}/privatkunden/dhl-sendungsverfolgung.html?piececode={n}', languages: ['de', 'en'] },
	dhl: { template: 'https://www.dhl.de/{lang}/privatkunden/dhl-sendungsverfolgung.html?piececode={n}', languages: ['de', 'en'] },
	dhl_express: {
		template: 'https://www.dhl.com/{cc}-{lang}/home/tracking/tracking-express.html?submit=1&tracking-id={n}',
		languages: ['en', 'de', 'fr', 'es', 'it', 'nl'],
		defaultRegion: { en: 'global', de: 'de', fr: 'fr', es: 'es', it: 'it', nl: 'nl' },
	},
	dpd: {
		template: 'https://tracking.dpd.de/status/{ll_CC}/parcel/{n}',
		languages: ['de', 'en', 'fr', 'nl', 'pl', 'es', 'it'],
		defaultRegion: { de: 'DE', en: 'DE', fr: 'FR', nl: 'NL', pl: 'PL', es: 'ES', it: 'IT' },
	},
	fedex: {
		template: 'https://www.fedex.com/fedextrack/?trknbr={n}&locale={ll_CC}',
		languages: ['en', 'de', 'fr', 'es', 'it', 'nl'],
		defaultRegion: { en: 'US', de: 'DE', fr: 'FR', es: 'ES', it: 'IT', nl: 'NL' },
	},
	gls: { template: 'https://gls-group.com/DE/{lang}/paketverfolgung?match={n}', languages: ['de', 'en'] },
	hermes: { template: 'https://www.myhermes.de/empfangen/sendungsverfolgung/sendungsinformation#{n}', languages: ['de'] },
	la_poste: { template: 'https://www.laposte.fr/outils/suivre-vos-envois?code={n}', languages: ['fr'] },
	postnl: { template: 'https://jouw.postnl.nl/track-and-trace/{n}?language={lang}', languages: ['nl', 'en'] },
	royal_mail: { template: 'https://www.royalmail.com/track-your-item#/tracking-results/{n}', languages: ['en'] },
	swiss_post: { template: 'https://service.post.ch/ekp-web/ui/entry/search/{n}?lang={lang}', languages: ['de', 'fr', 'it', 'en'] },
	ups: {
		template: 'https://www.ups.com/track?loc={ll_CC}&tracknum={n}',
		languages: ['en', 'de', 'fr', 'es', 'it', 'nl', 'pl'],
		defaultRegion: { en: 'US', de: 'DE', fr: 'FR', es: 'ES', it: 'IT', nl: 'NL', pl: 'PL' },
	},
	// Any other national post: a neutral multi-carrier page, since each operator's site differs.
	upu: { template: 'https://parcelsapp.com/{lang}/tracking/{n}', languages: ['en', 'de', 'fr', 'es', 'it'] },
	usps: { template: 'https://tools.usps.com/go/TrackConfirmAction?tLabels={n}', languages: ['en'] },
};
