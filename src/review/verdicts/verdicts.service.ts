import { Injectable } from '@nestjs/common';
import { AuthUser } from '../../common/decorators/current-user.decorator';
import { ClaimEvent, ClaimStatus, FinalLabel, isFinal, transition } from '../claim-lifecycle';
import { AssignmentRow } from '../assignments/assignments.repository';
import { AssignmentsService } from '../assignments/assignments.service';
import { QueueException } from '../queues/queue.exception';
import { ADJUDICATION_QUEUE } from '../queues/queue-slugs';
import { Role } from '../../users/role';
import { MyVerdictsPageDto, SubmitVerdictDto, SubmittedVerdictDto, VerdictDto } from './dtos/verdict.dto';
import { PageQueryDto } from '../../common/http/page.dto';
import { VerdictException } from './verdict.exception';
import { ReviewStateRepository, VerdictWrite } from '../review-state.repository';
import { VerdictsRepository } from './verdicts.repository';

const MAX_ATTEMPTS = 20;

@Injectable()
export class VerdictsService {
  constructor(
    private readonly assignments: AssignmentsService,
    private readonly verdicts: VerdictsRepository,
    private readonly reviewState: ReviewStateRepository,
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
    dto: SubmitVerdictDto,
    idempotencyKey: string | null,
  ): Promise<SubmittedVerdictDto> {
    for (let attempt = 1; ; attempt++) {
      const assignment = await this.assignments.findMine(user, assignmentId);
      if (assignment.status === 'submitted') return this.replay(assignment, idempotencyKey);
      this.assignments.assertOpen(assignment);
      if (!assignment.live)
        throw new QueueException('LEASE_EXPIRED', 'The lease has expired; pull the claim again', {
          leaseExpiresAt: assignment.leaseExpiresAt,
        });
      const claim = this.outcome(assignment, dto.label, user);
      const verdict = await this.reviewState.recordVerdict({
        assignmentId,
        userId: user.id,
        label: dto.label,
        rationale: dto.rationale ?? null,
        sources: dto.sources,
        confidence: dto.confidence,
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
  async forClaim(user: AuthUser, claimId: string): Promise<VerdictDto[]> {
    const status = await this.verdicts.claimStatus(claimId);
    if (!status) throw new VerdictException('CLAIM_NOT_FOUND', `Claim ${claimId} not found`);
    const seesAll = user.role !== Role.Reviewer || isFinal(status);
    return this.verdicts.forClaim(claimId, seesAll ? undefined : user.id);
  }

  async mine(user: AuthUser, page: PageQueryDto): Promise<MyVerdictsPageDto> {
    return {
      ...(await this.verdicts.byReviewer(user.id, page.limit, page.offset)),
      limit: page.limit,
      offset: page.offset,
    };
  }

  /** What the claim becomes with this verdict, from the locked (current) claim row. */
  private outcome(a: AssignmentRow, label: FinalLabel, user: AuthUser): VerdictWrite['claim'] {
    const labels = [...a.roundLabels, label];
    const settle = (
      event: ClaimEvent,
      next: ClaimStatus,
      source: 'consensus' | 'adjudication' | null,
      moveToQueue: string | null = null,
    ) => ({
      status: next,
      roundLabels: next === ClaimStatus.NeedsAdjudication ? [] : labels,
      finalLabel: isFinal(next) ? next : null,
      resolutionSource: source,
      adjudicatorId: source === 'adjudication' ? user.id : null,
      moveToQueue,
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
        moveToQueue: null,
        transition: null,
      };
    }
    if (new Set(labels).size === 1)
      return settle('consensus', transition('consensus', a.claimStatus, label), 'consensus');
    return settle('escalate', transition('escalate', a.claimStatus), null, ADJUDICATION_QUEUE);
  }

  private async replay(assignment: AssignmentRow, idempotencyKey: string | null): Promise<SubmittedVerdictDto> {
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
