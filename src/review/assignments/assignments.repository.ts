import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../../database/transaction-context';

/** What a reviewer needs to work a lease: the claim, its span, the article and the queue's guidelines (the paragraph is cut in JS). */
const viewColumns = (lease: string, claimStatus = 'c.status') => `${lease}.id, ${lease}.round, ${lease}.lease_expires_at AS "leaseExpiresAt", q.slug AS queue, q.guidelines,
  json_build_object('id', c.id, 'text', c.text, 'start', c.start, 'end', c."end", 'speaker', c.speaker, 'score', c.score, 'status', ${claimStatus}) AS claim,
  json_build_object('id', ar.id, 'title', ar.title, 'url', ar.url, 'source', ar.source, 'publishedAt', ar.published_at, 'body', ar.body) AS article`;

/**
 * Pull: one statement. It returns the caller's live lease in the queue if they hold one (idempotent pull);
 * otherwise it expires their lapsed leases, locks the best claim nobody else is locking (SKIP LOCKED) whose
 * verdicts + live leases are below K and that the caller has not judged or skipped this round, leases it,
 * marks the claim in review, audits the transition and returns what the reviewer needs. Exported so the benchmark's raw-SQL baseline runs
 * exactly this text. Parameters: $1 user, $2 queue, $3 K, $4 lease seconds.
 */
export const PULL_SQL = `
WITH held AS (
  SELECT a.id FROM assignments a
  WHERE a.user_id = $1 AND a.queue_id = $2 AND a.status = 'active' AND a.lease_expires_at > now()
  LIMIT 1
), candidate AS (
  SELECT c.id, c.round, c.status FROM claims c
  WHERE NOT EXISTS (SELECT 1 FROM held)
    AND c.queue_id = $2 AND c.status IN ('queued', 'in_review', 'needs_adjudication')
    AND (c.reserved_for IS NULL OR c.reserved_for = $1)
    AND NOT ($1 = ANY (c.excluded_reviewers))
    AND cardinality(c.round_labels) + (SELECT count(*) FROM unnest(c.lease_expiries) e WHERE e > now()) < $3
  ORDER BY c.priority DESC, c.score DESC, c.queued_at, c.id
  LIMIT 1
  -- NO KEY UPDATE: a plain FOR UPDATE also skips claims that a concurrent insert references (its foreign key holds
  -- KEY SHARE on the claim: a new similarity link, another reviewer's lease), so a pull found nothing during ingestion
  FOR NO KEY UPDATE OF c SKIP LOCKED
), lapsed AS (
  -- the caller's lapsed leases in this queue end, except one on the candidate itself, which the insert revives
  UPDATE assignments SET status = 'expired', ended_at = now()
  WHERE user_id = $1 AND queue_id = $2 AND status = 'active' AND lease_expires_at <= now()
    AND claim_id NOT IN (SELECT id FROM candidate)
  RETURNING id
), lease AS (
  INSERT INTO assignments (claim_id, queue_id, user_id, round, status, leased_at, lease_expires_at)
  SELECT cand.id, $2, $1, cand.round, 'active', now(), now() + make_interval(secs => $4)
  FROM candidate cand CROSS JOIN (SELECT count(*) FROM lapsed) AS lapsed_first
  ON CONFLICT (claim_id, user_id, round) DO UPDATE
    SET status = 'active', queue_id = EXCLUDED.queue_id, leased_at = now(), lease_expires_at = EXCLUDED.lease_expires_at, ended_at = NULL
    WHERE assignments.status IN ('expired', 'released') OR assignments.lease_expires_at <= now()
  RETURNING id, claim_id, round, lease_expires_at
), claimed AS (
  UPDATE claims c
  SET lease_expiries = array_append(ARRAY(SELECT e FROM unnest(c.lease_expiries) e WHERE e > now()), l.lease_expires_at),
      status = CASE WHEN c.status = 'queued' THEN 'in_review' ELSE c.status END,
      reserved_for = NULL, priority = 0, updated_at = now()
  FROM lease l WHERE c.id = l.claim_id
  RETURNING c.id, c.status
), audited AS (
  INSERT INTO audit_log (actor_id, action, entity, entity_id, before, after)
  SELECT $1, CASE WHEN cand.status = cl.status THEN 'claim.lease' ELSE 'claim.start_review' END, 'claim', l.claim_id::text,
         jsonb_build_object('status', cand.status),
         jsonb_build_object('status', cl.status, 'assignmentId', l.id, 'leaseExpiresAt', l.lease_expires_at)
  FROM lease l JOIN candidate cand ON cand.id = l.claim_id JOIN claimed cl ON cl.id = l.claim_id
), picked AS (
  -- rows written by this statement are not visible to its own reads: the new lease comes from RETURNING
  SELECT l.id, l.claim_id, l.round, l.lease_expires_at, cl.status AS claim_status FROM lease l JOIN claimed cl ON cl.id = l.claim_id
  UNION ALL
  SELECT a.id, a.claim_id, a.round, a.lease_expires_at, NULL FROM held JOIN assignments a ON a.id = held.id
)
SELECT ${viewColumns('p', 'coalesce(p.claim_status, c.status)')}
FROM picked p JOIN claims c ON c.id = p.claim_id JOIN articles ar ON ar.id = c.article_id JOIN queues q ON q.id = $2`;

