import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { InputError } from '../../../core/shared/errors';
import type { JourneyStore } from '../../../core/store';
import { openStore } from '../../../core/store';
import type { ContractTarget } from './contract';

/**
 * The short links concern (`store.links`) in the store contract: both backends make one code per message and link,
 * count clicks once each (previews recorded, not counted), attribute an order once, export and erase alike.
 */

const T0 = new Date('2026-03-01T10:00:00.000Z');
const DAY = 86_400_000;
const at = (ms: number) => new Date(T0.getTime() + ms);
let unique = 0;
const uid = (label: string) => `${label}${process.pid}${Date.now().toString(36)}${++unique}`;
const phone = () => `+4916${String(Date.now()).slice(-7)}${String(++unique % 100).padStart(2, '0')}`;

export function registerLinksContract(target: ContractTarget): void {
	(target.unavailable ? describe.skip : describe)(`journey store contract: ${target.name}: links`, () => {
		let store: JourneyStore;
		beforeAll(async () => {
			store = await openStore(await target.freshConfig());
		});
		afterAll(async () => {
			await store?.close();
		});

		it('creates, resolves and counts clicks; previews are recorded but not counted', async () => {
			const code = uid('L');
			const url = `https://shop.example/review?x=${'ü'.repeat(3000)}`;
			const link = await store.links.create({ code, url, meta: { step: 'review' } });
			assert.deepEqual([link.code, link.url, link.clicks, link.subject, link.firstClickAt], [code, url, 0, null, null]);
			assert.equal((await store.links.create({ code, url })).url, url, 'same code + URL is idempotent');
			await assert.rejects(store.links.create({ code, url: 'https://other.example' }), InputError);
			const preview = await store.links.recordClick(code, { at: at(1), counted: false, reason: 'link_preview' });
			assert.deepEqual([preview?.counted, preview?.first, preview?.link.clicks], [false, false, 0]);
			const first = await store.links.recordClick(code, { at: at(2), meta: { userAgent: 'x' } });
			assert.deepEqual([first?.counted, first?.first, first?.link.clicks, first?.link.firstClickAt], [true, true, 1, at(2)]);
			const second = await store.links.recordClick(code, { at: at(3) });
			assert.deepEqual([second?.first, second?.link.clicks, second?.link.firstClickAt], [false, 2, at(2)]);
			assert.deepEqual((await store.links.clicks(code)).map((c) => [c.counted, c.reason]), [[false, 'link_preview'], [true, null], [true, null]]);
			assert.equal(await store.links.recordClick(uid('none')), null);
			assert.equal(await store.links.resolve(uid('none')), null);
		});

		it('one code per customer, message and link: a retried send gets the first code, concurrent sends agree', async () => {
			const subject = phone();
			const messageKey = `send:sms:shipped:${uid('m')}`;
			const make = (code: string, url = 'https://track.example/1') => store.links.create({ code, url, subject, messageKey, channel: 'sms', journeyStep: 'shipped', expiresAt: at(90 * DAY) });
			const codes = await Promise.all(['a', 'b', 'c', 'd'].map((c) => make(uid(c)).then((l) => l.code)));
			assert.equal(new Set(codes).size, 1, 'every caller got the same code');
			const link = await store.links.resolve(codes[0]);
			assert.deepEqual([link?.subject, link?.channel, link?.journeyStep, link?.expiresAt], [subject, 'sms', 'shipped', at(90 * DAY)]);
			assert.notEqual((await make(uid('e'), 'https://shop.example/other')).code, codes[0], 'another link of the message gets its own code');
		});

		it('attributes an order to the last counted click in the window, else the last delivered message, once', async () => {
			const subject = phone();
			const email = `${uid('a')}@example.com`;
			const mk = async (step: string) => {
				const code = uid('C');
				await store.links.create({ code, url: 'https://shop.example/p', subject, messageKey: uid('k'), channel: 'sms', journeyStep: step });
				return code;
			};
			const older = await mk('shipped');
			const newer = await mk('review_request');
			await store.links.recordClick(older, { at: at(1 * DAY) });
			await store.links.recordClick(newer, { at: at(2 * DAY) });
			await store.links.recordClick(older, { at: at(2 * DAY + 1000), counted: false, reason: 'link_preview' });
			const order = (orderId: string, placedAt: Date, subjects = [subject, email]) =>
				store.links.attributeOrder({ platform: 'shopify', orderId, subjects, placedAt, windowMs: 5 * DAY, currency: 'EUR', total: '49.90' });
			const a = await order('o1', at(3 * DAY));
			assert.deepEqual([a?.journeyStep, a?.touch, a?.code, a?.channel, a?.total], ['review_request', 'click', newer, 'sms', '49.90'], 'last counted click wins');
			// Redelivery: the first answer stands even if a later click would now win.
			await store.links.recordClick(older, { at: at(3 * DAY - 1000) });
			assert.equal((await order('o1', at(3 * DAY)))?.code, newer);
			assert.equal((await store.links.getAttribution('shopify', 'o1'))?.journeyStep, 'review_request');
			// Outside the window: nothing clicked; a delivered message counts, a merely sent SMS does not.
			assert.equal(await order('o2', at(20 * DAY)), null);
			await store.logMessage({ subject: email, channel: 'email', purpose: 'marketing', journeyStep: 'win_back', status: 'sent', providerId: uid('mid'), sentAt: at(18 * DAY) });
			await store.logMessage({ subject, channel: 'sms', purpose: 'marketing', journeyStep: 'cart_reminder', status: 'sent', providerId: uid('SM'), sentAt: at(19 * DAY) });
			const b = await order('o3', at(20 * DAY));
			assert.deepEqual([b?.journeyStep, b?.touch, b?.channel], ['win_back', 'message', 'email']);
			assert.equal(await order('o4', at(20 * DAY), ['not a subject']), null);
			assert.equal((await store.exportSubject(subject)).attributions?.map((x) => x.orderId).join(), 'o1');
			const erased = await store.eraseSubject(subject);
			assert.equal(erased.removed.attributions, 1);
			assert.equal((await store.links.getAttribution('shopify', 'o1'))?.journeyStep, 'review_request', 'the report keeps the step and revenue');
			assert.deepEqual((await store.exportSubject(subject)).attributions, []);
		});
	});
}
