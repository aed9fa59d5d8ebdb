/**
 * `npm run bench`: runs every benchmark module in bench/ (each exports `run()`), or only those named on the
 * command line (`npm run bench -- sms store`). Figures are printed, never asserted; BENCH_SCALE scales workloads.
 */
import { readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

/**
 * The machine's load, as `uptime` prints it, before and after each bench: on a shared machine absolute figures follow
 * the load, so a figure is only comparable with one measured at a similar load (or as a ratio from back-to-back runs).
 */
function load(): string {
	const [one, five, fifteen] = loadavg().map((n) => n.toFixed(2));
	const cores = cpus().length;
	const busy = loadavg()[0] > cores ? ` (more than the ${cores} cores: figures are slower than on a quiet machine)` : '';
	return `load average ${one}, ${five}, ${fifteen} on ${cores} cores${busy}`;
}

async function main() {
	const wanted = process.argv.slice(2);
	const modules = readdirSync(__dirname)
		.filter((f) => f.endsWith('.ts') && f !== 'index.ts')
		.map((f) => f.replace(/\.ts$/, ''))
		.filter((name) => wanted.length === 0 || wanted.includes(name))
		.sort();
	for (const name of modules) {
		console.log(`\n=== bench: ${name} === (${new Date().toISOString()}, ${load()})`);
		const started = Date.now();
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const mod = require(join(__dirname, name)) as { run?: () => Promise<void> };
		if (typeof mod.run !== 'function') {
			console.log(`(bench/${name}.ts exports no run())`);
			continue;
		}
		await mod.run();
		console.log(`--- ${name} took ${((Date.now() - started) / 1000).toFixed(1)} s (${load()})`);
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
