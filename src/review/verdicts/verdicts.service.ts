import { Injectable } from '@nestjs/common';
import { AuthUser } from '../../common/decorators/current-user.decorator';
import { ClaimEvent, ClaimStatus, FinalLabel, isFinal, transition } from '../claim-lifecycle';
import { AssignmentState } from '../assignments/assignment.types';
import { AssignmentsService } from '../assignments/assignments.service';
import { QueueException } from '../queues/queue.exception';
import { ADJUDICATION_QUEUE } from '../queues/queue-slugs';
import { QueuesService } from '../queues/queues.service';
import { Role } from '../../users/role';
import { Page } from '../../common/http/page.dto';
import { VerdictException } from './verdict.exception';
import { ReviewStateRepository } from '../review-state.repository';
import { VerdictWrite } from '../review-state.types';
import { MyVerdict, SubmittedVerdict, Verdict, VerdictInput } from './verdict.types';
import { VerdictsRepository } from './verdicts.repository';

const MAX_ATTEMPTS = 20;

@Injectable()
export class VerdictsService {
  constructor(
    private readonly assignments: AssignmentsService,
    private readonly verdicts: VerdictsRepository,
    private readonly reviewState: ReviewStateRepository,
    private readonly queues: QueuesService,
  ) {}

  /**
   * Records a reviewer's verdict on their lease. The K-th verdict of the round settles the claim in the same
   * statement: unanimous → that label (consensus), otherwise → the adjudication queue. A verdict on an
   * adjudication lease settles the claim (adjudication). A retry with the same Idempotency-Key returns the
   * first result; any other second verdict on the assignment is a 409.
   *
   * Optimistic: the outcome is decided on an unlocked read and written by one statement that applies only if
   * what it was decided on still holds (see VERDICT in review-state.repository.ts); otherwise it is decided again on fresh rows. No lock
   * is held across a round trip.
   */
  async submit(
    user: AuthUser,
    assignmentId: string,
    input: VerdictInput,
    idempotencyKey: string | null,
  ): Promise<SubmittedVerdict> {
    for (let attempt = 1; ; attempt++) {
      const assignment = await this.assignments.findMine(user, assignmentId);
      if (assignment.status === 'submitted') return this.replay(assignment, idempotencyKey);
      this.assignments.assertOpen(assignment);
      if (!assignment.live)
        throw new QueueException('LEASE_EXPIRED', 'The lease has expired; pull the claim again', {
          leaseExpiresAt: assignment.leaseExpiresAt,
        });
      const claim = await this.outcome(assignment, input.label, user);
      const verdict = await this.reviewState.recordVerdict({
        assignmentId,
        userId: user.id,
        label: input.label,
        rationale: input.rationale ?? null,
        sources: input.sources,
        confidence: input.confidence,
        idempotencyKey,
        decidedOn: { claimStatus: assignment.claimStatus, roundLabels: assignment.roundLabels },
        claim,
      });
      if (verdict) return { ...verdict, claimStatus: claim.status };
      // Each lost race means another verdict or an editor's action landed on the claim: a handful at most.
      if (attempt === MAX_ATTEMPTS)
        throw new VerdictException('VERDICT_CONFLICT', 'The claim kept changing while the verdict was written; retry');
    }
  }

  /** Blind review: until a claim is final a reviewer sees only their own verdicts; editors and admins see all. */
  async forClaim(user: AuthUser, claimId: string): Promise<Verdict[]> {
    const status = await this.verdicts.claimStatus(claimId);
    if (!status) throw new VerdictException('CLAIM_NOT_FOUND', `Claim ${claimId} not found`);
    const seesAll = user.role !== Role.Reviewer || isFinal(status);
    return this.verdicts.forClaim(claimId, seesAll ? undefined : user.id);
  }

  async mine(user: AuthUser, page: { limit: number; offset: number }): Promise<Page<MyVerdict>> {
    return {
      ...(await this.verdicts.byReviewer(user.id, page.limit, page.offset)),
      limit: page.limit,
      offset: page.offset,
    };
  }

  /** What the claim becomes with this verdict, from the current claim row. */
  private async outcome(a: AssignmentState, label: FinalLabel, user: AuthUser): Promise<VerdictWrite['claim']> {
    const labels = [...a.roundLabels, label];
    const settle = (
      event: ClaimEvent,
      next: ClaimStatus,
      source: 'consensus' | 'adjudication' | null,
      moveToQueueId: string | null = null,
    ) => ({
      status: next,
      roundLabels: next === ClaimStatus.NeedsAdjudication ? [] : labels,
      finalLabel: isFinal(next) ? next : null,
      resolutionSource: source,
      adjudicatorId: source === 'adjudication' ? user.id : null,
      moveToQueueId,
      transition: { action: `claim.${event}` as const, before: a.claimStatus },
    });
    if (a.claimStatus === ClaimStatus.NeedsAdjudication)
      return settle('resolve', transition('resolve', a.claimStatus, label), 'adjudication');
    if (labels.length < a.verdictsRequired) {
      return {
        status: a.claimStatus,
        roundLabels: labels,
        finalLabel: null,
        resolutionSource: null,
        adjudicatorId: null,
        moveToQueueId: null,
        transition: null,
      };
    }
    if (new Set(labels).size === 1)
      return settle('consensus', transition('consensus', a.claimStatus, label), 'consensus');
    // No adjudication queue (never so after the migrations): the claim waits where it is, as before.
    const adjudication = await this.queues.find(ADJUDICATION_QUEUE);
    return settle('escalate', transition('escalate', a.claimStatus), null, adjudication?.id ?? null);
  }

  private async replay(assignment: AssignmentState, idempotencyKey: string | null): Promise<SubmittedVerdict> {
    const existing = await this.verdicts.findByAssignment(assignment.id);
    if (existing && idempotencyKey && existing.idempotencyKey === idempotencyKey) {
      const { idempotencyKey: _key, ...verdict } = existing;
      return { ...verdict, claimStatus: (await this.verdicts.claimStatus(assignment.claimId))! };
    }
    throw new VerdictException('VERDICT_ALREADY_SUBMITTED', 'A verdict was already submitted for this assignment', {
      verdictId: existing?.id,
    });
  }
}
