import type { CarrierCode } from '../types';

/**
 * Carrier display names and the words shops use for them (compared after lower-casing and dropping everything but
 * letters and digits). Longer aliases win, so "dhlexpress" beats "dhl".
 */
export interface CarrierInfo {
	name: string;
	aliases: string[];
}

export const CARRIERS: Record<CarrierCode, CarrierInfo> = {
	amazon: { name: 'Amazon Logistics', aliases: ['amazon', 'amzl', 'amazonlogistics', 'amazonshipping'] },
	austrian_post: { name: 'Österreichische Post', aliases: ['postat', 'austrianpost', 'osterreichischepost', 'oesterreichischepost', 'österreichischepost'] },
	canada_post: { name: 'Canada Post', aliases: ['canadapost', 'postescanada', 'canadapostescanada'] },
	deutsche_post: { name: 'Deutsche Post', aliases: ['deutschepost', 'dpag', 'warenpost', 'einschreiben', 'dhl'] },
	dhl: { name: 'DHL Paket', aliases: ['dhl', 'dhlpaket', 'dhlparcel', 'dhlde', 'dhlgermany', 'dhlecommerce'] },
	dhl_express: { name: 'DHL Express', aliases: ['dhlexpress', 'dhlworldwide', 'dhl'] },
	dpd: { name: 'DPD', aliases: ['dpd', 'dpdde', 'dpdgermany'] },
	fedex: { name: 'FedEx', aliases: ['fedex', 'federalexpress', 'fedexground', 'fedexexpress', 'smartpost'] },
	gls: { name: 'GLS', aliases: ['gls', 'glsgermany', 'generallogisticssystems'] },
	hermes: { name: 'Hermes', aliases: ['hermes', 'myhermes', 'hermesgermany', 'hermesde'] },
	la_poste: { name: 'La Poste / Colissimo', aliases: ['laposte', 'colissimo', 'chronopost'] },
	postnl: { name: 'PostNL', aliases: ['postnl', 'tntpost'] },
	royal_mail: { name: 'Royal Mail', aliases: ['royalmail', 'parcelforce'] },
	swiss_post: { name: 'Swiss Post', aliases: ['swisspost', 'postch', 'diepost', 'laposteswiss'] },
	ups: { name: 'UPS', aliases: ['ups', 'unitedparcelservice', 'upsstandard', 'upsexpress'] },
	upu: { name: 'National postal service', aliases: ['post', 'postal', 'mail', 'registeredmail'] },
	usps: { name: 'USPS', aliases: ['usps', 'unitedstatespostalservice', 'uspostalservice', 'uspostal'] },
};

/** S10 country suffix → the operator we know a tracking page and API for. Others become `upu`. */
export const S10_OPERATORS: Record<string, CarrierCode> = {
	AT: 'austrian_post',
	CA: 'canada_post',
	CH: 'swiss_post',
	DE: 'deutsche_post',
	FR: 'la_poste',
	GB: 'royal_mail',
	NL: 'postnl',
	US: 'usps',
};

/** Names of other large postal operators, for a friendlier `carrierName` on S10 items. */
export const UPU_OPERATOR_NAMES: Record<string, string> = {
	AU: 'Australia Post',
	BE: 'bpost',
	BR: 'Correios',
	CN: 'China Post',
	CZ: 'Česká pošta',
	DK: 'PostNord Denmark',
	ES: 'Correos',
	FI: 'Posti',
	HK: 'Hongkong Post',
	HU: 'Magyar Posta',
	IE: 'An Post',
	IN: 'India Post',
	IT: 'Poste Italiane',
	JP: 'Japan Post',
	KR: 'Korea Post',
	LU: 'POST Luxembourg',
	NO: 'Posten Norge',
	NZ: 'NZ Post',
	PL: 'Poczta Polska',
	PT: 'CTT',
	SE: 'PostNord Sweden',
	SG: 'Singapore Post',
	SK: 'Slovenská pošta',
	TR: 'PTT',
};
