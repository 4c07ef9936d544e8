import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { Schemas } from '../api/client';
import { queuesKey } from '../queues/queues';
import type { Label } from '../review/review-api';
import { assignmentKey } from '../review/review-api';

export type Verdict = Schemas['VerdictDto'];

/** The verdicts of the claim's current round, oldest first, each with a stable "Reviewer A/B/…" alias. */
export function useRoundVerdicts(claimId: string, round: number) {
  return useQuery({
    queryKey: ['verdicts', claimId],
    queryFn: async () => unwrap(await api.GET('/claims/{id}/verdicts', { params: { path: { id: claimId } } })),
    select: (verdicts) =>
      verdicts
        .filter((v) => v.round === round)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
        .map((verdict, i) => ({ verdict, alias: `Reviewer ${String.fromCharCode(65 + (i % 26))}` })),
  });
}

/** Settles the claim with the editor's label and note, then the next disagreement is pulled. */
export function useResolve(queue: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ claimId, label, rationale }: { claimId: string; label: Label; rationale: string }) =>
      unwrap(await api.POST('/claims/{id}/resolution', { params: { path: { id: claimId } }, body: { label, rationale } })),
    onSuccess: async () => {
      await client.refetchQueries({ queryKey: assignmentKey(queue), exact: true });
      void client.invalidateQueries({ queryKey: queuesKey });
    },
  });
}

export function useClaimHistory(claimId: string) {
  return useQuery({ queryKey: ['history', claimId], queryFn: async () => unwrap(await api.GET('/claims/{id}/history', { params: { path: { id: claimId } } })) });
}
