import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { receiveDelivery, shopifyAdapter } from '../../../core/commerce';
import { fixedClock } from '../../../core/shared/clock';
import { shopifyHeaders } from './helpers';

/** A signed body that is not one JSON object is the sender's mistake: 400 with a short reason, nothing claimed. */
describe('receiveDelivery: bodies that are no JSON object', () => {
	const claims: string[] = [];
	const store = { claim: async (key: string) => (claims.push(key), true), release: async () => {} };
	const deliver = (body: string) =>
		receiveDelivery({ adapter: shopifyAdapter, rawBody: Buffer.from(body), headers: shopifyHeaders('orders/create', body), secrets: ['shpss_test_4f1c2e9a7b3d5f60'], store, scope: 'body', accept: () => true, clock: fixedClock('2025-03-16T12:00:00Z') });

	it('malformed JSON, an array and a bare value are answered 400 and claim nothing', async () => {
		assert.deepEqual(await deliver('{"id": 1, "email": '), { kind: 'rejected', status: 400, reason: 'Malformed JSON' });
		assert.deepEqual(await deliver('[{"id": 1}]'), { kind: 'rejected', status: 400, reason: 'Body is not a JSON object' });
		assert.deepEqual(await deliver('42'), { kind: 'rejected', status: 400, reason: 'Body is not a JSON object' });
		assert.deepEqual(claims, []);
	});
});
