import { AuditAction } from '../audit/audit-action';
import { ClaimStatus } from './claim-lifecycle';

/** The article a reviewer or an adjudicator reads the claim in. */
export interface ArticleUnderReview {
  id: string;
  title: string;
  url: string | null;
  source: string | null;
  publishedAt: Date | null;
  body: string;
}

/** A claim's review state as its row lock finds it. */
export interface LockedClaim {
  id: string;
  status: ClaimStatus;
  queueId: string | null;
  round: number;
  articleId: string;
  roundLabels: string[];
  finalLabel: string | null;
}

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
  /** What the claim becomes, decided by the service from the life cycle on the current claim row. */
  claim: {
    status: string;
    roundLabels: string[];
    finalLabel: string | null;
    resolutionSource: 'consensus' | 'adjudication' | null;
    adjudicatorId: string | null;
    /** The queue the claim moves to (the adjudication queue on escalation), else null: it stays. */
    moveToQueueId: string | null;
    transition: { action: AuditAction; before: string } | null;
  };
}

export interface BulkRouteFilter {
  /** Which claims move: one of the states `route` leaves (the statement also checks). */
  status: string;
  minScore?: number;
  maxScore?: number;
  source?: string;
  articleId?: string;
  fromQueueId?: string;
}
