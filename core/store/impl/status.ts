import type { MessageStatus } from '../JourneyStore';

/**
 * How far along a message is. Provider callbacks arrive out of order (Twilio may post "sent" after "delivered"),
 * so a status only replaces one of the same or an earlier stage. `received` is an inbound message's only status.
 */
const STAGE: Record<MessageStatus, number> = {
	received: 0,
	queued: 0,
	accepted: 1,
	sending: 2,
	sent: 3,
	delivered: 4,
	undelivered: 4,
	failed: 4,
	bounced: 4,
	read: 5,
};

export const MESSAGE_STATUSES = Object.keys(STAGE) as MessageStatus[];

/** The statuses a message may have for `next` to replace it. */
export function allowedPriorStatuses(next: MessageStatus): MessageStatus[] {
	const stage = STAGE[next];
	if (stage === undefined) return [];
	return MESSAGE_STATUSES.filter((s) => STAGE[s] <= stage);
}
