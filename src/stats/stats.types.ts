import { Coincidence } from './krippendorff-alpha';

// What the repository reads: aggregates only (the formulas run in the service on these few rows).

export interface AgreementFilter {
  queueId: string | null;
  from: Date | null;
  to: Date | null;
}

/** Coincidences of one queue's units, or (queueId null) of all units whatever the queue. */
export interface QueueCoincidence extends Coincidence {
  queueId: string | null;
}

export interface UnitCounts {
  queueId: string | null;
  queue: string | null;
  units: number;
  verdicts: number;
}

export interface PairCell {
  /** The pair's table over one queue's units, or (null) over all units whatever the queue. */
  queueId: string | null;
  reviewerA: string;
  reviewerB: string;
  labelA: string;
  labelB: string;
  n: number;
}

export interface ReviewerRow {
  reviewerId: string;
  displayName: string;
  verdicts: number;
  finalVerdicts: number;
  agreeingVerdicts: number;
  medianSecondsToVerdict: number | null;
}

export interface ActivityFilter {
  queueId: string | null;
  days: number;
}

export interface HourBucketRow {
  start: Date;
  verdicts: number;
  verified: number;
  disputed: number;
  unverifiable: number;
}

export interface ThroughputRow {
  reviewerId: string;
  displayName: string;
  role: string;
  verdicts: number;
  verdictsLast24h: number;
  skips: number;
  activeHours: number;
  medianSecondsToVerdict: number | null;
  lastVerdictAt: Date | null;
}

export interface QueueBacklog {
  queue: string;
  depth: number;
  inReview: number;
  awaitingAdjudication: number;
  oldestWaitingSeconds: number | null;
}

export interface QueueWorkloadRow extends QueueBacklog {
  active: boolean;
  verdictsLastHour: number;
  verdictsLast24h: number;
}

/** The agreement report's input: a queue slug, an ISO time range and the pairs' minimum of shared claims. */
export interface AgreementQuery {
  queue?: string;
  from?: string;
  to?: string;
  minSharedUnits: number;
}

/** Recent activity's input: a queue slug and how many days back. */
export interface ActivityQuery {
  queue?: string;
  days: number;
}

export interface PairKappa {
  reviewerA: string;
  reviewerB: string;
  units: number;
  observed: number | null;
  kappa: number | null;
}

export interface PooledKappa {
  kappa: number | null;
  pairs: number;
  units: number;
}

export interface QueueAgreement {
  queue: string;
  units: number;
  verdicts: number;
  alpha: number | null;
  kappa: PooledKappa;
}

export interface ReviewerAgreement {
  reviewerId: string;
  displayName: string;
  verdicts: number;
  finalVerdicts: number;
  agreementWithFinal: number | null;
  medianSecondsToVerdict: number | null;
  kappa: PooledKappa;
}

/** Inter-reviewer agreement over one snapshot: overall, per queue, per pair and per reviewer. */
export interface Agreement {
  queue: string | null;
  from: string | null;
  to: string | null;
  minSharedUnits: number;
  units: number;
  verdicts: number;
  alpha: number | null;
  kappa: PooledKappa;
  pairs: PairKappa[];
  queues: QueueAgreement[];
  reviewers: ReviewerAgreement[];
}

/** The window activity figures cover, as the database clock saw it (ISO times). */
export interface ActivityWindow {
  queue: string | null;
  from: string;
  to: string;
}

export interface HourBucket {
  start: string;
  verdicts: number;
  verified: number;
  disputed: number;
  unverifiable: number;
}

export interface VerdictRate extends ActivityWindow {
  buckets: HourBucket[];
}

export interface ReviewerThroughput extends Omit<ThroughputRow, 'lastVerdictAt'> {
  verdictsPerActiveHour: number | null;
  lastVerdictAt: string | null;
}

export interface Throughput extends ActivityWindow {
  reviewers: ReviewerThroughput[];
}

export interface QueueWorkload extends Omit<QueueWorkloadRow, 'verdictsLast24h'> {
  verdictsPerHourLast24h: number;
}
