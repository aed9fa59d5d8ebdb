/**
 * `npm run bench`: runs every benchmark module in bench/ (each exports `run()`), or only those named on the
 * command line (`npm run bench -- sms store`). Figures are printed, never asserted; BENCH_SCALE scales workloads.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

async function main() {
	const wanted = process.argv.slice(2);
	const modules = readdirSync(__dirname)
		.filter((f) => f.endsWith('.ts') && f !== 'index.ts')
		.map((f) => f.replace(/\.ts$/, ''))
		.filter((name) => wanted.length === 0 || wanted.includes(name))
		.sort();
	for (const name of modules) {
		console.log(`\n=== bench: ${name} ===`);
		const started = Date.now();
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const mod = require(join(__dirname, name)) as { run?: () => Promise<void> };
		if (typeof mod.run !== 'function') {
			console.log(`(bench/${name}.ts exports no run())`);
			continue;
		}
		await mod.run();
		console.log(`--- ${name} took ${((Date.now() - started) / 1000).toFixed(1)} s`);
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
