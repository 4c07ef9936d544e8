import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Review queues, leases (assignments), verdicts and the append-only audit log.
 *
 * Queue state a puller must see consistently lives on the claim row itself (round labels, live lease expiries,
 * excluded reviewers): the pull locks that row with FOR UPDATE SKIP LOCKED, and under READ COMMITTED a locked
 * row is re-read at its newest version, so the "fewer than K verdicts + live leases" test can never act on a
 * stale count the way a subquery over another table could.
 */
export class CreateReviewWorkflow1764140200000 implements MigrationInterface {
  name = 'CreateReviewWorkflow1764140200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE queues (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug              text NOT NULL,
        description       text NOT NULL DEFAULT '',
        pull_role         text NOT NULL,
        min_score         real NOT NULL DEFAULT 0,
        sources           text[],
        languages         text[],
        verdicts_required integer NOT NULL DEFAULT 2,
        lease_seconds     integer NOT NULL DEFAULT 900,
        active            boolean NOT NULL DEFAULT true,
        routing_order     integer NOT NULL DEFAULT 100,
        routable          boolean NOT NULL DEFAULT true,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT queues_slug_key UNIQUE (slug),
        CONSTRAINT queues_slug_check CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
        CONSTRAINT queues_pull_role_check CHECK (pull_role IN ('reviewer', 'editor')),
        CONSTRAINT queues_min_score_check CHECK (min_score >= 0 AND min_score <= 1),
        CONSTRAINT queues_verdicts_required_check CHECK (verdicts_required BETWEEN 1 AND 10),
        CONSTRAINT queues_lease_seconds_check CHECK (lease_seconds BETWEEN 10 AND 86400)
      )`);
    await q.query(`
      CREATE TABLE queue_members (
        queue_id uuid NOT NULL CONSTRAINT queue_members_queue_id_fkey REFERENCES queues (id) ON DELETE CASCADE,
        user_id  uuid NOT NULL CONSTRAINT queue_members_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT queue_members_pkey PRIMARY KEY (queue_id, user_id)
      )`);
    await q.query(`
      INSERT INTO queues (slug, description, pull_role, verdicts_required, routing_order, routable) VALUES
        ('default', 'Every check-worthy claim, two independent reviewer verdicts', 'reviewer', 2, 100, true),
        ('adjudication', 'Claims whose reviewers disagreed, settled by an editor', 'editor', 1, 1000, false)`);

    await q.query(`
      ALTER TABLE claims
        ADD COLUMN queue_id             uuid CONSTRAINT claims_queue_id_fkey REFERENCES queues (id),
        ADD COLUMN queued_at            timestamptz,
        ADD COLUMN round                integer NOT NULL DEFAULT 1,
        ADD COLUMN priority             smallint NOT NULL DEFAULT 0,
        ADD COLUMN reserved_for         uuid CONSTRAINT claims_reserved_for_fkey REFERENCES users (id),
        ADD COLUMN round_labels         text[] NOT NULL DEFAULT '{}',
        ADD COLUMN lease_expiries       timestamptz[] NOT NULL DEFAULT '{}',
        ADD COLUMN excluded_reviewers   uuid[] NOT NULL DEFAULT '{}',
        ADD COLUMN final_label          text,
        ADD COLUMN resolution_source    text,
        ADD COLUMN resolution_rationale text,
        ADD COLUMN adjudicator_id       uuid CONSTRAINT claims_adjudicator_id_fkey REFERENCES users (id),
        ADD COLUMN finalized_at         timestamptz,
        ADD CONSTRAINT claims_round_check CHECK (round >= 1),
        ADD CONSTRAINT claims_final_label_check CHECK (
          (status IN ('verified', 'disputed', 'unverifiable')) = (final_label IS NOT NULL)
          AND (final_label IS NULL OR final_label = status)),
        ADD CONSTRAINT claims_resolution_source_check CHECK (
          (resolution_source IS NULL) = (final_label IS NULL) AND (resolution_source IS NULL OR resolution_source IN ('consensus', 'adjudication'))),
        ADD CONSTRAINT claims_queued_check CHECK (status NOT IN ('queued', 'in_review', 'needs_adjudication') OR queue_id IS NOT NULL)`);
    // The pull scans this in order and skips locked rows; only claims still in a queue are in it.
    await q.query(`
      CREATE INDEX claims_pull_idx ON claims (queue_id, priority DESC, score DESC, queued_at, id)
        WHERE status IN ('queued', 'in_review', 'needs_adjudication')`);
    await q.query(`CREATE INDEX claims_reserved_for_idx ON claims (reserved_for) WHERE reserved_for IS NOT NULL`);
    await q.query(`CREATE INDEX claims_finalized_at_idx ON claims (finalized_at, id) WHERE finalized_at IS NOT NULL`);
    // Hot rows are rewritten on every pull and verdict: leave room for HOT updates and vacuum them early.
    await q.query(
      `ALTER TABLE claims SET (fillfactor = 80, autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_cost_delay = 0)`,
    );

    await q.query(`
      CREATE TABLE assignments (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        claim_id         uuid NOT NULL CONSTRAINT assignments_claim_id_fkey REFERENCES claims (id) ON DELETE CASCADE,
        queue_id         uuid NOT NULL CONSTRAINT assignments_queue_id_fkey REFERENCES queues (id),
        user_id          uuid NOT NULL CONSTRAINT assignments_user_id_fkey REFERENCES users (id),
        round            integer NOT NULL,
        status           text NOT NULL DEFAULT 'active',
        leased_at        timestamptz NOT NULL DEFAULT now(),
        lease_expires_at timestamptz NOT NULL,
        ended_at         timestamptz,
        CONSTRAINT assignments_status_check CHECK (status IN ('active', 'submitted', 'skipped', 'expired', 'released')),
        CONSTRAINT assignments_claim_user_round_key UNIQUE (claim_id, user_id, round)
      )`);
    // A reviewer holds at most one lease per queue: a second concurrent pull hits this and gets the first lease back.
    await q.query(
      `CREATE UNIQUE INDEX assignments_one_active_per_queue_key ON assignments (user_id, queue_id) WHERE status = 'active'`,
    );
    await q.query(`ALTER TABLE assignments SET (fillfactor = 85, autovacuum_vacuum_scale_factor = 0.02)`);

    await q.query(`
      CREATE TABLE verdicts (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        claim_id        uuid NOT NULL CONSTRAINT verdicts_claim_id_fkey REFERENCES claims (id) ON DELETE CASCADE,
        assignment_id   uuid NOT NULL CONSTRAINT verdicts_assignment_id_fkey REFERENCES assignments (id) ON DELETE CASCADE,
        user_id         uuid NOT NULL CONSTRAINT verdicts_user_id_fkey REFERENCES users (id),
        round           integer NOT NULL,
        label           text NOT NULL,
        rationale       text,
        sources         jsonb NOT NULL DEFAULT '[]'::jsonb,
        confidence      smallint NOT NULL,
        idempotency_key text,
        created_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT verdicts_assignment_id_key UNIQUE (assignment_id),
        CONSTRAINT verdicts_claim_user_round_key UNIQUE (claim_id, user_id, round),
        CONSTRAINT verdicts_label_check CHECK (label IN ('verified', 'disputed', 'unverifiable')),
        CONSTRAINT verdicts_confidence_check CHECK (confidence BETWEEN 1 AND 5),
        CONSTRAINT verdicts_rationale_check CHECK (label = 'verified' OR length(btrim(coalesce(rationale, ''))) > 0),
        CONSTRAINT verdicts_sources_check CHECK (jsonb_typeof(sources) = 'array')
      )`);
    await q.query(`CREATE INDEX verdicts_claim_round_idx ON verdicts (claim_id, round)`);
    await q.query(`CREATE INDEX verdicts_user_idx ON verdicts (user_id, created_at)`);

    await q.query(`
      CREATE TABLE audit_log (
        id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at         timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_id   uuid,
        action     text NOT NULL,
        entity     text NOT NULL,
        entity_id  text,
        before     jsonb,
        after      jsonb
      )`);
    await q.query(`CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id, id)`);
    await q.query(`CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, id)`);
    await q.query(`CREATE INDEX audit_log_at_idx ON audit_log (at, id)`);
    // Append-only at the database level: history cannot be edited or erased, whoever connects.
    await q.query(`
      CREATE FUNCTION audit_log_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only (% rejected)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_reject_change()`);
    await q.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_reject_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION audit_log_reject_change()`);
    await q.query(`DROP TABLE verdicts`);
    await q.query(`DROP TABLE assignments`);
    await q.query(`DROP INDEX claims_pull_idx`);
    await q.query(`DROP INDEX claims_reserved_for_idx`);
    await q.query(`DROP INDEX claims_finalized_at_idx`);
    await q.query(
      `ALTER TABLE claims RESET (fillfactor, autovacuum_vacuum_scale_factor, autovacuum_vacuum_cost_delay)`,
    );
    await q.query(`
      ALTER TABLE claims
        DROP COLUMN queue_id, DROP COLUMN queued_at, DROP COLUMN round, DROP COLUMN priority, DROP COLUMN reserved_for,
        DROP COLUMN round_labels, DROP COLUMN lease_expiries, DROP COLUMN excluded_reviewers, DROP COLUMN final_label,
        DROP COLUMN resolution_source, DROP COLUMN resolution_rationale, DROP COLUMN adjudicator_id, DROP COLUMN finalized_at`);
    await q.query(`DROP TABLE queue_members`);
    await q.query(`DROP TABLE queues`);
  }
}
