import { forwardRef } from 'react';
import { labelName } from '../format';
import type { Draft } from './draft';
import { EvidenceList } from './EvidenceList';
import { type Label, LABELS } from './review-api';

interface Props {
  draft: Draft;
  update: (change: Partial<Draft>) => void;
  problems: string[];
  submitting: boolean;
  disabled: boolean;
  onSubmit: () => void;
  onSkip: () => void;
}

const CONFIDENCE = [1, 2, 3, 4, 5];

/** The verdict: label (1/2/3), rationale, evidence, confidence; submit (Ctrl+Enter) or skip (S). */
export const VerdictForm = forwardRef<HTMLFormElement, Props>(function VerdictForm(
  { draft, update, problems, submitting, disabled, onSubmit, onSkip },
  ref,
) {
  return (
    <form
      ref={ref}
      className="verdict"
      aria-labelledby="verdict-title"
      tabIndex={-1}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <h2 id="verdict-title">Your verdict</h2>
      <div role="group" aria-label="Label" className="labels">
        {LABELS.map((label: Label, i) => (
          <button
            key={label}
            type="button"
            className={`label-button ${label}`}
            aria-pressed={draft.label === label}
            onClick={() => update({ label })}
            aria-keyshortcuts={String(i + 1)}
            disabled={disabled}
          >
            <span aria-hidden="true" className="check">
              {draft.label === label ? '✓' : ''}
            </span>
            {labelName(label)}
            <kbd aria-hidden="true">{i + 1}</kbd>
          </button>
        ))}
      </div>

      <label htmlFor="rationale">Rationale</label>
      <textarea
        id="rationale"
        rows={3}
        value={draft.rationale}
        onChange={(e) => update({ rationale: e.target.value })}
        aria-describedby="rationale-hint"
      />
      <p id="rationale-hint" className="hint">
        Required for Disputed and Unverifiable. Esc leaves the field.
      </p>

      <EvidenceList evidence={draft.evidence} onChange={(evidence) => update({ evidence })} />

      <fieldset className="confidence">
        <legend>Confidence</legend>
        {CONFIDENCE.map((level) => (
          <label key={level} className="radio">
            <input
              type="radio"
              name="confidence"
              value={level}
              checked={draft.confidence === level}
              onChange={() => update({ confidence: level })}
            />
            {level}
          </label>
        ))}
        <span className="hint">1 = a guess, 5 = certain</span>
      </fieldset>

      {problems.length > 0 && (
        <div role="alert" className="error">
          <p>The verdict was not saved:</p>
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}

      <div className="actions">
        <button type="submit" className="primary" disabled={disabled || submitting} aria-keyshortcuts="Control+Enter">
          Submit verdict <kbd aria-hidden="true">Ctrl+Enter</kbd>
        </button>
        <button type="button" onClick={onSkip} disabled={disabled || submitting} aria-keyshortcuts="S">
          Skip <kbd aria-hidden="true">S</kbd>
        </button>
      </div>
    </form>
  );
});
