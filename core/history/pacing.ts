/**
 * Every wait of an import in one place: the HTTP client's retries (429 with `Retry-After`, 5xx back-off) and the
 * pauses we take on our own before a shop says no (Shopify's call-limit bucket). Counted for the summary.
 */

export interface Pacer {
	wait(ms: number): Promise<void>;
	readonly waits: number;
	readonly waitedMs: number;
}

export function createPacer(sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms))): Pacer {
	let waits = 0;
	let waitedMs = 0;
	return {
		async wait(ms: number) {
			if (!(ms > 0)) return;
			waits++;
			waitedMs += ms;
			await sleep(ms);
		},
		get waits() {
			return waits;
		},
		get waitedMs() {
			return waitedMs;
		},
	};
}

/** Shopify's REST bucket empties by this many calls per second (standard plans; Plus leaks faster, so we only wait longer). */
const SHOPIFY_LEAK_PER_SECOND = 2;

/**
 * `X-Shopify-Shop-Api-Call-Limit: 32/40`: when the bucket is 80 % full, how long to pause so it drains to half;
 * 0 otherwise or when the header is missing or unreadable.
 */
export function shopifyCallLimitPause(header: string | undefined | null): number {
	const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(header ?? '');
	if (!match) return 0;
	const [used, max] = [Number(match[1]), Number(match[2])];
	if (max <= 0 || used < max * 0.8) return 0;
	return Math.ceil(((used - max / 2) / SHOPIFY_LEAK_PER_SECOND) * 1000);
}
