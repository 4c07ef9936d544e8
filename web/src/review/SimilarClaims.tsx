import { labelName } from '../format';
import { useSettledSimilar } from './review-api';

/** Claims from other articles that were already settled: how the newsroom judged them before. */
export function SimilarClaims({ claimId }: { claimId: string }) {
  const similar = useSettledSimilar(claimId);
  return (
    <section className="panel" aria-labelledby="similar-title">
      <h2 id="similar-title">Settled similar claims</h2>
      {similar.isPending && <p className="muted">Looking for similar claims…</p>}
      {similar.isError && <p className="muted">Similar claims could not be loaded.</p>}
      {similar.data?.length === 0 && <p className="muted">None found.</p>}
      {!!similar.data?.length && (
        <ul className="similar">
          {similar.data.map((c) => (
            <li key={c.id}>
              {c.finalLabel && <span className={`label-badge ${c.finalLabel}`}>{labelName(c.finalLabel)}</span>} “
              {c.text}”
              <div className="muted">
                {c.articleUrl ? (
                  <a href={c.articleUrl} target="_blank" rel="noreferrer noopener">
                    {c.articleTitle}
                  </a>
                ) : (
                  c.articleTitle
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
