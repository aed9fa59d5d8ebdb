import type { Migration } from '../dialect/Dialect';

/**
 * Version 8: order-history imports (`concerns/orderImports.ts`), one row per shop + period, so an interrupted
 * import continues where it stopped. `cursor` is the shop's own paging position (a Shopify `page_info`, a page
 * number) as text; the counts add up over every execution of the import; `owner` + `lease_until` keep a second
 * execution from paging the same shop and period at the same time. No personal data: shop address, times, counts.
 */
const IMPORTS = (bigint: string) => `
CREATE TABLE order_imports (
	scope TEXT NOT NULL,
	period_from ${bigint} NOT NULL,
	period_to ${bigint} NOT NULL,
	status TEXT NOT NULL,
	cursor TEXT,
	pages ${bigint} NOT NULL,
	seen ${bigint} NOT NULL,
	created ${bigint} NOT NULL,
	updated ${bigint} NOT NULL,
	skipped ${bigint} NOT NULL,
	owner TEXT,
	lease_until ${bigint},
	started_at ${bigint} NOT NULL,
	updated_at ${bigint} NOT NULL,
	finished_at ${bigint},
	PRIMARY KEY (scope, period_from, period_to)
);
CREATE INDEX order_imports_finished ON order_imports (finished_at) WHERE finished_at IS NOT NULL;
`;

export const V8: Migration = {
	version: 8,
	sqlite: IMPORTS('INTEGER'),
	postgres: IMPORTS('BIGINT'),
};
