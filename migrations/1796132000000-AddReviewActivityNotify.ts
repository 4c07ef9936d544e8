import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live dashboards on every instance: a change to a queue's backlog (a claim entering, leaving or changing status
 * in a queue) and every verdict notify `review_activity` at commit, whichever instance or client wrote it. Payloads
 * carry ids only; the dashboards refetch the figures. Identical payloads of one transaction are delivered once, so
 * a batch of 100 routed claims sends one `queue` notification per queue. The index serves the dashboard's
 * verdicts-per-hour and throughput windows (recent verdicts, all reviewers).
 */
export class AddReviewActivityNotify1796132000000 implements MigrationInterface {
  name = 'AddReviewActivityNotify1796132000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION notify_review_activity() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'verdicts' THEN
          PERFORM pg_notify('review_activity', json_build_object(
            'kind', 'verdict', 'verdictId', NEW.id, 'claimId', NEW.claim_id, 'reviewerId', NEW.user_id,
            'queueId', (SELECT queue_id FROM assignments WHERE id = NEW.assignment_id))::text);
          RETURN NULL;
        END IF;
        IF TG_OP <> 'INSERT' AND OLD.queue_id IS NOT NULL THEN
          PERFORM pg_notify('review_activity', json_build_object('kind', 'queue', 'queueId', OLD.queue_id)::text);
        END IF;
        IF TG_OP <> 'DELETE' AND NEW.queue_id IS NOT NULL THEN
          PERFORM pg_notify('review_activity', json_build_object('kind', 'queue', 'queueId', NEW.queue_id)::text);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER verdicts_review_activity AFTER INSERT ON verdicts
        FOR EACH ROW EXECUTE FUNCTION notify_review_activity()`);
    await q.query(`
      CREATE TRIGGER claims_review_activity_insert_delete AFTER INSERT OR DELETE ON claims
        FOR EACH ROW EXECUTE FUNCTION notify_review_activity()`);
    // Most claim updates (lease counters, heartbeats) leave status and queue alone: they do not call the function.
    await q.query(`
      CREATE TRIGGER claims_review_activity_update AFTER UPDATE OF status, queue_id ON claims
        FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.queue_id IS DISTINCT FROM NEW.queue_id)
        EXECUTE FUNCTION notify_review_activity()`);
    await q.query(`CREATE INDEX verdicts_created_at_idx ON verdicts (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX verdicts_created_at_idx`);
    await q.query(`DROP TRIGGER claims_review_activity_update ON claims`);
    await q.query(`DROP TRIGGER claims_review_activity_insert_delete ON claims`);
    await q.query(`DROP TRIGGER verdicts_review_activity ON verdicts`);
    await q.query(`DROP FUNCTION notify_review_activity()`);
  }
}
