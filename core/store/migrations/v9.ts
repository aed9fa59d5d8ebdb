import type { Migration } from '../dialect/Dialect';

/**
 * Version 9: the contact an order named (`orders.contact`, JSON: e-mail, phone, name, language, country, time zone),
 * so the Replenishment Due Trigger can address refill reminders, product birthdays and win-back computed from the
 * order history. `phone_hash` is the hash of the contact's phone when it differs from the order's subject (an order
 * keyed by e-mail that also names a phone), so a GDPR export or erasure asked for by phone finds the order too.
 * Version 8 belongs to another concern; the runner applies every step above a store's version, gaps are harmless.
 */
const SQL = `
ALTER TABLE orders ADD COLUMN contact TEXT;
ALTER TABLE orders ADD COLUMN phone_hash TEXT;
CREATE INDEX orders_phone ON orders (phone_hash) WHERE phone_hash IS NOT NULL;
`;

export const V9: Migration = { version: 9, sqlite: SQL, postgres: SQL };
