import type { Return, ReturnReason } from '../commerce/model';

/**
 * What to offer after an accepted return, by its reason (the return playbook of the shop-marketing articles behind
 * this package): a damaged, defective or wrong item gets an apology, a voucher and a replacement; a size or fit
 * problem gets the right size or similar products; a change of mind gets similar products; a late parcel gets an
 * apology and a voucher; anything else a question what we could do better. Kept as data, so a template branches on
 * `followUp.reason` and reads `followUp.offer` instead of deciding this in expressions.
 */

export type FollowUpOffer = 'replacement' | 'size_exchange' | 'similar_products' | 'voucher' | 'feedback';

export interface FollowUpRule {
	offer: FollowUpOffer;
	/** Whether the message starts with an apology: the shop got something wrong. */
	apology: boolean;
	/** Whether a voucher belongs to the offer. */
	voucher: boolean;
}

export interface FollowUp extends FollowUpRule {
	/** The reason the follow-up answers: the most serious reason among the returned items. */
	reason: ReturnReason;
	/** Offers, vouchers and product suggestions are advertising: send them through the Consent Gate as marketing. */
	purpose: 'marketing';
}

export const FOLLOW_UP_RULES: Readonly<Record<ReturnReason, FollowUpRule>> = {
	damaged: { offer: 'replacement', apology: true, voucher: true },
	defective: { offer: 'replacement', apology: true, voucher: true },
	wrong_item: { offer: 'replacement', apology: true, voucher: true },
	not_as_described: { offer: 'similar_products', apology: true, voucher: false },
	late: { offer: 'voucher', apology: true, voucher: true },
	size_fit: { offer: 'size_exchange', apology: false, voucher: false },
	changed_mind: { offer: 'similar_products', apology: false, voucher: false },
	other: { offer: 'feedback', apology: false, voucher: false },
};

/** Most serious first: one damaged item among three that did not fit makes the whole follow-up an apology. */
export const REASON_PRIORITY: readonly ReturnReason[] = ['damaged', 'wrong_item', 'defective', 'not_as_described', 'late', 'size_fit', 'changed_mind', 'other'];

/** The reason a follow-up should answer: the most serious one among the items, else the return's own reason. */
export function leadingReason(ret: Pick<Return, 'reason' | 'items'>): ReturnReason {
	const reasons = new Set<ReturnReason>([ret.reason, ...ret.items.map((i) => i.reason)]);
	return REASON_PRIORITY.find((r) => reasons.has(r)) ?? 'other';
}

export function followUpFor(ret: Pick<Return, 'reason' | 'items'>, rules: Readonly<Record<ReturnReason, FollowUpRule>> = FOLLOW_UP_RULES): FollowUp {
	const reason = leadingReason(ret);
	return { reason, ...rules[reason], purpose: 'marketing' };
}
