import { randomUUID } from 'node:crypto';
import { CoreError, RemoteError } from '../shared/errors';
import type { FetchLike } from '../shared/http';
import type { ImportCounts, ImportKey, JourneyStore } from '../store';
import { applyOrder } from './apply';
import type { SkipReason } from './apply';
import { createPacer } from './pacing';
import { createOrderSource } from './source';
import type { SourceOptions } from './source';
import type { ImportPeriod, ImportPlatform, ShopAccess } from './types';

/**
 * Imports a shop's orders of one period into the order history, page by page. After each page its position is
 * saved in the store, so an interrupted import (an error after the retries, a stopped n8n) continues from the page
 * it stopped at when run again; a finished import run again pages through once more and adds nothing new.
 */

export interface ImportOptions extends Omit<SourceOptions, 'pacer'> {
	store: Pick<JourneyStore, 'orders' | 'imports'>;
	access: ShopAccess;
	period: ImportPeriod;
	/** Ignore a saved position and start from the first page. */
	restart?: boolean;
	/** Report progress every this many pages (default 10; 0 = never). */
	progressEvery?: number;
	onProgress?: (progress: ImportProgress) => void;
	sleep?: (ms: number) => Promise<void>;
	fetch?: FetchLike;
	/** Milliseconds since an arbitrary start, for durations; default `performance.now`. */
	elapsed?: () => number;
}

export interface ImportProgress {
	page: number;
	ordersSeen: number;
	new: number;
	updated: number;
	skipped: number;
	waits: number;
	elapsedMs: number;
}

export interface ImportSummary {
	platform: ImportPlatform;
	shop: string;
	period: { from: string; to: string };
	/** Whether this execution continued an interrupted import, and from which page. */
	resumed: boolean;
	resumedAtPage: number | null;
	ordersSeen: number;
	new: number;
	/** Orders the history knew already (refreshed with the shop's current state). */
	updated: number;
	/** Of the recorded orders, those the shop cancelled (taken back). */
	cancelled: number;
	skipped: number;
	skippedReasons: Partial<Record<SkipReason, number>>;
	pages: number;
	durationMs: number;
	waits: number;
	waitedMs: number;
	/** The whole import over every execution (equal to this one's figures unless it resumed). */
	total: { pages: number; ordersSeen: number; new: number; updated: number; skipped: number };
}

/**
 * Orders of one page recorded at once: each is its own short transaction on its own rows, so PostgreSQL's pool
 * works them side by side (SQLite queues them; the in-flight ones cost nothing there).
 */
const IN_FLIGHT = 8;

async function eachInFlight<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < items.length) await fn(items[next++]);
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Without a new page for this long, another execution may take the import over (a crashed n8n frees it). */
const LEASE_MS = 10 * 60_000;

function busyError(scope: string, updatedAt: Date): CoreError {
	return new CoreError('configuration', `Another execution is importing the order history of ${scope.split(':')[1]} for this period right now (last page saved ${updatedAt.toISOString()}).`, {
		field: 'period',
		hint: 'Wait until it finishes. If n8n was stopped during that import, it is free again 10 minutes after its last page; then run this again to continue where it stopped.',
	});
}

