import type { Migration } from '../dialect/Dialect';

/**
 * Version 10: short links that belong to one message (`concerns/links.ts`) and the orders attributed to a journey
 * step. Versions 8 and 9 belong to other concerns and arrive separately; none of these tables refers to theirs.
 *
 * A link made by SMS or e-mail compose carries `link_key`, a hash of the message (customer + journey step + channel +
 * "Send Once Per") and the target URL, unique: a retried send gets the code made the first time. Clicks keep whether
 * they were counted (a person) or not (a link preview, a mail scanner, a HEAD request), and why.
 * `order_attributions` holds one row per order: the last click — or, without one, the last delivered message — in the
 * window before the order was placed.
 */
const LINKS = (bigint: string) => `
ALTER TABLE short_links ADD COLUMN link_key TEXT;
ALTER TABLE short_links ADD COLUMN channel TEXT;
ALTER TABLE short_links ADD COLUMN journey_step TEXT;
ALTER TABLE short_links ADD COLUMN expires_at ${bigint};
ALTER TABLE short_links ADD COLUMN first_click_at ${bigint};
CREATE UNIQUE INDEX short_links_link_key ON short_links (link_key);
CREATE INDEX short_links_created_at ON short_links (created_at);
ALTER TABLE link_clicks ADD COLUMN subject_hash TEXT;
ALTER TABLE link_clicks ADD COLUMN journey_step TEXT;
ALTER TABLE link_clicks ADD COLUMN counted INTEGER NOT NULL DEFAULT 1;
ALTER TABLE link_clicks ADD COLUMN reason TEXT;
CREATE INDEX link_clicks_subject ON link_clicks (subject_hash, at) WHERE subject_hash IS NOT NULL;
CREATE INDEX link_clicks_at ON link_clicks (at);
CREATE TABLE order_attributions (
	platform TEXT NOT NULL,
	order_id TEXT NOT NULL,
	subject_hash TEXT,
	journey_step TEXT NOT NULL,
	channel TEXT,
	touch TEXT NOT NULL,
	touch_at ${bigint} NOT NULL,
	code TEXT,
	provider_id TEXT,
	placed_at ${bigint} NOT NULL,
	currency TEXT,
	total TEXT,
	attributed_at ${bigint} NOT NULL,
	PRIMARY KEY (platform, order_id)
);
CREATE INDEX order_attributions_placed_at ON order_attributions (placed_at);
CREATE INDEX order_attributions_subject ON order_attributions (subject_hash) WHERE subject_hash IS NOT NULL;
`;

export const V10: Migration = {
	version: 10,
	sqlite: LINKS('INTEGER'),
	postgres: LINKS('BIGINT'),
};
