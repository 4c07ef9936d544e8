import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { Schemas } from '../api/client';
import { queuesKey } from '../queues/queues';

export type Assignment = Schemas['AssignmentDto'];
export type Label = Schemas['SubmitVerdictDto']['label'];
export type VerdictBody = Schemas['SubmitVerdictDto'];

export const LABELS: readonly Label[] = ['verified', 'disputed', 'unverifiable'];

export const assignmentKey = (slug: string) => ['assignment', slug] as const;

/**
 * The caller's current claim in a queue. Pulling is idempotent on the server (a live lease is handed back), so
 * this is a query: a reload or a second tab shows the same claim. `null`: nothing to review right now.
 */
export function useAssignment(slug: string) {
  return useQuery({
    queryKey: assignmentKey(slug),
    queryFn: async (): Promise<Assignment | null> =>
      unwrap(await api.POST('/queues/{slug}/next', { params: { path: { slug } } })) ?? null,
    staleTime: Infinity,
    refetchInterval: (query) => (query.state.data === null ? 15_000 : false),
  });
}

/** Known-claim matches from other articles that are already settled, with their final label. */
export function useSettledSimilar(claimId: string) {
  return useQuery({
    queryKey: ['similar', claimId],
    queryFn: async () =>
      unwrap(await api.GET('/claims/{id}/similar', { params: { path: { id: claimId }, query: { settled: true } } })),
    staleTime: 5 * 60_000,
  });
}

/** Why a pull finds nothing right now (held by others, reserved, judged by you, nothing left); kept fresh. */
export function useAvailability(slug: string, enabled: boolean) {
  return useQuery({
    queryKey: ['availability', slug],
    queryFn: async () => unwrap(await api.GET('/queues/{slug}/availability', { params: { path: { slug } } })),
    enabled,
    refetchInterval: 15_000,
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
      unwrap(
        await api.POST('/assignments/{id}/verdict', {
          params: { path: { id: assignmentId }, header: { 'Idempotency-Key': assignmentId } },
          body,
        }),
      ),
    onSuccess: next,
  });
}

export function useSkip(slug: string) {
  const next = useNextClaim(slug);
  return useMutation({
    mutationFn: async ({ assignmentId, reason }: { assignmentId: string; reason: string }) =>
      unwrap(
        await api.POST('/assignments/{id}/skip', {
          params: { path: { id: assignmentId } },
          body: reason ? { reason } : {},
        }),
      ),
    onSuccess: next,
  });
}

export async function heartbeat(assignmentId: string) {
  return unwrap(await api.POST('/assignments/{id}/heartbeat', { params: { path: { id: assignmentId } } }));
}
