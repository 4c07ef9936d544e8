import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { Schemas } from '../api/client';

export type QueueStats = Schemas['QueueStatsDto'];

/** Claims whose verdicts disagree wait in this queue for an editor (see src/review/queues/queue.entity.ts). */
export const ADJUDICATION_QUEUE = 'adjudication';

export const queuesKey = ['queues'] as const;

/** "Today" is the reviewer's own day. */
const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The queues the user may pull from, with depth and age; kept fresh while the screen is open. */
export function useQueues() {
  return useQuery({
    queryKey: queuesKey,
    queryFn: async () => unwrap(await api.GET('/queues', { params: { query: { tz: TIME_ZONE } } })),
    refetchInterval: 30_000,
  });
}
