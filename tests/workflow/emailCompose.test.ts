import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import { nodeTypes, runWorkflow } from '../support/harness';
import type { WorkflowJson } from '../support/harness';
import { startSmtpServer } from '../support/smtpServer';
import type { SmtpTestServer } from '../support/smtpServer';
import type * as emailNode from '../../nodes/EmailCompose/EmailCompose.node';
import { closeCachedStores } from '../../nodes/shared/storeFromCredential';

let server: SmtpTestServer;

beforeAll(async () => {
	server = await startSmtpServer({ user: 'shop', password: 'secret' });
});
afterAll(async () => {
	await server.stop();
	await closeCachedStores();
});
beforeEach(() => {
	server.messages.length = 0;
	server.clearFaults();
});

function workflow(parameters: Record<string, unknown>, onError?: 'continueErrorOutput'): WorkflowJson {
	return {
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'email',
				name: 'Email',
				type: 'n8n-nodes-post-purchase.emailCompose',
				typeVersion: 1,
				position: [200, 0],
				parameters: { shopName: 'Bohne & Co.', ...parameters },
				credentials: { postPurchaseSmtp: { id: '1', name: 'SMTP' } },
				...(onError ? { onError } : {}),
			},
		] as WorkflowJson['nodes'],
		connections: { Start: { main: [[{ node: 'Email', type: 'main', index: 0 }]] } },
	};
}

function orderItem(email: string, locale: string, firstName = 'Anna') {
	return {
		event: 'order.placed',
		customer: { email, firstName, locale },
		order: { id: '1', number: '#1042', currency: 'EUR', total: '39.98', lineItems: [{ title: 'Espresso', quantity: 2, unitPrice: '19.99' }], statusUrl: 'https://shop.example/o/1' },
	};
}

const credentials = () => ({ postPurchaseSmtp: server.credentials() });

