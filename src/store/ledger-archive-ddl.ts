// Migration 11: what of the ledger was sealed into the write-once archive, and where the
// ledger in the store now begins (decision 156). Both tables are as append-only as the
// ledger; a segment row must follow the last one and end at a record the ledger holds,
// and the horizon before which evidence is frozen only moves forward and never past now. A record may leave the store only once the base has moved past it, and the base
// moves only forward, only to the last record of an archived segment and only with that
// record's hash. Policy records stay: later records cite them. As with the ledger, this
// stops accidents and honest tools; a database owner is caught by verify, not by these.

export const LEDGER_ARCHIVE_DDL = `
  CREATE TABLE evidence_segments (
    last_seq      bigint PRIMARY KEY,
    first_seq     bigint NOT NULL CHECK (first_seq > 0),
    last_hash     text NOT NULL,
    sha256        text NOT NULL,
    object        text NOT NULL,
    newest_recorded_at timestamptz NOT NULL,
    retain_until  timestamptz NOT NULL,
    legal_hold    boolean NOT NULL,
    sealed_at     timestamptz NOT NULL,
    CHECK (first_seq <= last_seq)
  );
  CREATE FUNCTION evidence_segment_follows() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF NEW.first_seq <> coalesce((SELECT max(last_seq) FROM evidence_segments), 0) + 1
       OR NEW.last_hash IS DISTINCT FROM (SELECT hash FROM evidence_records WHERE seq = NEW.last_seq)
    THEN
      RAISE EXCEPTION 'a sealed segment follows the last one and ends at a stored record: % to % refused',
        NEW.first_seq, NEW.last_seq USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
  END $$;
  CREATE TRIGGER evidence_segments_follow BEFORE INSERT ON evidence_segments
    FOR EACH ROW EXECUTE FUNCTION evidence_segment_follows();
  CREATE TRIGGER evidence_segments_append_only BEFORE UPDATE OR DELETE ON evidence_segments
    FOR EACH ROW EXECUTE FUNCTION evidence_refuse_change();
  CREATE TRIGGER evidence_segments_no_truncate BEFORE TRUNCATE ON evidence_segments
    FOR EACH STATEMENT EXECUTE FUNCTION evidence_refuse_change();

  CREATE TABLE evidence_base (
    singleton     boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    seq           bigint NOT NULL,
    deployment_id text,
    hash          text,
    pruned_before timestamptz
  );
  INSERT INTO evidence_base (seq) VALUES (0);

  CREATE FUNCTION evidence_base_forward() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF NEW.seq < OLD.seq THEN
      RAISE EXCEPTION 'the evidence ledger base only moves forward: % to % refused', OLD.seq, NEW.seq
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.pruned_before IS DISTINCT FROM OLD.pruned_before AND (NEW.pruned_before IS NULL
       OR NEW.pruned_before < OLD.pruned_before OR NEW.pruned_before > now()) THEN
      RAISE EXCEPTION 'the evidence ledger horizon only moves forward, never past now: % refused',
        NEW.pruned_before USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.seq <> OLD.seq AND NOT EXISTS (
      SELECT 1 FROM evidence_segments WHERE last_seq = NEW.seq AND last_hash = NEW.hash
    ) THEN
      RAISE EXCEPTION 'the evidence ledger is pruned only through an archived segment: % refused', NEW.seq
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
  END $$;
  CREATE TRIGGER evidence_base_forward_only BEFORE UPDATE ON evidence_base
    FOR EACH ROW EXECUTE FUNCTION evidence_base_forward();
  CREATE TRIGGER evidence_base_kept BEFORE DELETE ON evidence_base
    FOR EACH ROW EXECUTE FUNCTION evidence_refuse_change();
  CREATE TRIGGER evidence_base_no_truncate BEFORE TRUNCATE ON evidence_base
    FOR EACH STATEMENT EXECUTE FUNCTION evidence_refuse_change();

  CREATE FUNCTION evidence_records_prune_only() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'DELETE' AND NOT starts_with(OLD.deployment_id, 'policy:')
       AND OLD.seq <= (SELECT seq FROM evidence_base) THEN
      RETURN OLD;
    END IF;
    RAISE EXCEPTION 'the evidence ledger is append-only: % on % refused', TG_OP, TG_TABLE_NAME
      USING ERRCODE = 'insufficient_privilege';
  END $$;
  DROP TRIGGER evidence_records_append_only ON evidence_records;
  CREATE TRIGGER evidence_records_append_only BEFORE UPDATE OR DELETE ON evidence_records
    FOR EACH ROW EXECUTE FUNCTION evidence_records_prune_only();`;
