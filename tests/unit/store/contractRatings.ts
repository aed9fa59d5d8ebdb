import assert from 'node:assert/strict';
import { it } from '@jest/globals';
import { InputError } from '../../../core/shared/errors';
import type { JourneyStore } from '../../../core/store';

/** The `store.ratings` part of the contract suite (both backends), registered inside `contract.ts`'s describe. */

const T0 = new Date('2026-03-01T10:00:00.000Z');
const at = (days: number) => new Date(T0.getTime() + days * 86_400_000);
let n = 0;
const phone = () => `+4917${String(Date.now()).slice(-7)}${String(++n).padStart(2, '0')}`;

export function registerRatingsContract(getStore: () => JourneyStore): void {
	it('ratings: remembers the scale of each ask per customer and message; the newest ask wins', async () => {
		const store = getStore();
		const p = phone();
		assert.equal(await store.ratings.latestAsk(p), null);
		await store.ratings.recordAsk({ subject: p, channel: 'sms', orderId: 'o1', scale: 'grades_1_6', language: 'de', providerId: 'SM1', products: ['p1', 'p1', 'TS-1'], askedAt: at(0) });
		const second = await store.ratings.recordAsk({ subject: p.replace(/^\+49(\d{3})/, '+49 $1 '), channel: 'sms', orderId: 'o2', scale: 'stars_1_5', language: 'en', providerId: 'SM2', askedAt: at(1) });
		const latest = await store.ratings.latestAsk(p);
		assert.deepEqual(
			latest && { ...latest, id: undefined },
			{ ...second, id: undefined, subject: p, channel: 'sms', orderId: 'o2', scale: 'stars_1_5', language: 'en', providerId: 'SM2', products: [], askedAt: at(1), clarifiedAt: null },
		);
		assert.equal((await store.ratings.latestAsk(p, at(2))), null, 'none since then');
		assert.equal((await store.exportSubject(p)).reviewAsks?.[0].products.join(), 'p1,TS-1');
		await assert.rejects(store.ratings.recordAsk({ subject: p, channel: 'sms', orderId: 'o3', scale: 'percent' as never, language: 'de' }), InputError);
		await assert.rejects(store.ratings.recordAsk({ subject: 'not a phone', channel: 'sms', orderId: 'o3', scale: 'stars_1_5', language: 'de' }), InputError);
	});

	it('ratings: the clarifying question is marked once, for exactly one of concurrent callers', async () => {
		const store = getStore();
		const ask = await store.ratings.recordAsk({ subject: phone(), channel: 'sms', orderId: 'o1', scale: 'stars_1_5', language: 'en' });
		const results = await Promise.all(Array.from({ length: 8 }, () => store.ratings.markClarified(ask.id, at(3))));
		assert.equal(results.filter(Boolean).length, 1);
		assert.deepEqual((await store.ratings.latestAsk(ask.subject))?.clarifiedAt, at(3));
	});

	it('ratings: one rating per customer and order, a later reply replaces it; rated products across subjects', async () => {
		const store = getStore();
		const p = phone();
		const mail = `rater-${n}-${Date.now()}@example.com`;
		await store.ratings.recordRating({ subject: p, orderId: 'o1', scale: 'grades_1_6', value: 2, score: 0.8, sentiment: 'happy', products: ['p1'], reply: '2', ratedAt: at(0) });
		const replaced = await store.ratings.recordRating({ subject: p, orderId: 'o1', scale: 'grades_1_6', value: 5, score: 0.2, sentiment: 'unhappy', products: ['p1'], reply: 'doch 5', ratedAt: at(1) });
		assert.equal(replaced.value, 5);
		assert.deepEqual(await store.ratings.getRating(p, 'o1'), replaced);
		assert.equal((await store.exportSubject(p)).ratings?.length, 1);
		await store.ratings.recordRating({ subject: mail, orderId: 'o9', scale: 'stars_1_5', value: 4.5, score: 0.875, sentiment: 'happy', products: ['SKU-9'] });
		assert.deepEqual([...(await store.ratings.ratedProducts([p, mail, 'nobody']))].sort(), ['SKU-9', 'p1']);
		assert.deepEqual(await store.ratings.ratedProducts([]), new Set());
		await assert.rejects(store.ratings.recordRating({ subject: p, orderId: 'o2', scale: 'stars_1_5', value: 3, score: 2, sentiment: 'neutral' }), InputError);
		await assert.rejects(store.ratings.recordRating({ subject: p, orderId: 'o2', scale: 'stars_1_5', value: Number.NaN, score: 0.5, sentiment: 'neutral' }), InputError);
	});

	it('ratings: last asked is the newest review_request in the message log or the asks, over phone and e-mail', async () => {
		const store = getStore();
		const p = phone();
		const mail = `asked-${n}-${Date.now()}@example.com`;
		assert.equal(await store.ratings.lastAskedAt([p, mail]), null);
		await store.logMessage({ subject: mail, channel: 'email', purpose: 'marketing', journeyStep: 'review_request', status: 'sent', sentAt: at(5) });
		await store.logMessage({ subject: mail, channel: 'email', purpose: 'marketing', journeyStep: 'win_back', status: 'sent', sentAt: at(9) });
		await store.logMessage({ subject: p, channel: 'sms', purpose: 'marketing', journeyStep: 'review_request', status: 'failed', sentAt: at(8) });
		assert.deepEqual(await store.ratings.lastAskedAt([p, mail]), at(5), 'other steps and failed sends do not count');
		await store.ratings.recordAsk({ subject: p, channel: 'sms', orderId: 'o1', scale: 'stars_1_5', language: 'en', askedAt: at(7) });
		assert.deepEqual(await store.ratings.lastAskedAt([p, mail]), at(7));
		assert.deepEqual(await store.ratings.lastAskedAt([mail]), at(5));
	});

	it('ratings: erasure removes asks and ratings of the subject only', async () => {
		const store = getStore();
		const p = phone();
		const other = phone();
		for (const s of [p, other]) {
			await store.ratings.recordAsk({ subject: s, channel: 'sms', orderId: 'o1', scale: 'grades_1_6', language: 'de' });
			await store.ratings.recordRating({ subject: s, orderId: 'o1', scale: 'grades_1_6', value: 1, score: 1, sentiment: 'happy', reply: 'Note 1' });
		}
		const report = await store.eraseSubject(p);
		assert.equal(report.removed.reviewAsks, 1);
		assert.equal(report.removed.ratings, 1);
		const left = await store.exportSubject(p);
		assert.deepEqual([left.reviewAsks, left.ratings], [[], []]);
		assert.equal((await store.exportSubject(other)).ratings?.[0].reply, 'Note 1');
	});
}
