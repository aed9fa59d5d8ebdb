import type { Dialect } from './dialect/Dialect';
import type { Channel } from './JourneyStore';
import { hmacSha256Hex } from './impl/hmac';
import { lookupSubject, normalizeAnySubject, normalizeSubject } from './subject';

/** Subjects per generation of the hash memo (two generations are kept: at most ~2 × 100k × ~150 bytes). */
const HASH_MEMO_SIZE = 100_000;

export interface SubjectBatch {
	/** Normalized subjects by hash; each with the input spellings that map to it. */
	byHash: Map<string, { subject: string; inputs: string[] }>;
	/** The hashes, sorted, so the index is walked in order. */
	hashes: string[];
}

/**
 * What every concern needs besides the dialect: the store's clock and the subject hashing (normalize, then the salted
 * HMAC, remembered for recently seen subjects: a gated batch hashes each subject for its suppression, consent, counts,
 * re-check and decision log, and HMAC setup is most of a cold look-up's cost).
 */
export class StoreContext {
	private readonly hmac: (subject: string) => string;
	private hashMemo = new Map<string, string>();
	private oldHashMemo = new Map<string, string>();

	constructor(
		readonly db: Dialect,
		readonly now: () => number,
	) {
		this.hmac = hmacSha256Hex(db.salt);
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

	/** A subject of a known channel: normalized (throws `InputError` when it is none) and hashed. */
	subject(channel: Channel, value: string): { subject: string; hash: string } {
		const subject = normalizeSubject(channel, value);
		return { subject, hash: this.hashOf(subject) };
	}

	/** A phone number or e-mail address, whichever it is. */
	anySubject(value: string): { subject: string; hash: string } {
		const subject = normalizeAnySubject(value);
		return { subject, hash: this.hashOf(subject) };
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

/**
 * How the store runs each method of a concern: checks the store is open, starts housekeeping when due, and wraps a
 * database failure into a `StoreError` naming `action`. Concerns added as sub-stores (`store.carts` …) receive it.
 */
export type StoreCall = <T>(action: string, fn: () => Promise<T>) => Promise<T>;
