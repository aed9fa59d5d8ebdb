import { CARRIERS, S10_OPERATORS, UPU_OPERATOR_NAMES } from './data/carriers';
import { ISO_COUNTRIES } from './data/countries';
import { FORMATS } from './data/formats';
import { FALLBACK_PRIOR, MARKET_PRIORS, marketOf } from './data/markets';
import { normalizeCarrierName, normalizeTrackingNumber } from './normalize';
import type { CarrierCandidate, CarrierCode, DetectOptions, DetectResult, FormatSpec, Market } from './types';
import { verifyCheck } from './validate';

interface Match {
	spec: FormatSpec;
	carrier: CarrierCode;
	carrierName: string;
	checkDigitValid: boolean | null;
	trackingNumber: string;
	originCountry?: string;
	hint: number;
	prior: number;
}

/** Evaluates every format against an already normalized number (pure: tables come in as arguments). */
export function matchFormats(normalized: string, formats: readonly FormatSpec[] = FORMATS): Array<Omit<Match, 'hint' | 'prior'>> {
	const out: Array<Omit<Match, 'hint' | 'prior'>> = [];
	for (const spec of formats) {
		const m = spec.pattern.exec(normalized);
		if (!m) continue;
		const groups = m.groups ?? {};
		let carrier = spec.carrier;
		let carrierName = CARRIERS[carrier].name;
		let originCountry: string | undefined;
		if (spec.countryGroup) {
			originCountry = groups[spec.countryGroup];
			// The country suffix is a filter: `RB123456785XX` is not an S10 number at all.
			if (!originCountry || !ISO_COUNTRIES.has(originCountry)) continue;
			carrier = S10_OPERATORS[originCountry] ?? 'upu';
			carrierName = carrier === 'upu' ? (UPU_OPERATOR_NAMES[originCountry] ?? `Postal service (${originCountry})`) : CARRIERS[carrier].name;
		}
		const checkDigitValid =
			spec.checksum && groups.data !== undefined && groups.check !== undefined
				? verifyCheck(spec.checksum, (spec.prepend ?? '') + groups.data, groups.check)
				: null;
		const trackingNumber = spec.trackingGroup ? (groups[spec.trackingGroup] ?? normalized) : normalized;
		out.push({ spec, carrier, carrierName, checkDigitValid, trackingNumber, originCountry });
	}
	return out;
}

/** Length of the longest alias of `carrier` found in the hint; 0 = the hint does not name this carrier. */
function hintScore(hint: string, carrier: CarrierCode): number {
	if (!hint) return 0;
	let best = 0;
	for (const alias of CARRIERS[carrier].aliases) {
		if (alias.length > best && (hint === alias || hint.includes(alias))) best = alias.length;
	}
	return best;
}

function hintNamesCarrier(hint: string): boolean {
	return hint !== '' && (Object.keys(CARRIERS) as CarrierCode[]).some((c) => c !== 'upu' && hintScore(hint, c) > 0);
}

function checkRank(valid: boolean | null): number {
	return valid === true ? 2 : valid === null ? 1 : 0;
}

/** Ordering: shop's carrier hint, then unique prefix, then a valid check digit, then the market prior. */
function compare(a: Match, b: Match): number {
	const ah = a.checkDigitValid === false ? 0 : a.hint;
	const bh = b.checkDigitValid === false ? 0 : b.hint;
	return (
		bh - ah ||
		b.spec.specificity - a.spec.specificity ||
		checkRank(b.checkDigitValid) - checkRank(a.checkDigitValid) ||
		b.prior - a.prior ||
		(b.spec.weight ?? 0) - (a.spec.weight ?? 0)
	);
}

const BASE_CONFIDENCE: Record<0 | 1 | 2, Record<'valid' | 'none', number>> = {
	2: { valid: 0.98, none: 0.9 },
	1: { valid: 0.9, none: 0.7 },
	0: { valid: 0.75, none: 0.35 },
};

function confidenceOf(match: Match, peers: Match[]): number {
	if (match.checkDigitValid === false) return match.hint ? 0.15 : 0.05;
	if (match.hint) return match.checkDigitValid ? 0.99 : 0.95;
	const base = BASE_CONFIDENCE[match.spec.specificity][match.checkDigitValid ? 'valid' : 'none'];
	// Equally good readings split the belief by market prior.
	const same = peers.filter(
		(p) => !p.hint && p.spec.specificity === match.spec.specificity && p.checkDigitValid === match.checkDigitValid,
	);
	const total = same.reduce((sum, p) => sum + p.prior, 0);
	const share = total > 0 ? match.prior / total : 1;
	return Math.round(base * (0.4 + 0.6 * share) * 100) / 100;
}

function priorOf(market: Market, carrier: CarrierCode): number {
	return MARKET_PRIORS[market][carrier] ?? FALLBACK_PRIOR;
}

/**
 * Detects the carrier from the tracking number alone and ranks every reading. One candidate per carrier (its best
 * format), best first.
 */
export function detectCarrier(input: string, options: DetectOptions = {}): DetectResult {
	const normalized = normalizeTrackingNumber(input);
	const hint = normalizeCarrierName(options.carrierHint ?? '');
	const market = marketOf(options.shopCountry);
	const matches: Match[] = matchFormats(normalized).map((m) => ({
		...m,
		hint: hintScore(hint, m.carrier),
		prior: priorOf(market, m.carrier),
	}));
	matches.sort(compare);
	const seen = new Set<CarrierCode>();
	const kept = matches.filter((m) => (seen.has(m.carrier) ? false : (seen.add(m.carrier), true)));
	const candidates: CarrierCandidate[] = kept.map((m) => ({
		carrier: m.carrier,
		carrierName: m.carrierName,
		format: m.spec.id,
		formatName: m.spec.name,
		checkDigitValid: m.checkDigitValid,
		confidence: confidenceOf(m, kept),
		trackingNumber: m.trackingNumber,
		...(m.originCountry ? { originCountry: m.originCountry } : {}),
		...(m.spec.service ? { service: m.spec.service } : {}),
	}));
	const best = candidates[0] ?? null;
	return {
		input: String(input ?? ''),
		normalized,
		best,
		candidates,
		valid: best !== null && best.checkDigitValid !== false,
		hintMismatch: hintNamesCarrier(hint) && kept.length > 0 && kept.every((m) => m.hint === 0 || m.checkDigitValid === false),
	};
}
