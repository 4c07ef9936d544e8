import { type FormEvent, useState } from 'react';
import { problemsOf } from '../api/client';
import { useClaimReviewPreview } from './exports-api';

/** One claim's ClaimReview markup exactly as the export writes it (or why the export leaves the claim out). */
export function ClaimReviewPreview({ initialClaimId }: { initialClaimId: string }) {
  const [input, setInput] = useState(initialClaimId);
  const [claimId, setClaimId] = useState(initialClaimId || undefined);
  const preview = useClaimReviewPreview(claimId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setClaimId(input.trim() || undefined);
  };
  return (
    <section className="panel" aria-labelledby="preview-title">
      <h2 id="preview-title">ClaimReview preview</h2>
      <form onSubmit={submit} className="copy-row">
        <label htmlFor="preview-claim" className="visually-hidden">
          Claim ID
        </label>
        <input
          id="preview-claim"
          value={input}
          placeholder="Claim ID"
          spellCheck={false}
          onChange={(e) => setInput(e.target.value)}
        />
        <button type="submit">Preview</button>
      </form>
      {preview.isFetching && <p role="status">Loading…</p>}
      {preview.isError && (
        <div className="error" role="alert">
          {problemsOf(preview.error).join(' ')}
        </div>
      )}
      {preview.data?.review ? (
        <pre className="json" tabIndex={0} aria-label="ClaimReview JSON-LD">
          {JSON.stringify(preview.data.review, null, 2)}
        </pre>
      ) : (
        preview.data && (
          <div className="notice" role="status">
            {preview.data.problems.length ? (
              <>
                The export leaves this claim out:
                <ul>
                  {preview.data.problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              </>
            ) : (
              'No ClaimReview: the claim has no final label yet.'
            )}
          </div>
        )
      )}
    </section>
  );
}
