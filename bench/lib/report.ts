/**
 * Honest bench output: a figure is printed with its target and a plain verdict (met / missed), and a noisy figure as
 * the median of several runs with their min–max, so one lucky or unlucky run does not read as the result.
 */

export interface Spread {
	median: number;
	min: number;
	max: number;
	runs: number;
}

export interface Target {
	/** `≥` more is better; `≤` / `<` less is better. */
	op: '≥' | '≤' | '<';
	value: number;
}

export function spread(values: readonly number[]): Spread {
	if (values.length === 0) throw new RangeError('spread() needs at least one run');
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
	return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: sorted.length };
}

/** Runs `fn` `runs` times (each returns one figure) and summarizes them. */
export async function repeat(runs: number, fn: (run: number) => Promise<number> | number): Promise<Spread> {
	const values: number[] = [];
	for (let r = 0; r < runs; r++) values.push(await fn(r));
	return spread(values);
}

/** Whether the median meets the target. */
export function met(figure: Spread | number, target: Target): boolean {
	const value = typeof figure === 'number' ? figure : figure.median;
	return target.op === '≥' ? value >= target.value : target.op === '≤' ? value <= target.value : value < target.value;
}

export function verdict(figure: Spread | number, target: Target): 'met' | 'missed' {
	return met(figure, target) ? 'met' : 'missed';
}

/** `12,345 (min–max 11,002–13,870, 5 runs)`, or just the value for a single measurement. */
export function show(figure: Spread | number, format: (n: number) => string): string {
	if (typeof figure === 'number') return format(figure);
	if (figure.runs === 1) return `${format(figure.median)} (1 run)`;
	return `${format(figure.median)} (median; min–max ${format(figure.min)}–${format(figure.max)}, ${figure.runs} runs)`;
}

export function showTarget(target: Target, format: (n: number) => string): string {
	return `${target.op} ${format(target.value)}`;
}

/**
 * One line: `label: figure — target ≥ x: met`, or `label: figure (no target)` when nothing sets one: a figure never
 * reads as passed without a target.
 */
export function line(label: string, figure: Spread | number, format: (n: number) => string, target?: Target): string {
	const goal = target ? ` — target ${showTarget(target, format)}: ${verdict(figure, target)}` : ' (no target)';
	return `${label}: ${show(figure, format)}${goal}`;
}

/** `a / b` per round, for ratios of two figures measured back to back in each round. */
export function ratios(a: readonly number[], b: readonly number[]): Spread {
	return spread(a.map((x, i) => x / b[i]));
}

export const int = (n: number): string => Math.round(n).toLocaleString('en');
export const fixed = (digits: number) => (n: number): string => n.toFixed(digits);
