/**
 * One real n8n (pinned, single process, SQLite) for `npm run bench -- n8n`: our packed package installed as a
 * community package, the bench workflows of bench/workflows/ imported and published, the sandbox outbox as the Twilio
 * account (a send limit per second, a round trip per request) and a TLS-terminating proxy in front of it for n8n's
 * built-in Twilio node, whose host is hard-coded to api.twilio.com.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { sandboxCredentials } from '../../sandbox/config';
import { ensureN8n, importAndPublish, installPackage, n8nEnv, packPackage, startN8n, webhookPathsOf } from '../../sandbox/n8n';
import type { N8nInstance } from '../../sandbox/n8n';
import { SANDBOX_ACCOUNT_SID, SANDBOX_AUTH_TOKEN, startOutbox } from '../../sandbox/outbox';
import type { Outbox } from '../../sandbox/outbox';
import { freePort } from '../../tests/e2e/sandbox';
import { startTlsProxy } from '../../tests/support/tlsProxy';
import type { TlsProxy } from '../../tests/support/tlsProxy';

export interface BenchN8n {
	n8n: N8nInstance;
	outbox: Outbox;
	proxy: TlsProxy;
	/** Production webhook URL of a path (`<webhookId>/webhook` for our triggers, the Webhook node's path for n8n's). */
	webhook(path: string): string;
	/** Executions of a workflow started so far and those of them that have ended (any status), from n8n's database. */
	runs(workflowId: string): { started: number; ended: number };
	stop(): Promise<void>;
}

export interface AccountLimits {
	/** The Twilio account's send limit: more creates per second are answered 429. */
	maxPerSecond: number;
	/** Round trip of each Twilio API request. */
	latencyMs: number;
}

const WORKFLOW_DIR = join(__dirname, '..', 'workflows');

/** The built-in Twilio node's credential: the sandbox account, reached through the proxy. */
const BUILT_IN_TWILIO = {
	id: 'ppBenchTwilioBuiltIn',
	name: 'Twilio (built-in node, via the TLS proxy)',
	type: 'twilioApi',
	data: { authType: 'authToken', accountSid: SANDBOX_ACCOUNT_SID, authToken: SANDBOX_AUTH_TOKEN },
};

/** The paths of n8n's own Webhook nodes in the workflows (webhookPathsOf lists only our triggers'). */
function builtInWebhookPaths(files: string[]): string[] {
	return files.flatMap((file) =>
		(JSON.parse(readFileSync(file, 'utf8')) as { nodes: Array<{ type: string; parameters: { path?: string } }> }).nodes
			.filter((node) => node.type === 'n8n-nodes-base.webhook')
			.map((node) => String(node.parameters.path)),
	);
}

/** `settings`: extra environment for n8n (e.g. its expression engine's), over the inherited one. */
export async function startBenchN8n(limits: AccountLimits, settings: Record<string, string> = {}): Promise<BenchN8n> {
	const n8nBin = ensureN8n();
	const tarball = packPackage();
	const userFolder = mkdtempSync(join(tmpdir(), 'pp-bench-n8n-'));
	installPackage(userFolder, tarball);
	const outbox = await startOutbox({ statusCallbacks: false, ...limits });
	const proxy = await startTlsProxy({ hosts: ['api.twilio.com'], target: outbox.twilio.baseUrl });
	const cleanUp = async () => {
		await proxy.stop();
		await outbox.stop();
		rmSync(userFolder, { recursive: true, force: true });
	};
	// n8n's request helper finds the proxy through HTTPS_PROXY and trusts its CA through NODE_EXTRA_CA_CERTS; NO_PROXY
	// keeps everything on 127.0.0.1 (our SMS node's direct calls to the outbox, n8n's task runner) off the proxy.
	const env = n8nEnv(userFolder, await freePort(), {
		HTTPS_PROXY: proxy.url,
		NODE_EXTRA_CA_CERTS: proxy.caFile,
		NO_PROXY: 'localhost,127.0.0.1',
		...settings,
	});
	const workflowFiles = readdirSync(WORKFLOW_DIR)
		.filter((f) => f.endsWith('.json'))
		.map((f) => join(WORKFLOW_DIR, f));
	let n8n: N8nInstance;
	try {
		const credentials = [...sandboxCredentials({ twilio: outbox.twilio.port, smtp: outbox.smtp.port }), BUILT_IN_TWILIO];
		await importAndPublish(n8nBin, env, { credentials, workflowFiles, reset: true });
		const webhooks = [...webhookPathsOf(workflowFiles), ...builtInWebhookPaths(workflowFiles)];
		// A loaded 2-core machine has taken minutes to boot n8n (see tests/e2e/sandbox.ts).
		n8n = await startN8n(n8nBin, env, { webhooks, timeoutMs: 300_000 });
	} catch (error) {
		await cleanUp();
		throw error;
	}
	const db = new DatabaseSync(join(userFolder, '.n8n', 'database.sqlite'), { readOnly: true });
	const count = db.prepare('SELECT COUNT(*) AS started, COUNT("stoppedAt") AS ended FROM execution_entity WHERE "workflowId" = ?');
	return {
		n8n,
		outbox,
		proxy,
		webhook: (path) => `${n8n.url}/webhook/${path}`,
		runs: (workflowId) => {
			const row = count.get(workflowId) as { started: number; ended: number };
			return { started: Number(row.started), ended: Number(row.ended) };
		},
		async stop() {
			db.close();
			await n8n.stop();
			await cleanUp();
		},
	};
}
