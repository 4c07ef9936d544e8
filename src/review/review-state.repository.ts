import { Injectable } from '@nestjs/common';
import { AuditAction } from '../audit/audit-action';
import { insertAuditRows, sqlAuditAction } from '../audit/audit-sql';
import { NamedStatement } from '../common/sql/named-params';
import { TransactionContext } from '../database/transaction-context';
import { AssignmentState, AssignmentView } from './assignments/assignment.types';
import { READ_ASSIGNMENT_SQL, viewColumns } from './assignments/assignments.repository';
import { PULLABLE, sqlFrom, sqlStatuses, sqlTo } from './claim-lifecycle';
import { QUIET_REVIEW_ACTIVITY } from './review-activity';
import { ReviewActivityPublisher } from './review-activity.publisher';
import { BulkRouteFilter, LockedClaim, VerdictWrite } from './review-state.types';
import { Verdict } from './verdicts/verdict.types';
import { VERDICT_COLUMNS } from './verdicts/verdicts.repository';

/**
 * The one owner of a claim's review state: every write to its review columns (status, queue, round, round labels,
 * live leases, reviewers done, reservation, final label and resolution) and every lock on a claim row is a
 * statement of this file. Source and target states come from the life-cycle table (sqlFrom/sqlTo, never a status
 * written out here; review-state.repository.spec.ts checks), so claim-lifecycle.ts stays the one truth.
 */

/**
 * The one strength every statement here locks a claim row with (its UPDATEs take the same). NO KEY UPDATE, not
 * FOR UPDATE: FOR UPDATE also conflicts with the KEY SHARE a concurrent insert's foreign key takes on the claim (a
 * new similarity link, another reviewer's lease), so a pull skipped such claims and found nothing during ingestion,
 * and a waiting lock waited for the ingestion to commit. Deleting an article's claims upgrades the lock it holds.
 */
export const CLAIM_LOCK = 'FOR NO KEY UPDATE';

/**
 * Pull: one statement. It returns the caller's live lease in the queue if they hold one (idempotent pull);
 * otherwise it expires their lapsed leases, locks the best claim nobody else is locking (SKIP LOCKED) whose
 * verdicts + live leases are below K and that the caller has not judged or skipped this round, leases it,
 * marks the claim in review, audits the transition and returns what the reviewer needs. Exported so the
 * benchmark's raw-SQL baseline runs exactly this text.
 */
