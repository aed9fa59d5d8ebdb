import type { Migration } from '../dialect/Dialect';

/**
 * Version 16: the order number as the shop spells it (`orders.order_number`) and as it is looked up (`number_key`:
 * "#1001" → "1001", lower case), so the tracking page finds an order by what the customer types. Orders recorded before this release get their order id
 * (WooCommerce and Custom JSON usually number orders by id; Shopify's and Shopware's numbers arrive with the next
 * update of the order). The shipping postcode the page can check instead of the e-mail is kept in the order's
 * `contact` JSON (migration 9), so it needs no column. Versions 13–15 belong to other concerns; none is referred to.
 */
const SQL = `
ALTER TABLE orders ADD COLUMN order_number TEXT;
ALTER TABLE orders ADD COLUMN number_key TEXT;
UPDATE orders SET number_key = LOWER(order_id);
CREATE INDEX orders_number ON orders (number_key) WHERE number_key IS NOT NULL;
`;

export const V16: Migration = { version: 16, sqlite: SQL, postgres: SQL };
