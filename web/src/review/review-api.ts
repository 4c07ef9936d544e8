import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { Schemas } from '../api/client';
import { queuesKey } from '../queues/queues';

export type Assignment = Schemas['AssignmentDto'];
export type Label = Schemas['SubmitVerdictDto']['label'];
export type VerdictBody = Schemas['SubmitVerdictDto'];

export const LABELS: readonly Label[] = ['verified', 'disputed', 'unverifiable'];
const SETTLED: readonly string[] = LABELS;

export const assignmentKey = (slug: string) => ['assignment', slug] as const;

/**
 * The caller's current claim in a queue. Pulling is idempotent on the server (a live lease is handed back), so
 * this is a query: a reload or a second tab shows the same claim. `null`: nothing to review right now.
 */
export function useAssignment(slug: string) {
  return useQuery({
    queryKey: assignmentKey(slug),
    queryFn: async (): Promise<Assignment | null> => unwrap(await api.POST('/queues/{slug}/next', { params: { path: { slug } } })) ?? null,
    staleTime: Infinity,
    refetchInterval: (query) => (query.state.data === null ? 15_000 : false),
  });
}

/** The whole article body (the assignment carries only the paragraph around the claim). */
export function useArticle(id: string) {
  return useQuery({ queryKey: ['article', id], queryFn: async () => unwrap(await api.GET('/articles/{id}', { params: { path: { id } } })), staleTime: 5 * 60_000 });
}

/** Known-claim matches from other articles that are already settled, with their final label. */
export function useSettledSimilar(claimId: string) {
  return useQuery({
    queryKey: ['similar', claimId],
    queryFn: async () => unwrap(await api.GET('/claims/{id}/similar', { params: { path: { id: claimId } } })),
    select: (claims) => claims.filter((c) => SETTLED.includes(c.status)),
    staleTime: 5 * 60_000,
  });
}

/** After a verdict or a skip the next claim is pulled at once, and the queue counts refresh. */
function useNextClaim(slug: string) {
  const client = useQueryClient();
  return async () => {
    await client.refetchQueries({ queryKey: assignmentKey(slug), exact: true });
    void client.invalidateQueries({ queryKey: queuesKey });
  };
}

export function useSubmitVerdict(slug: string) {
  const next = useNextClaim(slug);
  return useMutation({
    mutationFn: async ({ assignmentId, body }: { assignmentId: string; body: VerdictBody }) =>
      unwrap(await api.POST('/assignments/{id}/verdict', { params: { path: { id: assignmentId }, header: { 'Idempotency-Key': assignmentId } }, body })),
    onSuccess: next,
  });
}

export function useSkip(slug: string) {
  const next = useNextClaim(slug);
  return useMutation({
    mutationFn: async ({ assignmentId }: { assignmentId: string; reason: string }) => unwrap(await api.POST('/assignments/{id}/skip', { params: { path: { id: assignmentId } } })),
    onSuccess: next,
  });
}

export async function heartbeat(assignmentId: string) {
  return unwrap(await api.POST('/assignments/{id}/heartbeat', { params: { path: { id: assignmentId } } }));
}
