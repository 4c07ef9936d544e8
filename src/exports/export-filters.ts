/** What one export selects, resolved from the query (cursor decoded, queue slug turned into its id). */
export interface ExportFilters {
  statuses: string[];
  /** Snapshot horizon: rows changed by transactions at or above it wait for the next poll. */
  horizon: string;
  since?: string;
  from?: string;
  to?: string;
  source?: string;
  articleId?: string;
  claimId?: string;
  queueId?: string;
  reviewerId?: string;
  includeVerdicts: boolean;
}

/** csv: one text column per field; json: one column holding the claim's lineage as JSON text. */
export type Projection = 'csv' | 'json';

export const CSV_COLUMNS = [
  'claimId',
  'text',
  'start',
  'end',
  'speaker',
  'articleId',
  'articleTitle',
  'articleUrl',
  'articleSource',
  'articlePublishedAt',
  'status',
  'finalLabel',
  'settledBy',
  'round',
  'verdictCount',
  'agreement',
  'reviewerIds',
  'adjudicatorId',
  'sourceUrls',
  'finalizedAt',
] as const;
