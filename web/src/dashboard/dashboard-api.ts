import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { Schemas } from '../api/client';

export type QueueWorkload = Schemas['QueueWorkloadDto'];
export type VerdictRate = Schemas['VerdictRateDto'];
export type HourBucket = Schemas['HourBucketDto'];
export type Agreement = Schemas['AgreementDto'];
export type Throughput = Schemas['ThroughputDto'];

/** What the dashboard shows for: one queue or all (null), over the last `days`. */
export interface DashboardFilter {
  queue: string | null;
  days: number;
}

/**
 * Every dashboard answer lives under this key. There is no polling: the live stream invalidates the backlog on a
 * `queues` message and everything on `verdicts` or `resync` (see live.ts).
 */
export const dashboardKey = ['dashboard'] as const;
export const workloadKey = [...dashboardKey, 'workload'] as const;

const queueParam = (queue: string | null) => (queue === null ? {} : { queue });

export function useWorkload() {
  return useQuery({ queryKey: workloadKey, queryFn: async () => unwrap(await api.GET('/stats/queues')) });
}

export function useVerdictRate({ queue, days }: DashboardFilter) {
  return useQuery({
    queryKey: [...dashboardKey, 'verdicts-per-hour', queue, days],
    queryFn: async () =>
      unwrap(await api.GET('/stats/verdicts-per-hour', { params: { query: { ...queueParam(queue), days } } })),
    placeholderData: (previous) => previous,
  });
}

export function useThroughput({ queue, days }: DashboardFilter) {
  return useQuery({
    queryKey: [...dashboardKey, 'throughput', queue, days],
    queryFn: async () =>
      unwrap(await api.GET('/stats/throughput', { params: { query: { ...queueParam(queue), days } } })),
    placeholderData: (previous) => previous,
  });
}

/** Agreement over the same window as the rest of the dashboard (from its start), pairs sharing at least 5 claims. */
export function useAgreement(filter: DashboardFilter, from: string | undefined) {
  return useQuery({
    queryKey: [...dashboardKey, 'agreement', filter.queue, from ?? null],
    queryFn: async () =>
      unwrap(
        await api.GET('/stats/agreement', {
          params: { query: { ...queueParam(filter.queue), ...(from ? { from } : {}) } },
        }),
      ),
    enabled: from !== undefined,
    placeholderData: (previous) => previous,
  });
}
