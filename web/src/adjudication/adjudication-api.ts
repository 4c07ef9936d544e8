import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { Schemas } from '../api/client';
import { queuesKey } from '../queues/queues';
import type { Label } from '../review/review-api';
import { assignmentKey } from '../review/review-api';

export type CaseVerdict = Schemas['CaseVerdictDto'];

/** The claim and its round's verdicts as "Reviewer A/B/…"; with `reveal`, the reviewers' names (audited). */
export function useAdjudicationCase(claimId: string, reveal: boolean) {
  return useQuery({
    queryKey: ['adjudication-case', claimId, reveal],
    queryFn: async () =>
      unwrap(await api.GET('/claims/{id}/adjudication', { params: { path: { id: claimId }, query: { reveal } } })),
    placeholderData: keepPreviousData,
  });
}

/** Settles the claim with the editor's label and note, then the next disagreement is pulled. */
export function useResolve(queue: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ claimId, label, rationale }: { claimId: string; label: Label; rationale: string }) =>
      unwrap(
        await api.POST('/claims/{id}/resolution', { params: { path: { id: claimId } }, body: { label, rationale } }),
      ),
    onSuccess: async () => {
      await client.refetchQueries({ queryKey: assignmentKey(queue), exact: true });
      void client.invalidateQueries({ queryKey: queuesKey });
    },
  });
}

export function useClaimHistory(claimId: string) {
  return useQuery({
    queryKey: ['history', claimId],
    queryFn: async () => unwrap(await api.GET('/claims/{id}/history', { params: { path: { id: claimId } } })),
  });
}
