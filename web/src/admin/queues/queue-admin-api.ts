import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { Schemas } from '../../api/client';
import { queuesKey } from '../../queues/queues';

export type QueueSettings = Schemas['CreateQueueDto'];

export function useCreateQueue() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: QueueSettings) => unwrap(await api.POST('/queues', { body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: queuesKey }),
  });
}

export function useUpdateQueue(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: Schemas['UpdateQueueDto']) =>
      unwrap(await api.PATCH('/queues/{slug}', { params: { path: { slug } }, body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: queuesKey }),
  });
}
