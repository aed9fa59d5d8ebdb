import type { Migration } from '../dialect/Dialect';

/**
 * Version 4: review requests and ratings (`concerns/ratings.ts`). Depends only on version 1's tables, so it applies
 * after version 2 or 3 alike.
 *
 * `review_asks` remembers each ask: which scale it named ("1" is the best grade but the worst star rating), in which
 * language, for which order and products, and whether the one clarifying question was already sent. `ratings` holds
 * one rating per customer and order (a later reply replaces it), with the products it covers, so a customer is not
 * asked again about a product they rated. Subjects as elsewhere: clear text (erasable) beside the salted hash.
 */
export const V4: Migration = {
	version: 4,
	sqlite: `
CREATE TABLE review_asks (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	subject TEXT,
	subject_hash TEXT NOT NULL,
	channel TEXT NOT NULL,
	order_id TEXT NOT NULL,
	scale TEXT NOT NULL,
	language TEXT NOT NULL,
	provider_id TEXT,
	products TEXT NOT NULL,
	asked_at INTEGER NOT NULL,
	clarified_at INTEGER
);
CREATE INDEX review_asks_subject ON review_asks (subject_hash, asked_at);
CREATE INDEX review_asks_asked_at ON review_asks (asked_at);
CREATE TABLE ratings (
	subject_hash TEXT NOT NULL,
	order_id TEXT NOT NULL,
	subject TEXT,
	scale TEXT NOT NULL,
	value REAL NOT NULL,
	score REAL NOT NULL,
	sentiment TEXT NOT NULL,
	products TEXT NOT NULL,
	reply TEXT,
	provider_id TEXT,
	rated_at INTEGER NOT NULL,
	PRIMARY KEY (subject_hash, order_id)
) WITHOUT ROWID;
CREATE INDEX ratings_rated_at ON ratings (rated_at);
`,
	postgres: `
CREATE TABLE review_asks (
	id BIGSERIAL PRIMARY KEY,
	subject TEXT,
	subject_hash TEXT NOT NULL,
	channel TEXT NOT NULL,
	order_id TEXT NOT NULL,
	scale TEXT NOT NULL,
	language TEXT NOT NULL,
	provider_id TEXT,
	products TEXT NOT NULL,
	asked_at BIGINT NOT NULL,
	clarified_at BIGINT
);
CREATE INDEX review_asks_subject ON review_asks (subject_hash, asked_at);
CREATE INDEX review_asks_asked_at ON review_asks (asked_at);
CREATE TABLE ratings (
	subject_hash TEXT NOT NULL,
	order_id TEXT NOT NULL,
	subject TEXT,
	scale TEXT NOT NULL,
	value DOUBLE PRECISION NOT NULL,
	score DOUBLE PRECISION NOT NULL,
	sentiment TEXT NOT NULL,
	products TEXT NOT NULL,
	reply TEXT,
	provider_id TEXT,
	rated_at BIGINT NOT NULL,
	PRIMARY KEY (subject_hash, order_id)
);
CREATE INDEX ratings_rated_at ON ratings (rated_at);
`,
};
