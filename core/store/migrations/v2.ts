import type { Migration } from '../dialect/Dialect';

/**
 * Version 2: the current-consent table and the indexes retention needs.
 *
 * `consent_current` holds the newest ledger record per subject + channel + purpose (newest by `recorded_at`, a tie
 * going to the later append), kept by a trigger on every append and on erasure, so a look-up reads one row per subject
 * instead of a subject's history. It is filled from the ledger once here, so an existing store answers the same as
 * before. The ledger stays the proof; this table is only its index. Times in epoch ms as in version 1.
 */
const CURRENT_COLUMNS = `subject_hash, channel, purpose, ledger_id, status, legal_basis, source, consent_text_version,
	consent_text_hash, evidence, recorded_at`;
const FROM_LEDGER = `subject_hash, channel, purpose, id, status, legal_basis, source, consent_text_version,
	consent_text_hash, evidence, recorded_at`;
const FROM_NEW = `NEW.subject_hash, NEW.channel, NEW.purpose, NEW.id, NEW.status, NEW.legal_basis, NEW.source,
	NEW.consent_text_version, NEW.consent_text_hash, NEW.evidence, NEW.recorded_at`;
const TAKE_NEWER = `ON CONFLICT (subject_hash, channel, purpose) DO UPDATE SET ledger_id = excluded.ledger_id,
		status = excluded.status, legal_basis = excluded.legal_basis, source = excluded.source,
		consent_text_version = excluded.consent_text_version, consent_text_hash = excluded.consent_text_hash,
		evidence = excluded.evidence, recorded_at = excluded.recorded_at
	WHERE excluded.recorded_at > consent_current.recorded_at
		OR (excluded.recorded_at = consent_current.recorded_at AND excluded.ledger_id > consent_current.ledger_id)`;
const ERASE_CURRENT = `UPDATE consent_current SET evidence = NEW.evidence
	WHERE subject_hash = NEW.subject_hash AND channel = NEW.channel AND purpose = NEW.purpose AND ledger_id = NEW.id`;
const NEWEST_FIRST = 'ORDER BY recorded_at DESC, id DESC';

export const V2: Migration = {
	version: 2,
	sqlite: `
CREATE TABLE consent_current (
	subject_hash TEXT NOT NULL,
	channel TEXT NOT NULL,
	purpose TEXT NOT NULL,
	ledger_id INTEGER NOT NULL,
	status TEXT NOT NULL,
	legal_basis TEXT NOT NULL,
	source TEXT NOT NULL,
	consent_text_version TEXT,
	consent_text_hash TEXT,
	evidence TEXT NOT NULL,
	recorded_at INTEGER NOT NULL,
	PRIMARY KEY (subject_hash, channel, purpose)
) WITHOUT ROWID;
INSERT INTO consent_current (${CURRENT_COLUMNS})
SELECT ${FROM_LEDGER} FROM (
	SELECT *, ROW_NUMBER() OVER (PARTITION BY subject_hash, channel, purpose ${NEWEST_FIRST}) AS newest FROM consent_ledger)
WHERE newest = 1;
CREATE TRIGGER consent_ledger_keep_current AFTER INSERT ON consent_ledger
BEGIN
	INSERT INTO consent_current (${CURRENT_COLUMNS}) VALUES (${FROM_NEW})
	${TAKE_NEWER};
END;
CREATE TRIGGER consent_ledger_erase_current AFTER UPDATE ON consent_ledger
BEGIN
	${ERASE_CURRENT};
END;
CREATE INDEX messages_sent_at ON messages (sent_at);
CREATE INDEX decisions_decided_at ON decisions (decided_at);
CREATE INDEX due_items_finished ON due_items (updated_at) WHERE status IN ('done', 'cancelled');
`,
	postgres: `
CREATE TABLE consent_current (
	subject_hash TEXT NOT NULL,
	channel TEXT NOT NULL,
	purpose TEXT NOT NULL,
	ledger_id BIGINT NOT NULL,
	status TEXT NOT NULL,
	legal_basis TEXT NOT NULL,
	source TEXT NOT NULL,
	consent_text_version TEXT,
	consent_text_hash TEXT,
	evidence TEXT NOT NULL,
	recorded_at BIGINT NOT NULL,
	PRIMARY KEY (subject_hash, channel, purpose)
);
INSERT INTO consent_current (${CURRENT_COLUMNS})
SELECT DISTINCT ON (subject_hash, channel, purpose) ${FROM_LEDGER} FROM consent_ledger
ORDER BY subject_hash, channel, purpose, recorded_at DESC, id DESC;
-- SET search_path FROM CURRENT: the trigger finds consent_current in the store's schema whoever inserts.
CREATE FUNCTION consent_ledger_keep_current() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		INSERT INTO consent_current (${CURRENT_COLUMNS}) VALUES (${FROM_NEW})
		${TAKE_NEWER};
	ELSE
		${ERASE_CURRENT};
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER consent_ledger_keep_current AFTER INSERT OR UPDATE ON consent_ledger
	FOR EACH ROW EXECUTE FUNCTION consent_ledger_keep_current();
CREATE INDEX messages_sent_at ON messages (sent_at);
CREATE INDEX decisions_decided_at ON decisions (decided_at);
CREATE INDEX due_items_finished ON due_items (updated_at) WHERE status IN ('done', 'cancelled');
`,
};
