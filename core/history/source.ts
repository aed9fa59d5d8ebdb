import { InputError } from '../shared/errors';
import { createHttpClient } from '../shared/http';
import type { FetchLike } from '../shared/http';
import type { Pacer } from './pacing';
import { shopifySource } from './shopify';
import { shopBase, shopScope } from './shopUrl';
import { shopwareSource } from './shopware';
import { IMPORT_PLATFORMS } from './types';
import type { ImportPeriod, ImportPlatform, OrderSource, ShopAccess } from './types';
import { wooSource } from './woocommerce';

export interface SourceOptions {
	fetch?: FetchLike;
	pacer: Pacer;
	/** Orders per page; default and maximum are the platform's (250 Shopify, 100 WooCommerce and Shopware). */
	pageSize?: number;
	/** Retries of one page after a 429, a 5xx or a network error; default 6. */
	retries?: number;
	/** First back-off, doubled per retry; default 1 s. */
	backoffMs?: number;
	/** The longest `Retry-After` we wait for before giving up on the page; default 60 s. */
	maxWaitMs?: number;
	timeoutMs?: number;
}

const SERVICE: Record<ImportPlatform, string> = { shopify: 'Shopify', woocommerce: 'WooCommerce', shopware: 'Shopware' };

/** Checks the period (from before to, both real times); the field named is the one to fix. */
export function checkPeriod(period: ImportPeriod): ImportPeriod {
	if (!(period?.from instanceof Date) || Number.isNaN(period.from.getTime())) throw new InputError('The start of the period is not a date.', 'from');
	if (!(period.to instanceof Date) || Number.isNaN(period.to.getTime())) throw new InputError('The end of the period is not a date.', 'to');
	if (period.from.getTime() > period.to.getTime()) {
		throw new InputError(`The period starts (${period.from.toISOString()}) after it ends (${period.to.toISOString()}).`, 'from', 'Choose a start before the end.');
	}
	return period;
}

/** The paged order API of the shop in `access`, with our HTTP client (retries, back-off, waits counted by the pacer). */
export function createOrderSource(access: ShopAccess, period: ImportPeriod, options: SourceOptions): OrderSource {
	const platform = access?.platform as ImportPlatform;
	if (!IMPORT_PLATFORMS.includes(platform)) {
		throw new InputError(
			`Order history can be imported from Shopify, WooCommerce and Shopware 6, not from "${String(access?.platform ?? '')}".`,
			'platform',
			'Choose one of these platforms in the shop credential. Custom JSON shops send their orders through the Order Placed Trigger instead.',
		);
	}
	checkPeriod(period);
	const base = shopBase(access.shopUrl);
	const http = createHttpClient({
		service: SERVICE[platform],
		baseUrl: base,
		fetch: options.fetch,
		retries: options.retries ?? 6,
		backoffMs: options.backoffMs ?? 1000,
		maxRetryAfterMs: options.maxWaitMs ?? 60_000,
		timeoutMs: options.timeoutMs ?? 60_000,
		sleep: (ms) => options.pacer.wait(ms),
	});
	const deps = { http, pause: (ms: number) => options.pacer.wait(ms), pageSize: options.pageSize };
	const scope = shopScope(platform, base);
	switch (platform) {
		case 'shopify':
			return shopifySource(access, period, scope, deps);
		case 'woocommerce':
			return wooSource(access, period, scope, deps);
		case 'shopware':
			return shopwareSource(access, period, scope, base, deps);
	}
}
