import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from '@jest/globals';
import { runWorkflow } from '../support/harness';
import { gateWorkflow } from '../support/gateWorkflow';
import { closeCachedStores } from '../../nodes/shared/storeFromCredential';

/**
 * Through the Consent Gate node: the shipping address of a canonical order says where the customer lives, and a
 * shop's "unsubscribed" is recorded with the trigger's platform and event id. Times pinned with "Evaluate At".
 */

const storePath = join(mkdtempSync(join(tmpdir(), 'consent-jurisdiction-wf-')), 'journey.sqlite');
const credentials = { postPurchaseStoreApi: { backend: 'sqlite', sqlitePath: storePath } };

afterAll(async () => {
	await closeCachedStores();
});

const workflow = gateWorkflow;

const check = (evaluateAt: string) =>
	workflow({ operation: 'check', channel: 'sms', purpose: 'marketing', journeyStep: '={{ "review-" + $json.order.id }}', options: { evaluateAt } });
const confirmed = { sms: { marketing: true, optInLevel: 'confirmed_opt_in' } };
const address = (country: string, region: string | null) => ({
	firstName: 'Lena', lastName: 'Vogel', company: null, address1: 'Hauptstr. 1', address2: null, city: 'Leipzig', postalCode: '04109', region, country, phone: null,
});

describe('Consent Gate: address and number in different countries', () => {
	it('holds a marketing SMS to an Austrian number on Reformationstag when the order ships to Saxony', async () => {
		const item = {
			event: 'order.placed',
			platform: 'shopify',
			eventId: 'evt-sn-1',
			order: { id: '2001', shippingAddress: address('DE', 'SN') },
			customer: { id: 'c-sn', phone: '+436641234567', country: null, region: null, consent: confirmed },
		};
		const run = await runWorkflow(check('2025-10-31T10:00:00+01:00'), { credentials, items: [item] });
		assert.equal(run.status, 'success', String(run.error));
		assert.equal(run.output('Send').length, 0);
		const [deferred] = run.output('Deferred');
		const consent = deferred.consent as Record<string, unknown>;
		assert.deepEqual(
			{ reason: consent.reason, jurisdiction: consent.jurisdiction, sendAt: consent.sendAt },
			// Saturday is Allerheiligen in Austria, Sunday closed in both: Monday 09:00.
			{ reason: 'quiet_hours', jurisdiction: 'AT, DE-SN', sendAt: '2025-11-03T09:00:00+01:00' },
		);
		assert.deepEqual(deferred.order, item.order, 'the original json is kept');
	});

	it('holds a marketing SMS to a German number on the Austrian Nationalfeiertag when the customer lives in Austria', async () => {
		const item = { order: { id: '2002', shippingAddress: null }, customer: { id: 'c-at', phone: '+4915112345678', country: 'AT', region: null, consent: confirmed } };
		const run = await runWorkflow(check('2026-10-26T10:00:00+01:00'), { credentials, items: [item] });
		assert.equal(run.status, 'success', String(run.error));
		const consent = run.output('Deferred')[0]?.consent as Record<string, unknown> | undefined;
		assert.ok(consent, 'deferred');
		assert.deepEqual([consent.jurisdiction, consent.sendAt], ['DE, AT', '2026-10-27T09:00:00+01:00']);
	});

	it("records the shop's unsubscribe with the trigger's platform and event id, and suppresses", async () => {
		const to = '+4915122446688';
		const recorded = await runWorkflow(
			workflow({ operation: 'recordConsent', channel: 'sms', recipient: to, legalBasis: 'double_opt_in', source: 'signup form', options: { confirmed: true, recordedAt: '2025-05-01T09:00:00+02:00' } }),
			{ credentials, items: [{}] },
		);
		assert.equal(recorded.status, 'success', String(recorded.error));
		const unsubscribed = { sms: { marketing: false, state: 'unsubscribed', collectedAt: '2025-06-02T08:00:00Z', source: 'shopify' } };
		const item = { platform: 'shopify', eventId: 'evt-unsub-1', order: { id: '2003' }, customer: { id: 'c-3', phone: to, country: 'DE', region: 'BE', consent: unsubscribed } };
		const run = await runWorkflow(check('2025-06-18T10:00:00+02:00'), { credentials, items: [item] });
		assert.equal(run.status, 'success', String(run.error));
		const consent = run.output('Suppressed')[0]?.consent as Record<string, unknown> | undefined;
		assert.deepEqual([consent?.reason, consent?.detail], ['opted_out', 'unsubscribed in the shop']);

		const exported = await runWorkflow(workflow({ operation: 'exportEvidence', channel: 'sms', recipient: to }), { credentials, items: [{}] });
		const evidence = exported.output('Send')[0].evidence as { consent: Array<{ status: string; source: string; evidence: Record<string, unknown> }>; suppressions: unknown[] };
		const shop = evidence.consent.filter((c) => c.source === 'shop');
		assert.equal(shop.length, 1);
		assert.deepEqual([shop[0].status, shop[0].evidence.platform, shop[0].evidence.eventId], ['opted_out', 'shopify', 'evt-unsub-1']);
		assert.equal((shop[0].evidence.shopConsent as Record<string, unknown>).state, 'unsubscribed');
		assert.deepEqual(evidence.suppressions, [], 'a marketing revocation, not a STOP');
	});
});
