import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../../database/transaction-context';
import { PULLABLE, sqlStatuses } from '../claim-lifecycle';
import { AssignmentState, AssignmentView, AvailabilityCounts } from './assignment.types';

/** What a reviewer needs to work a lease: the claim, its span, the article and the queue's guidelines (the paragraph is cut in JS). */
export const viewColumns = (
  lease: string,
  claimStatus = 'c.status',
) => `${lease}.id, ${lease}.round, ${lease}.lease_expires_at AS "leaseExpiresAt", q.slug AS queue, q.guidelines,
  json_build_object('id', c.id, 'text', c.text, 'start', c.start, 'end', c."end", 'speaker', c.speaker, 'score', c.score, 'status', ${claimStatus}) AS claim,
  json_build_object('id', ar.id, 'title', ar.title, 'url', ar.url, 'source', ar.source, 'publishedAt', ar.published_at, 'body', ar.body) AS article`;

/**
 * Why a pull finds nothing: the queue's open claims counted by what keeps each from the caller, with the tests of
 * PULL in review-state.repository.ts (reserved for someone else, judged or skipped by the caller this round, K verdicts + live leases reached).
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
  WHERE c.queue_id = $2 AND c.status IN ${sqlStatuses(PULLABLE)}
) open_claims`;

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

  async availability(userId: string, queueId: string, verdictsRequired: number): Promise<AvailabilityCounts> {
    const [row] = await this.tx.manager.query<AvailabilityCounts[]>(AVAILABILITY_SQL, [
      userId,
      queueId,
      verdictsRequired,
    ]);
    return row;
  }

  async read(assignmentId: string): Promise<AssignmentState | null> {
    const [row] = await this.tx.prepared<AssignmentState>('assignment_read', READ_ASSIGNMENT_SQL, [assignmentId]);
    return row ?? null;
  }

  async view(assignmentIds: string[]): Promise<AssignmentView[]> {
    return this.tx.manager.query<AssignmentView[]>(
      `SELECT ${viewColumns('a')}
       FROM assignments a JOIN claims c ON c.id = a.claim_id JOIN articles ar ON ar.id = c.article_id JOIN queues q ON q.id = a.queue_id
       WHERE a.id = ANY($1::uuid[]) ORDER BY a.leased_at`,
      [assignmentIds],
    );
  }

  /** How many lapsed leases were ended (at most `limit`). */
  async expireLapsed(limit: number): Promise<number> {
    const [, affected] = await this.tx.manager.query<[unknown[], number]>(EXPIRE_LAPSED_SQL, [limit]);
    return affected;
  }

  async liveIdsOf(userId: string): Promise<string[]> {
    const rows = await this.tx.manager.query<{ id: string }[]>(
      `SELECT id FROM assignments WHERE user_id = $1 AND status = 'active' AND lease_expires_at > now()`,
      [userId],
    );
    return rows.map((r) => r.id);
  }
}
