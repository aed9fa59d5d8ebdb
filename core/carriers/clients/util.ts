import type { TrackingEvent } from '../status';

export function str(value: unknown): string | null {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : null;
}

export function obj(value: unknown): Record<string, unknown> {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function arr(value: unknown): Array<Record<string, unknown>> {
	return Array.isArray(value) ? value.map(obj) : [];
}

export function joinPlace(...parts: unknown[]): string | null {
	const clean = parts.map(str).filter((p): p is string => p !== null);
	return clean.length ? clean.join(', ') : null;
}

/** "20261124" + "143000" → "2026-11-24T14:30:00" (UPS gives local times without an offset). */
export function upsDateTime(date: unknown, time?: unknown): string | null {
	const d = str(date);
	if (!d || !/^\d{8}$/.test(d)) return null;
	const t = str(time);
	const iso = `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
	return t && /^\d{6}$/.test(t) ? `${iso}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}` : iso;
}

export function event(time: unknown, location: string | null, text: unknown, code?: unknown): TrackingEvent {
	const c = str(code);
	return { time: str(time), location, text: str(text) ?? '', ...(c ? { code: c } : {}) };
}

/** YYYY-MM-DD part of an ISO timestamp. */
export function dateOnly(value: unknown): string | null {
	const s = str(value);
	return s && /^\d{4}-\d{2}-\d{2}/.test(s) ? s.slice(0, 10) : null;
}

export function window(from: unknown, to: unknown): { earliest: string; latest: string } | null {
	const a = dateOnly(from);
	const b = dateOnly(to) ?? a;
	return a && b ? { earliest: a, latest: b } : null;
}
