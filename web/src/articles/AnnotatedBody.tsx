import type { ReactNode } from 'react';
import { labelName } from '../format';
import type { Claim } from './articles-api';

interface Props {
  body: string;
  claims: Claim[];
  selectedId: string | undefined;
  onSelect: (claimId: string) => void;
}

const scoreText = (claim: Claim) => `score ${claim.score.toFixed(2)}${claim.speaker ? ` · ${claim.speaker}` : ''}`;

/** The claim shown for a stretch of text several claims cover: the selected one, else the shortest. */
function topClaim(covering: Claim[], selectedId: string | undefined): Claim {
  return (
    covering.find((c) => c.id === selectedId) ?? covering.reduce((a, b) => (b.end - b.start < a.end - a.start ? b : a))
  );
}

/**
 * The body exactly as stored with every claim marked at its span: a colour per status and, where a claim starts, a
 * badge naming the status (a button that selects the claim; its score shows on hover and focus).
 */
export function AnnotatedBody({ body, claims, selectedId, onSelect }: Props) {
  const cuts = [...new Set([0, body.length, ...claims.flatMap((c) => [c.start, c.end])])].sort((a, b) => a - b);
  const nodes: ReactNode[] = [];
  for (let i = 0; i < cuts.length - 1; i++) {
    const [from, to] = [cuts[i], cuts[i + 1]];
    for (const claim of claims.filter((c) => c.start === from)) {
      nodes.push(
        <span key={`badge-${claim.id}`} className="badge-wrap">
          <button
            type="button"
            className={`claim-badge status-${claim.status}`}
            aria-pressed={claim.id === selectedId}
            aria-describedby={`tip-${claim.id}`}
            onClick={() => onSelect(claim.id)}
          >
            {labelName(claim.status)}
            <span className="visually-hidden"> claim</span>
          </button>
          <span className="tip" role="tooltip" id={`tip-${claim.id}`}>
            {scoreText(claim)}
          </span>
        </span>,
      );
    }
    const covering = claims.filter((c) => c.start <= from && c.end >= to);
    const text = body.slice(from, to);
    if (!covering.length) {
      nodes.push(
        <span key={from} data-at={from}>
          {text}
        </span>,
      );
      continue;
    }
    const top = topClaim(covering, selectedId);
    nodes.push(
      <mark
        key={from}
        data-at={from}
        className={`claim-mark status-${top.status}${covering.some((c) => c.id === selectedId) ? ' selected' : ''}`}
        title={scoreText(top)}
      >
        {text}
      </mark>,
    );
  }
  return <>{nodes}</>;
}
