import { FinalLabel } from '../claim-lifecycle';
import { ArticleUnderReview } from '../review-state.types';

/** One piece of evidence a verdict cites. */
export interface EvidenceSource {
  url: string;
  title?: string;
  quote?: string;
}

/** What a reviewer decides on a leased claim. */
export interface VerdictInput {
  label: FinalLabel;
  rationale?: string;
  sources: EvidenceSource[];
  confidence: number;
}

/** A verdict as stored (the reviewer is `reviewerId`). */
export interface Verdict {
  id: string;
  claimId: string;
  assignmentId: string;
  reviewerId: string;
  round: number;
  label: string;
  rationale: string | null;
  sources: EvidenceSource[];
  confidence: number;
  createdAt: Date;
}

/** A verdict just written (or replayed for its Idempotency-Key), with the claim's status after it. */
export interface SubmittedVerdict extends Verdict {
  claimStatus: string;
}

/** One of a reviewer's own verdicts with its claim; the claim's label only once it is final. */
export interface MyVerdict extends Verdict {
  claimText: string;
  articleId: string;
  articleTitle: string;
  /** Slug of the queue the claim was leased from. */
  queue: string;
  finalLabel: string | null;
}

/** An editor's ruling on a claim (adjudication or override). */
export interface Ruling {
  label: FinalLabel;
  rationale: string;
}

/** An editor's reopening of a final claim, into `queue` (a slug) or where the routing rules send it. */
export interface Reopening {
  reason: string;
  queue?: string;
}

/** Where a claim stands after an editor's ruling or reopening. */
export interface ClaimOutcome {
  id: string;
  status: string;
  round: number;
}

/** The claim of an adjudication case, with how it was settled so far. */
export interface CaseClaim {
  id: string;
  text: string;
  start: number;
  end: number;
  speaker: string | null;
  status: string;
  round: number;
  finalLabel: string | null;
  settledBy: string | null;
  resolutionRationale: string | null;
  adjudicatorId: string | null;
  finalizedAt: Date | null;
}

/** A reviewer's verdict in a case: "Reviewer A, B, …", who they are only when revealed. */
export interface CaseVerdict {
  reviewer: string;
  reviewerId: string | null;
  reviewerName: string | null;
  label: string;
  rationale: string | null;
  sources: EvidenceSource[];
  confidence: number;
  createdAt: Date;
}

/** Everything an editor settles a disagreement on. */
export interface AdjudicationCase {
  claim: CaseClaim;
  article: ArticleUnderReview;
  verdicts: CaseVerdict[];
  revealed: boolean;
}
