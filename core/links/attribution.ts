import { InputError } from '../shared/errors';
import type { Attribution, LinkStore } from '../store';

/**
 * Attribution (last touch): an order placed within the window (default 5 days) after a counted click on a short
 * link belongs to that link's journey step; when nothing was clicked, to the journey step of the last message the
 * customer received in the window (SMS delivered, e-mail accepted). Stored once per order in `store.links`: a
 * redelivered or updated order keeps its first attribution. Called for every order the shared receive path sees.
 */

export const DEFAULT_ATTRIBUTION_DAYS = 5;
const DAY_MS = 86_400_000;

/** The part of a canonical order event attribution reads. */
export interface OrderTouchEvent {
	event: string;
	platform: string;
	receivedAt: string;
	order?: { id: string; placedAt?: string | null; currency?: string | null; total?: string | null };
	customer?: { email?: string | null; phone?: string | null };
}

export async function attributeOrderEvent(
	links: Pick<LinkStore, 'attributeOrder'>,
	event: OrderTouchEvent,
	options: { windowDays?: number } = {},
): Promise<Attribution | null> {
	if ((event.event !== 'order.placed' && event.event !== 'order.paid') || !event.order?.id) return null;
	const placedAt = new Date(event.order.placedAt ?? event.receivedAt);
	if (Number.isNaN(placedAt.getTime())) return null;
	const subjects = [event.customer?.email, event.customer?.phone].filter((s): s is string => typeof s === 'string' && s !== '');
	try {
		return await links.attributeOrder({
			platform: event.platform,
			orderId: event.order.id,
			subjects,
			placedAt,
			windowMs: (options.windowDays ?? DEFAULT_ATTRIBUTION_DAYS) * DAY_MS,
			currency: event.order.currency ?? null,
			total: event.order.total ?? null,
		});
	} catch (error) {
		// An order id the store cannot key is no reason to refuse the shop's delivery; store failures propagate.
		if (error instanceof InputError) return null;
		throw error;
	}
}
