import { CSV_COLUMNS, ExportFilters, Projection } from './export-filters';
import { shownAtOrAfter, shownAtOrBefore } from '../common/sql/shown-time-range';
import { sqlStatuses } from '../review/claim-lifecycle';
import { EXPORT_STATUSES } from './export.types';

/** Statuses that can be exported at all (the partial cursor index covers exactly these). */
const EXPORTABLE = sqlStatuses(EXPORT_STATUSES);

// Same text as Date#toISOString, whatever the session time zone.
const iso = (expr: string) => `to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * One pass over the claim's verdicts (index verdicts_claim_round_idx): the current round's figures, and with
 * include=verdicts every round's verdicts. The adjudicator's own ruling is not a reviewer verdict, so it counts
 * neither in verdictCount nor in agreement (its evidence still does). No ORDER BY inside the per-claim aggregates
 * (a sort per claim costs more than the rest of the row): reviewer ids come in index order.
 */
const verdictsLateral = (includeVerdicts: boolean) => `
  CROSS JOIN LATERAL (
    SELECT count(*) FILTER (WHERE cur AND NOT adj)::int AS n,
           count(*) FILTER (WHERE cur AND NOT adj AND v.label = c.final_label)::int AS agreeing,
           array_agg(v.user_id) FILTER (WHERE cur AND NOT adj) AS reviewer_ids,
           jsonb_agg(v.sources) FILTER (WHERE cur) AS sources
           ${
             includeVerdicts
               ? `, json_agg(json_build_object('reviewerId', v.user_id, 'round', v.round, 'label', v.label,
               'rationale', v.rationale, 'sources', v.sources, 'confidence', v.confidence, 'createdAt', ${iso('v.created_at')})
               ORDER BY v.round, v.created_at) AS verdicts`
               : ''
           }
    FROM verdicts v, LATERAL (SELECT v.round = c.round AS cur, v.user_id IS NOT DISTINCT FROM c.adjudicator_id AS adj) f
    WHERE v.claim_id = c.id
  ) vs
  CROSS JOIN LATERAL (
    SELECT coalesce(array_agg(DISTINCT e ->> 'url') FILTER (WHERE e ->> 'url' IS NOT NULL), '{}') AS urls
    FROM jsonb_array_elements(vs.sources) per_verdict, jsonb_array_elements(per_verdict) e
  ) src`;

/** Leads the statement, so pg_stat_activity (which keeps only its first 1 kB) shows what runs. */
export const EXPORT_SQL_TAG = '/* exports.verdicts */';

const AGREEMENT = `round(vs.agreeing::numeric / nullif(vs.n, 0), 4)::float8`;

const CSV_EXPRESSIONS: Record<(typeof CSV_COLUMNS)[number], string> = {
  claimId: 'c.id',
  text: 'c.text',
  start: 'c.start',
  end: 'c."end"',
  speaker: 'c.speaker',
  articleId: 'a.id',
  articleTitle: 'a.title',
  articleUrl: 'a.url',
  articleSource: 'a.source',
  articlePublishedAt: iso('a.published_at'),
  status: 'c.status',
  finalLabel: 'c.final_label',
  settledBy: 'c.resolution_source',
  round: 'c.round',
  verdictCount: 'vs.n',
  agreement: AGREEMENT,
  reviewerIds: `array_to_string(vs.reviewer_ids, ' ')`,
  adjudicatorId: 'c.adjudicator_id',
  sourceUrls: `array_to_string(src.urls, ' ')`,
  finalizedAt: iso('c.finalized_at'),
};

const csvProjection = (includeVerdicts: boolean) =>
  [...Object.entries(CSV_EXPRESSIONS), ...(includeVerdicts ? [['verdicts', `coalesce(vs.verdicts, '[]')`]] : [])]
    .map(([name, expr]) => `${expr}::text AS "${name}"`)
    .join(', ');

// Built by Postgres so Node forwards the text instead of parsing and re-serializing every field.
const jsonProjection = (includeVerdicts: boolean) => `json_build_object(
  'claimId', c.id, 'text', c.text, 'start', c.start, 'end', c."end", 'speaker', c.speaker,
  'article', json_build_object('id', a.id, 'title', a.title, 'url', a.url, 'source', a.source, 'publishedAt', ${iso('a.published_at')}),
  'status', c.status, 'finalLabel', c.final_label, 'settledBy', c.resolution_source, 'round', c.round,
  'verdictCount', vs.n, 'agreement', ${AGREEMENT}, 'reviewerIds', coalesce(vs.reviewer_ids, '{}'), 'adjudicatorId', c.adjudicator_id,
  'sourceUrls', src.urls, 'finalizedAt', ${iso('c.finalized_at')}
  ${includeVerdicts ? `, 'verdicts', coalesce(vs.verdicts, '[]')` : ''})::text AS doc`;

function where(f: ExportFilters): { sql: string; values: unknown[] } {
  const values: unknown[] = [];
  const p = (value: unknown) => `$${values.push(value)}`;
  const conditions = [
    `c.status IN ${EXPORTABLE}`,
    `c.status = ANY(${p(f.statuses)}::text[])`,
    `c.change_xid < ${p(f.horizon)}::xid8`,
  ];
  if (f.since) conditions.push(`c.change_xid >= ${p(f.since)}::xid8`);
  if (f.from) conditions.push(shownAtOrAfter('c.finalized_at', p(f.from)));
  if (f.to) conditions.push(shownAtOrBefore('c.finalized_at', p(f.to)));
  if (f.source) conditions.push(`a.source = ${p(f.source)}`);
  if (f.articleId) conditions.push(`c.article_id = ${p(f.articleId)}::uuid`);
  if (f.claimId) conditions.push(`c.id = ${p(f.claimId)}::uuid`);
  // Escalated claims move to the adjudication queue: a queue also owns the claims leased from it.
  if (f.queueId) {
    const q = p(f.queueId);
    conditions.push(
      `(c.queue_id = ${q}::uuid OR EXISTS (SELECT 1 FROM assignments s WHERE s.claim_id = c.id AND s.queue_id = ${q}::uuid))`,
    );
  }
  if (f.reviewerId)
    conditions.push(
      `EXISTS (SELECT 1 FROM verdicts rv WHERE rv.claim_id = c.id AND rv.user_id = ${p(f.reviewerId)}::uuid)`,
    );
  return { sql: conditions.join('\n    AND '), values };
}

/**
 * The export: one statement, streamed through a cursor, in no particular order (an ORDER BY would sort every row
 * before the first one leaves). Exported so bench/export can run the very same statement through COPY.
 */
export function exportQuery(f: ExportFilters, projection: Projection): { text: string; values: unknown[] } {
  const w = where(f);
  const select = projection === 'csv' ? csvProjection(f.includeVerdicts) : jsonProjection(f.includeVerdicts);
  return {
    text: `${EXPORT_SQL_TAG} SELECT ${select}\n  FROM claims c JOIN articles a ON a.id = c.article_id ${verdictsLateral(f.includeVerdicts)}\n  WHERE ${w.sql}`,
    values: w.values,
  };
}

export function exportCountQuery(f: ExportFilters): { text: string; values: unknown[] } {
  const w = where(f);
  return {
    text: `SELECT count(*)::int AS n FROM claims c JOIN articles a ON a.id = c.article_id WHERE ${w.sql}`,
    values: w.values,
  };
}
