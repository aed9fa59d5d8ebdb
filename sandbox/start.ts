/**
 * `npm start`: builds the package, installs it into a pinned n8n the way n8n installs community packages, imports
 * every template (and the complete journey's demo copy) plus sandbox credentials, starts the outbox and n8n, and
 * prints where to look.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PORTS, sandboxCredentials } from './config';
import { demoJourney } from './demoJourney';
import { OWNER, ensureN8n, importAndPublish, installPackage, n8nEnv, packPackage, repoRoot, startN8n, templateFiles, webhookPathsOf } from './n8n';
import { startOutbox } from './outbox';

async function main() {
	const t0 = Date.now();
	const seconds = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
	console.log('▶ Preparing n8n 2.40.7 (installed once into ~/.cache, reused afterwards)…');
	const n8nBin = ensureN8n();
	console.log(`▶ Building and packing n8n-nodes-post-purchase… (${seconds()})`);
	const tarball = packPackage();
	const userFolder = process.env.SANDBOX_USER_FOLDER ?? join(repoRoot, '.sandbox');
	mkdirSync(userFolder, { recursive: true });
	installPackage(userFolder, tarball);
	console.log(`▶ Starting the outbox (local Twilio + SMTP)… (${seconds()})`);
	const outbox = await startOutbox({ twilio: PORTS.twilio, smtp: PORTS.smtp, web: PORTS.web });
	const env = n8nEnv(userFolder, PORTS.n8n);
	// Every template, plus the complete journey's demo copy (a day lasts seconds) that `npm run demo` plays.
	const demoFile = join(userFolder, 'demo-journey.json');
	writeFileSync(demoFile, JSON.stringify(demoJourney(), null, 2));
	const files = [...templateFiles(), demoFile];
	// Templates already in this n8n are left as the user edited them; `npm start -- --reset` imports them afresh.
	const reset = process.argv.includes('--reset') || process.env.SANDBOX_RESET === '1';
	console.log(`▶ ${reset ? 'Re-importing' : 'Importing new'} templates and sandbox credentials… (${seconds()})`);
	const imported = await importAndPublish(n8nBin, env, { credentials: sandboxCredentials(PORTS), workflowFiles: files, reset });
	if (imported.imported.length) console.log(`  imported and published ${imported.imported.length} template(s)${reset ? ' (reset: your edits to them were replaced)' : ''}`);
	if (imported.kept.length) console.log(`  kept ${imported.kept.length} template(s) as they are in n8n (your edits stay; \`npm start -- --reset\` imports them afresh)`);
	console.log(`▶ Starting n8n… (${seconds()})`);
	const n8n = await startN8n(n8nBin, env, { echo: process.env.SANDBOX_VERBOSE === '1', webhooks: webhookPathsOf(files) });
	console.log(`
✔ Ready in ${seconds()}

  n8n editor   ${n8n.url}        login ${OWNER.email} / ${OWNER.password}
  Outbox       ${outbox.webUrl}        every SMS and e-mail the journeys send

  Try it:      npm run demo      (in a second terminal) plays the whole journey in a few minutes
  Stop:        Ctrl+C
`);
	// Ctrl+C reaches n8n too (same process group), so n8n may end before we ask it to: that is a normal stop.
	let stopping = false;
	const shutdown = async () => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping n8n and the outbox…');
		await n8n.stop();
		await outbox.stop();
		console.log('Stopped.');
		process.exit(0);
	};
	process.on('SIGINT', () => void shutdown());
	process.on('SIGTERM', () => void shutdown());
	n8n.process.on('exit', (code, signal) => {
		if (stopping || code === 0 || signal === 'SIGINT' || signal === 'SIGTERM') return void shutdown();
		console.error(`n8n stopped unexpectedly (code ${code}). Last log lines (all of them with SANDBOX_VERBOSE=1):\n${n8n.log.join('').slice(-3000)}`);
		void outbox.stop().then(() => process.exit(code ?? 1));
	});
}

main().catch((error) => {
	console.error(`✖ ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
});
