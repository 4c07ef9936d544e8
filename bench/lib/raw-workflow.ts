import type { Pool } from 'pg';
import { AssignmentState } from '../../src/review/assignments/assignment.types';
import { READ_ASSIGNMENT_SQL } from '../../src/review/assignments/assignments.repository';
import { PULL, VERDICT } from '../../src/review/review-state.repository';

/** bench/queue's queue settings and verdict, shared by its raw path and the bare HTTP server. */
export const K = 2;
export const LEASE_SECONDS = 900;
export const VERDICT_BODY = { label: 'verified', sources: [{ url: 'https://example.org/evidence' }], confidence: 4 };

/** The service's pull statement, prepared on each connection: the lease row, or undefined when nothing is left. */
export async function rawPull(pool: Pool, userId: string, queueId: string): Promise<{ id: string } | undefined> {
  const { rows } = await pool.query<{ id: string }>({
    name: 'queue_pull',
    text: PULL.text,
    values: PULL.values({ userId, queueId, verdictsRequired: K, leaseSeconds: LEASE_SECONDS }),
  });
  return rows[0];
}

/** As the service writes a verdict: decide on an unlocked read, write guarded by what was read, decide again if it moved. */
export async function rawVerdict(pool: Pool, assignmentId: string, userId: string): Promise<unknown> {
  for (;;) {
    const [a] = (
      await pool.query<AssignmentState>({ name: 'assignment_read', text: READ_ASSIGNMENT_SQL, values: [assignmentId] })
    ).rows;
    const labels = [...a.roundLabels, 'verified'];
    const final = labels.length >= K;
    const values = VERDICT.values({
      assignmentId,
      userId,
      label: 'verified',
      rationale: null,
      sources: JSON.stringify(VERDICT_BODY.sources),
      confidence: 4,
      idempotencyKey: null,
      roundLabels: labels,
      status: final ? 'verified' : a.claimStatus,
      finalLabel: final ? 'verified' : null,
      resolutionSource: final ? 'consensus' : null,
      adjudicatorId: null,
      moveToQueueId: null,
      transitionAction: final ? 'claim.consensus' : null,
      beforeStatus: final ? a.claimStatus : null,
      decidedStatus: a.claimStatus,
      decidedLabels: a.roundLabels,
    });
    const { rows } = await pool.query({ name: 'verdict_insert', text: VERDICT.text, values });
    if (rows.length === 1) return rows[0];
  }
}