/**
 * Why a pull finds nothing: the queue's open claims counted by what keeps each from the caller, with the tests of
 * PULL_SQL (reserved for someone else, judged or skipped by the caller this round, K verdicts + live leases reached).
 * Parameters: $1 user, $2 queue, $3 K.
 */
const AVAILABILITY_SQL = `
SELECT count(*) FILTER (WHERE held_by_you)::int AS "heldByYou",
       count(*) FILTER (WHERE NOT held_by_you AND NOT judged AND for_you AND used < $3)::int AS available,
       count(*) FILTER (WHERE NOT held_by_you AND NOT judged AND for_you AND used >= $3 AND live > 0)::int AS "heldByOthers",
       count(*) FILTER (WHERE NOT held_by_you AND NOT judged AND NOT for_you)::int AS "reservedForOthers",
       count(*) FILTER (WHERE judged)::int AS "judgedByYou"
FROM (
  SELECT (c.reserved_for IS NULL OR c.reserved_for = $1) AS for_you,
         $1 = ANY (c.excluded_reviewers) AS judged,
         cardinality(c.round_labels) + l.live AS used, l.live,
         EXISTS (SELECT 1 FROM assignments a WHERE a.claim_id = c.id AND a.user_id = $1 AND a.round = c.round
                    AND a.status = 'active' AND a.lease_expires_at > now()) AS held_by_you
  FROM claims c, LATERAL (SELECT count(*) AS live FROM unnest(c.lease_expiries) e WHERE e > now()) l
  WHERE c.queue_id = $2 AND c.status IN ('queued', 'in_review', 'needs_adjudication')
) open_claims`;

export interface AvailabilityCounts {
  heldByYou: number;
  available: number;
  heldByOthers: number;
  reservedForOthers: number;
  judgedByYou: number;
}

export interface AssignmentRow {
  id: string;
  claimId: string;
  queueId: string;
  queueSlug: string;
  userId: string;
  round: number;
  status: string;
  leaseExpiresAt: Date;
  live: boolean;
  claimStatus: string;
  claimRound: number;
  roundLabels: string[];
  verdictsRequired: number;
  leaseSeconds: number;
}

const ASSIGNMENT_COLUMNS = `
  a.id, a.claim_id AS "claimId", a.queue_id AS "queueId", q.slug AS "queueSlug", a.user_id AS "userId", a.round, a.status,
  a.lease_expires_at AS "leaseExpiresAt", a.lease_expires_at > now() AS live,
  c.status AS "claimStatus", c.round AS "claimRound", c.round_labels AS "roundLabels",
  q.verdicts_required AS "verdictsRequired", q.lease_seconds AS "leaseSeconds"`;

/** An assignment with its claim and queue, unlocked (for guarded writes that re-check what they depend on). */
export const READ_ASSIGNMENT_SQL = `
SELECT ${ASSIGNMENT_COLUMNS}
FROM assignments a JOIN claims c ON c.id = a.claim_id JOIN queues q ON q.id = a.queue_id
WHERE a.id = $1`;

/** Locks an assignment and its claim; both rows are re-read at their newest version once locked. */
const LOCK_ASSIGNMENT_SQL = `${READ_ASSIGNMENT_SQL}
FOR UPDATE OF a, c`;

export interface AssignmentView {
  id: string;
  round: number;
  leaseExpiresAt: Date;
  queue: string;
  guidelines: string;
  claim: { id: string; text: string; start: number; end: number; speaker: string | null; score: number; status: string };
  article: { id: string; title: string; url: string | null; source: string | null; publishedAt: Date | null; body: string };
}

/**
 * Ends up to $1 leases that lapsed while still `active` (their reviewer never came back), as of when they lapsed.
 * SKIP LOCKED: a lease a verdict, heartbeat or pull is working on right now is left to that statement, and sweeps of
 * several instances at once take disjoint rows instead of waiting for each other. A claim's lease_expiries need no
 * change: every reader already ignores entries in the past.
 */
