import assert from 'node:assert/strict';
import { it } from '@jest/globals';
import { InputError } from '../../../core/shared/errors';
import type { JourneyStore, StoreConfig } from '../../../core/store';
import { openStore } from '../../../core/store';

/** Send slots (one send rate per account across processes), registered inside `contract.ts`'s describe. */

const T0 = new Date('2026-03-01T10:00:00.000Z').getTime();
let n = 0;
const account = () => `sms:AC-slots-${process.pid}-${++n}`;

export function registerSendSlotContract(getStore: () => JourneyStore, getConfig: () => StoreConfig): void {
	it('send slots: each reservation is one interval after the one before; a passed slot starts again from now', async () => {
		const store = getStore();
		const name = account();
		const slots = [];
		for (let i = 0; i < 4; i++) slots.push(await store.reserveSlot(name, 10.3, new Date(T0)));
		assert.deepEqual(slots, [T0, T0 + 10.3, T0 + 20.6, T0 + 30.9]);
		// Later than every reserved slot: the account is idle, the next message may go at once.
		assert.equal(await store.reserveSlot(name, 10.3, new Date(T0 + 5_000)), T0 + 5_000);
		// A reservation far ahead of now is left over from a clock that jumped back: it does not make senders wait.
		assert.equal(await store.reserveSlot(name, 10.3, new Date(T0 - 3_600_000)), T0 - 3_600_000);
		await assert.rejects(store.reserveSlot(name, 0), InputError);
		await assert.rejects(store.reserveSlot('', 10), InputError);
	});

	it('send slots: concurrent reservations from two store connections (two processes) never share a slot', async () => {
		const other = await openStore(getConfig());
		try {
			const name = account();
			const now = new Date(T0);
			const calls = Array.from({ length: 60 }, (_, i) => (i % 2 ? other : getStore()).reserveSlot(name, 10, now));
			const slots = (await Promise.all(calls)).sort((a, b) => a - b);
			assert.deepEqual(
				slots,
				Array.from({ length: 60 }, (_, i) => T0 + i * 10),
			);
		} finally {
			await other.close();
		}
	});
}
