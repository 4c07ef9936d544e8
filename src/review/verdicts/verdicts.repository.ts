import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../../database/transaction-context';
import { AdjudicationCaseDto, MyVerdictDto, VerdictDto } from './dtos/verdict.dto';

export interface VerdictWrite {
  assignmentId: string;
  userId: string;
  label: string;
  rationale: string | null;
  sources: unknown[];
  confidence: number;
  idempotencyKey: string | null;
  /** What the decision was made on: the write applies only while the claim still has this status and these labels. */
  decidedOn: { claimStatus: string; roundLabels: string[] };
  /** What the claim becomes, decided by the service from the locked, current claim row. */
  claim: {
    status: string;
    roundLabels: string[];
    finalLabel: string | null;
    resolutionSource: 'consensus' | 'adjudication' | null;
    adjudicatorId: string | null;
    moveToQueue: string | null;
    transition: { action: string; before: string } | null;
  };
}

const VERDICT_COLUMNS = `v.id, v.claim_id AS "claimId", v.assignment_id AS "assignmentId", v.user_id AS "reviewerId", v.round, v.label,
  v.rationale, v.sources, v.confidence, v.created_at AS "createdAt"`;

/**
 * Verdict: one statement, guarded by what the caller decided on. It locks the assignment, and only if it is
 * still active, live and of the claim's current round, and the claim still has the status and round labels the
 * outcome was decided on ($16, $17), it updates the claim (labels of the round, live leases, reviewers done, the
 * outcome when this was the K-th verdict), closes the lease, records the verdict and writes the audit rows.
 * Under READ COMMITTED a claim row changed concurrently is re-checked at its newest version; if the decision
 * inputs moved (another verdict landed, an editor acted) nothing is written, no row comes back, and the caller
 * decides again on fresh rows. Other reviewers' pulls and skips do not touch those inputs, so they never force a
 * retry. No lock is held across a round trip to the application. Exported for the raw-SQL benchmark.
 */
export const VERDICT_SQL = `
WITH a AS (
  -- by primary key only: with status in this WHERE the planner may pick the small partial index of active
  -- assignments, which fills up with dead entries between vacuums
  SELECT id, claim_id, round, status, lease_expires_at FROM assignments WHERE id = $1
  FOR UPDATE
), claim AS (
  UPDATE claims c SET
    round_labels = $8::text[],
    lease_expiries = CASE WHEN $9 = c.status THEN ARRAY(SELECT e FROM unnest(c.lease_expiries) e WHERE e > now() AND e <> a.lease_expires_at) ELSE '{}' END,
    excluded_reviewers = array_append(c.excluded_reviewers, $2::uuid),
    status = $9, final_label = $10, resolution_source = $11, adjudicator_id = $12,
    finalized_at = CASE WHEN $10::text IS NULL THEN NULL ELSE now() END,
    queue_id = COALESCE((SELECT q.id FROM queues q WHERE q.slug = $13), c.queue_id),
    queued_at = CASE WHEN $13::text IS NULL THEN c.queued_at ELSE now() END,
    updated_at = now()
  FROM a
  WHERE c.id = a.claim_id AND a.status = 'active' AND a.lease_expires_at > now() AND a.round = c.round
    AND c.status = $16 AND c.round_labels = $17::text[]
  RETURNING c.id
), closed AS (
  UPDATE assignments SET status = 'submitted', ended_at = now()
  WHERE id = $1 AND EXISTS (SELECT 1 FROM claim)
  RETURNING id, claim_id, round
), v AS (
  INSERT INTO verdicts (claim_id, assignment_id, user_id, round, label, rationale, sources, confidence, idempotency_key)
  SELECT closed.claim_id, closed.id, $2, closed.round, $3, $4, $5, $6, $7 FROM closed
  RETURNING *
), audited AS (
  INSERT INTO audit_log (actor_id, action, entity, entity_id, before, after)
  SELECT $2, 'verdict.submit', 'claim', v.claim_id::text, NULL,
         jsonb_build_object('verdictId', v.id, 'assignmentId', v.assignment_id, 'round', v.round, 'label', v.label)
  FROM v
  UNION ALL
  SELECT $2, $14, 'claim', v.claim_id::text, jsonb_build_object('status', $15::text), jsonb_build_object('status', $9::text, 'round', v.round)
  FROM v WHERE $14::text IS NOT NULL
)
SELECT ${VERDICT_COLUMNS} FROM v`;

@Injectable()
export class VerdictsRepository {
  constructor(private readonly tx: TransactionContext) {}

