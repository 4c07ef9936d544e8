import { Link, useParams } from 'react-router';
import { problemsOf } from '../api/client';
import { useClaimHistory } from '../adjudication/adjudication-api';
import { formatDateTime } from '../format';

/** A claim's audit timeline: every routing, lease, verdict, resolution and reopening, oldest first. */
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
              <time dateTime={entry.at}>{formatDateTime(entry.at)}</time> <strong>{entry.action}</strong>
              {entry.after && <pre>{JSON.stringify(entry.after, null, 1)}</pre>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
