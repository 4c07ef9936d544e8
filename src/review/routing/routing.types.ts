import { RoutableStatus } from '../claim-lifecycle';

/** Which claims a bulk route moves (every field optional; `fromQueue` is a slug). */
export interface RouteFilter {
  status?: RoutableStatus;
  minScore?: number;
  maxScore?: number;
  source?: string;
  articleId?: string;
  fromQueue?: string;
}

/** What an editor may do with a claim now, decided by the service (the screens show only these). */
export interface ClaimCuration {
  /** Slug of the queue the claim is in (none for a rejected claim: it is out of every queue). */
  queue: string | null;
  actions: { edit: boolean; reject: boolean; route: boolean; assign: boolean };
  /** Active queues it may be routed to (empty when it cannot be routed). */
  queues: { slug: string; description: string }[];
  /** Active users who may pull it from its queue, by name. */
  assignees: { id: string; displayName: string; role: string }[];
  /** Who rejected it, when and why (absent: not rejected, or rejected without a record of it). */
  rejection?: ClaimRejection;
}

/** Why a claim left the review flow, as its claim.reject audit entry records it. */
export interface ClaimRejection {
  reason: string | null;
  at: Date;
  /** Display name; null when the account is gone. */
  by: string | null;
}
