import { Link, useParams } from 'react-router';
import { problemsOf } from '../api/client';
import { useClaimHistory } from '../adjudication/adjudication-api';
import { formatDateTime } from '../format';
import { describeEntry } from './history';

/** A claim's audit timeline (in the order GET /claims/:id/history gives it): routing, leases, verdicts, resolution. */
export function HistoryPage() {
  const id = useParams().id!;
  const history = useClaimHistory(id);
  return (
    <section className="page" aria-labelledby="history-title">
      <h1 id="history-title">Claim history</h1>
      <p>
        <Link to="/adjudication">Back to adjudication</Link>
      </p>
      {history.isPending && <p role="status">Loading…</p>}
      {history.isError && <p role="alert">{problemsOf(history.error).join(' ')}</p>}
      {history.data && (
        <ol className="timeline">
          {history.data.map((entry) => (
            <li key={entry.id}>
              <time dateTime={entry.at}>{formatDateTime(entry.at)}</time> <strong>{describeEntry(entry)}</strong>
              {entry.after && (
                <details>
                  <summary>Record</summary>
                  <pre>
                    {JSON.stringify({ action: entry.action, before: entry.before, after: entry.after }, null, 1)}
                  </pre>
                </details>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