export const PULL = new NamedStatement<{
  userId: string;
  queueId: string;
  verdictsRequired: number;
  leaseSeconds: number;
}>(`
WITH held AS (
  SELECT a.id FROM assignments a
  WHERE a.user_id = :userId AND a.queue_id = :queueId AND a.status = 'active' AND a.lease_expires_at > now()
  LIMIT 1
), candidate AS (
  SELECT c.id, c.round, c.status FROM claims c
  WHERE NOT EXISTS (SELECT 1 FROM held)
    AND c.queue_id = :queueId AND c.status IN ${sqlStatuses(PULLABLE)}
    AND (c.reserved_for IS NULL OR c.reserved_for = :userId)
    AND NOT (:userId = ANY (c.excluded_reviewers))
    AND cardinality(c.round_labels) + (SELECT count(*) FROM unnest(c.lease_expiries) e WHERE e > now()) < :verdictsRequired
    AND ${QUIET_REVIEW_ACTIVITY}
  ORDER BY c.priority DESC, c.score DESC, c.queued_at, c.id
  LIMIT 1
  ${CLAIM_LOCK} OF c SKIP LOCKED
), lapsed AS (
  -- the caller's lapsed leases in this queue end, except one on the candidate itself, which the insert revives
  UPDATE assignments SET status = 'expired', ended_at = now()
  WHERE user_id = :userId AND queue_id = :queueId AND status = 'active' AND lease_expires_at <= now()
    AND claim_id NOT IN (SELECT id FROM candidate)
  RETURNING id
), lease AS (
  INSERT INTO assignments (claim_id, queue_id, user_id, round, status, leased_at, lease_expires_at)
  SELECT cand.id, :queueId, :userId, cand.round, 'active', now(), now() + make_interval(secs => :leaseSeconds)
  FROM candidate cand CROSS JOIN (SELECT count(*) FROM lapsed) AS lapsed_first
  ON CONFLICT (claim_id, user_id, round) DO UPDATE
    SET status = 'active', queue_id = EXCLUDED.queue_id, leased_at = now(), lease_expires_at = EXCLUDED.lease_expires_at, ended_at = NULL
    WHERE assignments.status IN ('expired', 'released') OR assignments.lease_expires_at <= now()
  RETURNING id, claim_id, round, lease_expires_at
), claimed AS (
  UPDATE claims c
  SET lease_expiries = array_append(ARRAY(SELECT e FROM unnest(c.lease_expiries) e WHERE e > now()), l.lease_expires_at),
      status = CASE WHEN c.status IN ${sqlFrom('start_review')} THEN ${sqlTo('start_review')} ELSE c.status END,
      reserved_for = NULL, priority = 0, updated_at = now()
  FROM lease l WHERE c.id = l.claim_id
  RETURNING c.id, c.status
), audited AS (
  ${insertAuditRows(`SELECT :userId, CASE WHEN cand.status = cl.status THEN ${sqlAuditAction('claim.lease')} ELSE ${sqlAuditAction('claim.start_review')} END, 'claim', l.claim_id::text,
         jsonb_build_object('status', cand.status),
         jsonb_build_object('status', cl.status, 'assignmentId', l.id, 'leaseExpiresAt', l.lease_expires_at)
  FROM lease l JOIN candidate cand ON cand.id = l.claim_id JOIN claimed cl ON cl.id = l.claim_id`)}
), picked AS (
  -- rows written by this statement are not visible to its own reads: the new lease comes from RETURNING
  SELECT l.id, l.claim_id, l.round, l.lease_expires_at, cl.status AS claim_status FROM lease l JOIN claimed cl ON cl.id = l.claim_id
  UNION ALL
  SELECT a.id, a.claim_id, a.round, a.lease_expires_at, NULL FROM held JOIN assignments a ON a.id = held.id
)
SELECT ${viewColumns('p', 'coalesce(p.claim_status, c.status)')}
FROM picked p JOIN claims c ON c.id = p.claim_id JOIN articles ar ON ar.id = c.article_id JOIN queues q ON q.id = :queueId`);

/** Locks an assignment and its claim; both rows are re-read at their newest version once locked. */
const LOCK_ASSIGNMENT_SQL = `${READ_ASSIGNMENT_SQL}
FOR UPDATE OF a ${CLAIM_LOCK} OF c`;

type VerdictParams = {
  assignmentId: string;
  userId: string;
  label: string;
  rationale: string | null;
  sources: string;
  confidence: number;
  idempotencyKey: string | null;
  roundLabels: string[];
  status: string;
  finalLabel: string | null;
  resolutionSource: string | null;
  adjudicatorId: string | null;
  moveToQueueId: string | null;
  transitionAction: AuditAction | null;
  beforeStatus: string | null;
  decidedStatus: string;
  decidedLabels: string[];
};

/**
 * Verdict: one statement, guarded by what the caller decided on. It locks the assignment, and only if it is
 * still active, live and of the claim's current round, and the claim still has the status and round labels the
 * outcome was decided on (:decidedStatus, :decidedLabels), it updates the claim (labels of the round, live leases,
 * reviewers done, the outcome when this was the K-th verdict), closes the lease, records the verdict and writes
 * the audit rows. Under READ COMMITTED a claim row changed concurrently is re-checked at its newest version; if
 * the decision inputs moved (another verdict landed, an editor acted) nothing is written, no row comes back, and
 * the caller decides again on fresh rows. Other reviewers' pulls and skips do not touch those inputs, so they
 * never force a retry. No lock is held across a round trip to the application. Exported for the raw-SQL benchmark.
 */
