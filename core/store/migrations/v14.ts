import type { Migration } from '../dialect/Dialect';

/**
 * Version 14: indexes for the journey report (`concerns/reportReads.ts`), which reads link clicks
 * and opt-outs of a period across all customers (the message log has its `sent_at` index since version 2).
 */
const INDEXES = `
CREATE INDEX short_links_first_click ON short_links (first_click_at) WHERE first_click_at IS NOT NULL;
CREATE INDEX consent_ledger_opted_out ON consent_ledger (recorded_at) WHERE status = 'opted_out';
`;

export const V14: Migration = { version: 14, sqlite: INDEXES, postgres: INDEXES };
