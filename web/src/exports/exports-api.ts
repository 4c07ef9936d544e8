import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/schema';

export type ExportQuery = NonNullable<paths['/exports/verdicts']['get']['parameters']['query']>;
type Filters = Omit<ExportQuery, 'format' | 'safe' | 'bom' | 'include'>;

/** The address of the export itself: the browser downloads it straight to a file, streamed, never held by the page. */
export function exportHref(query: ExportQuery): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    params.set(name, Array.isArray(value) ? value.join(',') : String(value));
  }
  return `/exports/verdicts?${params}`;
}

/** How many claims these filters select now, and the cursor an export ending here has. */
export function useExportCount(filters: Filters) {
  return useQuery({
    queryKey: ['export-count', filters],
    queryFn: async ({ signal }) => unwrap(await api.GET('/exports/count', { params: { query: filters }, signal })),
    placeholderData: keepPreviousData,
  });
}

/** One claim's ClaimReview as the export would give it, or the service's reasons for leaving it out. */
export function useClaimReviewPreview(claimId: string | undefined) {
  return useQuery({
    queryKey: ['claimreview-preview', claimId],
    enabled: !!claimId,
    queryFn: async () => {
      const query = { claimId: claimId! };
      const reviews = unwrap(
        await api.GET('/exports/verdicts', { params: { query: { ...query, format: 'claimreview' } }, parseAs: 'json' }),
      ) as unknown as unknown[];
      if (reviews.length) return { review: reviews[0], problems: [] as string[] };
      const { skipped } = unwrap(await api.GET('/exports/claimreview/skipped', { params: { query } }));
      return { review: null, problems: skipped.flatMap((s) => s.problems) };
    },
  });
}
