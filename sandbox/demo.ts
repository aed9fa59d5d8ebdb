/**
 * `npm run demo`: with `npm start` running, plays the whole post-purchase journey against the demo copy of
 * workflows/post-purchase-journey.json that `npm start` imported (a journey day lasts DEMO_SECONDS_PER_DAY seconds,
 * 5 by default), and prints each message as it arrives in the outbox. Takes about four minutes.
 */
import { join } from 'node:path';
import { PORTS, SHOP_NUMBER } from './config';
import { demoJourney } from './demoJourney';
import { playJourney } from './journeyScenario';
import type { OutboxView } from './journeyScenario';
import { repoRoot } from './n8n';

const n8n = `http://localhost:${PORTS.n8n}`;
const outbox = `http://localhost:${PORTS.web}`;

async function main() {
	try {
		await fetch(`${n8n}/healthz`);
	} catch {
		throw new Error(`n8n is not running on ${n8n}. Start it first with: npm start`);
	}
	const t0 = Date.now();
	const userFolder = process.env.SANDBOX_USER_FOLDER ?? join(repoRoot, '.sandbox');
	console.log(`Playing the post-purchase journey (a journey day lasts a few seconds). Watch it arrive at ${outbox}\n`);
	const played = await playJourney({
		n8nUrl: n8n,
		workflow: demoJourney(),
		storePath: join(userFolder, '.n8n', 'post-purchase-journey.sqlite'),
		async reply(url, from, text) {
			const response = await fetch(`${outbox}/api/reply`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url, from, to: SHOP_NUMBER, text }) });
			const result = (await response.json()) as { statusCode: number | null; error?: string };
			if (result.statusCode !== 200) throw new Error(`the SMS reply "${text}" was not taken: ${result.error ?? `HTTP ${result.statusCode}`}`);
		},
		async outbox() {
			const view = (await (await fetch(`${outbox}/api/messages`)).json()) as OutboxView;
			return { sms: view.sms, email: view.email.map((m) => ({ to: m.to, subject: String(m.subject ?? '') })) };
		},
		log: (line) => console.log(line),
	});
	console.log(`\n✔ The whole journey in ${Math.round((Date.now() - t0) / 1000)} s: ${played.expected.length} messages. After the STOP, Anna's next order got its e-mail and no SMS.`);
	console.log(`  Outbox: ${outbox}    executions: ${n8n}/home/executions    short link: ${played.shortLinks[0] ?? '–'}`);
}

main().catch((error) => {
	console.error(`✖ ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
});
