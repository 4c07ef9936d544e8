import { useRef, useState } from 'react';
import { type EvidenceDraft, isEvidenceUrl } from './draft';

interface Props {
  evidence: EvidenceDraft[];
  onChange: (evidence: EvidenceDraft[]) => void;
}

/** Evidence sources: a URL (checked as it is left) and an optional note, added and removed by keyboard. */
export function EvidenceList({ evidence, onChange }: Props) {
  const [touched, setTouched] = useState<Set<number>>(new Set());
  const list = useRef<HTMLOListElement>(null);

  const set = (index: number, change: Partial<EvidenceDraft>) =>
    onChange(evidence.map((e, i) => (i === index ? { ...e, ...change } : e)));
  const add = () => {
    onChange([...evidence, { url: '', note: '' }]);
    // focus the new row's URL once it is rendered
    requestAnimationFrame(() => list.current?.querySelector<HTMLInputElement>('li:last-child input')?.focus());
  };
  const remove = (index: number) => {
    onChange(evidence.filter((_, i) => i !== index));
    setTouched(new Set());
  };

  return (
    <fieldset className="evidence">
      <legend>Evidence</legend>
      {evidence.length === 0 && <p className="muted">No sources yet.</p>}
      <ol ref={list}>
        {evidence.map((item, index) => {
          const invalid = touched.has(index) && item.url.trim() !== '' && !isEvidenceUrl(item.url);
          const errorId = `evidence-${index}-error`;
          return (
            <li key={index}>
              <label htmlFor={`evidence-${index}-url`}>Evidence URL</label>
              <input
                id={`evidence-${index}-url`}
                type="url"
                inputMode="url"
                placeholder="https://"
                value={item.url}
                aria-invalid={invalid}
                aria-describedby={invalid ? errorId : undefined}
                onChange={(e) => set(index, { url: e.target.value })}
                onBlur={() => setTouched(new Set(touched).add(index))}
              />
              {invalid && (
                <p id={errorId} className="field-error">
                  ✗ Enter a full http:// or https:// address.
                </p>
              )}
              <label htmlFor={`evidence-${index}-note`}>Note</label>
              <input
                id={`evidence-${index}-note`}
                type="text"
                value={item.note}
                onChange={(e) => set(index, { note: e.target.value })}
              />
              <button type="button" className="quiet" onClick={() => remove(index)}>
                Remove source {index + 1}
              </button>
            </li>
          );
        })}
      </ol>
      <button type="button" onClick={add}>
        Add source
      </button>
    </fieldset>
  );
}
