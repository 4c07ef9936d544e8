import { type FormEvent, useState } from 'react';
import { problemsOf } from '../api/client';
import type { SelectedSpan } from './body-offsets';
import { useCurationActions } from './articles-api';

interface Props {
  articleId: string;
  selection: SelectedSpan | null;
  onAdded: (claimId: string) => void;
}

/**
 * Adds a claim from the text selected in the article (its exact offsets are sent), or, without a mouse, from a
 * quoted passage (found once in the body by the service) or from offsets.
 */
export function AddClaimForm({ articleId, selection, onAdded }: Props) {
  const { add } = useCurationActions(articleId);
  const [passage, setPassage] = useState('');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [speaker, setSpeaker] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const send = (body: { start: number; end: number } | { text: string }) => {
    setProblems([]);
    add.mutate(
      { ...body, ...(speaker.trim() && { speaker: speaker.trim() }) },
      {
        onSuccess: (claim) => {
          setPassage('');
          setStart('');
          setEnd('');
          setSpeaker('');
          onAdded(claim.id);
        },
        onError: (error) => setProblems(problemsOf(error)),
      },
    );
  };
  const submitQuoted = (event: FormEvent) => {
    event.preventDefault();
    if (start !== '' || end !== '') return send({ start: Number(start), end: Number(end) });
    if (!passage.trim()) return setProblems(['Quote a passage of the article, or give its start and end offsets.']);
    send({ text: passage });
  };

  return (
    <section className="panel" aria-labelledby="add-claim-title">
      <h2 id="add-claim-title">Add a claim</h2>
      {selection === null && <p className="muted">Select text in the article to add it, or quote the passage here.</p>}
      {selection && 'problem' in selection && (
        <p className="notice" role="status">
          {selection.problem}
        </p>
      )}
      {selection && 'text' in selection && (
        <div className="selected-span">
          <p>
            Selected{' '}
            <span className="muted">
              (characters {selection.start}–{selection.end})
            </span>
            : “{selection.text}”
          </p>
          <button
            type="button"
            className="primary"
            disabled={add.isPending}
            onClick={() => send({ start: selection.start, end: selection.end })}
          >
            Add selection as claim
          </button>
        </div>
      )}
      <form onSubmit={submitQuoted} noValidate>
        <label htmlFor="add-passage">Passage (exact text, found once in the article)</label>
        <textarea id="add-passage" rows={3} value={passage} onChange={(e) => setPassage(e.target.value)} />
        <fieldset>
          <legend>Or by offsets</legend>
          <div className="inline-fields">
            <div>
              <label htmlFor="add-start">Start</label>
              <input
                id="add-start"
                type="number"
                min={0}
                inputMode="numeric"
                value={start}
                onChange={(e) => setStart(e.target.value)}
              />
            </div>
            <div>
              <label htmlFor="add-end">End</label>
              <input
                id="add-end"
                type="number"
                min={1}
                inputMode="numeric"
                value={end}
                onChange={(e) => setEnd(e.target.value)}
              />
            </div>
          </div>
        </fieldset>
        <label htmlFor="add-speaker">Speaker (optional: inferred when empty)</label>
        <input id="add-speaker" value={speaker} onChange={(e) => setSpeaker(e.target.value)} />
        {problems.length > 0 && (
          <div className="error" role="alert">
            <ul>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        )}
        <div className="actions">
          <button type="submit" disabled={add.isPending}>
            Add quoted claim
          </button>
        </div>
      </form>
    </section>
  );
}