const EXPIRE_LAPSED_SQL = `
UPDATE assignments a SET status = 'expired', ended_at = a.lease_expires_at
FROM (
  SELECT id FROM assignments WHERE status = 'active' AND lease_expires_at <= now()
  ORDER BY lease_expires_at LIMIT $1 FOR UPDATE SKIP LOCKED
) lapsed
WHERE a.id = lapsed.id`;

@Injectable()
export class AssignmentsRepository {
  constructor(private readonly tx: TransactionContext) {}

  async pull(userId: string, queueId: string, verdictsRequired: number, leaseSeconds: number): Promise<AssignmentView | null> {
    const [row] = await this.tx.prepared<AssignmentView>('queue_pull', PULL_SQL, [userId, queueId, verdictsRequired, leaseSeconds]);
    return row ?? null;
  }

  async availability(userId: string, queueId: string, verdictsRequired: number): Promise<AvailabilityCounts> {
    const [row] = await this.tx.manager.query(AVAILABILITY_SQL, [userId, queueId, verdictsRequired]);
    return row;
  }

  async lock(assignmentId: string): Promise<AssignmentRow | null> {
    const [row] = await this.tx.prepared<AssignmentRow>('assignment_lock', LOCK_ASSIGNMENT_SQL, [assignmentId]);
    return row ?? null;
  }

  async read(assignmentId: string): Promise<AssignmentRow | null> {
    const [row] = await this.tx.prepared<AssignmentRow>('assignment_read', READ_ASSIGNMENT_SQL, [assignmentId]);
    return row ?? null;
  }

  async view(assignmentIds: string[]): Promise<AssignmentView[]> {
    return this.tx.manager.query(
      `SELECT ${viewColumns('a')}
       FROM assignments a JOIN claims c ON c.id = a.claim_id JOIN articles ar ON ar.id = c.article_id JOIN queues q ON q.id = a.queue_id
       WHERE a.id = ANY($1::uuid[]) ORDER BY a.leased_at`,
      [assignmentIds],
    );
  }

  /** How many lapsed leases were ended (at most `limit`). */
  async expireLapsed(limit: number): Promise<number> {
    const [, affected] = await this.tx.manager.query(EXPIRE_LAPSED_SQL, [limit]);
    return affected;
  }

  async liveIdsOf(userId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.tx.manager.query(
      `SELECT id FROM assignments WHERE user_id = $1 AND status = 'active' AND lease_expires_at > now()`,
      [userId],
    );
    return rows.map((r) => r.id);
  }

  /** Extends a live lease (caller holds the locks) and the claim's record of it. */
  async extend(assignmentId: string, leaseSeconds: number): Promise<Date> {
    const [{ leaseExpiresAt }] = await this.tx.manager.query(
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
   * with neither verdicts nor live leases goes back to `queued`. The reviewer's reason is kept in the audit row.
   * Returns the claim's status after.
   */
  async skip(assignmentId: string, actorId: string, reason: string | null): Promise<string> {
    const [{ status }] = await this.tx.manager.query(
      `WITH old AS (SELECT a.claim_id, a.lease_expires_at, c.status FROM assignments a JOIN claims c ON c.id = a.claim_id WHERE a.id = $1),
       skipped AS (UPDATE assignments SET status = 'skipped', ended_at = now() WHERE id = $1),
       claim AS (
         UPDATE claims c SET
           lease_expiries = ARRAY(SELECT e FROM unnest(c.lease_expiries) e WHERE e > now() AND e <> old.lease_expires_at),
           excluded_reviewers = array_append(c.excluded_reviewers, $2::uuid),
           status = CASE WHEN c.status = 'in_review' AND cardinality(c.round_labels) = 0
                          AND NOT EXISTS (SELECT 1 FROM unnest(c.lease_expiries) e WHERE e > now() AND e <> old.lease_expires_at)
                         THEN 'queued' ELSE c.status END,
           updated_at = now()
         FROM old WHERE c.id = old.claim_id
         RETURNING c.id, c.status
       ), audited AS (
         INSERT INTO audit_log (actor_id, action, entity, entity_id, before, after)
         SELECT $2, CASE WHEN claim.status = old.status THEN 'claim.skip' ELSE 'claim.requeue' END, 'claim', claim.id::text,
                jsonb_build_object('status', old.status),
                jsonb_strip_nulls(jsonb_build_object('status', claim.status, 'assignmentId', $1::uuid, 'reason', $3::text))
         FROM claim, old
       )
       SELECT status FROM claim`,
      [assignmentId, actorId, reason],
    );
    return status;
  }
}
