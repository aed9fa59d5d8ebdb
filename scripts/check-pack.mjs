// Packs the package and checks that the tarball holds the README, licence and changelog, that its dist/ holds every node, credential, icon and codex file that
// package.json's `n8n` field names, so what n8n installs is complete, and that it holds no test code: no test files,
// no test helpers, nothing that imports a test runner.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--loglevel=error'], { encoding: 'utf8' });
const files = new Set(JSON.parse(out)[0].files.map((f) => f.path));
const missing = [];
const need = (path) => files.has(path) || missing.push(path);

// What a user reads on npm: the README, the licence and the changelog.
for (const path of ['README.md', 'LICENSE', 'CHANGELOG.md', 'package.json']) need(path);

for (const path of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
	need(path);
	const source = path.replace(/^dist\//, '').replace(/\.js$/, '.ts');
	const text = readFileSync(source, 'utf8');
	for (const [, icon] of text.matchAll(/'file:([^']+\.svg)'/g)) {
		const dir = path.slice(0, path.lastIndexOf('/'));
		need(new URL(icon, `file:///${dir}/`).pathname.slice(1));
	}
	if (path.endsWith('.node.js')) need(path.replace(/\.js$/, '.json'));
}
// Test code never ships: by name, by folder, or by what it imports (a helper that registers tests).
const testCode = [...files].filter((path) => {
	if (/(^|\/)(tests?|__tests__|fixtures|bench|sandbox)\//.test(path) || /\.(test|spec)\.[cm]?[jt]s$/.test(path) || /contract(Tests)?\.[jt]s$/.test(path)) return true;
	if (!/\.[cm]?js$/.test(path)) return false;
	return /require\(["'](node:test|@jest\/globals|jest|node:assert(\/strict)?)["']\)/.test(readFileSync(path, 'utf8'));
});
if (testCode.length) {
	console.error(`The packed tarball holds test code (${testCode.length} file(s)); keep it under tests/:\n  ${testCode.join('\n  ')}`);
	process.exit(1);
}
if (missing.length) {
	console.error(`The packed tarball misses ${missing.length} file(s):\n  ${missing.join('\n  ')}`);
	process.exit(1);
}
console.log(`npm pack: ${files.size} files; all ${pkg.n8n.nodes.length} nodes and ${pkg.n8n.credentials.length} credentials with icons and codex present; no test code.`);
