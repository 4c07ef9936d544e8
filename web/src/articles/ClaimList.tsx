import { labelName } from '../format';
import type { Claim } from './articles-api';

/** Every claim of the article in body order; choosing one selects it for curation. */
export function ClaimList({
  claims,
  selectedId,
  onSelect,
}: {
  claims: Claim[];
  selectedId: string | undefined;
  onSelect: (id: string) => void;
}) {
  if (!claims.length)
    return <p className="muted">No claims yet. Select text in the article or quote a passage below to add one.</p>;
  return (
    <ol className="claim-list">
      {claims.map((claim) => (
        <li key={claim.id}>
          <button
            type="button"
            className={`claim-item${claim.id === selectedId ? ' selected' : ''}`}
            aria-pressed={claim.id === selectedId}
            onClick={() => onSelect(claim.id)}
          >
            <span className={`status-badge status-${claim.status}`}>{labelName(claim.status)}</span>{' '}
            <span className="muted">
              score {claim.score.toFixed(2)} · {claim.origin}
              {claim.speaker && ` · ${claim.speaker}`}
            </span>
            <span className="claim-text">“{claim.text}”</span>
          </button>
        </li>
      ))}
    </ol>
  );
}
