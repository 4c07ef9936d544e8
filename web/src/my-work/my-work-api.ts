import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';

export const PAGE_SIZE = 25;

/** The signed-in user's own verdicts, newest first, one page at a time. */
export function useMyVerdicts(page: number) {
  return useQuery({
    queryKey: ['my-verdicts', page],
    queryFn: async () =>
      unwrap(
        await api.GET('/me/verdicts', { params: { query: { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } } }),
      ),
    placeholderData: keepPreviousData,
  });
}
