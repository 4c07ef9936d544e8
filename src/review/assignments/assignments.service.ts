import { Injectable } from '@nestjs/common';
import { AuthUser } from '../../common/decorators/current-user.decorator';
import { isUniqueViolation } from '../../common/errors/pg-errors';
import { TransactionContext } from '../../database/transaction-context';
import { ReviewStateRepository } from '../review-state.repository';
import {
  Assignment,
  AssignmentState,
  AssignmentView,
  AvailabilityCounts,
  EmptyReason,
  Lease,
  QueueAvailability,
  SkipResult,
} from './assignment.types';
import { AssignmentsRepository } from './assignments.repository';
import { paragraphAround } from './paragraph';
import { QueueException } from '../queues/queue.exception';
import { QueuesService } from '../queues/queues.service';

/** Leases: pulling the next claim, keeping a lease alive, giving it back. */
@Injectable()
export class AssignmentsService {
  constructor(
    private readonly queues: QueuesService,
    private readonly assignments: AssignmentsRepository,
    private readonly reviewState: ReviewStateRepository,
    private readonly tx: TransactionContext,
  ) {}

  /** The caller's next claim in the queue under a fresh lease (or the lease they already hold); null when none. */
  async pull(user: AuthUser, slug: string): Promise<Assignment | null> {
    const queue = await this.queues.pullable(user, slug);
    const pull = () => this.reviewState.pull(user.id, queue.id, queue.verdictsRequired, queue.leaseSeconds);
    let lease;
    try {
      lease = await pull();
    } catch (error) {
      // Two pulls by one reviewer raced: the other one's lease is the answer (one lease per reviewer per queue).
      if (!isUniqueViolation(error, 'assignments_one_active_per_queue_key')) throw error;
      lease = await pull();
    }
    return lease && withParagraph(lease);
  }

  /** What a pull from the queue would give the caller now, and when nothing, why (the empty-queue screen says it). */
  async availability(user: AuthUser, slug: string): Promise<QueueAvailability> {
    const queue = await this.queues.pullable(user, slug);
    const counts = await this.assignments.availability(user.id, queue.id, queue.verdictsRequired);
    return { queue: queue.slug, reason: emptyReason(counts), ...counts };
  }

  async mine(user: AuthUser): Promise<Assignment[]> {
    const ids = await this.assignments.liveIdsOf(user.id);
    return ids.length ? (await this.assignments.view(ids)).map(withParagraph) : [];
  }

  heartbeat(user: AuthUser, assignmentId: string): Promise<Lease> {
    return this.tx.run(async () => {
      const assignment = await this.lockOwn(user, assignmentId);
      if (!assignment.live)
        throw new QueueException('LEASE_EXPIRED', 'The lease has expired; pull again', {
          leaseExpiresAt: assignment.leaseExpiresAt,
        });
      return {
        id: assignment.id,
        leaseExpiresAt: await this.reviewState.extendLease(assignment.id, assignment.leaseSeconds),
      };
    });
  }

  skip(user: AuthUser, assignmentId: string, reason?: string): Promise<SkipResult> {
    return this.tx.run(async () => {
      const assignment = await this.lockOwn(user, assignmentId);
      return {
        id: assignment.id,
        claimStatus: await this.reviewState.skip(assignment.id, user.id, reason?.trim() || null),
      };
    });
  }

  /** Reads an assignment of the caller's without locking it (404 unknown, 403 someone else's). */
  async findMine(user: AuthUser, assignmentId: string): Promise<AssignmentState> {
    return this.ownedBy(user, assignmentId, await this.assignments.read(assignmentId));
  }

  private async lockOwn(user: AuthUser, assignmentId: string): Promise<AssignmentState> {
    const assignment = this.ownedBy(user, assignmentId, await this.reviewState.lockAssignment(assignmentId));
    this.assertOpen(assignment);
    return assignment;
  }

  private ownedBy(user: AuthUser, assignmentId: string, assignment: AssignmentState | null): AssignmentState {
    if (!assignment) throw new QueueException('ASSIGNMENT_NOT_FOUND', `Assignment ${assignmentId} not found`);
    if (assignment.userId !== user.id)
      throw new QueueException('ASSIGNMENT_NOT_YOURS', 'This assignment belongs to another reviewer');
    return assignment;
  }

  /** 409 unless the assignment is still open in the claim's current round. */
  assertOpen(assignment: AssignmentState): void {
    // ended by the lease sweep (or a later pull) after it lapsed: the same answer as for a lapsed, still active one
    if (assignment.status === 'expired')
      throw new QueueException('LEASE_EXPIRED', 'The lease has expired; pull again', {
        leaseExpiresAt: assignment.leaseExpiresAt,
      });
    if (assignment.status !== 'active' || assignment.round !== assignment.claimRound) {
      throw new QueueException('ASSIGNMENT_CLOSED', `This assignment is ${assignment.status}`, {
        status: assignment.status,
      });
    }
  }
}

/** The lease with the paragraph around its claim (cut here, not in SQL). */
function withParagraph(view: AssignmentView): Assignment {
  return {
    id: view.id,
    queue: view.queue,
    guidelines: view.guidelines,
    round: view.round,
    leaseExpiresAt: new Date(view.leaseExpiresAt),
    claim: view.claim,
    article: { ...view.article, paragraph: paragraphAround(view.article.body, view.claim.start, view.claim.end) },
  };
}

function emptyReason(c: AvailabilityCounts): EmptyReason {
  if (c.available > 0 || c.heldByYou > 0) return 'available';
  if (c.heldByOthers > 0) return 'held_by_others';
  if (c.reservedForOthers > 0) return 'reserved_for_others';
  if (c.judgedByYou > 0) return 'already_judged';
  return 'nothing_left';
}
