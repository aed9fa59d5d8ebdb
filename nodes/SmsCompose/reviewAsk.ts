import type { IDataObject } from 'n8n-workflow';
import { resolveStep } from '../../core/journey';
import { askedScale, textLanguage } from '../../core/review';
import type { JourneyStore } from '../../core/store';

/**
 * After a review request went out by SMS, the journey store remembers which scale the text named, for which order
 * and products, under the message's SID: Review Request's Parse Reply reads the customer's "1" on that scale.
 * Returns an error text when the send went out but could not be remembered (the caller logs it; the SMS stands).
 */
export async function rememberReviewAsk(
	store: JourneyStore,
	journeyStep: string,
	json: IDataObject,
	sms: { to: string; locale: string },
	sid: string | null,
	dedupeId: string,
): Promise<string | undefined> {
	if (resolveStep(journeyStep)?.id !== 'review_request') return undefined;
	const review = (json.review && typeof json.review === 'object' ? json.review : {}) as IDataObject;
	const pick = (...values: unknown[]) => values.map((v) => (v === undefined || v === null ? '' : String(v))).find((v) => v.trim() !== '');
	const order = (json.order ?? {}) as IDataObject;
	const shipment = (json.shipment ?? {}) as IDataObject;
	const orderId = pick(review.orderId, order.id, shipment.orderId, dedupeId, sid) ?? 'unknown';
	const products = Array.isArray(review.productIds) ? review.productIds.map(String) : [];
	try {
		await store.ratings.recordAsk({
			subject: sms.to,
			channel: 'sms',
			orderId,
			scale: askedScale(json, sms.locale),
			language: textLanguage(sms.locale),
			providerId: sid,
			products,
		});
		return undefined;
	} catch (error) {
		return error instanceof Error ? error.message : String(error);
	}
}
