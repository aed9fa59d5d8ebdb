/**
 * One real n8n for the end-to-end tests: the pinned n8n from the cache, our packed tarball installed as a community
 * package, every template plus test workflows imported and published, the outbox (local Twilio + SMTP) beside it.
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHOP_SECRET, sandboxCredentials } from '../../sandbox/config';
import { ensureN8n, importAndPublish, installPackage, n8nEnv, packPackage, startN8n, templateFiles, webhookPathsOf } from '../../sandbox/n8n';
import type { ImportResult } from '../../sandbox/n8n';
import type { N8nInstance, SandboxCredential } from '../../sandbox/n8n';
import { startOutbox } from '../../sandbox/outbox';
import type { Outbox } from '../../sandbox/outbox';

export { SHOP_SECRET };

/** N8N_PAYLOAD_SIZE_MAX (MiB) of the e2e n8n. */
export const E2E_PAYLOAD_SIZE_MAX_MIB = 2;

export interface E2eSandbox {
	n8n: N8nInstance;
	outbox: Outbox;
	/**
	 * Stops n8n, runs `whileStopped` (e.g. an edit in n8n's database), imports templates the way `npm start` does on
	 * every start (only what is missing), and starts n8n again. Returns what the import did.
	 */
	restart(whileStopped?: () => void): Promise<ImportResult>;
	stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

export async function startSandbox(extraWorkflows: string[] = [], extraCredentials: SandboxCredential[] = []): Promise<E2eSandbox> {
	const n8nBin = ensureN8n();
	const tarball = packPackage();
	const userFolder = mkdtempSync(join(tmpdir(), 'pp-e2e-'));
	installPackage(userFolder, tarball);
	const outbox = await startOutbox();
	// A small payload limit, so the e2e suite can show that a body over n8n's limit gets our 413, not n8n's 500.
	const env = n8nEnv(userFolder, await freePort(), { N8N_PAYLOAD_SIZE_MAX: String(E2E_PAYLOAD_SIZE_MAX_MIB) });
	const credentials = [
		...sandboxCredentials({ twilio: outbox.twilio.port, smtp: outbox.smtp.port }),
		{ id: 'ppShopCustomE2e', name: 'Custom shop (e2e)', type: 'postPurchaseShopApi', data: { platform: 'custom', webhookSecret: SHOP_SECRET } },
		...extraCredentials,
	];
	const workflowFiles = [...templateFiles(), ...extraWorkflows];
	await importAndPublish(n8nBin, env, { credentials, workflowFiles });
	const webhooks = webhookPathsOf(workflowFiles);
	// n8n boots, loads our package and activates every template before it counts as started: five minutes leave
	// room for a loaded machine (the boot alone took over 90 s at a load of 23, and over 180 s at a load of 20 with
	// thirteen templates and the journey's demo copy).
	const timeoutMs = 300_000;
	let n8n: N8nInstance;
	try {
		n8n = await startN8n(n8nBin, env, { webhooks, timeoutMs });
	} catch (error) {
		await outbox.stop(); // else the open servers keep the test process alive and hide this error
		throw error;
	}
	const sandbox: E2eSandbox = {
		n8n,
		outbox,
		async restart(whileStopped) {
			await sandbox.n8n.stop();
			whileStopped?.();
			const imported = await importAndPublish(n8nBin, env, { credentials, workflowFiles });
			sandbox.n8n = await startN8n(n8nBin, env, { webhooks, timeoutMs });
			return imported;
		},
		async stop() {
			await sandbox.n8n.stop();
			await outbox.stop();
		},
	};
	return sandbox;
}

/**
 * Polls `check` until it returns a truthy value or the time is up; `between` (if given) runs after each miss, e.g. to
 * nudge what is being waited for.
 */
export async function eventually<T>(
	check: () => T | undefined | false | null | Promise<T | undefined | false | null>,
	timeoutMs: number,
	what: string,
	between?: () => Promise<void>,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
		await between?.();
		await new Promise((r) => setTimeout(r, 200));
	}
}

/** Waits `ms` and then checks that nothing more arrived (for "exactly once" and "nothing sent"). */
export function settle(ms: number): Promise<void> {
	return new Promise((r) => setTimeout(r, ms));
}
