import { ClaimStatus } from '../claim-lifecycle';
import { ArticleUnderReview } from '../review-state.types';
import { Paragraph } from './paragraph';

/** An assignment with what deciding on it needs: its claim's state and its queue's settings. */
export interface AssignmentState {
  id: string;
  claimId: string;
  queueId: string;
  queueSlug: string;
  userId: string;
  round: number;
  status: string;
  leaseExpiresAt: Date;
  live: boolean;
  claimStatus: ClaimStatus;
  claimRound: number;
  roundLabels: string[];
  verdictsRequired: number;
  leaseSeconds: number;
}

export interface AssignedClaim {
  id: string;
  text: string;
  start: number;
  end: number;
  speaker: string | null;
  score: number;
  status: string;
}

/** A lease as stored with what a reviewer needs to work it: the claim, the article and the queue's guidelines. */
export interface AssignmentView {
  id: string;
  round: number;
  leaseExpiresAt: Date;
  queue: string;
  guidelines: string;
  claim: AssignedClaim;
  article: ArticleUnderReview;
}

/** A reviewer's lease to work: the view, with the paragraph around the claim cut from the body. */
export interface Assignment {
  id: string;
  queue: string;
  guidelines: string;
  round: number;
  leaseExpiresAt: Date;
  claim: AssignedClaim;
  article: ArticleUnderReview & { paragraph: Paragraph };
}

export interface Lease {
  id: string;
  leaseExpiresAt: Date;
}

export interface SkipResult {
  id: string;
  /** The claim status after the skip. */
  claimStatus: string;
}

/** The queue's open claims counted by what keeps each from the caller. */
export interface AvailabilityCounts {
  heldByYou: number;
  available: number;
  heldByOthers: number;
  reservedForOthers: number;
  judgedByYou: number;
}

export const EMPTY_REASONS = [
  'available',
  'held_by_others',
  'reserved_for_others',
  'already_judged',
  'nothing_left',
] as const;
export type EmptyReason = (typeof EMPTY_REASONS)[number];

/** What a pull from the queue would give the caller now, and when nothing, why. */
export interface QueueAvailability extends AvailabilityCounts {
  queue: string;
  reason: EmptyReason;
}
