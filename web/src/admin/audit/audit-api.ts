import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { Schemas } from '../../api/client';
import type { operations } from '../../api/schema';

export type AuditEntry = Schemas['AuditLogEntryDto'];
export const PAGE_SIZE = 50;

/** The filters as the address holds them; times as typed in a datetime-local field (the browser's time zone). */
export type AuditFilters = Omit<
  NonNullable<operations['AuditController_list']['parameters']['query']>,
  'limit' | 'offset'
>;

export const FILTER_NAMES: (keyof AuditFilters)[] = [
  'actor',
  'involving',
  'entity',
  'entityId',
  'action',
  'from',
  'to',
  'order',
];

const instant = (local?: string): string | undefined => (local ? new Date(local).toISOString() : undefined);

/** One page of the audit log; the service filters, orders and counts. */
export function useAuditLog(filters: AuditFilters, page: number) {
  return useQuery({
    queryKey: ['audit', filters, page],
    queryFn: async () =>
      unwrap(
        await api.GET('/audit', {
          params: {
            query: {
              ...filters,
              from: instant(filters.from),
              to: instant(filters.to),
              limit: PAGE_SIZE,
              offset: (page - 1) * PAGE_SIZE,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}
