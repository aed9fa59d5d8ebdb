import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { ContractChild } from './contract';

const SCRIPT = join(__dirname, 'child.ts');

/** Runs `child.ts` in a fresh Node process (tsx loader) and exposes its IPC messages in order. */
export function startChild(job: Record<string, unknown>): ContractChild {
	const proc = spawn(process.execPath, ['--import', 'tsx', SCRIPT, JSON.stringify(job)], {
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		env: process.env,
	});
	const queue: unknown[] = [];
	const waiters: Array<(m: unknown) => void> = [];
	const deliver = (m: unknown) => {
		const w = waiters.shift();
		if (w) w(m);
		else queue.push(m);
	};
	proc.on('message', deliver);
	proc.on('exit', (code, signal) => {
		if (signal !== 'SIGKILL') deliver({ error: `child exited (code ${code}, signal ${signal})` });
	});
	const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
	return {
		next: () => (queue.length ? Promise.resolve(queue.shift()) : new Promise((resolve) => waiters.push(resolve))),
		go: () => proc.send('go'),
		kill: async () => {
			proc.kill('SIGKILL');
			await exited;
		},
	};
}
