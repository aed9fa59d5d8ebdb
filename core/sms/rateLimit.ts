/**
 * Pacing for outgoing messages. Each caller reserves the next free slot synchronously (so concurrent senders are
 * ordered), slots are `1000 / rate` ms apart on the schedule (a late timer does not push later slots back), and a
 * sliding-window check over the actual start times of the last `rate` sends keeps any second from ever holding
 * more than `rate`, with a 30 ms margin for jitter between our clock and the arrival at Twilio.
 */

export interface Sleeper {
	now(): number;
	sleep(ms: number): Promise<void>;
}

export const realTime: Sleeper = {
	now: () => performance.now(),
	sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** What paces a sender: one `take()` per message, resolved when the message may go. */
export interface Pacer {
	readonly perSecond: number;
	take(): Promise<void>;
}

export class RateLimiter implements Pacer {
	private readonly intervalMs: number;
	private readonly window: number[];
	private index = 0;
	private next = -Infinity;

	constructor(
		readonly perSecond: number,
		private readonly time: Sleeper = realTime,
		private readonly marginMs = 30,
	) {
		if (!(perSecond > 0) || !Number.isFinite(perSecond)) throw new RangeError('Messages per second must be a positive number.');
		this.intervalMs = 1000 / perSecond;
		this.window = new Array<number>(Math.max(1, Math.floor(perSecond))).fill(-Infinity);
	}

	/** Waits for the next slot. */
	async take(): Promise<void> {
		const now = this.time.now();
		const at = Math.max(now, this.next);
		this.next = at + this.intervalMs;
		if (at > now) await this.time.sleep(at - now);
		// The window check uses actual start times: a timer that fired late must not let the next sends bunch up.
		for (;;) {
			const actual = this.time.now();
			const wait = this.window[this.index] + 1000 + this.marginMs - actual;
			if (wait <= 0) {
				this.window[this.index] = actual;
				this.index = (this.index + 1) % this.window.length;
				return;
			}
			await this.time.sleep(wait);
		}
	}
}

/** Where shared slots come from: the journey store, which every process of one n8n installation opens. */
export interface SlotSource {
	reserveSlot(name: string, intervalMs: number, now?: Date): Promise<number>;
}

/**
 * One send rate for an account across processes (n8n queue-mode workers): every send reserves the next slot in the
 * journey store and waits for it. Slots use the wall clock, which the processes share, and are spaced with the same
 * 30 ms-per-second margin as `RateLimiter`. A process that wakes up late for its slot (a busy event loop, a slow
 * store round trip) gives the slot up and reserves a new one instead of sending: late sends are what bunch up at
 * the provider and earn 429s, and a send that starts within `lateMs` of its slot keeps every second, at any process
 * count, within (1000 + lateMs) / spacing ≤ the rate.
 */
export class SharedRateLimiter implements Pacer {
	private readonly intervalMs: number;
	/** Slots given up because this process was late for them (for figures and logs). */
	skipped = 0;

	constructor(
		private readonly slots: SlotSource,
		private readonly name: string,
		readonly perSecond: number,
		private readonly wallNow: () => number = Date.now,
		private readonly sleep: (ms: number) => Promise<void> = realTime.sleep,
		marginMs = 30,
		private readonly lateMs = 25,
	) {
		if (!(perSecond > 0) || !Number.isFinite(perSecond)) throw new RangeError('Messages per second must be a positive number.');
		this.intervalMs = (1000 + marginMs) / perSecond;
	}

	async take(): Promise<void> {
		for (;;) {
			const slot = await this.slots.reserveSlot(this.name, this.intervalMs, new Date(this.wallNow()));
			const wait = slot - this.wallNow();
			if (wait > 0) await this.sleep(wait);
			if (this.wallNow() - slot <= this.lateMs) return;
			this.skipped++;
		}
	}
}

/** Full-jitter exponential backoff: a random wait in [0, min(cap, base · 2^attempt)]. */
export function backoffMs(attempt: number, baseMs = 200, capMs = 5_000, random: () => number = Math.random): number {
	return Math.round(random() * Math.min(capMs, baseMs * 2 ** attempt));
}

/**
 * Runs `work` over `count` inputs with at most `limit` in flight; results keep input order. A rejection is
 * captured per index, never cancelling the others.
 */
export async function mapConcurrent<T>(
	count: number,
	limit: number,
	work: (index: number) => Promise<T>,
): Promise<Array<{ ok: true; value: T } | { ok: false; error: unknown }>> {
	const results = new Array<{ ok: true; value: T } | { ok: false; error: unknown }>(count);
	let nextIndex = 0;
	const worker = async () => {
		while (nextIndex < count) {
			const i = nextIndex++;
			try {
				results[i] = { ok: true, value: await work(i) };
			} catch (error) {
				results[i] = { ok: false, error };
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, count)) }, worker));
	return results;
}
