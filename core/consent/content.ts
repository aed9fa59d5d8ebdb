/**
 * Marketing-content lint for messages declared transactional. A review ask, a coupon, a discount or a cross-sell
 * turns a service message into advertising (BGH 10 Jul 2018, VI ZR 225/17). German, English and French cues.
 */

export type MarketingCue = 'coupon' | 'discount' | 'review' | 'cross_sell' | 'promotion';

const CUES: ReadonlyArray<[MarketingCue, RegExp]> = [
	['coupon', /\b(coupon|gutschein\w*|voucher|promo[\s-]?code|rabatt[\s-]?code|discount[\s-]?code|code promo|bon de r[ée]duction)\b/i],
	['discount', /(\b\d{1,2}\s?%|\b(rabatt\w*|discount\w*|sparen|spare|save \d|% off|off your next|r[ée]duction|soldes)\b)/i],
	['review', /\b(bewert\w*|rezension\w*|review\w*|rate us|rate your|leave a rating|sterne|stars?\b|feedback|avis|[ée]valuez|notez)/i],
	['cross_sell', /\b(you (might|may) also like|auch interessant|passend dazu|das k[öo]nnte (dir|ihnen) gefallen|recommended for you|empfehlung\w*|recommend\w*|entdecke\w*|discover|new arrivals|neuheiten|shop now|jetzt shoppen)\b/i],
	['promotion', /\b(sale|angebot\w*|aktion\w*|special offer|limited time|nur heute|only today|newsletter|black friday|gratis versand|free shipping)\b/i],
];

export function detectMarketingContent(text: string | null | undefined): MarketingCue[] {
	if (!text) return [];
	const found: MarketingCue[] = [];
	for (const [cue, pattern] of CUES) if (pattern.test(text)) found.push(cue);
	return found;
}
