import type { Migration } from '../dialect/Dialect';

/**
 * Version 14: indexes for the journey report (`concerns/reportReads.ts`), which reads the message log, link clicks,
 * opt-outs and attributed orders of a period across all customers. Without them every report scans the whole log.
 */
const INDEXES = `
CREATE INDEX messages_sent_at ON messages (sent_at);
CREATE INDEX short_links_first_click ON short_links (first_click_at) WHERE first_click_at IS NOT NULL;
CREATE INDEX consent_ledger_opted_out ON consent_ledger (recorded_at) WHERE status = 'opted_out';
`;

export const V14: Migration = { version: 14, sqlite: INDEXES, postgres: INDEXES };
