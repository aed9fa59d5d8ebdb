import type { Dialect } from './dialect/Dialect';
import type { Channel } from './JourneyStore';
import { InputError } from '../shared/errors';
import { hmacSha256Hex, hmacSha256Into } from './impl/hmac';
import { lookupSubject, normalizeAnySubject, normalizeSubject } from './subject';

/** Subjects per generation of the hash memo (two generations are kept: at most ~2 × 100k × ~150 bytes). */
const HASH_MEMO_SIZE = 100_000;

export interface SubjectBatch {
	/** Normalized subjects by hash; each with the input spellings that map to it. */
	byHash: Map<string, { subject: string; inputs: string[] }>;
	/** The hashes, sorted, so the index is walked in order. */
	hashes: string[];
}

/** Bytes of one subject key: the raw HMAC-SHA256 whose hex is the subject hash. */
export const KEY_BYTES = 32;

/** The values of a batch that can be subjects: each normalized, with the value it came from (duplicates kept). */
export interface BatchSubjects {
	subjects: string[];
	inputs: string[];
}

/** A part of a batch ready for tables keyed by binary subject keys: each subject once, in key order. */
export interface KeyBatch {
	subjects: string[];
	/**
	 * The input spelling(s) of subject `i`: the one value, or a list when several values map to it (duplicates in the
	 * batch, or `+49 151…` next to `+49151…`). One string rather than a list per subject: a 10,000-subject look-up
	 * then allocates 10,000 fewer arrays.
	 */
	inputs: Array<string | string[]>;
	/** Their keys back to back: subject `i` is bytes `i * KEY_BYTES` to `(i + 1) * KEY_BYTES`. */
	keys: Buffer;
}

/**
 * What every concern needs besides the dialect: the store's clock and the subject hashing (normalize, then the salted
 * HMAC, remembered for recently seen subjects: a gated batch hashes each subject for its suppression, consent, counts,
 * re-check and decision log, and HMAC setup is most of a cold look-up's cost).
 */
export class StoreContext {
	private readonly hmac: (subject: string) => string;
	private readonly hmacInto: (subject: string, out: Uint8Array, offset: number) => void;
	private hashMemo = new Map<string, string>();
	private oldHashMemo = new Map<string, string>();

	constructor(
		readonly db: Dialect,
		readonly now: () => number,
	) {
		this.hmac = hmacSha256Hex(db.salt);
		this.hmacInto = hmacSha256Into(db.salt);
	}

	hashOf(subject: string): string {
		let hash = this.hashMemo.get(subject) ?? this.oldHashMemo.get(subject);
		if (hash === undefined) {
			hash = this.hmac(subject);
			if (this.hashMemo.size >= HASH_MEMO_SIZE) {
				this.oldHashMemo = this.hashMemo;
				this.hashMemo = new Map();
			}
			this.hashMemo.set(subject, hash);
		}
		return hash;
	}

	/** The binary key of a normalized subject (tables keyed by BLOB / bytea: `consent_current` since version 6). */
	keyOf(subject: string): Buffer {
		const key = Buffer.allocUnsafe(KEY_BYTES);
		this.writeKey(subject, key, 0);
		return key;
	}

	/** Writes a subject's key at `offset`: from the hash memo when it is there, else hashed straight into `out`. */
	private writeKey(subject: string, out: Buffer, offset: number): void {
		const hex = this.hashMemo.get(subject) ?? this.oldHashMemo.get(subject);
		if (hex === undefined) this.hmacInto(subject, out, offset);
		else out.write(hex, offset, KEY_BYTES, 'hex');
	}

	/**
	 * Normalizes a batch for tables keyed by binary subject keys (`keysOf` then hashes it, part by part). Values that
	 * cannot be subjects are left out, as in `batch`; duplicates are merged by `keysOf`, where equal keys sort together
	 * (no map of subjects to build for a 10,000-subject look-up).
	 */
	subjectsOf(channel: Channel, values: readonly string[]): BatchSubjects {
		const subjects: string[] = [];
		const inputs: string[] = [];
		for (const value of values) {
			const subject = lookupSubject(channel, value);
			if (subject === null) continue;
			subjects.push(subject);
			inputs.push(value);
		}
		return { subjects, inputs };
	}

	/**
	 * Subjects `start` to `end` of a batch with their keys in one buffer, each subject once, in key order: one
	 * statement splits the buffer (no hex strings to build, send or compare for a 10,000-subject look-up). Parts are
	 * hashed one at a time, so a PostgreSQL look-up can send the first part before it hashes the next.
	 */
	keysOf(batch: BatchSubjects, start: number, end: number): KeyBatch {
		const n = end - start;
		const keys = Buffer.allocUnsafe(n * KEY_BYTES);
		for (let i = 0; i < n; i++) this.writeKey(batch.subjects[start + i], keys, i * KEY_BYTES);
		return inKeyOrder(batch, start, keys);
	}

