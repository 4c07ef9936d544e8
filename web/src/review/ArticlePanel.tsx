import { useEffect, useRef } from 'react';
import { formatDate } from '../format';
import { type Assignment, useArticle } from './review-api';

/** The article with the claim's exact span marked and scrolled into view. */
export function ArticlePanel({ assignment }: { assignment: Assignment }) {
  const { article, claim } = assignment;
  const full = useArticle(article.id);
  const mark = useRef<HTMLElement>(null);
  // Until the whole body has arrived, the paragraph around the claim (sent with the lease) stands in for it.
  const { text, offset } = full.data ? { text: full.data.body, offset: 0 } : { text: article.paragraph.text, offset: article.paragraph.start };
  const start = claim.start - offset;
  const end = claim.end - offset;

  useEffect(() => {
    mark.current?.scrollIntoView({ block: 'center' });
  }, [claim.id, full.data]);

  return (
    <section className="article" aria-label="Article" tabIndex={0}>
      <header className="article-head">
        <h2>{article.title}</h2>
        <p className="muted">
          {[article.source, article.publishedAt && formatDate(article.publishedAt)].filter(Boolean).join(' · ')}
          {article.url && (
            <>
              {' · '}
              <a href={article.url} target="_blank" rel="noreferrer noopener">
                Original article<span className="visually-hidden"> (opens in a new tab)</span>
              </a>
            </>
          )}
        </p>
      </header>
      <div className="article-body">
        {offset > 0 && <p className="muted">…</p>}
        {text.slice(0, start)}
        <mark ref={mark}>{text.slice(start, end)}</mark>
        {text.slice(end)}
        {!full.data && <p className="muted">{full.isError ? 'The rest of the article could not be loaded.' : 'Loading the whole article…'}</p>}
      </div>
    </section>
  );
}
