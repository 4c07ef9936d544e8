import { ClaimCurationDto } from './queues/dtos/queue.dto';
import { ArticleUnderReview } from './review-state.types';
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

/** The article fields both the review screen (with its paragraph) and the adjudication case carry. */
export function toArticleUnderReviewDto(article: ArticleUnderReview): ArticleUnderReview {
  return {
    id: article.id,
    title: article.title,
    url: article.url,
    source: article.source,
    publishedAt: article.publishedAt,
    body: article.body,
  };
}
