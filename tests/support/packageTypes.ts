/**
 * Finds our node and credential classes the way n8n's loader does for a package: every `nodes/<Name>/<Name>.node.ts`
 * and `credentials/<Name>.credentials.ts`, registered under `<package>.<description.name>`.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ICredentialType, INodeType, IVersionedNodeType } from 'n8n-workflow';

const root = resolve(__dirname, '..', '..');

type Constructor<T> = new () => T;

function exportedClasses<T>(file: string): Array<Constructor<T>> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const mod = require(file) as Record<string, unknown>;
	return Object.values(mod).filter((v): v is Constructor<T> => typeof v === 'function' && /^class\s/.test(Function.prototype.toString.call(v)));
}

export function loadPackageNodes(packageName: string): Record<string, INodeType | IVersionedNodeType> {
	const out: Record<string, INodeType | IVersionedNodeType> = {};
	const dir = join(root, 'nodes');
	for (const name of readdirSync(dir)) {
		const file = join(dir, name, `${name}.node.ts`);
		if (!existsSync(file)) continue;
		for (const Cls of exportedClasses<INodeType | IVersionedNodeType>(file)) {
			const instance = new Cls();
			if (instance.description?.name) out[`${packageName}.${instance.description.name}`] = instance;
		}
	}
	return out;
}

export function loadPackageCredentials(): Record<string, ICredentialType> {
	const out: Record<string, ICredentialType> = {};
	const dir = join(root, 'credentials');
	for (const file of readdirSync(dir).filter((f) => f.endsWith('.credentials.ts'))) {
		for (const Cls of exportedClasses<ICredentialType>(join(dir, file))) {
			const instance = new Cls();
			if (instance.name) out[instance.name] = instance;
		}
	}
	return out;
}
