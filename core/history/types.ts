import type { CanonicalEvent } from '../commerce';
import type { HttpClient } from '../shared/http';

/** The shop platforms whose order APIs the import pages through (Custom JSON has no API to page). */
export type ImportPlatform = 'shopify' | 'woocommerce' | 'shopware';

export const IMPORT_PLATFORMS: readonly ImportPlatform[] = ['shopify', 'woocommerce', 'shopware'];

/** API access to the shop, as the shop credential holds it. */
export interface ShopAccess {
	platform: string;
	shopUrl: string;
	/** Shopify: Admin API access token. */
	accessToken?: string;
	/** WooCommerce: REST API consumer key and secret. */
	consumerKey?: string;
	consumerSecret?: string;
	/** Shopware 6: integration access key ID and secret (OAuth client credentials). */
	accessKeyId?: string;
	secretAccessKey?: string;
}

export interface ImportPeriod {
	from: Date;
	to: Date;
}

/** One page of raw orders, and where the next one starts (null = this was the last). */
export interface OrderPage {
	orders: unknown[];
	next: string | null;
}

/** One shop's order API, paged: built per import by `createOrderSource`. */
export interface OrderSource {
	readonly platform: ImportPlatform;
	/** Name used in errors ("Shopify"). */
	readonly service: string;
	/** `platform:host/path`, the import's key in the store. */
	readonly scope: string;
	/** The page after `cursor` (null = the first page of the period). */
	fetchPage(cursor: string | null): Promise<OrderPage>;
	/** The canonical events one raw order stands for: its placement first, then its refunds and returns. */
	eventsOf(raw: unknown, receivedAt: string): CanonicalEvent[];
	/** Whether the shop cancelled the order (it is then taken back). */
	cancelled(raw: unknown): boolean;
}

/** What each source needs besides the access: the HTTP client (paced, retrying) and the pacer for proactive waits. */
export interface SourceDeps {
	http: HttpClient;
	pause(ms: number): Promise<void>;
	pageSize?: number;
}