describe('Email Compose node', () => {
	it('sends one e-mail per item over one pooled connection, in the customer language, with the result on the item', async () => {
		const tag = randomUUID().slice(0, 8);
		const items = [orderItem(`de-${tag}@kunde.example`, 'de-DE'), orderItem(`en-${tag}@kunde.example`, 'en-GB', 'Ann'), orderItem(`at-${tag}@kunde.example`, 'de-AT')];
		const before = server.connections;
		const result = await runWorkflow(workflow({ operation: 'send', template: 'orderConfirmation', confirmationStyle: 'simple' }), { credentials: credentials(), items });
		assert.equal(result.status, 'success', String(result.error?.message));
		const out = result.items('Email');
		assert.equal(out.length, 3);
		assert.deepEqual(out.map((i) => i.pairedItem), [{ item: 0 }, { item: 1 }, { item: 2 }]);
		for (const [index, item] of out.entries()) {
			const email = item.json.email as Record<string, unknown>;
			assert.equal(email.status, 'sent');
			assert.deepEqual(email.to, [items[index].customer.email]);
			assert.deepEqual(email.accepted, [items[index].customer.email]);
			assert.deepEqual(email.rejected, []);
			assert.match(String(email.messageId), /^<.+@.+>$/);
			assert.equal((item.json.order as { number: string }).number, '#1042', 'input fields are kept');
		}
		assert.equal(server.messages.length, 3);
		assert.deepEqual(server.messages.map((m) => m.to), items.map((i) => [i.customer.email]), 'one e-mail per customer, in input order');
		assert.deepEqual(server.messages.map((m) => m.parsed.messageId), out.map((i) => (i.json.email as Record<string, unknown>).messageId), 'the message ID on the item is the one sent');
		assert.equal(server.connections - before, 1);
		const bySubject = server.messages.map((m) => m.parsed.subject);
		assert.deepEqual(bySubject, ['Ihre Bestellung #1042 bei Bohne & Co.', 'Your order #1042 at Bohne & Co.', 'Ihre Bestellung #1042 bei Bohne & Co.']);
		assert.ok(server.messages[0].parsed.text?.includes('Hallo Anna,'));
		assert.ok(server.messages[1].parsed.text?.includes('€39.98'));
		assert.ok(!server.messages[0].raw.toString().includes('n8n'), 'no attribution footer');
	});

	it('does not send the same step twice when the workflow runs again', async () => {
		const tag = randomUUID().slice(0, 8);
		const items = [orderItem(`twice-${tag}@kunde.example`, 'de-DE')];
		const first = await runWorkflow(workflow({ operation: 'send', template: 'shipping' }), { credentials: credentials(), items });
		const second = await runWorkflow(workflow({ operation: 'send', template: 'shipping' }), { credentials: credentials(), items });
		assert.equal((first.output('Email')[0].email as { status: string }).status, 'sent');
		const again = second.output('Email')[0].email as { status: string; messageId: unknown };
		assert.equal(again.status, 'already_sent');
		assert.equal(again.messageId, null);
		assert.equal(server.messages.length, 1);
		assert.deepEqual(server.messages[0].to, [`twice-${tag}@kunde.example`]);
		assert.equal(server.messages[0].parsed.messageId, (first.output('Email')[0].email as { messageId: string }).messageId);
	});

	it('sends a returning customer the confirmation of each new order, but each order only once ("Send Once Per")', async () => {
		const email = `again-${randomUUID().slice(0, 8)}@kunde.example`;
		const firstOrder = orderItem(email, 'de-DE');
		const secondOrder = { ...orderItem(email, 'de-DE'), order: { ...firstOrder.order, id: '2', number: '#1043' } };
		const send = (item: ReturnType<typeof orderItem>) =>
			runWorkflow(workflow({ operation: 'send', template: 'orderConfirmation' }), { credentials: credentials(), items: [item] });
		const statuses = [];
		for (const item of [firstOrder, secondOrder, firstOrder]) {
			const result = await send(item);
			statuses.push((result.output('Email')[0].email as { status: string }).status);
		}
		assert.deepEqual(statuses, ['sent', 'sent', 'already_sent']);
		assert.deepEqual(server.messages.map((m) => m.parsed.subject), ['Ihre Bestellung #1042 bei Bohne & Co.', 'Ihre Bestellung #1043 bei Bohne & Co.']);
		const onceEver = [];
		for (const id of ['3', '4']) {
			const result = await runWorkflow(workflow({ operation: 'send', template: 'orderConfirmation', dedupeId: '' }), { credentials: credentials(), items: [{ ...firstOrder, order: { ...firstOrder.order, id } }] });
			onceEver.push((result.output('Email')[0].email as { status: string }).status);
		}
		assert.deepEqual(onceEver, ['sent', 'already_sent'], 'an empty "Send Once Per" means once ever per customer');
	});

	it('composes a preview without credentials and without sending, with custom HTML expressions evaluated by n8n', async () => {
		const parameters = {
			operation: 'compose',
			template: 'custom',
			customSubject: '={{ "Neu für " + $json.customer.firstName }}',
			customHtml: '=<p>Hallo <b>{{ $json.customer.firstName }}</b>, unsere Winterröstung ist da.</p>',
			customText: '=Hallo {{ $json.customer.firstName }}, unsere Winterröstung ist da.',
		};
		const wf = workflow(parameters);
		delete (wf.nodes[1] as { credentials?: unknown }).credentials;
		const result = await runWorkflow(wf, { items: [orderItem('x@kunde.example', 'de-DE', 'Jörg')] });
		assert.equal(result.status, 'success', String(result.error?.message));
		const [json] = result.output('Email');
		assert.deepEqual(Object.keys(json).sort(), ['html', 'preheader', 'subject', 'text']);
		assert.equal(json.subject, 'Neu für Jörg');
		assert.ok(String(json.html).includes('<p>Hallo <b>Jörg</b>, unsere Winterröstung ist da.</p>'));
		assert.ok(String(json.text).includes('Hallo Jörg, unsere Winterröstung ist da.'));
		assert.equal(server.messages.length, 0);
	});

	it('routes refused and incomplete items to the error output and sends the rest', async () => {
		const tag = randomUUID().slice(0, 8);
		server.rejectRecipient(`gone-${tag}@kunde.example`, 550, '5.1.1 Mailbox unavailable');
		const items = [orderItem(`ok-${tag}@kunde.example`, 'de-DE'), orderItem(`gone-${tag}@kunde.example`, 'de-DE'), { order: { number: '7' } }];
		const result = await runWorkflow(workflow({ operation: 'send', template: 'orderConfirmation' }, 'continueErrorOutput'), { credentials: credentials(), items });
		assert.equal(result.status, 'success', String(result.error?.message));
		assert.equal(result.output('Email', 0).length, 1);
		assert.deepEqual(
			result.items('Email', 0).map((i) => [i.pairedItem, (i.json.email as Record<string, unknown>).status, (i.json.email as Record<string, unknown>).to]),
			[[{ item: 0 }, 'sent', [`ok-${tag}@kunde.example`]]],
		);
		const errors = result.items('Email', 1);
		assert.equal(errors.length, 2);
		assert.deepEqual(errors.map((e) => e.pairedItem), [{ item: 1 }, { item: 2 }]);
		const first = String(errors[0].json.error);
		assert.match(first, /refused the recipient/);
		assert.match(first, /Mailbox unavailable/);
		assert.ok(!first.includes(`gone-${tag}@kunde.example`), 'address is masked');
		assert.match(String(errors[1].json.error), /No recipient/);
		assert.equal(server.messages.length, 1);
		assert.deepEqual(server.messages[0].to, [`ok-${tag}@kunde.example`]);
	});

	it('adds one-click unsubscribe to marketing mail and refuses marketing mail without an unsubscribe link', async () => {
		const tag = randomUUID().slice(0, 8);
		const item = { customer: { email: `m-${tag}@kunde.example`, locale: 'de-DE' }, cart: { recoveryUrl: 'https://shop.example/c/1', currency: 'EUR', lineItems: [{ title: 'Tasse', quantity: 1, unitPrice: '9.90' }] } };
		const failing = await runWorkflow(workflow({ operation: 'send', template: 'cartReminder' }), { credentials: credentials(), items: [item] });
		assert.equal(failing.status, 'error');
		assert.match(String(failing.error?.message), /unsubscribe link/);
		assert.equal(server.messages.length, 0);

		const ok = await runWorkflow(
			workflow({ operation: 'send', template: 'cartReminder', unsubscribeUrl: '=https://shop.example/u?e={{ encodeURIComponent($json.customer.email) }}', options: { unsubscribeMailto: 'abmelden@shop.example' } }),
			{ credentials: credentials(), items: [item] },
		);
		assert.equal(ok.status, 'success', String(ok.error?.message));
		const raw = server.messages[0].raw.toString('utf8');
		const head = raw.split('\r\n\r\n')[0];
		assert.equal(head.match(/^List-Unsubscribe:/gim)?.length, 1);
		assert.equal(head.match(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/gim)?.length, 1);
		assert.match(head, /<mailto:abmelden@shop\.example>,\s+<https:\/\/shop\.example\/u\?e=m-/);
		assert.ok(server.messages[0].parsed.text?.includes('Von diesen E-Mails abmelden: https://shop.example/u?e=m-'));
	});
});

