import type { Channel, JourneyStore, Purpose, Suppression } from '../store';

/**
 * The last look before a marketing message leaves. The Consent Gate decides per batch, but an item may then wait for
 * its send slot (the account's shared rate), a Wait node or a queue-mode worker; a STOP or unsubscribe recorded in
 * that time must still stop it. Both senders ask right before the provider call, after the claim is theirs.
 *
 * Transactional messages are left to the gate: whether they go on after STOP is its "Allow Transactional After STOP"
 * choice, which the sender cannot know, and the carrier refuses a number that replied STOP anyway.
 */

export interface SendCheck {
	/** The suppression on record at `checkedAt`, or null. */
	suppression: Suppression | null;
	/** When the journey store was asked: kept in the message log as evidence of what was known when it went out. */
	checkedAt: Date;
}

/** Null when nothing needs checking (no store, or not marketing). */
export async function checkBeforeSend(store: JourneyStore | null | undefined, subject: string, channel: Channel, purpose: Purpose, now: () => Date): Promise<SendCheck | null> {
	if (!store || purpose !== 'marketing') return null;
	const checkedAt = now();
	return { suppression: await store.getSuppression(subject, channel), checkedAt };
}
