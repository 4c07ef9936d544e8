import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { type ImportLine, type ImportOutcome, uploadImport } from './ingest-api';

type Filter = 'all' | 'problems' | ImportLine['status'];
const FILTER_NAMES: Record<Filter, string> = {
  all: 'All lines',
  problems: 'Duplicate or invalid',
  created: 'Created',
  duplicate: 'Duplicate',
  invalid: 'Invalid',
};

/** Rows the page draws at once: a 100,000-line report stays in the CSV, not in the page's DOM. */
const SHOWN_ROWS = 500;

const kB = (bytes: number) =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(1)} kB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The report as a CSV file the browser saves (the page already holds every line: nothing is fetched again). */
async function downloadCsv(lines: ImportLine[], name: string): Promise<void> {
  // Loaded on demand: the CSV writer is most of this screen's code and only this button needs it.
  const { stringify } = await import('csv-stringify/browser/esm/sync');
  const csv = stringify(
    lines.map((l) => [l.line, l.status, l.id ?? '', l.existingId ?? '', l.error ?? '']),
    { header: true, columns: ['line', 'status', 'id', 'existingId', 'error'], record_delimiter: '\r\n' },
  );
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Bulk import: upload with progress (bytes sent, lines reported), then the per-line report, filterable and as CSV. */
export function ImportPanel() {
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<{ sent: number; total: number; lines: number } | null>(null);
  const [outcome, setOutcome] = useState<(ImportOutcome & { file: string }) | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [filter, setFilter] = useState<Filter>('problems');
  // The running upload's controller, in state: whether an upload runs decides what the form shows.
  const [running, setRunning] = useState<AbortController | null>(null);
  const uploading = running !== null;

  const start = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return setFailure('Choose an NDJSON file first: one article JSON object per line.');
    const controller = new AbortController();
    setRunning(controller);
    setFailure(null);
    setOutcome(null);
    setProgress({ sent: 0, total: file.size, lines: 0 });
    uploadImport(
      file,
      (p) => setProgress({ sent: p.bytesSent, total: p.bytesTotal, lines: p.lines.length }),
      controller.signal,
    )
      .then((result) => setOutcome({ ...result, file: file.name }))
      .catch((error: Error) =>
        setFailure(
          error.name === 'AbortError'
            ? 'Upload cancelled. Lines reported before it stopped were stored.'
            : error.message,
        ),
      )
      .finally(() => setRunning(null));
  };

  const shown =
    outcome?.lines.filter(
      (l) => filter === 'all' || (filter === 'problems' ? l.status !== 'created' : l.status === filter),
    ) ?? [];
  return (
    <section className="panel import" aria-labelledby="import-title">
      <h2 id="import-title">Import an NDJSON file</h2>
      <form onSubmit={start}>
        <label htmlFor="import-file">NDJSON file</label>
        <input
          id="import-file"
          type="file"
          accept=".ndjson,.jsonl,application/x-ndjson"
          aria-describedby="import-hint"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        <p id="import-hint" className="hint">
          One article JSON object per line (title, body, url, source, author, language, publishedAt); blank lines are
          skipped.
        </p>
        <div className="actions">
          <button type="submit" className="primary" disabled={uploading}>
            Upload and import
          </button>
          {uploading && (
            <button type="button" onClick={() => running?.abort()}>
              Cancel
            </button>
          )}
        </div>
      </form>
      {progress && (
        <div className="progress">
          <label htmlFor="import-progress">Upload</label>
          <progress id="import-progress" max={progress.total || 1} value={progress.sent} />
          <p role="status">
            {kB(progress.sent)} of {kB(progress.total)} sent · {progress.lines}{' '}
            {progress.lines === 1 ? 'line' : 'lines'} reported
            {!uploading && outcome && ' · done'}
          </p>
        </div>
      )}
      {failure && (
        <div className="error" role="alert">
          {failure}
        </div>
      )}
      {outcome && (
        <div className="report">
          <h3>Report</h3>
          <p>
            {outcome.totals.lines} lines read: <strong>{outcome.totals.created} created</strong>,{' '}
            {outcome.totals.duplicate} duplicate, {outcome.totals.invalid} invalid.
          </p>
          {outcome.stopped && (
            <p className="notice">
              Stopped at line {outcome.stopped.line}: {outcome.stopped.message} Send the rest of the file again from
              that line.
            </p>
          )}
          <div className="report-tools">
            <label htmlFor="report-filter">Show</label>
            <select id="report-filter" value={filter} onChange={(e) => setFilter(e.target.value as Filter)}>
              {(Object.keys(FILTER_NAMES) as Filter[]).map((f) => (
                <option key={f} value={f}>
                  {FILTER_NAMES[f]}
                </option>
              ))}
            </select>
            <button
              type="button"
              onClick={() => void downloadCsv(outcome.lines, `${outcome.file.replace(/\.[^.]*$/, '')}-report.csv`)}
            >
              Download report as CSV
            </button>
          </div>
          {shown.length === 0 ? (
            <p className="muted">No line matches.</p>
          ) : (
            <table className="data">
              <caption className="visually-hidden">Import report: {FILTER_NAMES[filter]}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Line
                  </th>
                  <th scope="col">Result</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {shown.slice(0, SHOWN_ROWS).map((l) => (
                  <tr key={l.line}>
                    <td className="num">{l.line}</td>
                    <td>
                      <span className={`status-badge import-${l.status}`}>{l.status}</span>
                    </td>
                    <td>
                      {l.status === 'created' && l.id && <Link to={`/articles/${l.id}`}>Open article</Link>}
                      {l.status === 'duplicate' && l.existingId && (
                        <Link to={`/articles/${l.existingId}`}>Open the existing article</Link>
                      )}
                      {l.error && <span>{l.error}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {shown.length > SHOWN_ROWS && (
            <p className="muted">
              Showing the first {SHOWN_ROWS} of {shown.length} lines; the CSV has them all.
            </p>
          )}
        </div>
      )}
    </section>
  );
}
