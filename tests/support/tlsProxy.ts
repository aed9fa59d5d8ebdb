/**
 * A local HTTPS proxy that terminates TLS, to measure clients whose API host is hard-coded (n8n's built-in Twilio
 * node always calls https://api.twilio.com). It answers CONNECT for the listed hosts, speaks TLS with a certificate
 * for that host signed by a test CA made at run time with the system's `openssl`, and forwards every request inside
 * the tunnel to a local plain-HTTP server. The client trusts the CA through `NODE_EXTRA_CA_CERTS` and finds the proxy
 * through `HTTPS_PROXY`; nothing leaves 127.0.0.1. Any other host gets 403, so a stray request cannot escape.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TLSSocket } from 'node:tls';

export interface TlsProxy {
	/** For HTTPS_PROXY. */
	url: string;
	/** The test CA's certificate (PEM file), for NODE_EXTRA_CA_CERTS. */
	caFile: string;
	/** Tunnels opened and requests forwarded so far. */
	stats: { tunnels: number; requests: number; refused: number };
	stop(): Promise<void>;
}

function openssl(dir: string, args: string[]): void {
	execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

/** A CA and one leaf certificate naming every host (subjectAltName), valid from now for 30 days. */
function makeCertificates(dir: string, hosts: string[]) {
	openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '30', '-subj', '/CN=post-purchase test CA',
		'-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
	openssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', `/CN=${hosts[0]}`]);
	writeFileSync(join(dir, 'leaf.ext'), `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(',')}\nextendedKeyUsage=serverAuth\n`);
	openssl(dir, ['x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'leaf.pem', '-days', '30', '-extfile', 'leaf.ext']);
	return { ca: join(dir, 'ca.pem'), key: readFileSync(join(dir, 'leaf.key')), cert: readFileSync(join(dir, 'leaf.pem')) };
}

export async function startTlsProxy(options: { hosts: string[]; target: string }): Promise<TlsProxy> {
	const dir = mkdtempSync(join(tmpdir(), 'pp-tls-proxy-'));
	const { ca, key, cert } = makeCertificates(dir, options.hosts);
	const target = new URL(options.target);
	const stats = { tunnels: 0, requests: 0, refused: 0 };

	// The HTTP server that reads requests out of the decrypted tunnels and forwards them.
	const inner: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
		stats.requests++;
		const forward = request(
			{ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		forward.on('error', (error) => {
			res.writeHead(502, { 'content-type': 'text/plain' });
			res.end(`proxy: ${error.message}`);
		});
		req.pipe(forward);
	});
	inner.keepAliveTimeout = 30_000;

	const sockets = new Set<Socket>();
	const outer: Server = createServer((_req, res) => {
		res.writeHead(405, { 'content-type': 'text/plain' });
		res.end('CONNECT only');
	});
	outer.on('connect', (req: IncomingMessage, socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		const host = String(req.url ?? '').replace(/:443$/, '');
		if (!options.hosts.includes(host)) {
			stats.refused++;
			socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
			return;
		}
		stats.tunnels++;
		socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
		const tls = new TLSSocket(socket, { isServer: true, key, cert });
		tls.on('error', () => socket.destroy());
		inner.emit('connection', tls);
	});
	await new Promise<void>((resolve) => outer.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(outer.address() as AddressInfo).port}`;
	return {
		url,
		caFile: ca,
		stats,
		async stop() {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => outer.close(() => resolve()));
			inner.closeAllConnections();
			await new Promise<void>((resolve) => inner.close(() => resolve()));
			rmSync(dir, { recursive: true, force: true });
		},
	};
}
