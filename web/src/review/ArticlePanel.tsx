import { useEffect, useRef } from 'react';
import { formatDate } from '../format';

interface Props {
  article: { title: string; url: string | null; source: string | null; publishedAt: string | null; body: string };
  claim: { id: string; start: number; end: number };
}

/** The whole article with the claim's exact span marked and scrolled into view. */
export function ArticlePanel({ article, claim }: Props) {
  const mark = useRef<HTMLElement>(null);
  const { body } = article;

  useEffect(() => {
    mark.current?.scrollIntoView({ block: 'center' });
  }, [claim.id]);

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
        {body.slice(0, claim.start)}
        <mark ref={mark}>{body.slice(claim.start, claim.end)}</mark>
        {body.slice(claim.end)}
      </div>
    </section>
  );
}