export const VERDICT = new NamedStatement<VerdictParams>(`
WITH a AS (
  -- by primary key only: with status in this WHERE the planner may pick the small partial index of active
  -- assignments, which fills up with dead entries between vacuums
  SELECT id, claim_id, queue_id, round, status, lease_expires_at FROM assignments WHERE id = :assignmentId
  FOR UPDATE
), claim AS (
  UPDATE claims c SET
    round_labels = :roundLabels::text[],
    lease_expiries = CASE WHEN :status = c.status THEN ARRAY(SELECT e FROM unnest(c.lease_expiries) e WHERE e > now() AND e <> a.lease_expires_at) ELSE '{}' END,
    excluded_reviewers = array_append(c.excluded_reviewers, :userId::uuid),
    status = :status, final_label = :finalLabel, resolution_source = :resolutionSource, adjudicator_id = :adjudicatorId,
    finalized_at = CASE WHEN :finalLabel::text IS NULL THEN NULL ELSE now() END,
    queue_id = COALESCE(:moveToQueueId::uuid, c.queue_id),
    queued_at = CASE WHEN :moveToQueueId::uuid IS NULL THEN c.queued_at ELSE now() END,
    updated_at = now()
  FROM a
  WHERE c.id = a.claim_id AND a.status = 'active' AND a.lease_expires_at > now() AND a.round = c.round
    AND c.status = :decidedStatus AND c.round_labels = :decidedLabels::text[]
    AND ${QUIET_REVIEW_ACTIVITY}
  RETURNING c.id, c.queue_id
), closed AS (
  UPDATE assignments SET status = 'submitted', ended_at = now()
  WHERE id = :assignmentId AND EXISTS (SELECT 1 FROM claim)
  RETURNING id, claim_id, round
), v AS (
  INSERT INTO verdicts (claim_id, assignment_id, user_id, round, label, rationale, sources, confidence, idempotency_key)
  SELECT closed.claim_id, closed.id, :userId, closed.round, :label, :rationale, :sources, :confidence, :idempotencyKey FROM closed
  RETURNING *
), audited AS (
  ${insertAuditRows(`SELECT :userId, ${sqlAuditAction('verdict.submit')}, 'claim', v.claim_id::text, NULL,
         jsonb_build_object('verdictId', v.id, 'assignmentId', v.assignment_id, 'round', v.round, 'label', v.label)
  FROM v
  UNION ALL
  SELECT :userId, :transitionAction, 'claim', v.claim_id::text, jsonb_build_object('status', :beforeStatus::text), jsonb_build_object('status', :status::text, 'round', v.round)
  FROM v WHERE :transitionAction::text IS NOT NULL`)}
)
SELECT ${VERDICT_COLUMNS}, a.queue_id AS "leaseQueueId", claim.queue_id AS "claimQueueId" FROM v, a, claim`);

/** Moves the claims of `targets` (id, before_status, before_queue, queue_id) into their queue and audits each move. */
const MOVE_AND_AUDIT = `
  moved AS (
    UPDATE claims c SET queue_id = t.queue_id, status = ${sqlTo('route')}, queued_at = now(), priority = 0, reserved_for = NULL, updated_at = now()
    FROM targets t WHERE c.id = t.id
    RETURNING c.id, t.queue_id, t.before_status, t.before_queue
  ), audited AS (
    ${insertAuditRows(`SELECT :actorId::uuid, ${sqlAuditAction('claim.route')}, 'claim', m.id::text,
           jsonb_build_object('status', m.before_status, 'queueId', m.before_queue),
           jsonb_build_object('status', ${sqlTo('route')}, 'queueId', m.queue_id)
    FROM moved m`)}
  )
  SELECT count(*)::int AS moved FROM moved`;

const BULK_ROUTE = new NamedStatement<{
  actorId: string;
  queueId: string;
  status: string;
  minScore: number | null;
  maxScore: number | null;
  source: string | null;
  articleId: string | null;
  fromQueueId: string | null;
}>(`WITH targets AS (
   SELECT c.id, c.status AS before_status, c.queue_id AS before_queue, :queueId::uuid AS queue_id
   FROM claims c JOIN articles a ON a.id = c.article_id
   WHERE c.status = :status AND c.status IN ${sqlFrom('route')}
     AND (:minScore::real IS NULL OR c.score >= :minScore) AND (:maxScore::real IS NULL OR c.score <= :maxScore)
     AND (:source::text IS NULL OR a.source = :source) AND (:articleId::uuid IS NULL OR c.article_id = :articleId)
     AND (:fromQueueId::uuid IS NULL OR c.queue_id = :fromQueueId)
     AND c.queue_id IS DISTINCT FROM :queueId::uuid
   ${CLAIM_LOCK} OF c SKIP LOCKED
 ), ${MOVE_AND_AUDIT}`);

