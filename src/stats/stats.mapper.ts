import { ThroughputDto, VerdictRateDto } from './dtos/activity.dto';
import { AgreementDto, PairKappaDto, PooledKappaDto } from './dtos/agreement.dto';
import { QueueWorkloadDto } from './dtos/queue-workload.dto';
import { Agreement, PairKappa, PooledKappa, QueueWorkload, Throughput, VerdictRate } from './stats.types';

const toPooledKappaDto = (k: PooledKappa): PooledKappaDto => ({ kappa: k.kappa, pairs: k.pairs, units: k.units });

const toPairKappaDto = (p: PairKappa): PairKappaDto => ({
  reviewerA: p.reviewerA,
  reviewerB: p.reviewerB,
  units: p.units,
  observed: p.observed,
  kappa: p.kappa,
});

export function toAgreementDto(a: Agreement): AgreementDto {
  return {
    queue: a.queue,
    from: a.from,
    to: a.to,
    minSharedUnits: a.minSharedUnits,
    units: a.units,
    verdicts: a.verdicts,
    alpha: a.alpha,
    kappa: toPooledKappaDto(a.kappa),
    pairs: a.pairs.map(toPairKappaDto),
    queues: a.queues.map((q) => ({
      queue: q.queue,
      units: q.units,
      verdicts: q.verdicts,
      alpha: q.alpha,
      kappa: toPooledKappaDto(q.kappa),
    })),
    reviewers: a.reviewers.map((r) => ({
      reviewerId: r.reviewerId,
      displayName: r.displayName,
      verdicts: r.verdicts,
      finalVerdicts: r.finalVerdicts,
      medianSecondsToVerdict: r.medianSecondsToVerdict,
      agreementWithFinal: r.agreementWithFinal,
      kappa: toPooledKappaDto(r.kappa),
    })),
  };
}

export function toVerdictRateDto(r: VerdictRate): VerdictRateDto {
  return {
    queue: r.queue,
    from: r.from,
    to: r.to,
    buckets: r.buckets.map((b) => ({
      start: b.start,
      verdicts: b.verdicts,
      verified: b.verified,
      disputed: b.disputed,
      unverifiable: b.unverifiable,
    })),
  };
}

export function toThroughputDto(t: Throughput): ThroughputDto {
  return {
    queue: t.queue,
    from: t.from,
    to: t.to,
    reviewers: t.reviewers.map((r) => ({
      reviewerId: r.reviewerId,
      displayName: r.displayName,
      role: r.role,
      verdicts: r.verdicts,
      verdictsLast24h: r.verdictsLast24h,
      skips: r.skips,
      activeHours: r.activeHours,
      medianSecondsToVerdict: r.medianSecondsToVerdict,
      lastVerdictAt: r.lastVerdictAt,
      verdictsPerActiveHour: r.verdictsPerActiveHour,
    })),
  };
}

export function toQueueWorkloadDto(w: QueueWorkload): QueueWorkloadDto {
  return {
    queue: w.queue,
    active: w.active,
    depth: w.depth,
    inReview: w.inReview,
    awaitingAdjudication: w.awaitingAdjudication,
    oldestWaitingSeconds: w.oldestWaitingSeconds,
    verdictsLastHour: w.verdictsLastHour,
    verdictsPerHourLast24h: w.verdictsPerHourLast24h,
  };
}
