import type { Migration } from '../dialect/Dialect';

/**
 * Version 3: carts waiting for a reminder (Cart Abandoned Trigger).
 *
 * One row per trigger node (`scope`) and cart: two workflows that listen to the same shop each remind on their own,
 * while an order cancels the cart in all of them. `step` counts the reminders emitted, `due_at` is when the next one
 * is due (NULL when none is left); the poller moves both in the one statement that picks a row, so a step is emitted
 * once whoever polls. `email` / `phone` are personal data (erased on request), their hashes find a customer's carts
 * when an order arrives without a cart token. Times in epoch ms as in version 1.
 */
const INDEXES = `
CREATE INDEX carts_due ON carts (scope, due_at) WHERE status = 'open';
CREATE INDEX carts_token ON carts (token);
CREATE INDEX carts_email ON carts (email_hash) WHERE email_hash IS NOT NULL;
CREATE INDEX carts_phone ON carts (phone_hash) WHERE phone_hash IS NOT NULL;
CREATE INDEX carts_finished ON carts (updated_at) WHERE status <> 'open';
`;

export const V3: Migration = {
	version: 3,
	sqlite: `
CREATE TABLE carts (
	scope TEXT NOT NULL,
	token TEXT NOT NULL,
	platform TEXT NOT NULL,
	email TEXT,
	email_hash TEXT,
	phone TEXT,
	phone_hash TEXT,
	payload TEXT NOT NULL,
	activity_at INTEGER NOT NULL,
	step INTEGER NOT NULL DEFAULT 0,
	due_at INTEGER,
	status TEXT NOT NULL,
	reason TEXT,
	updated_at INTEGER NOT NULL,
	PRIMARY KEY (scope, token)
);
${INDEXES}`,
	postgres: `
CREATE TABLE carts (
	scope TEXT NOT NULL,
	token TEXT NOT NULL,
	platform TEXT NOT NULL,
	email TEXT,
	email_hash TEXT,
	phone TEXT,
	phone_hash TEXT,
	payload TEXT NOT NULL,
	activity_at BIGINT NOT NULL,
	step INTEGER NOT NULL DEFAULT 0,
	due_at BIGINT,
	status TEXT NOT NULL,
	reason TEXT,
	updated_at BIGINT NOT NULL,
	PRIMARY KEY (scope, token)
);
${INDEXES}`,
};
