import { createHmac } from 'node:crypto';
import { safeEqual } from '../shared/signature';
import { InputError } from '../shared/errors';
import { normalizeSubject, numberKey } from '../store';
import type { JourneyStore, OrderRecord } from '../store';
import { ORDER_LINK_PURPOSE, openOrderLink } from './orderLink';

/**
 * How the tracking page finds one order: by the order number plus the customer's e-mail address or the shipping
 * postcode (the form), or by a signed link. A wrong combination gets exactly the answer an unknown order gets, so
 * nobody learns which order numbers exist; attempts are counted per order number and per client address in the
 * journey store (every process shares the count), so guessing postcodes runs into the limit quickly.
 */

export interface AttemptLimits {
	/** Form attempts per order number per hour (right or wrong). */
	perOrder: number;
	/** Form attempts per client address per hour. */
	perClient: number;
}

export const DEFAULT_ATTEMPT_LIMITS: AttemptLimits = { perOrder: 10, perClient: 30 };

const HOUR_MS = 3_600_000;

export type Lookup = { found: true; order: OrderRecord; via: 'form' | 'link' } | { found: false; reason: 'not_found' | 'limited' | 'expired' };

/** Postcodes compared without spaces, dashes and case ("10115", "SW1A 1AA" = "sw1a1aa"). */
const postcodeKey = (value: string) => value.replace(/[\s-]+/g, '').toUpperCase();

/** Whether `answer` (an e-mail address or a postcode) is the one the order names. Constant time for a given length. */
export function answerMatches(order: OrderRecord, answer: string): boolean {
	const given = String(answer ?? '').trim();
	if (given === '') return false;
	if (given.includes('@')) {
		let email: string;
		try {
			email = normalizeSubject('email', given);
		} catch (error) {
			if (error instanceof InputError) return false;
			throw error;
		}
		const known = [order.contact.email, order.subject?.includes('@') ? order.subject : null].filter((v): v is string => !!v);
		return known.some((k) => {
			try {
				return safeEqual(normalizeSubject('email', k), email);
			} catch {
				return false;
			}
		});
	}
	const postcode = order.contact.postalCode;
	return !!postcode && postcodeKey(given) !== '' && safeEqual(postcodeKey(postcode), postcodeKey(given));
}

/** Quota names carry a keyed hash, never the order number or address itself. */
function quotaName(store: JourneyStore, kind: string, value: string): string {
	return `track:${kind}:${createHmac('sha256', store.derivedKey('tracking-page-quota')).update(value).digest('hex').slice(0, 32)}`;
}

export interface FormLookup {
	number: string;
	answer: string;
	/** The visitor's address (from a proxy header); empty when unknown, then only the per-order limit applies. */
	client?: string | null;
	limits?: AttemptLimits;
	now: Date;
}

/** The form: order number + e-mail or postcode. Unknown number, wrong answer and cancelled stubs answer alike. */
export async function lookUpByForm(store: JourneyStore, input: FormLookup): Promise<Lookup> {
	const key = numberKey(String(input.number ?? '').slice(0, 100));
	const limits = input.limits ?? DEFAULT_ATTEMPT_LIMITS;
	if (key === '' || String(input.answer ?? '').trim() === '') return { found: false, reason: 'not_found' };
	if (!(await store.takeQuota(quotaName(store, 'n', key), limits.perOrder, HOUR_MS, input.now))) return { found: false, reason: 'limited' };
	const client = String(input.client ?? '').split(',')[0].trim();
	if (client && !(await store.takeQuota(quotaName(store, 'c', client), limits.perClient, HOUR_MS, input.now))) return { found: false, reason: 'limited' };
	const candidates = await store.orders.byNumber(key);
	// Every candidate is compared (no early exit), so the time taken says nothing about which one matched.
	const matches = candidates.filter((order) => answerMatches(order, input.answer));
	return matches[0] ? { found: true, order: matches[0], via: 'form' } : { found: false, reason: 'not_found' };
}

/** A signed link: the order it names, or `expired` (also for a link that was altered or is from another store). */
export async function lookUpByLink(store: JourneyStore, token: string, now: Date): Promise<Lookup> {
	const ref = openOrderLink(store.derivedKey(ORDER_LINK_PURPOSE), token, now);
	const order = ref ? await store.orders.get(ref.platform, ref.orderId) : null;
	return order ? { found: true, order, via: 'link' } : { found: false, reason: 'expired' };
}
