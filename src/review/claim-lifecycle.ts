import { DomainException } from '../common/errors/domain.exception';

export enum ClaimStatus {
  Pending = 'pending',
  Queued = 'queued',
  InReview = 'in_review',
  NeedsAdjudication = 'needs_adjudication',
  Verified = 'verified',
  Disputed = 'disputed',
  Unverifiable = 'unverifiable',
  Rejected = 'rejected',
}

export type FinalLabel = ClaimStatus.Verified | ClaimStatus.Disputed | ClaimStatus.Unverifiable;
export const FINAL_LABELS: readonly FinalLabel[] = [
  ClaimStatus.Verified,
  ClaimStatus.Disputed,
  ClaimStatus.Unverifiable,
];
export const CLAIM_STATUSES = Object.values(ClaimStatus);
/** Before any review work: the claim may still be edited, rejected, or deleted with its article. */
export const PRE_REVIEW: readonly ClaimStatus[] = [ClaimStatus.Pending, ClaimStatus.Queued, ClaimStatus.Rejected];
/** States in which a claim sits in a queue and can be pulled. */
export const PULLABLE: readonly ClaimStatus[] = [
  ClaimStatus.Queued,
  ClaimStatus.InReview,
  ClaimStatus.NeedsAdjudication,
];
/** Of those, the states in which a claim waits for a lease (the depth of a queue; an adjudication queue's are escalated). */
export const WAITING: readonly ClaimStatus[] = [ClaimStatus.Queued, ClaimStatus.NeedsAdjudication];

export const isFinal = (status: string): status is FinalLabel => (FINAL_LABELS as readonly string[]).includes(status);

/**
 * The claim life cycle, in one place. Each event names the states it may start from and where it leads
 * (`final` = one of the verdict labels). Services check here before writing, and the statements of
 * ReviewStateRepository guard their writes with the same lists (`sqlFrom`, `sqlTo`), generated from this table.
 */
const EVENTS = {
  route: { from: [ClaimStatus.Pending, ClaimStatus.Queued], to: ClaimStatus.Queued },
  start_review: { from: [ClaimStatus.Queued], to: ClaimStatus.InReview },
  requeue: { from: [ClaimStatus.InReview], to: ClaimStatus.Queued },
  consensus: { from: [ClaimStatus.InReview], to: 'final' },
  escalate: { from: [ClaimStatus.InReview], to: ClaimStatus.NeedsAdjudication },
  resolve: {
    from: [ClaimStatus.Pending, ClaimStatus.Queued, ClaimStatus.InReview, ClaimStatus.NeedsAdjudication],
    to: 'final',
  },
  reopen: { from: [...FINAL_LABELS], to: ClaimStatus.Queued },
  reject: { from: [ClaimStatus.Pending, ClaimStatus.Queued], to: ClaimStatus.Rejected },
} as const satisfies Record<string, { from: readonly ClaimStatus[]; to: ClaimStatus | 'final' }>;

export type ClaimEvent = keyof typeof EVENTS;

export class ClaimStateException extends DomainException<'ILLEGAL_TRANSITION'> {
  get status(): number {
    return 409;
  }
}

export function allowedFrom(event: ClaimEvent): readonly ClaimStatus[] {
  return EVENTS[event].from;
}

/** The states a claim may be routed from (a bulk route's `status` filter takes one of them). */
export type RoutableStatus = (typeof EVENTS)['route']['from'][number];

/** Returns the state `event` leads to from `current`, or throws 409 naming the current state. */
export function transition(event: ClaimEvent, current: string, label?: FinalLabel): ClaimStatus {
  const rule = EVENTS[event];
  if (!(rule.from as readonly string[]).includes(current)) {
    throw new ClaimStateException(
      'ILLEGAL_TRANSITION',
      `Cannot ${event.replace('_', ' ')} a claim that is ${current}`,
      { status: current, event },
    );
  }
  if (rule.to !== 'final') return rule.to;
  if (!label) throw new Error(`${event} needs a final label`);
  return label;
}

/** Statuses as an SQL list, `('queued', 'in_review')`, for statements (the values are this file's constants). */
export function sqlStatuses(statuses: readonly ClaimStatus[]): string {
  return `(${statuses.map((s) => `'${s}'`).join(', ')})`;
}

/** The states `event` may start from, as an SQL list: `status IN ${sqlFrom('reopen')}`. */
export function sqlFrom(event: ClaimEvent): string {
  return sqlStatuses(allowedFrom(event));
}

/** The state `event` leads to, as an SQL literal (events that end in a verdict label take it as a parameter). */
export function sqlTo(event: Exclude<ClaimEvent, 'consensus' | 'resolve'>): string {
  return `'${EVENTS[event].to}'`;
}
