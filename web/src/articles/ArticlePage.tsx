import { useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { problemsOf } from '../api/client';
import { formatDate } from '../format';
import { AddClaimForm } from './AddClaimForm';
import { AnnotatedBody } from './AnnotatedBody';
import { useArticle } from './articles-api';
import { type SelectedSpan, selectedSpan } from './body-offsets';
import { ClaimCurator } from './ClaimCurator';
import { ClaimList } from './ClaimList';

/** An article with every claim marked in place, its claims beside it, and the editor's curation of them. */
export function ArticlePage() {
  const id = useParams().id!;
  const article = useArticle(id);
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('claim') ?? undefined;
  const select = (claimId: string) => setParams({ claim: claimId }, { replace: true });
  const [selection, setSelection] = useState<SelectedSpan | null>(null);
  const bodyRef = useRef<HTMLDivElement>(null);

  if (article.isPending) return <p role="status">Loading the article…</p>;
  if (article.isError)
    return (
      <div role="alert" className="error">
        Could not load the article: {problemsOf(article.error).join(' ')}
      </div>
    );
  const { body, claims } = article.data;
  const ordered = [...claims].sort((a, b) => a.start - b.start || a.end - b.end);
  const selected = ordered.find((c) => c.id === selectedId);
  const readSelection = () => {
    if (bodyRef.current) setSelection(selectedSpan(bodyRef.current, body));
  };
  const a = article.data;

  return (
    <section className="page wide" aria-labelledby="article-title">
      <p>
        <Link to="/articles">All articles</Link>
      </p>
      <div className="review">
        <article className="article" aria-labelledby="article-title">
          <header className="article-head">
            <h1 id="article-title">{a.title}</h1>
            <p className="muted">
              {[
                a.source,
                a.author && `by ${a.author}`,
                a.publishedAt && formatDate(a.publishedAt),
                `${claims.length} claims`,
              ]
                .filter(Boolean)
                .join(' · ')}
              {a.url && (
                <>
                  {' · '}
                  <a href={a.url} target="_blank" rel="noreferrer noopener">
                    Original<span className="visually-hidden"> (opens in a new tab)</span>
                  </a>
                </>
              )}
            </p>
            <p className="legend muted">
              Marked text is a claim; its badge names the status (colour follows it) and shows the score on hover or
              focus. Select text to add a claim.
            </p>
          </header>
          <div
            className="article-body annotated"
            ref={bodyRef}
            aria-label="Article body"
            role="region"
            onMouseUp={readSelection}
            onKeyUp={readSelection}
          >
            <AnnotatedBody body={body} claims={ordered} selectedId={selectedId} onSelect={select} />
          </div>
        </article>
        <div className="side">
          {selected && <ClaimCurator key={selected.id} claim={selected} />}
          <AddClaimForm
            articleId={id}
            selection={selection}
            onAdded={(claimId) => {
              setSelection(null);
              window.getSelection()?.removeAllRanges();
              select(claimId);
            }}
          />
          <section className="panel" aria-labelledby="claims-title">
            <h2 id="claims-title">Claims ({claims.length})</h2>
            <ClaimList claims={ordered} selectedId={selectedId} onSelect={select} />
          </section>
        </div>
      </div>
    </section>
  );
}
