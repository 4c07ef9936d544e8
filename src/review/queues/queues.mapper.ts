import { QueueDto, QueueStatsDto } from './dtos/queue.dto';
import { QueueOverview, QueueSettings } from './queue.types';
import { takesEscalationsOnly } from './queue-slugs';

export function toQueueDto(q: QueueSettings): QueueDto {
  return {
    id: q.id,
    slug: q.slug,
    description: q.description,
    guidelines: q.guidelines,
    pullRole: q.pullRole,
    members: q.members,
    minScore: q.minScore,
    sources: q.sources,
    languages: q.languages,
    verdictsRequired: q.verdictsRequired,
    leaseSeconds: q.leaseSeconds,
    active: q.active,
    routingOrder: q.routingOrder,
    routable: q.routable,
    escalationsOnly: takesEscalationsOnly(q.slug),
  };
}

export function toQueueStatsDto(q: QueueOverview): QueueStatsDto {
  return {
    ...toQueueDto(q),
    depth: q.depth,
    inReview: q.inReview,
    oldestWaitingSeconds: q.oldestWaitingSeconds,
    myVerdictsToday: q.myVerdictsToday,
  };
}
