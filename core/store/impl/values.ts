import { InputError } from '../../shared/errors';
import type { MessageStatus } from '../JourneyStore';

/**
 * Checks and conversions both backends share, so they accept, reject and return exactly the same values.
 */

/**
 * Keys are indexed, and a PostgreSQL B-tree entry holds at most ~2.7 kB; 512 characters (≤ 2 kB of UTF-8) keeps
 * both backends identical. Values that are not keys (payloads, evidence, URLs) have no limit.
 */
export const MAX_KEY_LENGTH = 512;

export function checkKey(value: unknown, field: string): string {
	if (typeof value !== 'string' || value === '') throw new InputError(`The ${field} is empty.`, field);
	if (value.length > MAX_KEY_LENGTH) {
		throw new InputError(`The ${field} is longer than ${MAX_KEY_LENGTH} characters.`, field, 'Use a shorter ID, e.g. a hash of the long value.');
	}
	return checkText(value, field);
}

/** PostgreSQL text cannot hold U+0000, so neither backend accepts it (JSON values escape it and are fine). */
export function checkText(value: string, field: string): string {
	if (value.includes('\u0000')) throw new InputError(`The ${field} contains a NUL character.`, field);
	return value;
}

export function checkTtl(ttlMs: number | null, field = 'ttlMs'): number | null {
	if (ttlMs === null) return null;
	if (typeof ttlMs !== 'number' || !Number.isFinite(ttlMs) || ttlMs <= 0) {
		throw new InputError(`The ${field} must be a positive number of milliseconds or null.`, field);
	}
	return Math.round(ttlMs);
}

export function checkPositiveInt(value: number, field: string): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
		throw new InputError(`The ${field} must be a positive whole number.`, field);
	}
	return value;
}

/** Epoch ms of `date`, or `fallback` when it is undefined; a NaN fallback makes the date required. */
export function ms(date: Date | undefined, fallback: number): number {
	if (date === undefined && !Number.isNaN(fallback)) return fallback;
	const t = date instanceof Date ? date.getTime() : Number.NaN;
	if (Number.isNaN(t)) throw new InputError('The time is missing or not a valid date.', 'at');
	return t;
}

export function toJson(value: unknown): string {
	return JSON.stringify(value ?? {});
}

export function fromJson<T>(text: unknown, fallback: T): T {
	if (typeof text !== 'string' || text === '') return fallback;
	return JSON.parse(text) as T;
}

/** pg returns BIGINT as a string; SQLite returns numbers. */
export function num(value: unknown): number {
	return typeof value === 'number' ? value : Number(value);
}

export function numOrNull(value: unknown): number | null {
	return value === null || value === undefined ? null : num(value);
}

export const ERASED_JSON = '{"erased":true}';

export const DEFAULT_UNCOUNTED_STATUSES: MessageStatus[] = ['failed', 'undelivered'];

/** Splits a batch so each query stays well under SQLite's bound-parameter limit and keeps plans cheap. */
export function chunks<T>(values: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
	return out;
}
