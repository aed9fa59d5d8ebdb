import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
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

/** Speaks SMTP up to the middle of DATA, then resets the connection, as a sender killed mid-message does. */
function dieMidMessage(port: number): Promise<void> {
	return new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		const script = ['EHLO killed.example', 'MAIL FROM:<shop@beispiel-shop.de>', 'RCPT TO:<anna@kunde.example>', 'DATA'];
		let step = 0;
		socket.on('data', (chunk) => {
			const reply = chunk.toString();
			if (step < script.length && /^(220|250) /m.test(reply)) {
				socket.write(`${script[step++]}\r\n`);
			} else if (/^354 /m.test(reply)) {
				socket.write('Subject: half\r\n\r\nonly half of the');
				setTimeout(() => socket.resetAndDestroy(), 50);
			}
		});
		socket.on('close', () => resolve());
		socket.on('error', () => undefined);
	});
}

test('a client that dies in the middle of a message is counted as dropped, keeps nothing and does not crash the process', async () => {
	const open = await startSmtpServer();
	try {
		await dieMidMessage(open.port);
		await new Promise((r) => setTimeout(r, 200));
		assert.ok(open.dropped >= 1, `dropped ${open.dropped}`);
		assert.equal(open.messages.length, 0);
		// The server still takes whole messages afterwards.
		await nodemailer.createTransport({ host: '127.0.0.1', port: open.port, secure: false, ignoreTLS: true }).sendMail({ from: 'a@shop.example', to: 'b@example.de', text: 'x' });
		assert.equal(open.messages.length, 1);
	} finally {
		await open.stop();
	}
});
