import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A NOTIFY serializes commits: PostgreSQL holds a database-wide lock from PreCommit_Notify through the commit's WAL
 * flush, so every notifying transaction commits alone (pgbench here, 8 clients: 133 tps with the review_activity
 * trigger, 1,585 without). The pull and the verdict, the two hot statements, therefore mark their transaction
 * (`factcheck.review_activity = 'app'`, transaction-local) and the trigger leaves it to the service, which
 * publishes the same payloads after commit, batched (ReviewActivityPublisher). Every other writer, including psql,
 * is still announced by the trigger.
 */
export class ReviewActivityQuietForTheApp1796140000000 implements MigrationInterface {
  name = 'ReviewActivityQuietForTheApp1796140000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      notifyFunction(`IF current_setting('factcheck.review_activity', true) = 'app' THEN RETURN NULL; END IF;`),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(notifyFunction(''));
  }
}

/** The AddReviewActivityNotify function, with `guard` as its first statement. */
function notifyFunction(guard: string): string {
  return `
    CREATE OR REPLACE FUNCTION notify_review_activity() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      ${guard}
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
    END $$`;
}
