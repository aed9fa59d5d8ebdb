// Prints line and branch coverage per folder (core/<concern>, nodes/<Node>, credentials) and the ten least-covered
// source files, from the json-summary that `jest --coverage` writes. With --thresholds it writes
// tests/support/jest/coverageThresholds.json: today's figures per folder, rounded down to a whole per cent and one
// point below that for the retry and fault paths whose coverage depends on timing, so coverage can only go up.
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';

const summary = JSON.parse(readFileSync('coverage/coverage-summary.json', 'utf8'));
const folders = new Map();
const files = [];
for (const [path, data] of Object.entries(summary)) {
	if (path === 'total') continue;
	const file = relative(process.cwd(), path);
	const parts = file.split('/');
	const folder = parts[0] === 'credentials' ? 'credentials' : parts.slice(0, 2).join('/');
	const sum = folders.get(folder) ?? { lines: [0, 0], branches: [0, 0] };
	sum.lines[0] += data.lines.covered;
	sum.lines[1] += data.lines.total;
	sum.branches[0] += data.branches.covered;
	sum.branches[1] += data.branches.total;
	folders.set(folder, sum);
	files.push({ file, lines: data.lines, branches: data.branches });
}

const pct = ([covered, total]) => (total === 0 ? 100 : (100 * covered) / total);
const cell = (pair) => `${pct(pair).toFixed(1).padStart(6)} % (${pair[0]}/${pair[1]})`.padEnd(24);
console.log(`\n${'folder'.padEnd(32)}${'lines'.padEnd(24)}branches`);
for (const [folder, sum] of [...folders].sort(([a], [b]) => a.localeCompare(b))) {
	console.log(`${folder.padEnd(32)}${cell(sum.lines)}${cell(sum.branches)}`);
}
const total = summary.total;
console.log(`${'all'.padEnd(32)}${cell([total.lines.covered, total.lines.total])}${cell([total.branches.covered, total.branches.total])}`);

console.log('\nten least-covered files (lines):');
for (const f of files.filter((f) => f.lines.total > 0).sort((a, b) => a.lines.pct - b.lines.pct).slice(0, 10)) {
	console.log(`  ${f.file.padEnd(58)}${String(f.lines.pct).padStart(6)} % lines, ${String(f.branches.pct).padStart(6)} % branches`);
}

if (process.argv.includes('--thresholds')) {
	const floor = (pair) => Math.max(0, Math.floor(pct(pair)) - 1);
	// Per folder only: Jest's "global" threshold would apply to the files no folder entry matches (a new folder),
	// not to the whole, so a new folder gets its own entry the next time this runs.
	const thresholds = {};
	for (const [folder, sum] of [...folders].sort(([a], [b]) => a.localeCompare(b))) {
		thresholds[`./${folder}/`] = { lines: floor(sum.lines), branches: floor(sum.branches) };
	}
	writeFileSync('tests/support/jest/coverageThresholds.json', `${JSON.stringify(thresholds, null, '\t')}\n`);
	console.log('\nthresholds written to tests/support/jest/coverageThresholds.json');
}