describe('SMTP credential test', () => {
	it('logs in and closes the connection, and reports a wrong password in plain words', async () => {
		// Registered on the node as n8n looks it up: credentials[].testedBy → methods.credentialTest[name].
		const type = nodeTypes.getByNameAndVersion('n8n-nodes-post-purchase.emailCompose', 1) as unknown as { description: { credentials: Array<{ name: string; testedBy?: string }> }; methods: { credentialTest: Record<string, unknown> } };
		const smtp = type.description.credentials.find((c) => c.name === 'postPurchaseSmtp');
		assert.equal(smtp?.testedBy, 'postPurchaseSmtpConnectionTest');
		const test = type.methods.credentialTest.postPurchaseSmtpConnectionTest as typeof emailNode.postPurchaseSmtpConnectionTest;
		assert.equal(typeof test, 'function');
		const ctx = {} as ThisParameterType<typeof test>;
		const ok = await test.call(ctx, { id: '1', name: 'SMTP', type: 'postPurchaseSmtp', data: server.credentials() });
		assert.equal(ok.status, 'OK');
		const bad = await test.call(ctx, { id: '1', name: 'SMTP', type: 'postPurchaseSmtp', data: server.credentials({ password: 'wrong' }) });
		assert.equal(bad.status, 'Error');
		assert.match(bad.message, /refused the login/);
	});
});
