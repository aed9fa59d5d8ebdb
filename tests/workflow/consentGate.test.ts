import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from '@jest/globals';
import { runWorkflow } from '../support/harness';
import { gateWorkflow } from '../support/gateWorkflow';
import type { WorkflowJson } from '../support/harness';
import { closeCachedStores } from '../../nodes/shared/storeFromCredential';
import { MAX_DEFERRALS, POLICY_VERSION } from '../../core/consent';
import { NodeConnectionTypes } from 'n8n-workflow';

const storePath = join(mkdtempSync(join(tmpdir(), 'consent-wf-')), 'journey.sqlite');
const credentials = { postPurchaseStoreApi: { backend: 'sqlite', sqlitePath: storePath } };

afterAll(async () => {
	await closeCachedStores();
});

const workflow = gateWorkflow;

const anna = { id: 'c1', phone: '+4915112345678', country: 'DE', region: 'BY', timezone: 'Europe/Berlin', consent: { sms: { marketing: true, optInLevel: 'confirmed_opt_in' } } };
const check = (evaluateAt: string, extra: Record<string, unknown> = {}) =>
	workflow({ operation: 'check', channel: 'sms', purpose: 'marketing', journeyStep: '={{ "review-" + $json.order.id }}', options: { evaluateAt, ...extra } });

