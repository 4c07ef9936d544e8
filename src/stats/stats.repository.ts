import { Injectable } from '@nestjs/common';
import { ReadReplica } from '../database/read-replica.service';
import { ClaimStatus, PULLABLE, sqlStatuses, WAITING } from '../review/claim-lifecycle';
import { ADJUDICATION_QUEUE } from '../review/queues/queue-slugs';
import { shownAtOrAfter, shownAtOrBefore } from '../common/sql/shown-time-range';
import {
  ActivityFilter,
  AgreementFilter,
  HourBucketRow,
  PairCell,
  QueueBacklog,
  QueueCoincidence,
  QueueWorkloadRow,
  ReviewerRow,
  ThroughputRow,
  UnitCounts,
} from './stats.types';

/** Per queue id: claims waiting (queued or awaiting adjudication), in review, awaiting adjudication, the oldest wait. */
const BACKLOG = `
  backlog AS (
    SELECT queue_id,
           count(*) FILTER (WHERE status IN ${sqlStatuses(WAITING)})::int AS depth,
           count(*) FILTER (WHERE status IN ${sqlStatuses([ClaimStatus.InReview])})::int AS in_review,
           count(*) FILTER (WHERE status IN ${sqlStatuses([ClaimStatus.NeedsAdjudication])})::int AS awaiting,
           min(queued_at) FILTER (WHERE status IN ${sqlStatuses(WAITING)}) AS oldest
    FROM claims WHERE status IN ${sqlStatuses(PULLABLE)} GROUP BY queue_id
  )`;
const BACKLOG_COLUMNS = `coalesce(b.depth, 0) AS depth, coalesce(b.in_review, 0) AS "inReview", coalesce(b.awaiting, 0) AS "awaitingAdjudication",
  floor(extract(epoch FROM now() - b.oldest))::int AS "oldestWaitingSeconds"`;

/**
 * Review verdicts ($1 queue, $2 from, $3 to, both inclusive at the shown millisecond). An adjudicator's verdict is left out: it is given
 * after seeing the reviewers disagree, so it is a resolution, not an independent rating.
 */
const REVIEW_VERDICTS = `
  rv AS (
    SELECT v.id, v.claim_id, v.round, v.user_id, v.label, v.created_at, a.queue_id, a.leased_at
    FROM verdicts v
    JOIN assignments a ON a.id = v.assignment_id
    JOIN queues q ON q.id = a.queue_id
    WHERE q.slug <> '${ADJUDICATION_QUEUE}'
      AND ($1::uuid IS NULL OR a.queue_id = $1)
      AND ($2::timestamptz IS NULL OR ${shownAtOrAfter('v.created_at', '$2')})
      AND ($3::timestamptz IS NULL OR ${shownAtOrBefore('v.created_at', '$3')})
  )`;

/**
 * n_uc per unit and label, where a unit is (claim, round) within one queue (queue_id set) or across queues
 * (queue_id NULL), with m_u = the unit's number of values; only pairable units (m_u ≥ 2) are kept.
 * Each verdict is counted under both scopes through a VALUES list, not GROUPING SETS: on Postgres < 18 a
 * `queue_id = $1` filter lets the planner treat queue_id as a constant and mix the grouping sets' NULL rows into the
 * queue's (split units came out with m_u = 1).
 */
const PAIRABLE_CELLS = `
  ${REVIEW_VERDICTS},
  counts AS (
    SELECT s.queue_id, rv.claim_id, rv.round, rv.label, count(*)::int AS n
    FROM rv CROSS JOIN LATERAL (VALUES (rv.queue_id), (NULL::uuid)) AS s (queue_id)
    GROUP BY s.queue_id, rv.claim_id, rv.round, rv.label
  ),
  cells AS (SELECT *, sum(n) OVER (PARTITION BY queue_id, claim_id, round)::int AS m FROM counts),
  pairable AS (SELECT * FROM cells WHERE m >= 2)`;

/** `days` (a placeholder) days of whole UTC hours ending with the current one, as one row: since (the first hour's start) and now. */
const windowCte = (days: string) => `
  w AS (SELECT date_trunc('hour', now(), 'UTC') - make_interval(hours => ${days}::int * 24 - 1) AS since, now() AS now)`;

/**
 * Aggregates only: the coincidence matrices, pair confusion tables and per-reviewer figures are built in SQL.
 * Statistics may lag by REPLICA_MAX_LAG_MS: they read the replica when there is one (see ReadReplica).
 */
@Injectable()
export class StatsRepository {
  constructor(private readonly reads: ReadReplica) {}

