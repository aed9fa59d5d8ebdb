import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import type { Socket } from 'node:net';
import { connect } from 'node:tls';
import { startTlsProxy } from '../../support/tlsProxy';
import type { TlsProxy } from '../../support/tlsProxy';
import { startTwilioServer } from '../../support/twilioServer';
import type { TwilioTestServer } from '../../support/twilioServer';

let twilio: TwilioTestServer;
let proxy: TlsProxy;

beforeAll(async () => {
	twilio = await startTwilioServer({ autoCallbacks: false });
	proxy = await startTlsProxy({ hosts: ['api.twilio.com'], target: twilio.baseUrl });
}, 30_000);

afterAll(async () => {
	await proxy?.stop();
	await twilio?.stop();
});

/** Opens a CONNECT tunnel the way an HTTPS_PROXY client does; resolves the raw socket and the proxy's status. */
function tunnel(host: string): Promise<{ status: number; socket: Socket }> {
	const { hostname, port } = new URL(proxy.url);
	return new Promise((resolve, reject) => {
		const req = request({ host: hostname, port, method: 'CONNECT', path: `${host}:443` });
		req.on('connect', (res, socket) => resolve({ status: res.statusCode ?? 0, socket }));
		req.on('error', reject);
		req.end();
	});
}

test('a client that trusts the test CA reaches the local Twilio stand-in as https://api.twilio.com', async () => {
	const { status, socket } = await tunnel('api.twilio.com');
	expect(status).toBe(200);
	const tls = connect({ socket, servername: 'api.twilio.com', ca: readFileSync(proxy.caFile) });
	await new Promise<void>((resolve, reject) => tls.once('secureConnect', resolve).once('error', reject));
	expect(tls.authorized).toBe(true);
	const auth = Buffer.from(`${twilio.accountSid}:${twilio.authToken}`).toString('base64');
	tls.write(`GET /2010-04-01/Accounts/${twilio.accountSid}.json HTTP/1.1\r\nHost: api.twilio.com\r\nAuthorization: Basic ${auth}\r\nConnection: close\r\n\r\n`);
	const answer = await new Promise<string>((resolve) => {
		let text = '';
		tls.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
		tls.on('end', () => resolve(text));
	});
	expect(answer).toMatch(/^HTTP\/1\.1 200/);
	expect(answer).toContain(`"sid":"${twilio.accountSid}"`);
	expect(proxy.stats.requests).toBeGreaterThanOrEqual(1);
}, 20_000);

test('a client without the CA refuses the certificate, and hosts not listed get no tunnel', async () => {
	const { socket } = await tunnel('api.twilio.com');
	const tls = connect({ socket, servername: 'api.twilio.com' });
	const error = await new Promise<Error>((resolve) => tls.once('error', resolve));
	expect(String(error.message)).toMatch(/self[- ]signed|unable to (get|verify)|certificate/i);
	const other = await tunnel('example.org');
	expect(other.status).toBe(403);
	other.socket.destroy();
	expect(proxy.stats.refused).toBe(1);
}, 20_000);
