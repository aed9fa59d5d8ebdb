import { applyToOrderHistory } from '../commerce';
import type { JourneyStore } from '../store';
import { InputError } from '../shared/errors';
import type { OrderSource } from './types';

/** What became of one order from the shop. */
export type ApplyOutcome = { recorded: 'new' | 'updated'; cancelled: boolean } | { skipped: SkipReason };

/** Why an order was left out: the shop sent something we cannot read, or nothing the history can hold. */
export type SkipReason = 'unreadable' | 'not_recordable';

/**
 * Records one raw order the way its webhook would have (through the platform adapter and the shared order-history
 * path): the placement, then the refunds and returns it already carries; an order the shop cancelled is recorded
 * and taken back, so a stale webhook copy stops counting too.
 */
export async function applyOrder(orders: JourneyStore['orders'], source: OrderSource, raw: unknown, receivedAt: string): Promise<ApplyOutcome> {
	let events;
	try {
		events = source.eventsOf(raw, receivedAt);
	} catch (error) {
		if (error instanceof InputError) return { skipped: 'unreadable' };
		throw error;
	}
	const placed = events.find((e) => 'order' in e);
	if (!placed || !('order' in placed)) return { skipped: 'unreadable' };
	const known = await applyToOrderHistory(orders, placed);
	if (known === undefined) return { skipped: 'not_recordable' };
	for (const event of events) if ('return' in event) await applyToOrderHistory(orders, event);
	const cancelled = source.cancelled(raw);
	if (cancelled) await orders.cancel(source.platform, placed.order.id, 'cancelled');
	return { recorded: known ? 'new' : 'updated', cancelled };
}
