import { ClaimCurationDto } from './queues/dtos/queue.dto';
import { ClaimCuration } from './routing/routing.types';

export function toClaimCurationDto(c: ClaimCuration): ClaimCurationDto {
  return {
    queue: c.queue,
    actions: { edit: c.actions.edit, reject: c.actions.reject, route: c.actions.route, assign: c.actions.assign },
    queues: c.queues.map((q) => ({ slug: q.slug, description: q.description })),
    assignees: c.assignees.map((a) => ({ id: a.id, displayName: a.displayName, role: a.role })),
    ...(c.rejection && { rejection: { reason: c.rejection.reason, at: c.rejection.at, by: c.rejection.by } }),
  };
}