export async function importOrderHistory(options: ImportOptions): Promise<ImportSummary> {
	const elapsed = options.elapsed ?? (() => performance.now());
	const started = elapsed();
	const pacer = createPacer(options.sleep);
	const source = createOrderSource(options.access, options.period, { ...options, pacer });
	const key: ImportKey = { scope: source.scope, from: options.period.from, to: options.period.to };
	const owner = randomUUID();
	const { store } = options;
	const start = await store.imports.start(key, { owner, leaseMs: LEASE_MS, restart: options.restart });
	if ('busy' in start) throw busyError(source.scope, start.busy.updatedAt);
	const { run, resumed } = start;
	const mine: ImportCounts = { pages: 0, seen: 0, created: 0, updated: 0, skipped: 0 };
	const reasons: Partial<Record<SkipReason, number>> = {};
	let cancelled = 0;
	const every = options.progressEvery ?? 10;
	// The next page is fetched while this one is recorded (a shop answers in ~0.5 s; the store need not wait for it).
	const fetchPage = (cursor: string | null, pageNo: number) => {
		const pending = source.fetchPage(cursor).catch((error: unknown) => Promise.reject(pageError(error, source.service, pageNo)));
		pending.catch(() => undefined);
		return pending;
	};
	let pending = fetchPage(run.cursor, run.counts.pages + 1);
	try {
		for (;;) {
			const pageNo = run.counts.pages + mine.pages + 1;
			const page = await pending;
			if (page.next !== null) pending = fetchPage(page.next, pageNo + 1);
			const add: ImportCounts = { pages: 1, seen: page.orders.length, created: 0, updated: 0, skipped: 0 };
			const receivedAt = new Date().toISOString();
			await eachInFlight(page.orders, IN_FLIGHT, async (raw) => {
				const outcome = await applyOrder(store.orders, source, raw, receivedAt);
				if ('skipped' in outcome) {
					add.skipped++;
					reasons[outcome.skipped] = (reasons[outcome.skipped] ?? 0) + 1;
				} else {
					if (outcome.recorded === 'new') add.created++;
					else add.updated++;
					if (outcome.cancelled) cancelled++;
				}
			});
			if (!(await store.imports.advance(key, page.next, add, { owner, leaseMs: LEASE_MS }))) {
				throw new CoreError('configuration', `The import of ${source.scope.split(':')[1]} was taken over by another execution after page ${pageNo}.`, {
					hint: 'This execution stopped; the other one continues. Run the import again later to see its summary.',
				});
			}
			for (const f of Object.keys(mine) as Array<keyof ImportCounts>) mine[f] += add[f];
			if (every > 0 && mine.pages % every === 0) {
				options.onProgress?.({ page: pageNo, ordersSeen: mine.seen, new: mine.created, updated: mine.updated, skipped: mine.skipped, waits: pacer.waits, elapsedMs: Math.round(elapsed() - started) });
			}
			if (page.next === null) break;
		}
	} catch (error) {
		// The saved position stays: the next run continues from the page that failed.
		await store.imports.release(key, owner);
		throw error;
	}
	const done = await store.imports.finish(key, owner);
	const total = done?.counts ?? { ...mine };
	return {
		platform: source.platform,
		shop: source.scope.slice(source.scope.indexOf(':') + 1),
		period: { from: options.period.from.toISOString(), to: options.period.to.toISOString() },
		resumed,
		resumedAtPage: resumed ? run.counts.pages + 1 : null,
		ordersSeen: mine.seen,
		new: mine.created,
		updated: mine.updated,
		cancelled,
		skipped: mine.skipped,
		skippedReasons: reasons,
		pages: mine.pages,
		durationMs: Math.round(elapsed() - started),
		waits: pacer.waits,
		waitedMs: Math.round(pacer.waitedMs),
		total: { pages: total.pages, ordersSeen: total.seen, new: total.created, updated: total.updated, skipped: total.skipped },
	};
}

/** A failed page names the page and says the import continues there; a wrong credential says which one. */
function pageError(error: unknown, service: string, page: number): unknown {
	if (!(error instanceof RemoteError)) return error;
	const auth = error.httpCode === 401 || error.httpCode === 403;
	return new RemoteError(service, `${error.message} (page ${page} of the order history)`, {
		httpCode: error.httpCode,
		providerCode: error.providerCode,
		retryable: error.retryable,
		cause: error,
		hint: auth
			? 'Check the API access in the Post-Purchase Shop API credential: the token or key must be allowed to read orders.'
			: `The pages before page ${page} are saved. Run the import again to continue from page ${page}.`,
	});
}
