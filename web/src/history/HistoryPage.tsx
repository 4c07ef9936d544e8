import { Link, useLocation, useParams } from 'react-router';
import { problemsOf } from '../api/client';
import { useClaimHistory } from '../adjudication/adjudication-api';
import { formatDateTime } from '../format';
import { describeEntry, type HistoryBack } from './history';

/** A claim's audit timeline (in the order GET /claims/:id/history gives it): routing, leases, verdicts, resolution. */
export function HistoryPage() {
  const id = useParams().id!;
  const history = useClaimHistory(id);
  // Adjudication links here without a state, as does a bookmark: back to the adjudication queue.
  const back = (useLocation().state as HistoryBack | null)?.back ?? {
    to: '/adjudication',
    label: 'Back to adjudication',
  };
  return (
    <section className="page" aria-labelledby="history-title">
      <h1 id="history-title">Claim history</h1>
      <p>
        <Link to={back.to}>{back.label}</Link>
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
