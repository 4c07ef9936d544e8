import { toArticleUnderReviewDto } from '../claim-review.mapper';
import { Assignment, Lease, QueueAvailability, SkipResult } from './assignment.types';
import { AssignmentDto, LeaseDto, QueueAvailabilityDto, SkipResultDto } from './dtos/assignment.dto';

export function toAssignmentDto(a: Assignment): AssignmentDto {
  const { claim, article } = a;
  return {
    id: a.id,
    queue: a.queue,
    guidelines: a.guidelines,
    round: a.round,
    leaseExpiresAt: a.leaseExpiresAt,
    claim: {
      id: claim.id,
      text: claim.text,
      start: claim.start,
      end: claim.end,
      speaker: claim.speaker,
      score: claim.score,
      status: claim.status,
    },
    article: {
      ...toArticleUnderReviewDto(article),
      paragraph: { start: article.paragraph.start, end: article.paragraph.end, text: article.paragraph.text },
    },
  };
}

export function toLeaseDto(lease: Lease): LeaseDto {
  return { id: lease.id, leaseExpiresAt: lease.leaseExpiresAt };
}

export function toSkipResultDto(result: SkipResult): SkipResultDto {
  return { id: result.id, claimStatus: result.claimStatus };
}

export function toQueueAvailabilityDto(a: QueueAvailability): QueueAvailabilityDto {
  return {
    queue: a.queue,
    reason: a.reason,
    heldByYou: a.heldByYou,
    available: a.available,
    heldByOthers: a.heldByOthers,
    reservedForOthers: a.reservedForOthers,
    judgedByYou: a.judgedByYou,
  };
}