  /** The stored verdict, or null when the lease closed or the decision inputs moved since the read (nothing written). */
  async insert(w: VerdictWrite): Promise<VerdictDto | null> {
    const c = w.claim;
    const [row] = await this.tx.prepared<VerdictDto>('verdict_insert', VERDICT_SQL, [
      w.assignmentId, w.userId, w.label, w.rationale, JSON.stringify(w.sources), w.confidence, w.idempotencyKey,
      c.roundLabels, c.status, c.finalLabel, c.resolutionSource, c.adjudicatorId, c.moveToQueue,
      c.transition?.action ?? null, c.transition?.before ?? null, w.decidedOn.claimStatus, w.decidedOn.roundLabels,
    ]);
    return row ?? null;
  }

  async findByAssignment(assignmentId: string): Promise<(VerdictDto & { idempotencyKey: string | null }) | null> {
    const [row] = await this.tx.manager.query(
      `SELECT ${VERDICT_COLUMNS}, v.idempotency_key AS "idempotencyKey" FROM verdicts v WHERE v.assignment_id = $1`,
      [assignmentId],
    );
    return row ?? null;
  }

  /** All verdicts of a claim, or only one reviewer's. */
  forClaim(claimId: string, reviewerId?: string): Promise<VerdictDto[]> {
    return this.tx.manager.query(
      `SELECT ${VERDICT_COLUMNS} FROM verdicts v WHERE v.claim_id = $1 AND ($2::uuid IS NULL OR v.user_id = $2) ORDER BY v.round, v.created_at`,
      [claimId, reviewerId ?? null],
    );
  }

  /** A reviewer's own verdicts, newest first, with their claims; the claim's label only once it is final. */
  async byReviewer(reviewerId: string, limit: number, offset: number): Promise<{ items: MyVerdictDto[]; total: number }> {
    const [items, [{ total }]] = await Promise.all([
      this.tx.manager.query(
        `SELECT ${VERDICT_COLUMNS}, c.text AS "claimText", c.article_id AS "articleId", ar.title AS "articleTitle", q.slug AS queue,
                c.final_label AS "finalLabel"
           FROM verdicts v
           JOIN claims c ON c.id = v.claim_id
           JOIN articles ar ON ar.id = c.article_id
           JOIN assignments a ON a.id = v.assignment_id
           JOIN queues q ON q.id = a.queue_id
          WHERE v.user_id = $1
          ORDER BY v.created_at DESC, v.id
          LIMIT $2 OFFSET $3`,
        [reviewerId, limit, offset],
      ),
      this.tx.manager.query(`SELECT count(*)::int AS total FROM verdicts WHERE user_id = $1`, [reviewerId]),
    ]);
    return { items, total };
  }

  /** A claim in its article, for adjudication; null when there is no such claim. */
  async caseClaim(claimId: string): Promise<Pick<AdjudicationCaseDto, 'claim' | 'article'> | null> {
    const [row] = await this.tx.manager.query(
      `SELECT json_build_object('id', c.id, 'text', c.text, 'start', c.start, 'end', c."end", 'speaker', c.speaker, 'status', c.status,
                'round', c.round, 'finalLabel', c.final_label, 'settledBy', c.resolution_source, 'resolutionRationale', c.resolution_rationale,
                'adjudicatorId', c.adjudicator_id, 'finalizedAt', c.finalized_at) AS claim,
              json_build_object('id', a.id, 'title', a.title, 'url', a.url, 'source', a.source, 'publishedAt', a.published_at, 'body', a.body) AS article
         FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.id = $1`,
      [claimId],
    );
    return row ?? null;
  }

  /** The current round's reviewer verdicts, oldest first: the adjudicator's own ruling is not one of them. */
  roundVerdicts(claimId: string): Promise<(VerdictDto & { reviewerName: string })[]> {
    return this.tx.manager.query(
      `SELECT ${VERDICT_COLUMNS}, u.display_name AS "reviewerName"
         FROM claims c JOIN verdicts v ON v.claim_id = c.id AND v.round = c.round JOIN users u ON u.id = v.user_id
        WHERE c.id = $1 AND v.user_id IS DISTINCT FROM c.adjudicator_id
        ORDER BY v.created_at, v.id`,
      [claimId],
    );
  }

  async claimStatus(claimId: string): Promise<string | null> {
    const [row] = await this.tx.manager.query(`SELECT status FROM claims WHERE id = $1`, [claimId]);
    return row?.status ?? null;
  }
}
