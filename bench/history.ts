/**
 * `npm run bench -- history`: how fast Journey Data's Import Order History brings a shop's past into the journey
 * store, in orders per second, against the local fake shop (tests/support/shopServer.ts: each platform's order API,
 * real HTTP on 127.0.0.1), on SQLite and PostgreSQL. The first import records every order; the second finds them all
 * known (what a re-run or a resumed import costs). The shop answers at once, so these are our costs: paging, JSON,
 * the platform adapter, one store transaction per order. A real shop's API is slower (Shopify: two calls per
 * second; a page of 250 orders every ~0.5 s is ≤ 500 orders/s), so the target is that we never are the bottleneck.
 * Figures are printed, never asserted, each next to the target with "met" or "missed"; each import is one run (a
 * first import can only be first once per store), which the output says. BENCH_SCALE scales the number of orders.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importOrderHistory } from '../core/history';
import { openStore } from '../core/store';
import type { JourneyStore } from '../core/store';
import { SHOP_AUTH, startShopServer } from '../tests/support/shopServer';
import type { ShopPlatform } from '../tests/support/shopServer';
import { connectBenchPg } from './lib/postgres';
import { int, line, spread } from './lib/report';
import type { Target } from './lib/report';

/** Shopify's REST limit lets a shop deliver at most ~500 orders/s (2 pages of 250 a second); we should keep up. */
const TARGET: Target = { op: '≥', value: 500 };
const PLATFORMS: ShopPlatform[] = ['shopify', 'woocommerce', 'shopware'];
const DAY = 86_400_000;

async function measure(label: string, store: JourneyStore, orders: number): Promise<void> {
	console.log(`${label}:`);
	for (const platform of PLATFORMS) {
		const from = new Date(Date.now() - 365 * DAY);
		const to = new Date(Date.now() - DAY);
		const shop = await startShopServer({ orders, customers: Math.ceil(orders / 3), from, to, idPrefix: String(PLATFORMS.indexOf(platform) + 1) });
		try {
			const options = { store, access: { platform, shopUrl: shop.baseUrl, ...SHOP_AUTH }, period: { from, to }, progressEvery: 0 };
			const first = await importOrderHistory(options);
			const second = await importOrderHistory(options);
			const rate = (s: typeof first) => (s.ordersSeen / s.durationMs) * 1000;
			console.log(`  ${line(`${platform}: first import, ${int(first.new)} new orders in ${first.pages} pages (orders/s)`, spread([rate(first)]), int, TARGET)}`);
			console.log(`  ${line(`${platform}: again, ${int(second.updated)} already known (orders/s)`, spread([rate(second)]), int, TARGET)}`);
		} finally {
			await shop.close();
		}
	}
}

export async function run(): Promise<void> {
	const scale = Number(process.env.BENCH_SCALE ?? '1') || 1;
	const orders = Math.round(3000 * scale);
	console.log(`${int(orders)} orders per platform, each with 2–3 line items, one year, ${int(Math.ceil(orders / 3))} customers`);
	const dir = mkdtempSync(join(tmpdir(), 'pp-history-bench-'));
	const sqlite = await openStore({ backend: 'sqlite', path: join(dir, 'store.sqlite') });
	try {
		await measure('SQLite', sqlite, orders);
	} finally {
		await sqlite.close();
		rmSync(dir, { recursive: true, force: true });
	}
	const pg = await connectBenchPg();
	if (!pg) return;
	const schema = `pp_history_bench_${process.pid}`;
	const store = await openStore({ backend: 'postgres', ...pg.base, schema });
	try {
		await measure('PostgreSQL', store, orders);
	} finally {
		await store.close();
		await pg.admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
		await pg.admin.end();
	}
}
