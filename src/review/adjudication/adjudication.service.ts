import { Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import { AuditRecord } from '../../audit/audit.types';
import { AuthUser } from '../../common/decorators/current-user.decorator';
import { ClaimStateException, transition } from '../claim-lifecycle';
import { TransactionContext } from '../../database/transaction-context';
import { ReviewStateRepository } from '../review-state.repository';
import { LockedClaim } from '../review-state.types';
import { DEFAULT_QUEUE } from '../queues/queue-slugs';
import { QueuesRepository } from '../queues/queues.repository';
import { QueuesService } from '../queues/queues.service';
import { VerdictException } from '../verdicts/verdict.exception';
import { AdjudicationCase, ClaimOutcome, Reopening, Ruling } from '../verdicts/verdict.types';
import { VerdictsRepository } from '../verdicts/verdicts.repository';

/** Editors' decisions on a claim: settling it directly, reopening a settled one, reading its history. */
@Injectable()
export class AdjudicationService {
  constructor(
    private readonly claims: ReviewStateRepository,
    private readonly queues: QueuesService,
    private readonly queuesRepo: QueuesRepository,
    private readonly audit: AuditService,
    private readonly tx: TransactionContext,
    private readonly verdicts: VerdictsRepository,
  ) {}

  /**
   * The claim and its round's verdicts side by side. Reviewers are "Reviewer A, B, …" (in the order they judged) so
   * the editor weighs arguments, not people; `reveal` adds who they are and is recorded in the audit log.
   */
  async caseOf(editor: AuthUser, claimId: string, reveal = false): Promise<AdjudicationCase> {
    const found = await this.verdicts.caseClaim(claimId);
    if (!found) throw new VerdictException('CLAIM_NOT_FOUND', `Claim ${claimId} not found`);
    const verdicts = await this.verdicts.roundVerdicts(claimId);
    if (reveal) {
      await this.audit.record({
        actorId: editor.id,
        action: 'claim.reveal_reviewers',
        entity: 'claim',
        entityId: claimId,
        after: { round: found.claim.round },
      });
    }
    return {
      ...found,
      revealed: reveal,
      verdicts: verdicts.map((v, i) => ({
        reviewer: `Reviewer ${reviewerLetter(i)}`,
        reviewerId: reveal ? v.reviewerId : null,
        reviewerName: reveal ? v.reviewerName : null,
        label: v.label,
        rationale: v.rationale,
        sources: v.sources,
        confidence: v.confidence,
        createdAt: v.createdAt,
      })),
    };
  }

  resolve(editor: AuthUser, claimId: string, ruling: Ruling): Promise<ClaimOutcome> {
    return this.tx.run(async () => {
      const claim = await this.lock(claimId);
      const next = transition('resolve', claim.status, ruling.label);
      await this.claims.releaseLeases(claim.id);
      if (
        !(await this.claims.resolve(claim.id, { label: next, adjudicatorId: editor.id, rationale: ruling.rationale }))
      )
        throw illegal('resolve', claim);
      await this.audit.record({
        actorId: editor.id,
        action: 'claim.resolve',
        entity: 'claim',
        entityId: claim.id,
        before: { status: claim.status },
        after: { status: next, rationale: ruling.rationale, round: claim.round },
      });
      return { id: claim.id, status: next, round: claim.round };
    });
  }

  reopen(editor: AuthUser, claimId: string, reopening: Reopening): Promise<ClaimOutcome> {
    return this.tx.run(async () => {
      const claim = await this.lock(claimId);
      const next = transition('reopen', claim.status);
      const queueId = reopening.queue
        ? (await this.queues.get(reopening.queue)).id
        : ((await this.queuesRepo.matchingQueueId(claim.id)) ?? (await this.queues.get(DEFAULT_QUEUE)).id);
      await this.claims.releaseLeases(claim.id);
      const round = await this.claims.reopen(claim.id, queueId);
      if (round === null) throw illegal('reopen', claim);
      await this.audit.record({
        actorId: editor.id,
        action: 'claim.reopen',
        entity: 'claim',
        entityId: claim.id,
        before: { status: claim.status, round: claim.round, label: claim.finalLabel },
        after: { status: next, round, queueId, reason: reopening.reason },
      });
      return { id: claim.id, status: next, round };
    });
  }

  async history(claimId: string): Promise<AuditRecord[]> {
    const rows = await this.audit.historyOf('claim', claimId);
    if (!rows.length && !(await this.claims.exists(claimId)))
      throw new VerdictException('CLAIM_NOT_FOUND', `Claim ${claimId} not found`);
    return rows;
  }

  private async lock(claimId: string): Promise<LockedClaim> {
    const claim = await this.claims.lock(claimId);
    if (!claim) throw new VerdictException('CLAIM_NOT_FOUND', `Claim ${claimId} not found`);
    return claim;
  }
}

/** The locked claim's state was checked by transition(); the statement's own guard refusing it means the two disagree. */
function illegal(event: 'resolve' | 'reopen', claim: LockedClaim): ClaimStateException {
  return new ClaimStateException('ILLEGAL_TRANSITION', `Cannot ${event} a claim that is ${claim.status}`, {
    status: claim.status,
    event,
  });
}

/** A, B, … Z, then AA, AB, … (a round rarely has more than a handful of reviewers). */
function reviewerLetter(index: number): string {
  const letter = String.fromCharCode(65 + (index % 26));
  return index < 26 ? letter : reviewerLetter(Math.floor(index / 26) - 1) + letter;
}
