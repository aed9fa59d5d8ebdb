/**
 * The exact version-1 DDL of the postgres store as released (before the store was split by concern), kept here as a
 * fixture: stores in the field were created with it, and the v2 tests create a store with it and open it with the
 * current code. Never edit.
 */
export const POSTGRES_V1 = `
CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO store_meta (key, value) VALUES ('subject_salt', '{salt}');

CREATE TABLE claims (key TEXT PRIMARY KEY, claimed_at BIGINT NOT NULL, expires_at BIGINT);

CREATE TABLE consent_ledger (
	id BIGSERIAL PRIMARY KEY,
	subject TEXT,
	subject_hash TEXT NOT NULL,
	channel TEXT NOT NULL,
	purpose TEXT NOT NULL,
	status TEXT NOT NULL,
	legal_basis TEXT NOT NULL,
	source TEXT NOT NULL,
	consent_text_version TEXT,
	consent_text_hash TEXT,
	evidence TEXT NOT NULL,
	recorded_at BIGINT NOT NULL,
	created_at BIGINT NOT NULL
);
CREATE INDEX consent_ledger_current ON consent_ledger (subject_hash, channel, purpose, recorded_at DESC, id DESC);
-- Append-only: the only change ever allowed is erasure (clear subject and evidence, keep the facts).
CREATE FUNCTION consent_ledger_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'DELETE' THEN
		RAISE EXCEPTION 'consent ledger is append-only';
	END IF;
	IF NOT (NEW.subject IS NULL AND NEW.evidence = '{"erased":true}' AND NEW.id = OLD.id
		AND NEW.subject_hash = OLD.subject_hash AND NEW.channel = OLD.channel AND NEW.purpose = OLD.purpose
		AND NEW.status = OLD.status AND NEW.legal_basis = OLD.legal_basis AND NEW.source = OLD.source
		AND NEW.recorded_at = OLD.recorded_at AND NEW.created_at = OLD.created_at
		AND NEW.consent_text_version IS NOT DISTINCT FROM OLD.consent_text_version
		AND NEW.consent_text_hash IS NOT DISTINCT FROM OLD.consent_text_hash) THEN
		RAISE EXCEPTION 'consent ledger is append-only';
	END IF;
	RETURN NEW;
END $$;
CREATE TRIGGER consent_ledger_append_only BEFORE UPDATE OR DELETE ON consent_ledger
	FOR EACH ROW EXECUTE FUNCTION consent_ledger_guard();

CREATE TABLE suppressions (
	subject_hash TEXT NOT NULL,
	channel TEXT NOT NULL,
	subject TEXT,
	reason TEXT NOT NULL,
	source TEXT NOT NULL,
	at BIGINT NOT NULL,
	evidence TEXT NOT NULL,
	PRIMARY KEY (subject_hash, channel)
);

CREATE TABLE messages (
	id BIGSERIAL PRIMARY KEY,
	subject TEXT,
	subject_hash TEXT NOT NULL,
	channel TEXT NOT NULL,
	purpose TEXT NOT NULL,
	journey_step TEXT NOT NULL,
	provider_id TEXT,
	status TEXT NOT NULL,
	units INTEGER NOT NULL,
	sent_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	error_code TEXT,
	meta TEXT NOT NULL
);
CREATE INDEX messages_subject ON messages (subject_hash, channel, sent_at);
CREATE INDEX messages_provider ON messages (provider_id) WHERE provider_id IS NOT NULL;

CREATE TABLE decisions (
	id BIGSERIAL PRIMARY KEY,
	subject TEXT,
	subject_hash TEXT NOT NULL,
	channel TEXT NOT NULL,
	purpose TEXT NOT NULL,
	journey_step TEXT,
	decision TEXT NOT NULL,
	reason TEXT NOT NULL,
	policy_version TEXT NOT NULL,
	decided_at BIGINT NOT NULL,
	detail TEXT NOT NULL
);
CREATE INDEX decisions_subject ON decisions (subject_hash, decided_at);

CREATE TABLE due_items (
	kind TEXT NOT NULL,
	key TEXT NOT NULL,
	subject TEXT,
	subject_hash TEXT,
	due_at BIGINT NOT NULL,
	payload TEXT NOT NULL,
	attempts INTEGER NOT NULL DEFAULT 0,
	status TEXT NOT NULL,
	lease_until BIGINT,
	updated_at BIGINT NOT NULL,
	PRIMARY KEY (kind, key)
);
CREATE INDEX due_items_pick ON due_items (kind, status, due_at);
CREATE INDEX due_items_subject ON due_items (subject_hash) WHERE subject_hash IS NOT NULL;

CREATE TABLE short_links (
	code TEXT PRIMARY KEY,
	url TEXT NOT NULL,
	subject TEXT,
	subject_hash TEXT,
	meta TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	clicks INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX short_links_subject ON short_links (subject_hash) WHERE subject_hash IS NOT NULL;
CREATE TABLE link_clicks (
	id BIGSERIAL PRIMARY KEY,
	code TEXT NOT NULL,
	at BIGINT NOT NULL,
	meta TEXT NOT NULL
);
CREATE INDEX link_clicks_code ON link_clicks (code);

CREATE TABLE cache_entries (
	namespace TEXT NOT NULL,
	key TEXT NOT NULL,
	value TEXT NOT NULL,
	expires_at BIGINT,
	PRIMARY KEY (namespace, key)
);

CREATE TABLE quotas (name TEXT PRIMARY KEY, window_start BIGINT NOT NULL, count INTEGER NOT NULL);
`;
