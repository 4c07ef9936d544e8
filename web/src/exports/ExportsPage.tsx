import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { problemsOf } from '../api/client';
import { dayEnd, dayStart, labelName } from '../format';
import { useDebounced } from '../use-debounced';
import { ClaimReviewPreview } from './ClaimReviewPreview';
import { type ExportQuery, exportHref, useExportCount } from './exports-api';

const FORMATS = [
  { value: 'csv', name: 'CSV (spreadsheets)' },
  { value: 'json', name: 'JSON document' },
  { value: 'ndjson', name: 'NDJSON (one claim per line)' },
  { value: 'claimreview', name: 'schema.org ClaimReview (JSON-LD)' },
] as const;
const STATUSES = ['verified', 'disputed', 'unverifiable', 'needs_adjudication'] as const;

/** Exports of settled claims: format and filters, the rows they select, a streamed download and the incremental cursor. */
export function ExportsPage() {
  const [params] = useSearchParams();
  const [format, setFormat] = useState<NonNullable<ExportQuery['format']>>('csv');
  const [statuses, setStatuses] = useState<string[]>(['verified', 'disputed', 'unverifiable']);
  const [form, setForm] = useState({ from: '', to: '', source: '', queue: '', since: '' });
  const [verdicts, setVerdicts] = useState(false);
  const [bom, setBom] = useState(false);
  const [copied, setCopied] = useState(false);
  const set = (name: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [name]: event.target.value }));

  const typed = useDebounced(form, 400);
  const filters = {
    status: statuses.length ? statuses : undefined,
    from: typed.from ? dayStart(typed.from) : undefined,
    to: typed.to ? dayEnd(typed.to) : undefined,
    source: typed.source.trim() || undefined,
    queue: typed.queue.trim() || undefined,
    since: typed.since.trim() || undefined,
  };
  const count = useExportCount(filters);
  const cursor = count.data?.cursor;
  // The download ends at the counted cursor, so the file holds what was counted and the copied cursor is its end.
  const href = cursor
    ? exportHref({
        ...filters,
        until: cursor,
        format,
        ...(verdicts && { include: 'verdicts' }),
        ...(format === 'csv' && bom && { bom: true }),
      })
    : undefined;

  const copy = async () => {
    if (!cursor) return;
    await navigator.clipboard.writeText(cursor);
    setCopied(true);
  };
  const toggle = (status: string) =>
    setStatuses((s) => (s.includes(status) ? s.filter((x) => x !== status) : [...s, status]));

  return (
    <section className="page wide" aria-labelledby="exports-title">
      <h1 id="exports-title">Exports</h1>
      <div className="review">
        <form className="panel" aria-labelledby="export-form-title" onSubmit={(e) => e.preventDefault()}>
          <h2 id="export-form-title">What to export</h2>
          <label htmlFor="export-format">Format</label>
          <select
            id="export-format"
            value={format}
            onChange={(e) => setFormat(e.target.value as NonNullable<ExportQuery['format']>)}
          >
            {FORMATS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.name}
              </option>
            ))}
          </select>
          <fieldset>
            <legend>Status</legend>
            {STATUSES.map((s) => (
              <label key={s} className="radio">
                <input type="checkbox" checked={statuses.includes(s)} onChange={() => toggle(s)} /> {labelName(s)}
              </label>
            ))}
          </fieldset>
          <div className="inline-fields">
            <div>
              <label htmlFor="export-from">Finalized from</label>
              <input id="export-from" type="date" value={form.from} onChange={set('from')} />
            </div>
            <div>
              <label htmlFor="export-to">Finalized until</label>
              <input id="export-to" type="date" value={form.to} onChange={set('to')} />
            </div>
          </div>
          <div className="inline-fields">
            <div>
              <label htmlFor="export-source">Article source</label>
              <input id="export-source" value={form.source} onChange={set('source')} />
            </div>
            <div>
              <label htmlFor="export-queue">Queue (slug)</label>
              <input id="export-queue" value={form.queue} onChange={set('queue')} />
            </div>
          </div>
          <label htmlFor="export-since">Only changes since cursor (from a previous export)</label>
          <input id="export-since" value={form.since} onChange={set('since')} spellCheck={false} />
          <label className="radio">
            <input type="checkbox" checked={verdicts} onChange={(e) => setVerdicts(e.target.checked)} /> Include every
            reviewer's verdicts
          </label>
          {format === 'csv' && (
            <label className="radio">
              <input type="checkbox" checked={bom} onChange={(e) => setBom(e.target.checked)} /> Start with a byte-order
              mark (older spreadsheets)
            </label>
          )}
        </form>
        <div className="side">
          <section className="panel" aria-labelledby="export-result-title">
            <h2 id="export-result-title">Download</h2>
            {count.isError && (
              <div className="error" role="alert">
                {problemsOf(count.error).join(' ')}
              </div>
            )}
            <p role="status" className="count" aria-busy={count.isFetching}>
              {count.data
                ? `${count.data.rows} ${count.data.rows === 1 ? 'claim' : 'claims'} selected`
                : count.isPending
                  ? 'Counting…'
                  : ''}
            </p>
            <div className="actions">
              {href && count.data!.rows > 0 ? (
                <a className="button primary" href={href} download>
                  Download {format.toUpperCase()}
                </a>
              ) : (
                <span className="muted">Nothing to download with these filters.</span>
              )}
              <button type="button" onClick={() => void count.refetch()}>
                Count again
              </button>
            </div>
            <label htmlFor="export-cursor">
              Incremental cursor (the download ends here; pass it as “since” next time)
            </label>
            <div className="copy-row">
              <input
                id="export-cursor"
                readOnly
                value={cursor ?? ''}
                spellCheck={false}
                onFocus={(e) => e.target.select()}
              />
              <button type="button" onClick={() => void copy()} disabled={!cursor}>
                Copy cursor
              </button>
            </div>
            {copied && (
              <p role="status" className="done">
                Cursor copied.
              </p>
            )}
          </section>
          <ClaimReviewPreview initialClaimId={params.get('claim') ?? ''} />
        </div>
      </div>
    </section>
  );
}
