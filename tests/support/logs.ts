/**
 * Captures what is logged while workflows run in the harness: the nodes' `this.logger` (n8n-core hands every node
 * context `Container.get(Logger)` from `@n8n/backend-common`) and n8n's own `LoggerProxy` (the engine logs a failed
 * node and a failed execution through it, with the error as metadata). Both are pointed at one capturing logger, so
 * a test can assert what an operator would find in n8n's log, at every level (debug included), without printing it.
 *
 * Installed once per test file when the harness (or hooks.ts, which imports it) is loaded.
 */
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { LoggerProxy } from 'n8n-workflow';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

export interface LogEntry {
	level: LogLevel;
	message: string;
	meta?: unknown;
}

const entries: LogEntry[] = [];

/** The subset of `@n8n/backend-common`'s Logger that nodes and the engine call. */
class CapturingLogger {
	error(message: string, meta?: unknown) {
		this.record('error', message, meta);
	}

	warn(message: string, meta?: unknown) {
		this.record('warn', message, meta);
	}

	info(message: string, meta?: unknown) {
		this.record('info', message, meta);
	}

	debug(message: string, meta?: unknown) {
		this.record('debug', message, meta);
	}

	/** n8n services ask for a scoped child; captured in the same list. */
	scoped(): this {
		return this;
	}

	private record(level: LogLevel, message: string, meta?: unknown) {
		entries.push({ level, message: String(message), meta });
	}
}

let installed = false;

/** Points `this.logger` of every node context and n8n's `LoggerProxy` at the capturing logger (idempotent). */
export function installLogCapture(): void {
	if (installed) return;
	installed = true;
	const logger = new CapturingLogger();
	Container.set(Logger, logger as unknown as Logger);
	LoggerProxy.init(logger as unknown as Parameters<typeof LoggerProxy.init>[0]);
}

/** Everything logged since the last `clearLogs()`, oldest first. */
export function logged(): readonly LogEntry[] {
	return entries;
}

export function clearLogs(): void {
	entries.length = 0;
}

/**
 * One entry as the text a log line would carry: the message and its metadata, errors with name, message,
 * description, stack and cause (as n8n's Logger serializes them, plus the description n8n errors have).
 */
export function logText(entry: LogEntry): string {
	const seen = new WeakSet<object>();
	const replacer = (_key: string, value: unknown): unknown => {
		if (!value || typeof value !== 'object') return value;
		if (seen.has(value)) return '[circular]';
		seen.add(value);
		if (value instanceof Error) {
			const extra = value as Error & { description?: unknown };
			return { ...value, name: value.name, message: value.message, description: extra.description, stack: value.stack, cause: value.cause };
		}
		return value;
	};
	return `${entry.level}: ${entry.message}${entry.meta === undefined ? '' : ' ' + JSON.stringify(entry.meta, replacer)}`;
}

/** All captured log text since the last `clearLogs()`, one entry per line. */
export function allLogText(): string {
	return entries.map(logText).join('\n');
}
