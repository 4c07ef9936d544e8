import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { ClaimStateException, transition } from './claim-lifecycle';
import { ReviewStateRepository } from './review-state.repository';
import { LockedClaim } from './review-state.types';

/** What other modules may do to a claim's review state: the claims module's content edits lock and reject through it. */
@Injectable()
export class ReviewStateService {
  constructor(
    private readonly state: ReviewStateRepository,
    private readonly audit: AuditService,
  ) {}

  /** Locks the claim row in the caller's transaction (the same lock every review change takes); null when there is none. */
  lock(claimId: string): Promise<LockedClaim | null> {
    return this.state.lock(claimId);
  }

  /** Locks every claim of an article (a verdict locks its claim too, so the two cannot interleave). */
  lockArticleClaims(articleId: string): Promise<void> {
    return this.state.lockArticleClaims(articleId);
  }

  /** Takes a claim the caller has locked out of the review flow (409 ILLEGAL_TRANSITION from a later state), audited. */
  async reject(actorId: string, claim: LockedClaim, reason?: string): Promise<void> {
    const next = transition('reject', claim.status);
    if (!(await this.state.reject(claim.id))) {
      throw new ClaimStateException('ILLEGAL_TRANSITION', `Cannot reject a claim that is ${claim.status}`, {
        status: claim.status,
        event: 'reject',
      });
    }
    await this.audit.record({
      actorId,
      action: 'claim.reject',
      entity: 'claim',
      entityId: claim.id,
      before: { status: claim.status },
      after: { status: next, ...(reason && { reason }) },
    });
  }
}
