import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, problemsOf } from '../api/client';
import { useDebounced } from '../use-debounced';
import { ExtractionPreview } from './ExtractionPreview';
import { type NewArticle, useCreateArticle } from './ingest-api';

type Field = 'title' | 'url' | 'source' | 'author' | 'published' | 'language';

/** The article form; the preview beside it follows the body as the editor types (a dry run on the service). */
export function ArticleForm() {
  const [values, setValues] = useState<Record<Field | 'body', string>>({
    title: '',
    body: '',
    url: '',
    source: '',
    author: '',
    published: '',
    language: 'en',
  });
  const previewed = useDebounced(values.body, 400);
  const create = useCreateArticle();
  const navigate = useNavigate();
  const set = (name: Field | 'body') => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [name]: event.target.value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const optional = (value: string) => value.trim() || undefined;
    const article: NewArticle = {
      title: values.title,
      body: values.body,
      url: optional(values.url),
      source: optional(values.source),
      author: optional(values.author),
      language: values.language.trim(),
      publishedAt: values.published ? new Date(values.published).toISOString() : undefined,
    };
    create.mutate(article, { onSuccess: (saved) => void navigate(`/articles/${saved.id}`) });
  };
  const error = create.error;
  const duplicateOf =
    error instanceof ApiError && error.code === 'ARTICLE_DUPLICATE'
      ? (error.body?.details as { existingId?: string } | undefined)?.existingId
      : undefined;

  return (
    <div className="review ingest">
      <form className="panel" onSubmit={submit} aria-labelledby="one-article-title">
        <h2 id="one-article-title">One article</h2>
        <label htmlFor="article-title">Title</label>
        <input id="article-title" required value={values.title} onChange={set('title')} />
        <label htmlFor="article-body">Body</label>
        <textarea
          id="article-body"
          required
          rows={14}
          value={values.body}
          onChange={set('body')}
          aria-describedby="body-hint"
        />
        <p id="body-hint" className="hint">
          Stored exactly as pasted; the preview shows which sentences would become claims.
        </p>
        <div className="inline-fields">
          <div>
            <label htmlFor="article-url">URL</label>
            <input id="article-url" type="url" value={values.url} onChange={set('url')} placeholder="https://" />
          </div>
          <div>
            <label htmlFor="article-source">Source</label>
            <input id="article-source" value={values.source} onChange={set('source')} />
          </div>
        </div>
        <div className="inline-fields">
          <div>
            <label htmlFor="article-author">Author</label>
            <input id="article-author" value={values.author} onChange={set('author')} />
          </div>
          <div>
            <label htmlFor="article-published">Published</label>
            <input id="article-published" type="datetime-local" value={values.published} onChange={set('published')} />
          </div>
          <div className="narrow">
            <label htmlFor="article-language">Language</label>
            <input
              id="article-language"
              value={values.language}
              onChange={set('language')}
              aria-describedby="language-hint"
            />
          </div>
        </div>
        <p id="language-hint" className="hint">
          A language tag such as en or pt-BR; claims are extracted from English articles only.
        </p>
        {error && (
          <div className="error" role="alert">
            {duplicateOf ? (
              <p>
                {error.message}. <Link to={`/articles/${duplicateOf}`}>Open the existing article</Link>
              </p>
            ) : (
              <ul>
                {problemsOf(error).map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={create.isPending}>
            {create.isPending ? 'Saving…' : 'Save article'}
          </button>
        </div>
      </form>
      <ExtractionPreview text={previewed} stale={previewed !== values.body} />
    </div>
  );
}
