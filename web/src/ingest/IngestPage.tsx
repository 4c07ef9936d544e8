import { ArticleForm } from './ArticleForm';
import { ImportPanel } from './ImportPanel';

/** Getting articles in: one by one with a live extraction preview, or a whole NDJSON file. */
export function IngestPage() {
  return (
    <section className="page wide" aria-labelledby="ingest-title">
      <h1 id="ingest-title">Add articles</h1>
      <ArticleForm />
      <ImportPanel />
    </section>
  );
}
