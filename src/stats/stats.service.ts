import { Injectable } from '@nestjs/common';
import { FINAL_LABELS } from '../review/claim-lifecycle';
import { ReadReplica } from '../database/read-replica.service';
import { cohenKappa, pooledKappa } from './cohen-kappa';
import { nominalAlpha } from './krippendorff-alpha';
import { StatsRepository } from './stats.repository';
import { StatsException } from './stats.exception';
import {
  ActivityFilter,
  ActivityQuery,
  Agreement,
  AgreementFilter,
  AgreementQuery,
  PairCell,
  PairKappa,
  PooledKappa,
  QueueAgreement,
  QueueBacklog,
  QueueCoincidence,
  QueueWorkload,
  ReviewerAgreement,
  ReviewerRow,
  Throughput,
  VerdictRate,
} from './stats.types';

/**
 * Reviewer agreement, queue workload and recent activity. SQL returns aggregates only (coincidence matrices, pair confusion tables,
 * per-reviewer counts); the formulas run here on those few rows.
 */
@Injectable()
export class StatsService {
  constructor(
    private readonly stats: StatsRepository,
    private readonly reads: ReadReplica,
  ) {}

  /** Every queue's backlog now, from the primary: the metrics scrape shows the live state, not a replica's lag. */
  backlog(): Promise<QueueBacklog[]> {
    return this.stats.backlog();
  }

  /** All figures come from one snapshot, so overall, per-queue and per-pair numbers describe the same verdicts. */
  agreement(query: AgreementQuery): Promise<Agreement> {
    return this.reads.run(async () => {
      const filter = await this.filter(query);
      const coincidences = await this.stats.coincidences(filter);
      const counts = await this.stats.unitCounts(filter);
      const cells = await this.stats.pairTables(filter, query.minSharedUnits);
      const reviewers = await this.stats.reviewers(filter);
      const overall = counts.find((c) => c.queueId === null);
      const pairs = pairKappas(cells.filter((c) => c.queueId === null));
      const queueKappa = (queueId: string) => pooled(pairKappas(cells.filter((c) => c.queueId === queueId)));
      const reviewerKappa = (id: string) => pooled(pairs.filter((p) => p.reviewerA === id || p.reviewerB === id));
      return {
        queue: query.queue ?? null,
        from: filter.from?.toISOString() ?? null,
        to: filter.to?.toISOString() ?? null,
        minSharedUnits: query.minSharedUnits,
        units: overall?.units ?? 0,
        verdicts: overall?.verdicts ?? 0,
        alpha: alphaOf(coincidences, null),
        kappa: pooled(pairs),
        pairs,
        queues: counts
          .filter((c) => c.queueId !== null)
          .map((c): QueueAgreement => ({
            queue: c.queue!,
            units: c.units,
            verdicts: c.verdicts,
            alpha: alphaOf(coincidences, c.queueId),
            kappa: queueKappa(c.queueId!),
          })),
        reviewers: reviewers.map((r) => ({ ...reviewerAgreement(r), kappa: reviewerKappa(r.reviewerId) })),
      };
    }, 'REPEATABLE READ');
  }

  verdictsPerHour(query: ActivityQuery): Promise<VerdictRate> {
    return this.reads.run(async () => {
      const filter = await this.activityFilter(query);
      const buckets = await this.stats.verdictsPerHour(filter);
      return {
        ...(await this.window(query, filter)),
        buckets: buckets.map((b) => ({ ...b, start: b.start.toISOString() })),
      };
    }, 'REPEATABLE READ');
  }

  throughput(query: ActivityQuery): Promise<Throughput> {
    return this.reads.run(async () => {
      const filter = await this.activityFilter(query);
      const rows = await this.stats.throughput(filter);
      return {
        ...(await this.window(query, filter)),
        reviewers: rows.map((r) => ({
          ...r,
          verdictsPerActiveHour: r.activeHours === 0 ? null : r.verdicts / r.activeHours,
          lastVerdictAt: r.lastVerdictAt?.toISOString() ?? null,
        })),
      };
    }, 'REPEATABLE READ');
  }

  async workload(): Promise<QueueWorkload[]> {
    const rows = await this.stats.workload();
    return rows.map(({ verdictsLast24h, ...row }) => ({ ...row, verdictsPerHourLast24h: verdictsLast24h / 24 }));
  }

  private async filter(query: AgreementQuery): Promise<AgreementFilter> {
    const from = query.from ? new Date(query.from) : null;
    const to = query.to ? new Date(query.to) : null;
    if (from && to && from > to)
      throw new StatsException('STATS_INVALID_RANGE', 'from must not be after to', { from: query.from, to: query.to });
    return { queueId: await this.queueId(query.queue), from, to };
  }

  private async activityFilter(query: ActivityQuery): Promise<ActivityFilter> {
    return { queueId: await this.queueId(query.queue), days: query.days };
  }

  /** The window as the database clock saw it in this snapshot's transaction. */
  private async window(
    query: ActivityQuery,
    filter: ActivityFilter,
  ): Promise<{ queue: string | null; from: string; to: string }> {
    const { since, now } = await this.stats.activityWindow(filter.days);
    return { queue: query.queue ?? null, from: since.toISOString(), to: now.toISOString() };
  }

  private async queueId(slug: string | undefined): Promise<string | null> {
    if (!slug) return null;
    const queueId = await this.stats.queueIdBySlug(slug);
    if (!queueId) throw new StatsException('STATS_QUEUE_NOT_FOUND', `Queue ${slug} not found`);
    return queueId;
  }
}

function pooled(pairs: PairKappa[]): PooledKappa {
  const { kappa, pairs: count, n } = pooledKappa(pairs.map((p) => ({ n: p.units, kappa: p.kappa })));
  return { kappa, pairs: count, units: n };
}

function alphaOf(coincidences: QueueCoincidence[], queueId: string | null): number | null {
  return nominalAlpha(coincidences.filter((c) => c.queueId === queueId));
}

/** Cells arrive ordered by pair; each pair's cells become one confusion table over the verdict labels. */
function pairKappas(cells: PairCell[]): PairKappa[] {
  const index = new Map<string, number>(FINAL_LABELS.map((label, i) => [label, i]));
  const tables = new Map<string, { reviewerA: string; reviewerB: string; table: number[][] }>();
  for (const cell of cells) {
    const key = `${cell.reviewerA}/${cell.reviewerB}`;
    let pair = tables.get(key);
    if (!pair) {
      pair = {
        reviewerA: cell.reviewerA,
        reviewerB: cell.reviewerB,
        table: FINAL_LABELS.map(() => FINAL_LABELS.map(() => 0)),
      };
      tables.set(key, pair);
    }
    pair.table[index.get(cell.labelA)!][index.get(cell.labelB)!] += cell.n;
  }
  return [...tables.values()].map(({ reviewerA, reviewerB, table }) => {
    const { n, observed, kappa } = cohenKappa(table);
    return { reviewerA, reviewerB, units: n, observed, kappa };
  });
}

function reviewerAgreement(r: ReviewerRow): Omit<ReviewerAgreement, 'kappa'> {
  const { agreeingVerdicts, ...rest } = r;
  return { ...rest, agreementWithFinal: r.finalVerdicts === 0 ? null : agreeingVerdicts / r.finalVerdicts };
}