  async queueIdBySlug(slug: string): Promise<string | null> {
    const [row] = await this.reads.query<{ id: string }>(`SELECT id FROM queues WHERE slug = $1`, [slug]);
    return row?.id ?? null;
  }

  /** o_ck = Σ_u (n_uc · n_uk − [c = k] · n_uc) / (m_u − 1), per queue and over all queues. */
  coincidences(f: AgreementFilter): Promise<QueueCoincidence[]> {
    return this.reads.query(
      `WITH ${PAIRABLE_CELLS}
       SELECT c1.queue_id AS "queueId", c1.label AS a, c2.label AS b,
              sum((c1.n * c2.n - CASE WHEN c1.label = c2.label THEN c1.n ELSE 0 END)::float8 / (c1.m - 1)) AS count
       FROM pairable c1
       JOIN pairable c2 ON c2.queue_id IS NOT DISTINCT FROM c1.queue_id AND c2.claim_id = c1.claim_id AND c2.round = c1.round
       GROUP BY c1.queue_id, c1.label, c2.label`,
      params(f),
    );
  }

  unitCounts(f: AgreementFilter): Promise<UnitCounts[]> {
    return this.reads.query(
      `WITH ${PAIRABLE_CELLS}
       SELECT p.queue_id AS "queueId", q.slug AS queue, count(DISTINCT (p.claim_id, p.round))::int AS units, sum(p.n)::int AS verdicts
       FROM pairable p LEFT JOIN queues q ON q.id = p.queue_id
       GROUP BY p.queue_id, q.slug ORDER BY q.slug NULLS FIRST`,
      params(f),
    );
  }

  /**
   * Each pair's confusion table (first reviewer = the smaller id) over all units and, for units both rated within
   * one queue, over that queue's; only pairs sharing at least `minUnits` units in that scope.
   */
  pairTables(f: AgreementFilter, minUnits: number): Promise<PairCell[]> {
    return this.reads.query(
      `WITH ${REVIEW_VERDICTS},
       cells AS (
         SELECT s.queue_id, r1.user_id AS reviewer_a, r2.user_id AS reviewer_b, r1.label AS label_a, r2.label AS label_b, count(*)::int AS n
         FROM rv r1 JOIN rv r2 ON r2.claim_id = r1.claim_id AND r2.round = r1.round AND r2.user_id > r1.user_id
         CROSS JOIN LATERAL (SELECT NULL::uuid UNION ALL SELECT r1.queue_id WHERE r1.queue_id = r2.queue_id) AS s (queue_id)
         GROUP BY 1, 2, 3, 4, 5
       ),
       shared AS (SELECT *, sum(n) OVER (PARTITION BY queue_id, reviewer_a, reviewer_b) AS units FROM cells)
       SELECT queue_id AS "queueId", reviewer_a AS "reviewerA", reviewer_b AS "reviewerB", label_a AS "labelA", label_b AS "labelB", n
       FROM shared WHERE units >= $4 ORDER BY queue_id NULLS FIRST, reviewer_a, reviewer_b`,
      [...params(f), minUnits],
    );
  }

  /**
   * Per reviewer, over all their review verdicts in the filter (not only pairable ones). Agreement with the final
   * label counts only verdicts of the round that was finalized: after a reopening, an earlier round's verdicts
   * answered a different question.
   */
  reviewers(f: AgreementFilter): Promise<ReviewerRow[]> {
    return this.reads.query(
      `WITH ${REVIEW_VERDICTS}
       SELECT rv.user_id AS "reviewerId", u.display_name AS "displayName", count(*)::int AS verdicts,
              count(*) FILTER (WHERE c.final_label IS NOT NULL AND c.round = rv.round)::int AS "finalVerdicts",
              count(*) FILTER (WHERE c.final_label = rv.label AND c.round = rv.round)::int AS "agreeingVerdicts",
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM rv.created_at - rv.leased_at)::float8) AS "medianSecondsToVerdict"
       FROM rv JOIN claims c ON c.id = rv.claim_id JOIN users u ON u.id = rv.user_id
       GROUP BY rv.user_id, u.display_name ORDER BY verdicts DESC, rv.user_id`,
      params(f),
    );
  }

  /** now() is the transaction's start: the same in every statement of one snapshot. */
  async activityWindow(days: number): Promise<{ since: Date; now: Date }> {
    const [row] = await this.reads.query<{ since: Date; now: Date }>(
      `WITH ${windowCte('$1')} SELECT since, now FROM w`,
      [days],
    );
    return row;
  }

