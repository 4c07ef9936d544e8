import { type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { problemsOf } from '../api/client';
import { pageOf, Pager } from '../layout/Pager';
import { dayEnd, dayStart, formatDate } from '../format';
import { PAGE_SIZE, useArticleList } from './articles-api';

/** The archive: full-text search, source and publication-date filters, paged; the filters live in the address. */
export function ArticlesPage() {
  const [params, setParams] = useSearchParams();
  const field = (name: string) => params.get(name) ?? '';
  const page = pageOf(params);
  const list = useArticleList({
    q: field('q') || undefined,
    source: field('source') || undefined,
    from: field('from') ? dayStart(field('from')) : undefined,
    to: field('to') ? dayEnd(field('to')) : undefined,
    page,
  });
  const data = list.data;

  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const name of ['q', 'source', 'from', 'to']) {
      const entry = form.get(name);
      const value = typeof entry === 'string' ? entry.trim() : '';
      if (value) next.set(name, value);
    }
    setParams(next);
  };

  return (
    <section className="page wide" aria-labelledby="articles-title">
      <div className="page-head">
        <h1 id="articles-title">Articles</h1>
        <Link to="/ingest" className="button">
          Add articles
        </Link>
      </div>
      <form className="filters" role="search" aria-label="Articles" onSubmit={search} key={params.toString()}>
        <div className="grow">
          <label htmlFor="articles-q">Search title and body</label>
          <input
            id="articles-q"
            name="q"
            type="search"
            defaultValue={field('q')}
            placeholder='Himars, "air defense", -Belgorod'
          />
        </div>
        <div>
          <label htmlFor="articles-source">Source</label>
          <input id="articles-source" name="source" defaultValue={field('source')} />
        </div>
        <div>
          <label htmlFor="articles-from">Published from</label>
          <input id="articles-from" name="from" type="date" defaultValue={field('from')} />
        </div>
        <div>
          <label htmlFor="articles-to">Published until</label>
          <input id="articles-to" name="to" type="date" defaultValue={field('to')} />
        </div>
        <div className="filter-actions">
          <button type="submit" className="primary">
            Search
          </button>
          {params.size > 0 && (
            <button type="button" onClick={() => setParams({})}>
              Clear
            </button>
          )}
        </div>
      </form>
      {list.isPending && <p role="status">Loading articles…</p>}
      {list.isError && (
        <div role="alert" className="error">
          Could not load the articles: {problemsOf(list.error).join(' ')}
        </div>
      )}
      {data?.total === 0 && <p role="status">No article matches these filters.</p>}
      {!!data?.items.length && (
        <>
          <p className="muted" role="status">
            {data.total} {data.total === 1 ? 'article' : 'articles'}
          </p>
          <table className="data">
            <caption className="visually-hidden">Articles, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Source</th>
                <th scope="col">Published</th>
                <th scope="col" className="num">
                  Claims
                </th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link to={`/articles/${a.id}`}>{a.title}</Link>
                    {a.author && <div className="muted">by {a.author}</div>}
                    {a.extraction !== 'extracted' && <div className="muted">No claims extracted: {a.extraction}</div>}
                  </th>
                  <td>{a.source ?? '—'}</td>
                  <td>{a.publishedAt ? <time dateTime={a.publishedAt}>{formatDate(a.publishedAt)}</time> : '—'}</td>
                  <td className="num">{a.claimCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={page} total={data.total} pageSize={PAGE_SIZE} noun="articles" />
        </>
      )}
    </section>
  );
}
