import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { Schemas } from '../api/client';

export type Article = Schemas['ArticleDto'];
export type Claim = Schemas['ClaimDto'];
export type Curation = Schemas['ClaimCurationDto'];
export const PAGE_SIZE = 20;

export interface ArticleFilters {
  q?: string;
  source?: string;
  from?: string;
  to?: string;
  page: number;
}

/** One page of the archive, newest first; the previous page stays on screen while the next one loads. */
export function useArticleList({ page, ...filters }: ArticleFilters) {
  return useQuery({
    queryKey: ['articles', filters, page],
    queryFn: async () =>
      unwrap(
        await api.GET('/articles', {
          params: { query: { ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

const articleKey = (id: string) => ['article', id] as const;
const curationKey = (claimId: string) => ['claim-curation', claimId] as const;

export function useArticle(id: string) {
  return useQuery({
    queryKey: articleKey(id),
    queryFn: async () => unwrap(await api.GET('/articles/{id}', { params: { path: { id } } })),
  });
}

/** What the service lets an editor do with this claim now (the page offers only that). */
export function useCuration(claimId: string | undefined) {
  return useQuery({
    queryKey: curationKey(claimId ?? ''),
    queryFn: async () => unwrap(await api.GET('/claims/{id}/curation', { params: { path: { id: claimId! } } })),
    enabled: !!claimId,
  });
}

type ClaimInput = Schemas['CreateClaimDto'];

/** The article's curation actions; each one reloads the article and the claim's options when it lands. */
export function useCurationActions(articleId: string) {
  const client = useQueryClient();
  const settled = (claimId?: string) => {
    void client.invalidateQueries({ queryKey: articleKey(articleId) });
    if (claimId) void client.invalidateQueries({ queryKey: curationKey(claimId) });
    void client.invalidateQueries({ queryKey: ['articles'] });
  };
  const path = (id: string) => ({ params: { path: { id } } });
  return {
    add: useMutation({
      mutationFn: async (body: ClaimInput) =>
        unwrap(await api.POST('/articles/{id}/claims', { ...path(articleId), body })),
      onSuccess: (claim) => settled(claim.id),
    }),
    edit: useMutation({
      mutationFn: async ({ id, ...body }: ClaimInput & { id: string }) =>
        unwrap(await api.PATCH('/claims/{id}', { ...path(id), body })),
      onSuccess: (claim) => settled(claim.id),
    }),
    reject: useMutation({
      mutationFn: async ({ id, reason }: { id: string; reason?: string }) =>
        unwrap(await api.POST('/claims/{id}/reject', { ...path(id), body: reason ? { reason } : {} })),
      onSuccess: (claim) => settled(claim.id),
    }),
    route: useMutation({
      mutationFn: async ({ id, queue }: { id: string; queue: string }) =>
        unwrap(await api.POST('/claims/{id}/route', { ...path(id), body: { queue } })),
      onSuccess: (_moved, { id }) => settled(id),
    }),
    assign: useMutation({
      mutationFn: async ({ id, userId }: { id: string; userId: string }) =>
        unwrap(await api.POST('/claims/{id}/assign', { ...path(id), body: { userId } })),
      onSuccess: (_none, { id }) => settled(id),
    }),
  };
}
