import type { ReturnReason } from './model';
import { str } from './values';

/**
 * Return reasons to our eight buckets, so follow-ups can branch on them ("damaged" → apology + replacement,
 * "size_fit" → size advice). Platform codes first (Shopify's ReturnReason enum), then keywords in English and
 * German for free text (WooCommerce refund reasons, custom shops).
 */

const CODES: Record<string, ReturnReason> = {
	color: 'changed_mind',
	damaged: 'damaged',
	defective: 'defective',
	late: 'late',
	arrived_late: 'late',
	not_as_described: 'not_as_described',
	other: 'other',
	size_too_large: 'size_fit',
	size_too_small: 'size_fit',
	size: 'size_fit',
	size_fit: 'size_fit',
	style: 'changed_mind',
	unknown: 'other',
	unwanted: 'changed_mind',
	changed_mind: 'changed_mind',
	wrong_item: 'wrong_item',
};

const KEYWORDS: Array<[RegExp, ReturnReason]> = [
	[/damag|broken|crack|beschädigt|kaputt|zerbrochen|transportschaden/i, 'damaged'],
	[/defect|faulty|not work|doesn.t work|defekt|funktioniert nicht|fehlerhaft/i, 'defective'],
	[/wrong (item|product|article)|falsche[rs]? (artikel|produkt|ware)|falsch geliefert/i, 'wrong_item'],
	[/not as described|different from|entspricht nicht|anders als (beschrieben|abgebildet)/i, 'not_as_described'],
	[/too (small|large|big|tight|loose)|size|fit|zu (klein|groß|gross|eng|weit)|größe|passt nicht/i, 'size_fit'],
	[/too late|arrived late|delay|zu spät|verspät/i, 'late'],
	[/changed my mind|no longer need|don.t need|unwanted|don.t like|nicht mehr (benötigt|gebraucht)|gefällt (mir )?nicht|widerruf/i, 'changed_mind'],
];

export function normalizeReturnReason(value: unknown): ReturnReason {
	const text = str(value);
	if (!text) return 'other';
	const code = CODES[text.toLowerCase().replace(/[\s-]+/g, '_')];
	if (code) return code;
	for (const [pattern, reason] of KEYWORDS) if (pattern.test(text)) return reason;
	return 'other';
}