const ROUTE_ONE = new NamedStatement<{ actorId: string; claimId: string; queueId: string }>(
  `WITH targets AS (
     SELECT c.id, c.status AS before_status, c.queue_id AS before_queue, :queueId::uuid AS queue_id
     FROM claims c WHERE c.id = :claimId AND c.status IN ${sqlFrom('route')}
   ), ${MOVE_AND_AUDIT}`,
);

/** Ends a lease without a verdict; a claim left with neither verdicts nor live leases goes back (requeue). */
const SKIP = new NamedStatement<{ assignmentId: string; actorId: string; reason: string | null }>(
  `WITH old AS (SELECT a.claim_id, a.lease_expires_at, c.status FROM assignments a JOIN claims c ON c.id = a.claim_id WHERE a.id = :assignmentId),
   skipped AS (UPDATE assignments SET status = 'skipped', ended_at = now() WHERE id = :assignmentId),
   claim AS (
     UPDATE claims c SET
       lease_expiries = ARRAY(SELECT e FROM unnest(c.lease_expiries) e WHERE e > now() AND e <> old.lease_expires_at),
       excluded_reviewers = array_append(c.excluded_reviewers, :actorId::uuid),
       status = CASE WHEN c.status IN ${sqlFrom('requeue')} AND cardinality(c.round_labels) = 0
                      AND NOT EXISTS (SELECT 1 FROM unnest(c.lease_expiries) e WHERE e > now() AND e <> old.lease_expires_at)
                     THEN ${sqlTo('requeue')} ELSE c.status END,
       updated_at = now()
     FROM old WHERE c.id = old.claim_id
     RETURNING c.id, c.status
   ), audited AS (
     ${insertAuditRows(`SELECT :actorId, CASE WHEN claim.status = old.status THEN ${sqlAuditAction('claim.skip')} ELSE ${sqlAuditAction('claim.requeue')} END, 'claim', claim.id::text,
            jsonb_build_object('status', old.status),
            jsonb_strip_nulls(jsonb_build_object('status', claim.status, 'assignmentId', :assignmentId::uuid, 'reason', :reason::text))
     FROM claim, old`)}
   )
   SELECT status FROM claim`,
);

/** Settles a claim by an editor's ruling (adjudication or override); only from the states `resolve` leaves. */
const RESOLVE = new NamedStatement<{ claimId: string; label: string; adjudicatorId: string; rationale: string }>(
  `UPDATE claims SET status = :label, final_label = :label, resolution_source = 'adjudication', adjudicator_id = :adjudicatorId,
          resolution_rationale = :rationale, finalized_at = now(), lease_expiries = '{}', reserved_for = NULL, priority = 0, updated_at = now()
   WHERE id = :claimId AND status IN ${sqlFrom('resolve')}`,
);

/** A new round in a queue: earlier verdicts stay, the round's counters start empty; only from a final state. */
const REOPEN = new NamedStatement<{ claimId: string; queueId: string }>(
  `UPDATE claims SET round = round + 1, status = ${sqlTo('reopen')}, queue_id = :queueId, queued_at = now(), final_label = NULL,
          resolution_source = NULL, adjudicator_id = NULL, resolution_rationale = NULL, finalized_at = NULL,
          round_labels = '{}', lease_expiries = '{}', excluded_reviewers = '{}', reserved_for = NULL, priority = 0, updated_at = now()
   WHERE id = :claimId AND status IN ${sqlFrom('reopen')}
   RETURNING round`,
);

const REJECT = `UPDATE claims SET status = ${sqlTo('reject')}, updated_at = now() WHERE id = $1 AND status IN ${sqlFrom('reject')}`;

/** The statements that carry a life-cycle event, for review-state.repository.spec.ts. */
export const TRANSITION_STATEMENTS = {
  route: [BULK_ROUTE.text, ROUTE_ONE.text],
  start_review: [PULL.text],
  requeue: [SKIP.text],
  resolve: [RESOLVE.text],
  reopen: [REOPEN.text],
  reject: [REJECT],
};

