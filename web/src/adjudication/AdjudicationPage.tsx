import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { problemsOf } from '../api/client';
import { formatDateTime, labelName } from '../format';
import { ADJUDICATION_QUEUE } from '../queues/queues';
import { ArticlePanel } from '../review/ArticlePanel';
import { type Assignment, type Label, LABELS, useAssignment, useSkip } from '../review/review-api';
import { useAdjudicationCase, useResolve } from './adjudication-api';

/** Editors settle claims whose verdicts disagree, oldest first, one at a time under a lease. */
export function AdjudicationPage() {
  const assignment = useAssignment(ADJUDICATION_QUEUE);
  let content;
  if (assignment.isPending) content = <p role="status">Loading the next disagreement…</p>;
  else if (assignment.isError)
    content = <p role="alert">Could not load disagreements: {problemsOf(assignment.error).join(' ')}</p>;
  else if (!assignment.data)
    content = (
      <div className="empty">
        <p>No disagreements are waiting. This page checks again every 15 seconds.</p>
        <button type="button" onClick={() => void assignment.refetch()}>
          Check now
        </button>
      </div>
    );
  else content = <Disagreement key={assignment.data.id} assignment={assignment.data} />;
  return (
    <section className="page wide" aria-labelledby="adjudication-title">
      <h1 id="adjudication-title">Adjudication</h1>
      {content}
    </section>
  );
}

function Disagreement({ assignment }: { assignment: Assignment }) {
  const { claim } = assignment;
  const resolve = useResolve(ADJUDICATION_QUEUE);
  const next = useSkip(ADJUDICATION_QUEUE);
  const [revealed, setRevealed] = useState(false);
  const adjudication = useAdjudicationCase(claim.id, revealed);
  const verdicts = adjudication.data?.verdicts;
  const [label, setLabel] = useState<Label | null>(null);
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus({ preventScroll: true }), []);

  const submit = () => {
    if (!label) return setProblems(['Choose the final label.']);
    if (!note.trim()) return setProblems(['Write a resolution note: it is shown in the claim history and the export.']);
    setProblems([]);
    resolve.mutate(
      { claimId: claim.id, label, rationale: note.trim() },
      { onError: (e) => setProblems(problemsOf(e)) },
    );
  };

  return (
    <div className="adjudication">
      <div className="claim-bar">
        <h2 ref={heading} tabIndex={-1}>
          “{claim.text}”
        </h2>
        <p className="muted">
          Speaker: {claim.speaker ?? 'not attributed'} · <Link to={`/claims/${claim.id}/history`}>Claim history</Link>
        </p>
      </div>
      <div className="verdict-grid">
        {adjudication.isPending && <p role="status">Loading verdicts…</p>}
        {adjudication.isError && (
          <p role="alert">Verdicts could not be loaded: {problemsOf(adjudication.error).join(' ')}</p>
        )}
        {verdicts?.map((verdict) => (
          <article key={verdict.reviewer} className="panel verdict-card" aria-label={verdict.reviewer}>
            <h3>
              {verdict.reviewer}
              {adjudication.data?.revealed && verdict.reviewerName && (
                <span className="muted"> · {verdict.reviewerName}</span>
              )}
            </h3>
            <p>
              <span className={`label-badge ${verdict.label}`}>{labelName(verdict.label)}</span> · confidence{' '}
              {verdict.confidence}/5
            </p>
            <p className="rationale">{verdict.rationale ?? <span className="muted">No rationale.</span>}</p>
            {verdict.sources.length > 0 && (
              <ul className="sources">
                {verdict.sources.map((s) => (
                  <li key={s.url}>
                    <a href={s.url} target="_blank" rel="noreferrer noopener">
                      {s.title ?? s.url}
                    </a>
                    {s.quote && <q>{s.quote}</q>}
                  </li>
                ))}
              </ul>
            )}
            <p className="muted">{formatDateTime(verdict.createdAt)}</p>
          </article>
        ))}
      </div>
      <button type="button" className="quiet" aria-pressed={revealed} onClick={() => setRevealed(!revealed)}>
        Reveal reviewer names
      </button>
      {revealed && <span className="hint"> Revealing names is recorded in the audit trail.</span>}

      <form
        className="panel resolution"
        aria-labelledby="resolution-title"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <h2 id="resolution-title">Resolution</h2>
        <fieldset>
          <legend>Final label</legend>
          {LABELS.map((l) => (
            <label key={l} className="radio">
              <input type="radio" name="final-label" value={l} checked={label === l} onChange={() => setLabel(l)} />
              {labelName(l)}
            </label>
          ))}
        </fieldset>
        <label htmlFor="resolution-note">Resolution note</label>
        <textarea id="resolution-note" rows={4} value={note} onChange={(e) => setNote(e.target.value)} />
        {problems.length > 0 && (
          <ul role="alert" className="error">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={resolve.isPending}>
            Resolve
          </button>
          <button
            type="button"
            disabled={next.isPending}
            onClick={() => next.mutate({ assignmentId: assignment.id, reason: 'adjudication: next disagreement' })}
          >
            Next disagreement
          </button>
        </div>
      </form>
      <details className="panel">
        <summary>Article</summary>
        <ArticlePanel article={assignment.article} claim={claim} />
      </details>
    </div>
  );
}