	/** A subject of a known channel: normalized (throws `InputError` when it is none) and hashed. */
	subject(channel: Channel, value: string): { subject: string; hash: string } {
		const subject = normalizeSubject(channel, value);
		return { subject, hash: this.hashOf(subject) };
	}

	/**
	 * A subject its caller has already resolved and validated (the Consent Gate's recipients): a value already in E.164
	 * shape that parsing could not change is taken as it is (see `lookupSubject`), anything else is normalized as usual.
	 */
	resolvedSubject(channel: Channel, value: string): { subject: string; hash: string } {
		const subject = lookupSubject(channel, value);
		return subject === null ? this.subject(channel, value) : { subject, hash: this.hashOf(subject) };
	}

	/** A phone number or e-mail address, whichever it is. */
	anySubject(value: string): { subject: string; hash: string } {
		const subject = normalizeAnySubject(value);
		return { subject, hash: this.hashOf(subject) };
	}

	/** The distinct hashes of those values that are subjects at all (other values cannot have records). */
	anySubjectHashes(values: readonly string[]): string[] {
		const out = new Set<string>();
		for (const value of values) {
			if (!value) continue;
			try {
				out.add(this.anySubject(value).hash);
			} catch (error) {
				if (!(error instanceof InputError)) throw error;
			}
		}
		return [...out];
	}

	/**
	 * Normalizes a batch for reading, grouped by hash (duplicates and different spellings share one look-up). Values
	 * that cannot be subjects are left out: they cannot have records (see `lookupSubject`).
	 */
	batch(channel: Channel, values: readonly string[]): SubjectBatch {
		const byHash = new Map<string, { subject: string; inputs: string[] }>();
		for (const value of values) {
			const subject = lookupSubject(channel, value);
			if (subject === null) continue;
			const hash = this.hashOf(subject);
			const entry = byHash.get(hash);
			if (entry) entry.inputs.push(value);
			else byHash.set(hash, { subject, inputs: [value] });
		}
		return { byHash, hashes: [...byHash.keys()].sort() };
	}
}

/** Subjects per batch that `inKeyOrder` sorts: the position must fit beside a 32-bit key prefix in a double. */
const SORT_LIMIT = 2 ** 20;

/**
 * Subjects `start…` of the batch in the order of their `keys`, so the statement probes the primary key in index
 * order: each probe then finds most of its path in pages the previous one touched (a third less time in SQLite for
 * 10,000 random subjects; PostgreSQL's buffer look-ups alike). Sorted by the keys' first 32 bits (ties keep any
 * order): one native sort of doubles, no compares. Equal keys then lie in one run of equal first bits, where each
 * is merged into the first (its input added to that subject's inputs); a run is nearly always one key long.
 */
export function inKeyOrder(batch: BatchSubjects, start: number, keys: Buffer): KeyBatch {
	const n = keys.length / KEY_BYTES;
	if (n > SORT_LIMIT) {
		return { subjects: batch.subjects.slice(start, start + n), inputs: batch.inputs.slice(start, start + n), keys };
	}
	const order = new Float64Array(n);
	for (let i = 0; i < n; i++) order[i] = keys.readUInt32BE(i * KEY_BYTES) * SORT_LIMIT + i;
	order.sort();
	const out: KeyBatch = { subjects: [], inputs: [], keys: Buffer.allocUnsafe(keys.length) };
	let runPrefix = -1;
	let runStart = 0;
	for (let i = 0; i < n; i++) {
		const from = order[i] % SORT_LIMIT;
		const prefix = (order[i] - from) / SORT_LIMIT;
		const input = batch.inputs[start + from];
		if (prefix !== runPrefix) {
			runPrefix = prefix;
			runStart = out.subjects.length;
		} else {
			const same = sameKey(out.keys, runStart, out.subjects.length, keys, from);
			if (same >= 0) {
				const seen = out.inputs[same];
				if (typeof seen === 'string') out.inputs[same] = [seen, input];
				else seen.push(input);
				continue;
			}
		}
		keys.copy(out.keys, out.subjects.length * KEY_BYTES, from * KEY_BYTES, (from + 1) * KEY_BYTES);
		out.subjects.push(batch.subjects[start + from]);
		out.inputs.push(input);
	}
	out.keys = out.keys.subarray(0, out.subjects.length * KEY_BYTES);
	return out;
}

/** The position among `keys[from…to)` of a key equal to `source`'s key `at`, or -1. */
function sameKey(keys: Buffer, from: number, to: number, source: Buffer, at: number): number {
	for (let j = from; j < to; j++) {
		if (source.compare(keys, j * KEY_BYTES, (j + 1) * KEY_BYTES, at * KEY_BYTES, (at + 1) * KEY_BYTES) === 0) return j;
	}
	return -1;
}

/**
 * How the store runs each method of a concern: checks the store is open, starts housekeeping when due, and wraps a
 * database failure into a `StoreError` naming `action`. Concerns added as sub-stores (`store.carts` …) receive it.
 */
export type StoreCall = <T>(action: string, fn: () => Promise<T>) => Promise<T>;
