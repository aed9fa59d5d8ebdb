import type { JourneyStore } from '../store';

/**
 * The claim both senders take right before a message goes out: a lease in the journey store, renewed while the send
 * is in progress and settled for good once it went out. If the process dies half-way (an n8n worker killed), the
 * lease runs out within `SEND_LEASE_MS` and the retried execution takes it over — told since when the dead sender
 * held it, so it can look for a message that did go out before sending again — instead of finding the message "done"
 * for ever while it never left. A second sender that finds a live lease waits for it to settle (then it skips) or run
 * out (then it takes over), so concurrent redeliveries still send once.
 */

/** Lease length: a live sender renews it every third of it, so only a dead one lets it run out. */
export const SEND_LEASE_MS = 30_000;

export interface SendClaim {
	/** When an earlier sender that never finished took this send; null for a fresh claim. */
	readonly takenOverFrom: Date | null;
	/** The message went out (or may have): the claim stays for good. */
	settle(): Promise<void>;
	/** Nothing went out: the next attempt may send. */
	release(): Promise<void>;
	/** Stops renewing without deciding (an unexpected error): the lease runs out and a retry reconciles. */
	abandon(): void;
}

export interface SendClaimOptions {
	now: () => Date;
	sleep: (ms: number) => Promise<void>;
	leaseMs?: number;
}

/** Takes the send claim for `key`, or returns null when the message was already sent (or is being sent and cannot be taken over). */
export async function claimSend(store: JourneyStore, key: string, options: SendClaimOptions): Promise<SendClaim | null> {
	const leaseMs = options.leaseMs ?? SEND_LEASE_MS;
	// The wait is bounded by the time slept, not by the clock: a clock that stands still (a pinned test clock) never
	// sees a dead holder's lease run out.
	let waited = 0;
	for (;;) {
		const lease = await store.claimLease(key, leaseMs, options.now());
		if (lease.state === 'done') return null;
		if (lease.state === 'claimed') return heldClaim(store, key, lease.claimedAt, lease.takenOverFrom, leaseMs, options.now);
		if (waited >= 2 * leaseMs) return null;
		const pause = Math.max(50, Math.min(1000, lease.until.getTime() - options.now().getTime() + 50));
		await options.sleep(pause);
		waited += pause;
	}
}

function heldClaim(store: JourneyStore, key: string, claimedAt: number, takenOverFrom: Date | null, leaseMs: number, now: () => Date): SendClaim {
	let open = true;
	const timer = setInterval(() => {
		// A failed renewal is not fatal: the send goes on, and the worst case is what the lease is there for.
		store.renewLease(key, claimedAt, leaseMs, now()).catch(() => undefined);
	}, Math.max(1, Math.floor(leaseMs / 3)));
	timer.unref();
	const stop = () => {
		const wasOpen = open;
		open = false;
		clearInterval(timer);
		return wasOpen;
	};
	const finish = async (action: () => Promise<unknown>) => {
		if (stop()) await action();
	};
	return {
		takenOverFrom,
		settle: () => finish(() => store.settleLease(key, claimedAt)),
		release: () => finish(() => store.releaseLease(key, claimedAt)),
		abandon: () => void stop(),
	};
}
