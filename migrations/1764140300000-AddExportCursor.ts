import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The incremental export cursor. `change_xid` is the id of the transaction that last changed what an export shows
 * of a claim. An export reads in one REPEATABLE READ snapshot and takes a horizon H below which every transaction
 * has ended, so "change_xid < H" is a complete, final set and H is the next poll's `since`.
 * Polls therefore cover disjoint windows with no gap, whatever the clock says (see src/exports/export-cursor.ts).
 */
export class AddExportCursor1764140300000 implements MigrationInterface {
  name = 'AddExportCursor1764140300000';

  async up(q: QueryRunner): Promise<void> {
    // The volatile default backfills every existing row with this migration's xid in the same rewrite.
    await q.query(`ALTER TABLE claims ADD COLUMN change_xid xid8 NOT NULL DEFAULT pg_current_xact_id()`);
    await q.query(`ALTER TABLE claims ALTER COLUMN change_xid DROP DEFAULT`);
    await q.query(`
      CREATE FUNCTION claims_stamp_change_xid() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.change_xid := pg_current_xact_id();
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER claims_change_xid_on_insert BEFORE INSERT ON claims
        FOR EACH ROW EXECUTE FUNCTION claims_stamp_change_xid()`);
    // The WHEN clause is evaluated without entering PL/pgSQL, and leaves change_xid (an indexed column) untouched
    // on the queue's lease-only updates, so those stay HOT.
    await q.query(`
      CREATE TRIGGER claims_change_xid_on_update BEFORE UPDATE ON claims
        FOR EACH ROW
        WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.final_label IS DISTINCT FROM NEW.final_label
          OR OLD.text IS DISTINCT FROM NEW.text OR OLD.speaker IS DISTINCT FROM NEW.speaker
          OR OLD.start IS DISTINCT FROM NEW.start OR OLD."end" IS DISTINCT FROM NEW."end" OR OLD.round IS DISTINCT FROM NEW.round)
        EXECUTE FUNCTION claims_stamp_change_xid()`);
    await q.query(`
      CREATE INDEX claims_export_cursor_idx ON claims (change_xid, id)
        WHERE status IN ('verified', 'disputed', 'unverifiable', 'needs_adjudication')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX claims_export_cursor_idx`);
    await q.query(`DROP TRIGGER claims_change_xid_on_update ON claims`);
    await q.query(`DROP TRIGGER claims_change_xid_on_insert ON claims`);
    await q.query(`DROP FUNCTION claims_stamp_change_xid()`);
    await q.query(`ALTER TABLE claims DROP COLUMN change_xid`);
  }
}