describe('Consent Gate in a workflow', () => {
	it('routes items to Send, Deferred and Suppressed with the consent block and lineage', async () => {
		const items = [
			{ customer: anna, order: { id: '1001' } },
			{ customer: { ...anna, phone: '+49301234567' }, order: { id: '1002' } },
			{ customer: { ...anna, phone: '+4917012345678', consent: { sms: { marketing: false } } }, order: { id: '1003' } },
		];
		// Fronleichnam 2025 in Bavaria: deferred to Friday 09:00.
		const holiday = await runWorkflow(check('2025-06-19T10:00:00+02:00'), { credentials, items });
		assert.equal(holiday.status, 'success', String(holiday.error));
		const deferred = holiday.output('Deferred');
		assert.equal(deferred.length, 1);
		const consent = deferred[0].consent as Record<string, unknown>;
		assert.equal(consent.decision, 'deferred');
		assert.equal(consent.reason, 'quiet_hours');
		assert.equal(consent.jurisdiction, 'DE-BY');
		assert.equal(consent.sendAt, '2025-06-20T09:00:00+02:00');
		assert.equal(consent.localTime, '2025-06-19T10:00:00+02:00');
		assert.equal(typeof consent.policyVersion, 'string');
		assert.equal(consent.policyVersion, POLICY_VERSION);
		assert.deepEqual(deferred[0].order, { id: '1001' }, 'the original json is kept');
		const suppressed = holiday.items('Gate', 2);
		assert.deepEqual(suppressed.map((s) => (s.json.consent as Record<string, unknown>).reason), ['not_mobile', 'no_consent']);
		assert.deepEqual(suppressed.map((s) => s.pairedItem), [{ item: 1 }, { item: 2 }]);

		const monday = await runWorkflow(check('2025-06-23T10:00:00+02:00'), { credentials, items: [items[0]] });
		assert.equal(monday.output('Send').length, 1);
		assert.equal(monday.items('Gate', 0)[0].pairedItem && (monday.items('Gate', 0)[0].pairedItem as { item: number }).item, 0);
		assert.deepEqual(monday.items('Gate', 0)[0].pairedItem, { item: 0 });
		const sent = monday.output('Send')[0].consent as Record<string, unknown>;
		assert.deepEqual(
			{ decision: sent.decision, reason: sent.reason, sendAt: sent.sendAt, jurisdiction: sent.jurisdiction },
			{ decision: 'send', reason: 'allowed', sendAt: '2025-06-23T10:00:00+02:00', jurisdiction: 'DE-BY' },
		);
	});

	it('records an opt-out that the next check honours, exports evidence and erases the subject', async () => {
		const to = '+4915199887766';
		const customer = { ...anna, phone: to };
		const optOut = await runWorkflow(workflow({ operation: 'recordOptOut', channel: 'sms', recipient: to, source: 'customer service' }), { credentials, items: [{}] });
		assert.equal(optOut.status, 'success', String(optOut.error));
		assert.deepEqual(optOut.output('Send')[0].optOut, { subject: to, channel: 'sms', source: 'customer service', suppressed: true });

		const after = await runWorkflow(check('2025-06-23T10:00:00+02:00'), { credentials, items: [{ customer, order: { id: '7' } }] });
		assert.equal((after.output('Suppressed')[0].consent as Record<string, unknown>).reason, 'opted_out');

		const exported = await runWorkflow(workflow({ operation: 'exportEvidence', channel: 'sms', recipient: to }), { credentials, items: [{}] });
		const evidence = exported.output('Send')[0].evidence as { subject: string; consent: unknown[]; suppressions: Array<{ channel: string; reason: string; source: string }>; decisions: Array<{ decision: string; reason: string }> };
		assert.equal(evidence.subject, to);
		assert.equal(evidence.suppressions.length, 1);
		assert.deepEqual(evidence.suppressions.map((x) => [x.channel, x.reason, x.source]), [['sms', 'stop', 'customer service']]);
		assert.ok(evidence.decisions.some((d) => d.reason === 'opted_out'));
		assert.deepEqual(evidence.decisions.map((d) => [d.decision, d.reason]), [['suppressed', 'opted_out']], 'the one check above, logged');

		const erased = await runWorkflow(workflow({ operation: 'eraseSubject', channel: 'sms', recipient: to }), { credentials, items: [{}] });
		assert.equal((erased.output('Send')[0].erasure as { suppressionKept: boolean }).suppressionKept, true);
		const afterErase = await runWorkflow(check('2025-06-23T10:00:00+02:00'), { credentials, items: [{ customer, order: { id: '8' } }] });
		assert.equal(afterErase.output('Suppressed').length, 1, 'an erased subject stays suppressed');
		assert.equal((afterErase.output('Suppressed')[0].consent as Record<string, unknown>).reason, 'erased');
		assert.deepEqual([afterErase.output('Send').length, afterErase.output('Deferred').length], [0, 0]);
	});

	it('records a double opt-in that stays pending', async () => {
		const to = '+4915122334455';
		const run = await runWorkflow(
			workflow({ operation: 'recordConsent', channel: 'sms', recipient: to, legalBasis: 'double_opt_in', source: 'newsletter form', options: { consentTextVersion: 'v1', consentText: 'Ja, SMS bitte', ip: '198.51.100.7' } }),
			{ credentials, items: [{}] },
		);
		assert.equal(run.status, 'success', String(run.error));
		const consent = run.output('Send')[0].consent as Record<string, unknown>;
		assert.equal(consent.status, 'pending');
		assert.match(String(consent.consentTextHash), /^[0-9a-f]{64}$/);
		const gated = await runWorkflow(
			workflow({ operation: 'check', channel: 'sms', purpose: 'marketing', recipient: to, options: { evaluateAt: '2025-06-23T10:00:00+02:00', useShopConsentFlags: false } }),
			{ credentials, items: [{}] },
		);
		assert.equal((gated.output('Suppressed')[0].consent as Record<string, unknown>).reason, 'consent_pending');
	});

	it('a Deferred → Wait → gate loop whose Wait does not wait stops after 10 deferrals and says why', async () => {
		// "Evaluate At" fixed on a Sunday: every pass defers to Monday 09:00 of that week, which lies in the past,
		// so the Wait lets the item through at once. Without a bound this loop would spin for ever.
		const loop = check('2025-06-22T10:00:00+02:00');
		loop.nodes.push({ id: 'wait', name: 'Wait', type: 'n8n-nodes-base.wait', typeVersion: 1.1, position: [400, 200], parameters: { resume: 'specificTime', dateTime: '={{ $json.consent.sendAt }}' } } as WorkflowJson['nodes'][number]);
		loop.connections.Gate.main[1] = [{ node: 'Wait', type: NodeConnectionTypes.Main, index: 0 }];
		loop.connections.Wait = { main: [[{ node: 'Gate', type: NodeConnectionTypes.Main, index: 0 }]] };
		const run = await runWorkflow(loop, { credentials, items: [{ customer: { ...anna, phone: '+4915177665544' }, order: { id: 'loop-1' } }] });
		assert.equal(run.status, 'success', String(run.error));
		assert.equal(run.run?.data.resultData.runData.Gate.length, MAX_DEFERRALS + 1, 'the gate ran once per pass, then stopped');
		const suppressed = run.output('Suppressed');
		assert.equal(suppressed.length, 1);
		const consent = suppressed[0].consent as Record<string, unknown>;
		assert.equal(consent.reason, 'deferred_too_often');
		assert.match(String(consent.detail), /deferred 10 times in a row \(last: quiet_hours\)/);
		assert.deepEqual(suppressed[0].order, { id: 'loop-1' });
	});

	it('counts deferrals per gate: an item deferred by another gate starts at one', async () => {
		const run = await runWorkflow(check('2025-06-22T10:00:00+02:00'), {
			credentials,
			items: [{ customer: { ...anna, phone: '+4915177665545' }, order: { id: 'loop-2' }, consent: { decision: 'deferred', gate: 'E-Mail Gate', deferrals: 10 } }],
		});
		const consent = run.output('Deferred')[0].consent as Record<string, unknown>;
		assert.equal(consent.deferrals, 1);
		assert.equal(consent.gate, 'Gate');
		assert.ok(new Date(String(consent.sendAt)).getTime() > new Date('2025-06-22T10:00:00+02:00').getTime(), 'a deferral lies after the evaluation instant');
		assert.equal(consent.sendAt, '2025-06-23T09:00:00+02:00', 'Sunday → Monday 09:00');
	});

	describe('quiet hours across the DST switch (Europe/Berlin, e-mail window 02:30–05:00)', () => {
		// E-mail marketing has no legal quiet hours, so the node's own window is the only one: it opens at 02:30 local
		// time, inside the hour the clocks skip in March and the hour they repeat in October.
		const lena = { id: 'c9', email: 'lena.dst@example.de', country: 'DE', timezone: 'Europe/Berlin', consent: { email: { marketing: true, optInLevel: 'confirmed_opt_in' } } };
		const emailCheck = (evaluateAt: string) =>
			workflow({ operation: 'check', channel: 'email', purpose: 'marketing', options: { evaluateAt, windowStart: '02:30', windowEnd: '05:00' } });
		async function gateAt(evaluateAt: string) {
			const run = await runWorkflow(emailCheck(evaluateAt), { credentials, items: [{ customer: lena }] });
			assert.equal(run.status, 'success', String(run.error));
			const [routed] = [...run.output('Send'), ...run.output('Deferred'), ...run.output('Suppressed')];
			return routed.consent as Record<string, unknown>;
		}
		const after = (sendAt: unknown, evaluateAt: string) =>
			assert.ok(Date.parse(String(sendAt)) > Date.parse(evaluateAt), `sendAt ${String(sendAt)} lies after the evaluation ${evaluateAt}`);

		it('spring forward: a window opening at 02:30, which does not exist on 29 March 2026, opens when the clocks jump to 03:00', async () => {
			const evaluateAt = '2026-03-29T01:15:00+01:00';
			const consent = await gateAt(evaluateAt);
			assert.deepEqual(
				{ decision: consent.decision, reason: consent.reason, localTime: consent.localTime, sendAt: consent.sendAt },
				{ decision: 'deferred', reason: 'quiet_hours', localTime: '2026-03-29T01:15:00+01:00', sendAt: '2026-03-29T03:00:00+02:00' },
			);
			// 03:00 CEST is 01:00 UTC: 45 minutes after the evaluation, not 75 (03:30 CEST would be half an hour late).
			assert.equal(new Date(String(consent.sendAt)).toISOString(), '2026-03-29T01:00:00.000Z');
			after(consent.sendAt, evaluateAt);
			// Consistent with the window itself: at 03:10 CEST the window is open and the gate sends at once.
			const open = await gateAt('2026-03-29T03:10:00+02:00');
			assert.deepEqual({ decision: open.decision, sendAt: open.sendAt }, { decision: 'send', sendAt: '2026-03-29T03:10:00+02:00' });
		});

		it('fall back: a deferral lands on the first 02:30 (CEST) of 25 October 2026, not an hour later on the repeated one', async () => {
			const evaluateAt = '2026-10-25T01:15:00+02:00';
			const consent = await gateAt(evaluateAt);
			assert.deepEqual(
				{ decision: consent.decision, reason: consent.reason, localTime: consent.localTime, sendAt: consent.sendAt },
				{ decision: 'deferred', reason: 'quiet_hours', localTime: '2026-10-25T01:15:00+02:00', sendAt: '2026-10-25T02:30:00+02:00' },
			);
			assert.equal(new Date(String(consent.sendAt)).toISOString(), '2026-10-25T00:30:00.000Z');
			after(consent.sendAt, evaluateAt);
		});

		it('fall back: evaluated in the repeated hour before 02:30 (CET), the deferral lands on the second 02:30, after the evaluation', async () => {
			// 02:10 CET is 01:10 UTC: the first 02:30 (00:30 UTC) has passed, so the window opens again at 02:30 CET.
			const evaluateAt = '2026-10-25T02:10:00+01:00';
			const consent = await gateAt(evaluateAt);
			assert.deepEqual(
				{ decision: consent.decision, reason: consent.reason, localTime: consent.localTime, sendAt: consent.sendAt },
				{ decision: 'deferred', reason: 'quiet_hours', localTime: '2026-10-25T02:10:00+01:00', sendAt: '2026-10-25T02:30:00+01:00' },
			);
			assert.equal(new Date(String(consent.sendAt)).toISOString(), '2026-10-25T01:30:00.000Z');
			after(consent.sendAt, evaluateAt);
			// During the first pass through the repeated hour the window is open.
			const open = await gateAt('2026-10-25T02:40:00+02:00');
			assert.deepEqual({ decision: open.decision, sendAt: open.sendAt }, { decision: 'send', sendAt: '2026-10-25T02:40:00+02:00' });
		});
	});

	it('reports a bad time option on the item', async () => {
		const run = await runWorkflow(check('2025-06-23T10:00:00+02:00', { windowStart: '9 Uhr' }), { credentials, items: [{ customer: anna, order: { id: '1' } }] });
		assert.equal(run.status, 'error');
		assert.match(String(run.error?.message), /not a time like 09:30/);
	});
});