@Injectable()
export class ReviewStateRepository {
  constructor(
    private readonly tx: TransactionContext,
    private readonly activity: ReviewActivityPublisher,
  ) {}

  /** The one way to lock a claim row outside the pull and bulk route (which skip locked rows instead of waiting). */
  async lock(claimId: string): Promise<LockedClaim | null> {
    const [row] = await this.tx.manager.query<LockedClaim[]>(
      `SELECT id, status, queue_id AS "queueId", round, article_id AS "articleId", round_labels AS "roundLabels", final_label AS "finalLabel"
       FROM claims WHERE id = $1 ${CLAIM_LOCK}`,
      [claimId],
    );
    return row ?? null;
  }

  /** The claim's status and queue without a lock (for showing what may be done; every change locks again). */
  async findState(claimId: string): Promise<Pick<LockedClaim, 'status' | 'queueId'> | null> {
    const [row] = await this.tx.manager.query<Pick<LockedClaim, 'status' | 'queueId'>[]>(
      `SELECT status, queue_id AS "queueId" FROM claims WHERE id = $1`,
      [claimId],
    );
    return row ?? null;
  }

  async exists(claimId: string): Promise<boolean> {
    const [row] = await this.tx.manager.query<unknown[]>(`SELECT 1 FROM claims WHERE id = $1`, [claimId]);
    return Boolean(row);
  }

  /** Locks an article's claims (a verdict locks its claim too, so the two cannot interleave). */
  async lockArticleClaims(articleId: string): Promise<void> {
    await this.tx.manager.query(`SELECT 1 FROM claims WHERE article_id = $1 ${CLAIM_LOCK}`, [articleId]);
  }

  /** Locks an assignment and its claim, both re-read at their newest version once locked. */
  async lockAssignment(assignmentId: string): Promise<AssignmentState | null> {
    const [row] = await this.tx.prepared<AssignmentState>('assignment_lock', LOCK_ASSIGNMENT_SQL, [assignmentId]);
    return row ?? null;
  }

  async pull(
    userId: string,
    queueId: string,
    verdictsRequired: number,
    leaseSeconds: number,
  ): Promise<AssignmentView | null> {
    const [row] = await this.tx.prepared<AssignmentView>(
      'queue_pull',
      PULL.text,
      PULL.values({ userId, queueId, verdictsRequired, leaseSeconds }),
    );
    // The statement silenced the trigger: its lease changes what the queue has in review.
    if (row) this.activity.publish({ kind: 'queue', queueId });
    return row ?? null;
  }

  /** Extends a live lease (caller holds the locks) and the claim's record of it. */
  async extendLease(assignmentId: string, leaseSeconds: number): Promise<Date> {
    const [{ leaseExpiresAt }] = await this.tx.manager.query<{ leaseExpiresAt: Date }[]>(
      `WITH old AS (SELECT claim_id, lease_expires_at FROM assignments WHERE id = $1),
       extended AS (
         UPDATE assignments SET lease_expires_at = now() + make_interval(secs => $2) WHERE id = $1 RETURNING lease_expires_at
       ), claim AS (
         UPDATE claims c SET lease_expiries = array_append(
             ARRAY(SELECT e FROM unnest(c.lease_expiries) e WHERE e > now() AND e <> old.lease_expires_at), x.lease_expires_at)
         FROM old, extended x WHERE c.id = old.claim_id
       )
       SELECT lease_expires_at AS "leaseExpiresAt" FROM extended`,
      [assignmentId, leaseSeconds],
    );
    return leaseExpiresAt;
  }

  /**
   * Ends a lease without a verdict: the reviewer is never served this claim again this round; a claim left
   * with neither verdicts nor live leases goes back to the queue. The reviewer's reason is kept in the audit row.
   * Returns the claim's status after.
   */
  async skip(assignmentId: string, actorId: string, reason: string | null): Promise<string> {
    const [{ status }] = await this.tx.manager.query<{ status: string }[]>(
      SKIP.text,
      SKIP.values({ assignmentId, actorId, reason }),
    );
    return status;
  }

