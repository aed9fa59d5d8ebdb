import type { Migration } from '../dialect/Dialect';

/**
 * Version 6: `consent_current` keyed by the subject's raw 32-byte key (BLOB / bytea) instead of its 64-character hex
 * hash. The key is the same HMAC the ledger keeps as hex (`subject_hash`), so the triggers derive it from the ledger
 * row (`unhex` / `decode`). Why: a batched look-up of 10,000 subjects then sends one buffer of keys that one statement
 * splits, compares keys byte-wise (PostgreSQL compared the hex under the database collation), and walks a smaller
 * index; the table loses 32 bytes per row. Everything else about the table stays as version 2 made it: the newest
 * record per subject + channel + purpose, kept on append and on erasure. The rows are copied over, so an existing
 * store answers the same after the upgrade. Depends only on tables of versions 1 and 2.
 */
const COLUMNS = `subject_key, channel, purpose, ledger_id, status, legal_basis, source, consent_text_version,
	consent_text_hash, evidence, recorded_at`;
const REST = `channel, purpose, ledger_id, status, legal_basis, source, consent_text_version, consent_text_hash, evidence,
	recorded_at`;
const FROM_NEW = (key: string) => `${key}, NEW.channel, NEW.purpose, NEW.id, NEW.status, NEW.legal_basis, NEW.source,
	NEW.consent_text_version, NEW.consent_text_hash, NEW.evidence, NEW.recorded_at`;
const TAKE_NEWER = `ON CONFLICT (subject_key, channel, purpose) DO UPDATE SET ledger_id = excluded.ledger_id,
		status = excluded.status, legal_basis = excluded.legal_basis, source = excluded.source,
		consent_text_version = excluded.consent_text_version, consent_text_hash = excluded.consent_text_hash,
		evidence = excluded.evidence, recorded_at = excluded.recorded_at
	WHERE excluded.recorded_at > consent_current.recorded_at
		OR (excluded.recorded_at = consent_current.recorded_at AND excluded.ledger_id > consent_current.ledger_id)`;
const ERASE_CURRENT = (key: string) => `UPDATE consent_current SET evidence = NEW.evidence
	WHERE subject_key = ${key} AND channel = NEW.channel AND purpose = NEW.purpose AND ledger_id = NEW.id`;
const TABLE = (key: string, id: string) => `
	subject_key ${key} NOT NULL,
	channel TEXT NOT NULL,
	purpose TEXT NOT NULL,
	ledger_id ${id} NOT NULL,
	status TEXT NOT NULL,
	legal_basis TEXT NOT NULL,
	source TEXT NOT NULL,
	consent_text_version TEXT,
	consent_text_hash TEXT,
	evidence TEXT NOT NULL,
	recorded_at ${id} NOT NULL,
	PRIMARY KEY (subject_key, channel, purpose)`;

export const V6: Migration = {
	version: 6,
	sqlite: `
DROP TRIGGER consent_ledger_keep_current;
DROP TRIGGER consent_ledger_erase_current;
CREATE TABLE consent_current_v6 (${TABLE('BLOB', 'INTEGER')}
) WITHOUT ROWID;
INSERT INTO consent_current_v6 (${COLUMNS}) SELECT unhex(subject_hash), ${REST} FROM consent_current ORDER BY 1, 2, 3;
DROP TABLE consent_current;
ALTER TABLE consent_current_v6 RENAME TO consent_current;
CREATE TRIGGER consent_ledger_keep_current AFTER INSERT ON consent_ledger
BEGIN
	INSERT INTO consent_current (${COLUMNS}) VALUES (${FROM_NEW('unhex(NEW.subject_hash)')})
	${TAKE_NEWER};
END;
CREATE TRIGGER consent_ledger_erase_current AFTER UPDATE ON consent_ledger
BEGIN
	${ERASE_CURRENT('unhex(NEW.subject_hash)')};
END;
`,
	postgres: `
CREATE TABLE consent_current_v6 (${TABLE('BYTEA', 'BIGINT')}
);
INSERT INTO consent_current_v6 (${COLUMNS}) SELECT decode(subject_hash, 'hex'), ${REST} FROM consent_current;
DROP TABLE consent_current;
ALTER TABLE consent_current_v6 RENAME TO consent_current;
ALTER TABLE consent_current RENAME CONSTRAINT consent_current_v6_pkey TO consent_current_pkey;
CREATE OR REPLACE FUNCTION consent_ledger_keep_current() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		INSERT INTO consent_current (${COLUMNS}) VALUES (${FROM_NEW("decode(NEW.subject_hash, 'hex')")})
		${TAKE_NEWER};
	ELSE
		${ERASE_CURRENT("decode(NEW.subject_hash, 'hex')")};
	END IF;
	RETURN NULL;
END $$;
ANALYZE consent_current;
`,
};
