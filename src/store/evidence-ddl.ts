// Migration 3: the evidence ledger. Records are only ever inserted; triggers refuse
// UPDATE, DELETE and TRUNCATE on them, and let the head (seq and hash of the last record)
// only move forward. That stops accidents and honest tools, not an attacker who owns the
// database: such a one can disable triggers, which is why the records are also chained by
// hash and `evidence verify` re-checks the chain.
//
// A record's text column is its canonical JSON exactly as hashed (text, never jsonb,
// which would reorder keys); the other columns copy fields of it for look-ups and ranges
// (an export by deployment time or by append time).

export const EVIDENCE_DDL = `
  CREATE TABLE evidence_records (
    seq          bigint PRIMARY KEY CHECK (seq > 0),
    deployment_id text NOT NULL,
    finished_at  timestamptz NOT NULL,
    recorded_at  timestamptz NOT NULL,
    facts_digest text NOT NULL,
    record       text NOT NULL,
    hash         text NOT NULL
  );
  CREATE INDEX evidence_records_deployment ON evidence_records (deployment_id, seq);
  CREATE INDEX evidence_records_finished ON evidence_records (finished_at);
  CREATE INDEX evidence_records_recorded ON evidence_records (recorded_at);

  CREATE TABLE evidence_head (
    singleton     boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    seq           bigint NOT NULL,
    deployment_id text,
    hash          text
  );
  INSERT INTO evidence_head (seq) VALUES (0);

  CREATE FUNCTION evidence_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'the evidence ledger is append-only: % on % refused', TG_OP, TG_TABLE_NAME
      USING ERRCODE = 'insufficient_privilege';
  END $$;

  CREATE FUNCTION evidence_head_forward() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF NEW.seq <= OLD.seq THEN
      RAISE EXCEPTION 'the evidence ledger head only moves forward: % to % refused', OLD.seq, NEW.seq
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
  END $$;

  CREATE TRIGGER evidence_records_append_only BEFORE UPDATE OR DELETE ON evidence_records
    FOR EACH ROW EXECUTE FUNCTION evidence_refuse_change();
  CREATE TRIGGER evidence_records_no_truncate BEFORE TRUNCATE ON evidence_records
    FOR EACH STATEMENT EXECUTE FUNCTION evidence_refuse_change();
  CREATE TRIGGER evidence_head_forward_only BEFORE UPDATE ON evidence_head
    FOR EACH ROW EXECUTE FUNCTION evidence_head_forward();
  CREATE TRIGGER evidence_head_kept BEFORE DELETE ON evidence_head
    FOR EACH ROW EXECUTE FUNCTION evidence_refuse_change();
  CREATE TRIGGER evidence_head_no_truncate BEFORE TRUNCATE ON evidence_head
    FOR EACH STATEMENT EXECUTE FUNCTION evidence_refuse_change();`;

// Migration 9: the policy version each record cites (contract §8.2), as a column so an
// append compares it without parsing records; null for records appended before.
export const EVIDENCE_POLICY_DDL = `ALTER TABLE evidence_records ADD COLUMN policy_digest text;`;
