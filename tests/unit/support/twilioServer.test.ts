import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { startTwilioServer } from '../../support/twilioServer';
import type { TwilioTestServer } from '../../support/twilioServer';

let server: TwilioTestServer;
let client: twilio.Twilio;

beforeAll(async () => {
	server = await startTwilioServer({ autoCallbacks: false });
	client = twilio(server.accountSid, server.authToken, { autoRetry: false });
	// Point every Twilio domain the SDK uses at the local server.
	client.api.baseUrl = server.baseUrl;
});
afterAll(() => server.stop());

test('the real SDK creates a message and gets a realistic reply', async () => {
	const message = await client.messages.create({ to: '+4915112345678', from: '+15005550006', body: 'Hallo Anna, deine Bestellung ist unterwegs.' });
	assert.match(message.sid, /^SM[0-9a-f]{32}$/);
	assert.equal(message.status, 'queued');
	assert.equal(message.numSegments, '1');
	assert.equal(message.direction, 'outbound-api');
	assert.ok(message.dateCreated instanceof Date && !Number.isNaN(message.dateCreated.getTime()));
	assert.equal(server.messages.at(-1)?.body, 'Hallo Anna, deine Bestellung ist unterwegs.');
});

test('wrong credentials get 401 / 20003', async () => {
	const bad = twilio(server.accountSid, 'wrong-token', { autoRetry: false });
	bad.api.baseUrl = server.baseUrl;
	await assert.rejects(bad.messages.create({ to: '+4915112345678', from: '+15005550006', body: 'x' }), (e: { status: number; code: number }) => e.status === 401 && e.code === 20003);
});

test('programmed faults and recipient errors come back as Twilio errors', async () => {
	server.rejectRecipient('+4915199999999', 21610);
	await assert.rejects(client.messages.create({ to: '+4915199999999', from: '+15005550006', body: 'x' }), (e: { code: number }) => e.code === 21610);
	await assert.rejects(client.messages.create({ to: 'not-a-number', from: '+15005550006', body: 'x' }), (e: { code: number }) => e.code === 21211);
	server.failNext('http500');
	await assert.rejects(client.messages.create({ to: '+4915112345678', from: '+15005550006', body: 'x' }), (e: { status: number }) => e.status === 500);
	server.failNext('dropAfterCreate');
	const before = server.messages.length;
	await assert.rejects(client.messages.create({ to: '+4915112345670', from: '+15005550006', body: 'dropped' }));
	assert.equal(server.messages.length, before + 1, 'the message was created although the client saw an error');
	const listed = await client.messages.list({ to: '+4915112345670', limit: 20 });
	assert.deepEqual(listed.map((m) => m.body), ['dropped']);
	server.clearFaults();
});

test('status callbacks are signed exactly as twilio.validateRequest expects', async () => {
	const received: Array<{ signature: string; params: Record<string, string> }> = [];
	const hook = createServer((req, res) => {
		let raw = '';
		req.on('data', (c) => (raw += c));
		req.on('end', () => {
			received.push({ signature: String(req.headers['x-twilio-signature']), params: Object.fromEntries(new URLSearchParams(raw)) });
			res.end('<Response/>');
		});
	});
	await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
	const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/status?journey=shipped`;
	const message = await client.messages.create({ to: '+4915112345678', from: '+15005550006', body: 'x', statusCallback: url });
	await server.sendStatusCallback(message.sid, 'delivered');
	hook.close();
	assert.equal(received.length, 1);
	assert.equal(received[0].params.MessageStatus, 'delivered');
	assert.deepEqual([received[0].params.MessageSid, received[0].params.To, received[0].params.AccountSid], [message.sid, '+4915112345678', server.accountSid]);
	assert.equal(twilio.validateRequest(server.authToken, received[0].signature, url, received[0].params), true);
});