  /** Verdicts (review and adjudication) per UTC hour of the window, oldest first, empty hours included. */
  verdictsPerHour(f: ActivityFilter): Promise<HourBucketRow[]> {
    return this.reads.query(
      `WITH ${windowCte('$2')},
       hours AS (SELECT generate_series(w.since, w.now, interval '1 hour') AS start FROM w),
       recent AS (
         SELECT date_trunc('hour', v.created_at, 'UTC') AS start, v.label
         FROM w, verdicts v JOIN assignments a ON a.id = v.assignment_id
         WHERE v.created_at >= w.since AND ($1::uuid IS NULL OR a.queue_id = $1)
       )
       SELECT h.start, count(r.label)::int AS verdicts,
              count(*) FILTER (WHERE r.label = 'verified')::int AS verified,
              count(*) FILTER (WHERE r.label = 'disputed')::int AS disputed,
              count(*) FILTER (WHERE r.label = 'unverifiable')::int AS unverifiable
       FROM hours h LEFT JOIN recent r ON r.start = h.start
       GROUP BY h.start ORDER BY h.start`,
      [f.queueId, f.days],
    );
  }

  /** Per person, their verdicts and skips in the window. */
  throughput(f: ActivityFilter): Promise<ThroughputRow[]> {
    return this.reads.query(
      `WITH ${windowCte('$2')},
       given AS (
         SELECT v.user_id,
                count(*)::int AS verdicts,
                count(*) FILTER (WHERE v.created_at > now() - interval '24 hours')::int AS last_day,
                count(DISTINCT date_trunc('hour', v.created_at, 'UTC'))::int AS active_hours,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM v.created_at - a.leased_at)::float8) AS median_seconds,
                max(v.created_at) AS last_at
         FROM w, verdicts v JOIN assignments a ON a.id = v.assignment_id
         WHERE v.created_at >= w.since AND ($1::uuid IS NULL OR a.queue_id = $1)
         GROUP BY v.user_id
       ),
       skipped AS (
         SELECT a.user_id, count(*)::int AS skips
         FROM w, assignments a
         WHERE a.status = 'skipped' AND a.ended_at >= w.since AND ($1::uuid IS NULL OR a.queue_id = $1)
         GROUP BY a.user_id
       )
       SELECT u.id AS "reviewerId", u.display_name AS "displayName", u.role,
              coalesce(g.verdicts, 0) AS verdicts, coalesce(g.last_day, 0) AS "verdictsLast24h", coalesce(s.skips, 0) AS skips,
              coalesce(g.active_hours, 0) AS "activeHours", g.median_seconds AS "medianSecondsToVerdict", g.last_at AS "lastVerdictAt"
       FROM given g FULL JOIN skipped s ON s.user_id = g.user_id
       JOIN users u ON u.id = coalesce(g.user_id, s.user_id)
       ORDER BY verdicts DESC, skips DESC, u.display_name, u.id`,
      [f.queueId, f.days],
    );
  }

  /** Every queue's backlog now, for the metrics scrape (one pass over the pullable claims, no verdict counts). */
  backlog(): Promise<QueueBacklog[]> {
    return this.reads.query(
      `WITH ${BACKLOG}
       SELECT q.slug AS queue, ${BACKLOG_COLUMNS} FROM queues q LEFT JOIN backlog b ON b.queue_id = q.id ORDER BY q.slug`,
    );
  }

  /** Every queue's backlog now, and the verdicts given on its leases in the last hour and the last 24 hours. */
  workload(): Promise<QueueWorkloadRow[]> {
    return this.reads.query(
      `WITH ${BACKLOG}, recent AS (
         SELECT a.queue_id,
                count(*) FILTER (WHERE v.created_at > now() - interval '1 hour')::int AS last_hour,
                count(*)::int AS last_day
         FROM verdicts v JOIN assignments a ON a.id = v.assignment_id
         WHERE v.created_at > now() - interval '24 hours' GROUP BY a.queue_id
       )
       SELECT q.slug AS queue, q.active, ${BACKLOG_COLUMNS},
              coalesce(r.last_hour, 0) AS "verdictsLastHour", coalesce(r.last_day, 0) AS "verdictsLast24h"
       FROM queues q LEFT JOIN backlog b ON b.queue_id = q.id LEFT JOIN recent r ON r.queue_id = q.id
       ORDER BY q.routing_order, q.slug`,
    );
  }
}

const params = (f: AgreementFilter) => [f.queueId, f.from, f.to];
