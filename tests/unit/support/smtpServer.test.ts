import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import nodemailer from 'nodemailer';
import { startSmtpServer } from '../../support/smtpServer';
import type { SmtpTestServer } from '../../support/smtpServer';

let server: SmtpTestServer;
beforeAll(async () => {
	server = await startSmtpServer({ user: 'shop', password: 'secret' });
});
afterAll(() => server.stop());

const transport = () =>
	nodemailer.createTransport({ host: '127.0.0.1', port: server.port, secure: false, ignoreTLS: true, auth: { user: 'shop', pass: 'secret' } });

test('nodemailer delivers and the server parses the message', async () => {
	const info = await transport().sendMail({ from: 'service@shop.example', to: 'anna@example.de', subject: 'Deine Bestellung 1001', text: 'Grüße', html: '<p>Grüße</p>' });
	assert.deepEqual(info.accepted, ['anna@example.de']);
	const mail = server.messages.at(-1)!;
	assert.equal(mail.parsed.subject, 'Deine Bestellung 1001');
	assert.equal(mail.parsed.text?.trim(), 'Grüße');
	assert.deepEqual(mail.to, ['anna@example.de']);
});

test('wrong password is refused with 535', async () => {
	const bad = nodemailer.createTransport({ host: '127.0.0.1', port: server.port, secure: false, ignoreTLS: true, auth: { user: 'shop', pass: 'nope' } });
	await assert.rejects(bad.sendMail({ from: 'a@shop.example', to: 'b@example.de', text: 'x' }), (e: { responseCode: number }) => e.responseCode === 535);
});

test('injected 451 at DATA, 550 for a recipient, and partial rejection', async () => {
	server.failNext({ stage: 'data', code: 451 });
	await assert.rejects(transport().sendMail({ from: 'a@shop.example', to: 'b@example.de', text: 'x' }), (e: { responseCode: number }) => e.responseCode === 451);
	server.rejectRecipient('gone@example.de', 550);
	const info = await transport().sendMail({ from: 'a@shop.example', to: ['gone@example.de', 'ok@example.de'], text: 'x' });
	assert.deepEqual(info.accepted, ['ok@example.de']);
	assert.deepEqual(info.rejected, ['gone@example.de']);
	await assert.rejects(transport().sendMail({ from: 'a@shop.example', to: 'gone@example.de', text: 'x' }), (e: { responseCode: number }) => e.responseCode === 550);
	server.clearFaults();
});
