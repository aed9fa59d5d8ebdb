/**
 * One clock for everything in a test run. `setClock(at)` moves the process's `Date` so that "now" is `at` and keeps
 * running from there in real time: the Consent Gate, the Wait stand-in, the journey store, delivery estimates, the
 * local Twilio and SMTP servers and n8n's engine all read the same moved clock. Timers (setTimeout, setInterval)
 * are left alone, so nothing waits longer or shorter than it says. `resetClock()` restores the real clock.
 *
 * This is what `faketime` does to a whole process, done inside one test file, so a test can pin "Tuesday 23:30
 * Berlin" and still pass on any day the suite runs.
 */
const RealDate = Date;
let offsetMs = 0;

class MovedDate extends RealDate {
	constructor(...args: unknown[]) {
		if (args.length === 0) super(RealDate.now() + offsetMs);
		else super(...(args as [string | number | Date]));
	}

	static now(): number {
		return RealDate.now() + offsetMs;
	}

	// Dates made before the move (or by code that kept a reference to the real Date) are still dates.
	static [Symbol.hasInstance](value: unknown): boolean {
		return value instanceof RealDate;
	}
}

/** Moves "now" to `at` for everything in this process until `resetClock()`. */
export function setClock(at: string | Date): void {
	const target = new RealDate(at instanceof RealDate ? at.getTime() : at).getTime();
	if (Number.isNaN(target)) throw new RangeError(`setClock: invalid time ${String(at)}`);
	offsetMs = target - RealDate.now();
	globalThis.Date = MovedDate as DateConstructor;
}

export function resetClock(): void {
	offsetMs = 0;
	globalThis.Date = RealDate;
}

/** The real wall clock, for tests that must compare with it (e.g. how long something took). */
export function realNow(): number {
	return RealDate.now();
}
