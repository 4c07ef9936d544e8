/** What the `review_activity` channel carries (see the AddReviewActivityNotify migration): ids only. */
export type ReviewActivity =
  | { kind: 'queue'; queueId: string }
  | { kind: 'verdict'; verdictId: string; claimId: string; reviewerId: string; queueId: string };

/** The payload as the trigger wrote it, or null for anything else (a stray NOTIFY from psql). */
export function parseReviewActivity(payload: string): ReviewActivity | null {
  try {
    const value = JSON.parse(payload) as Partial<Record<string, unknown>>;
    const ids = (...keys: string[]) => keys.every((k) => typeof value[k] === 'string');
    if (value.kind === 'queue' && ids('queueId')) return value as ReviewActivity;
    if (value.kind === 'verdict' && ids('verdictId', 'claimId', 'reviewerId', 'queueId'))
      return value as ReviewActivity;
  } catch {
    // not ours
  }
  return null;
}

/**
 * A statement that includes this predicate silences the review_activity trigger for the rest of its transaction
 * (see the ReviewActivityQuietForTheApp migration): its caller publishes through ReviewActivityPublisher instead.
 * As an uncorrelated scalar subquery it runs once, before the statement's rows are written and its AFTER triggers
 * fire (not inside EXISTS: the planner drops an EXISTS subquery's select list without running it).
 */
export const QUIET_REVIEW_ACTIVITY = `(SELECT set_config('factcheck.review_activity', 'app', true)) = 'app'`;
