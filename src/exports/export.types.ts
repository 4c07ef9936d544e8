import { ClaimStatus, FINAL_LABELS } from '../review/claim-lifecycle';
import type { EvidenceSource } from '../review/verdicts/verdict.types';

export const EXPORT_FORMATS = ['csv', 'json', 'ndjson', 'claimreview'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** Statuses that can be exported at all (the partial cursor index covers exactly these). */
export const EXPORT_STATUSES = [...FINAL_LABELS, ClaimStatus.NeedsAdjudication] as const;

/** An export as asked for: its format and output options, and the filters (all optional; times are ISO). */
export interface ExportRequest {
  format: ExportFormat;
  status?: string[];
  from?: string;
  to?: string;
  source?: string;
  articleId?: string;
  claimId?: string;
  /** A queue slug. */
  queue?: string;
  reviewer?: string;
  include?: 'verdicts';
  since?: string;
  until?: string;
  safe: boolean;
  bom: boolean;
}

/** One exported claim with its lineage, as the export statement builds it (JSON: times are ISO strings). */
export interface ExportedClaim {
  claimId: string;
  text: string;
  start: number;
  end: number;
  speaker: string | null;
  article: { id: string; title: string; url: string | null; source: string | null; publishedAt: string | null };
  status: string;
  finalLabel: string | null;
  settledBy: string | null;
  round: number;
  verdictCount: number;
  agreement: number | null;
  reviewerIds: string[];
  adjudicatorId: string | null;
  sourceUrls: string[];
  finalizedAt: string | null;
  verdicts?: {
    reviewerId: string;
    round: number;
    label: string;
    rationale: string | null;
    sources: EvidenceSource[];
    confidence: number;
    createdAt: string;
  }[];
}

/** How many rows an export with some filters would carry now, and the cursor it would end at. */
export interface ExportCount {
  rows: number;
  cursor: string;
}
