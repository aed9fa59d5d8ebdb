import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, it } from '@jest/globals';
import { resetClock, setClock } from '../support/clock';
import { runWorkflow } from '../support/harness';
import type { WorkflowJson } from '../support/harness';
import { closeCachedStores, getJourneyStore } from '../../nodes/shared/storeFromCredential';

if (!process.env.N8N_USER_FOLDER) process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'review-request-wf-'));

afterEach(() => resetClock());
afterAll(async () => {
	resetClock();
	await closeCachedStores();
});

function workflow(parameters: Record<string, unknown>, extra: Record<string, unknown> = {}): WorkflowJson {
	return {
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'rr', name: 'Review', type: 'n8n-nodes-post-purchase.reviewRequest', typeVersion: 1, position: [200, 0], parameters, ...extra },
		] as WorkflowJson['nodes'],
		connections: { Start: { main: [[{ node: 'Review', type: 'main', index: 0 }]] } },
	};
}

const store = () => getJourneyStore({ getNode: () => ({ credentials: undefined }) } as unknown as Parameters<typeof getJourneyStore>[0]);
let n = 0;
const phone = () => `+4916${String(Date.now()).slice(-7)}${String(++n).padStart(2, '0')}`;
const DAY = 86_400_000;

describe('Review Request: Check Timing', () => {
	it('on a controlled clock: delivered 6 days ago asks now, 2 days ago later, a product override later still; rated products and refunds skip', async () => {
		setClock('2026-06-10T09:00:00+02:00');
		const now = Date.now();
		const ago = (days: number) => new Date(now - days * DAY).toISOString();
		const rated = phone();
		await (await store()).ratings.recordRating({ subject: rated, orderId: 'earlier', scale: 'stars_1_5', value: 5, score: 1, sentiment: 'happy', products: ['KAF-1'] });
		const line = { sku: 'KAF-1', productId: 'p-kaf', title: 'Kaffee', quantity: 1 };
		const items = [
			{ event: 'tracking.delivered', receivedAt: ago(6), customer: { phone: phone(), country: 'DE' }, shipment: { orderId: 'o1', lineItems: [line] } },
			{ event: 'tracking.delivered', receivedAt: ago(2), customer: { phone: phone(), locale: 'en-GB' }, shipment: { orderId: 'o2', lineItems: [line] } },
			{ customer: { phone: phone() }, shipment: { orderId: 'o3', shippedAt: ago(12), lineItems: [{ ...line, sku: 'TEA-1', productId: 'p-tea' }] } },
			{ event: 'tracking.delivered', receivedAt: ago(6), customer: { phone: rated }, shipment: { orderId: 'o4', lineItems: [line] } },
			{ customer: { phone: phone() }, order: { id: 'o5', financialStatus: 'refunded', lineItems: [line] }, shipment: { shippedAt: ago(20) } },
		];
		const r = await runWorkflow(workflow({ operation: 'checkTiming', options: { productDelays: { delay: [{ match: 'TEA-1', delayDays: 21 }] } } }), { items });
		assert.equal(r.status, 'success', String(r.error?.message));
		const now0 = r.items('Review', 0);
		assert.deepEqual(now0.map((i) => [(i.json.review as { orderId: string }).orderId, (i.json.review as { scale: string }).scale, i.pairedItem]), [['o1', 'grades_1_6', { item: 0 }]]);
		const later = r.output('Review', 1).map((j) => j.review as { orderId: string; askAt: string; scale: string });
		assert.deepEqual(later.map((x) => [x.orderId, x.askAt, x.scale]), [
			['o2', new Date(now + 3 * DAY).toISOString(), 'stars_1_5'],
			// No locale and no country: the stars most people know.
			['o3', new Date(now - 12 * DAY + 24 * DAY).toISOString(), 'stars_1_5'],
		]);
		assert.deepEqual(r.output('Review', 2).map((j) => (j.review as { reason: string }).reason), ['already_rated', 'returned']);
	});
});

describe('Review Request: Parse Reply', () => {
	it('reads the reply on the scale the customer was asked, stores one rating per order, and keeps pairedItem', async () => {
		const [de, en] = [phone(), phone()];
		const s = await store();
		await s.ratings.recordAsk({ subject: de, channel: 'sms', orderId: 'od', scale: 'grades_1_6', language: 'de' });
		await s.ratings.recordAsk({ subject: en, channel: 'sms', orderId: 'oe', scale: 'stars_1_5', language: 'en' });
		const inbound = (from: string, body: string) => ({ inbound: { from, body, intent: 'other', messageSid: `SM${from}${body.length}` } });
		const r = await runWorkflow(workflow({ operation: 'parseReply', couponCode: 'DANKE10', reviewUrl: 'https://shop.example/r', contact: 'Lisa' }), {
			items: [inbound(de, '1'), inbound(en, '1'), inbound(phone(), '5'), inbound(en, 'wann kommt die Rechnung?')],
		});
		assert.equal(r.status, 'success', String(r.error?.message));
		const happy = r.items('Review', 0);
		assert.deepEqual(happy.map((i) => [i.pairedItem, (i.json.review as { value: number }).value, (i.json.customer as { locale: string }).locale]), [[{ item: 0 }, 1, 'de']]);
		assert.match(String((happy[0].json.review as { replyText: string }).replyText), /DANKE10.*https:\/\/shop\.example\/r/);
		const unhappy = r.output('Review', 2)[0].review as { replyText: string; alert: { subject: string } };
		assert.match(unhappy.replyText, /DANKE10.*Lisa will get in touch/);
		assert.match(unhappy.alert.subject, /oe/);
		assert.deepEqual(r.output('Review', 3).map((j) => (j.review as { status: string }).status), ['not_asked', 'not_a_rating']);
		assert.equal((await s.ratings.getRating(de, 'od'))?.sentiment, 'happy');
		assert.equal((await s.ratings.getRating(en, 'oe'))?.sentiment, 'unhappy');
	});

	it('a reply without a phone number fails naming the field; with Continue On Fail it becomes an error item', async () => {
		const items = [{ inbound: { body: '2' } }];
		const failed = await runWorkflow(workflow({ operation: 'parseReply' }), { items });
		assert.equal(failed.status, 'error');
		assert.match(String(failed.error?.message), /No customer phone number.*\(item 0, field "from"\)/);
		const continued = await runWorkflow(workflow({ operation: 'parseReply' }, { onError: 'continueRegularOutput' }), { items });
		assert.equal(continued.status, 'success');
		assert.match(String(continued.output('Review', 0)[0].error), /No customer phone number/);
	});
});