  /** The stored verdict, or null when the lease closed or the decision inputs moved since the read (nothing written). */
  async recordVerdict(w: VerdictWrite): Promise<Verdict | null> {
    const c = w.claim;
    const [row] = await this.tx.prepared<Verdict & { leaseQueueId: string; claimQueueId: string }>(
      'verdict_insert',
      VERDICT.text,
      VERDICT.values({
        assignmentId: w.assignmentId,
        userId: w.userId,
        label: w.label,
        rationale: w.rationale,
        sources: JSON.stringify(w.sources),
        confidence: w.confidence,
        idempotencyKey: w.idempotencyKey,
        roundLabels: c.roundLabels,
        status: c.status,
        finalLabel: c.finalLabel,
        resolutionSource: c.resolutionSource,
        adjudicatorId: c.adjudicatorId,
        moveToQueueId: c.moveToQueueId,
        transitionAction: c.transition?.action ?? null,
        beforeStatus: c.transition?.before ?? null,
        decidedStatus: w.decidedOn.claimStatus,
        decidedLabels: w.decidedOn.roundLabels,
      }),
    );
    if (!row) return null;
    const { leaseQueueId, claimQueueId, ...verdict } = row;
    // The statement silenced the trigger: announce the verdict and the queues it changed (the claim may have moved on).
    this.activity.publish(
      {
        kind: 'verdict',
        verdictId: verdict.id,
        claimId: verdict.claimId,
        reviewerId: verdict.reviewerId,
        queueId: leaseQueueId,
      },
      { kind: 'queue', queueId: leaseQueueId },
      { kind: 'queue', queueId: claimQueueId },
    );
    return verdict;
  }

  /** Moves claims matching `filter` (only ones without verdicts or leases) into `queueId`: one statement. */
  async bulkRoute(actorId: string, queueId: string, filter: BulkRouteFilter): Promise<number> {
    const { status, minScore = null, maxScore = null, source = null, articleId = null, fromQueueId = null } = filter;
    const [{ moved }] = await this.tx.manager.query<{ moved: number }[]>(
      BULK_ROUTE.text,
      BULK_ROUTE.values({ actorId, queueId, status, minScore, maxScore, source, articleId, fromQueueId }),
    );
    return moved;
  }

  /** Moves one claim (already locked by the caller) into `queueId`. */
  async routeOne(actorId: string, claimId: string, queueId: string): Promise<number> {
    const [{ moved }] = await this.tx.manager.query<{ moved: number }[]>(
      ROUTE_ONE.text,
      ROUTE_ONE.values({ actorId, claimId, queueId }),
    );
    return moved;
  }

  async reserve(claimId: string, userId: string): Promise<void> {
    await this.tx.manager.query(`UPDATE claims SET reserved_for = $2, priority = 1, updated_at = now() WHERE id = $1`, [
      claimId,
      userId,
    ]);
  }

  /** Ends every live lease of the claim (resolution and reopening make them moot). */
  async releaseLeases(claimId: string): Promise<void> {
    await this.tx.manager.query(
      `UPDATE assignments SET status = 'released', ended_at = now() WHERE claim_id = $1 AND status = 'active'`,
      [claimId],
    );
  }

  /** False when the claim is not in a state `resolve` leaves (nothing written). */
  async resolve(
    claimId: string,
    ruling: { label: string; adjudicatorId: string; rationale: string },
  ): Promise<boolean> {
    // an UPDATE without RETURNING answers [rows, affected count]
    const [, affected] = await this.tx.manager.query<[unknown[], number]>(
      RESOLVE.text,
      RESOLVE.values({ claimId, ...ruling }),
    );
    return affected === 1;
  }

  /** The new round, or null when the claim is not final (nothing written). */
  async reopen(claimId: string, queueId: string): Promise<number | null> {
    const [rows] = await this.tx.manager.query<[{ round: number }[], number]>(
      REOPEN.text,
      REOPEN.values({ claimId, queueId }),
    );
    return rows[0]?.round ?? null;
  }

  /** False when the claim is past the states `reject` leaves (nothing written). */
  async reject(claimId: string): Promise<boolean> {
    const [, affected] = await this.tx.manager.query<[unknown[], number]>(REJECT, [claimId]);
    return affected === 1;
  }
}
