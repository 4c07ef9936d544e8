import { useSearchParams } from 'react-router';

/** Previous/next through a paged list; the page is the address's `page` parameter (1 is left out). */
export function Pager({
  page,
  total,
  pageSize,
  noun,
}: {
  page: number;
  total: number;
  pageSize: number;
  noun: string;
}) {
  const [params, setParams] = useSearchParams();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const goTo = (n: number) => {
    const next = new URLSearchParams(params);
    if (n === 1) next.delete('page');
    else next.set('page', String(n));
    setParams(next);
  };
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" onClick={() => goTo(page - 1)} disabled={page <= 1}>
        Previous page
      </button>
      <span>
        Page {page} of {pages} · {total} {noun}
      </span>
      <button type="button" onClick={() => goTo(page + 1)} disabled={page >= pages}>
        Next page
      </button>
    </nav>
  );
}

/** The 1-based page the address asks for. */
export const pageOf = (params: URLSearchParams): number => Math.max(1, Number(params.get('page')) || 1);
