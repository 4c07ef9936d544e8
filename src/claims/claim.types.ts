import { ClaimStatus } from '../review/claim-lifecycle';
import { Claim } from './claim.entity';
import { SpanInput } from './claim-text';

/** A claim to store: content and the status it starts in (the insert routes pending claims into their queue). */
export type NewClaim = Pick<
  Claim,
  | 'articleId'
  | 'text'
  | 'start'
  | 'end'
  | 'sentenceIndex'
  | 'score'
  | 'features'
  | 'speaker'
  | 'origin'
  | 'status'
  | 'normalizedText'
  | 'createdBy'
>;

/** Content only: the review columns are written by ReviewStateRepository (src/review). */
export type ClaimPatch = Partial<Pick<Claim, 'text' | 'start' | 'end' | 'normalizedText' | 'speaker'>>;

/** An editor's claim by span or by text, with an optional speaker (`null` clears it on an edit). */
export interface ClaimInput extends SpanInput {
  speaker?: string | null;
}

/** A near or exact repeat of a claim in another article, with that claim's outcome (never a verdict). */
export interface SimilarClaim {
  id: string;
  articleId: string;
  text: string;
  status: ClaimStatus;
  similarity: number;
  finalLabel: string | null;
  finalizedAt: Date | null;
  articleTitle: string;
  articleUrl: string | null;
}
