import { problemsOf } from '../api/client';
import { useExtractionPreview } from './ingest-api';

/** What the extractor would make of the body as it stands: the claim sentences with their scores. */
export function ExtractionPreview({ text, stale }: { text: string; stale: boolean }) {
  const preview = useExtractionPreview(text);
  const sentences = text.trim() ? preview.data : undefined;
  const claims = sentences?.filter((s) => s.isClaim) ?? [];
  return (
    <section className="panel preview" aria-labelledby="preview-title" aria-busy={stale || preview.isFetching}>
      <h2 id="preview-title">Extraction preview</h2>
      {!text.trim() && (
        <p className="muted">Paste or type the body: the claims the extractor would find appear here.</p>
      )}
      {preview.isError && (
        <div className="error" role="alert">
          {problemsOf(preview.error).join(' ')}
        </div>
      )}
      {sentences && (
        <p role="status">
          {claims.length} of {sentences.length} sentences would become claims
          {(stale || preview.isFetching) && ' (updating…)'}
        </p>
      )}
      {claims.length > 0 && (
        <ol className="preview-claims">
          {claims.map((s) => (
            <li key={`${s.start}-${s.end}`}>
              <span className="score">{s.score.toFixed(2)}</span> “{s.text}”
              {s.speaker && <span className="muted"> — {s.speaker}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
