/**
 * Defensive readers for untrusted webhook JSON: every platform omits, nulls or retypes fields between versions,
 * so adapters read through these instead of trusting shapes.
 */

export type Json = Record<string, unknown>;

export function obj(value: unknown): Json | null {
	return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
}

export function arr(value: unknown): unknown[] {
	return Array.isArray(value) ? value : [];
}

/** A trimmed non-empty string (numbers become their text), else null. */
export function str(value: unknown): string | null {
	if (typeof value === 'string') {
		const t = value.trim();
		return t === '' ? null : t;
	}
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'bigint') return value.toString();
	return null;
}

export function int(value: unknown, fallback = 0): number {
	const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
	return Number.isFinite(n) ? Math.trunc(n) : fallback;
}

export function firstStr(...values: unknown[]): string | null {
	for (const v of values) {
		const s = str(v);
		if (s !== null) return s;
	}
	return null;
}

/** Reads `a.b.c` from an object; null when any step is missing. */
export function path(value: unknown, dotted: string): unknown {
	let current: unknown = value;
	for (const key of dotted.split('.')) {
		const o = obj(current);
		if (!o) return null;
		current = o[key];
	}
	return current ?? null;
}

export function upper(value: unknown): string | null {
	const s = str(value);
	return s ? s.toUpperCase() : null;
}
