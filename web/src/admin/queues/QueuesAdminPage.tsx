import { Link } from 'react-router';
import { formatAge } from '../../format';
import { useQueues } from '../../queues/queues';
import { Problem } from '../Problem';

/** Every queue and how it is set up: who pulls, how many verdicts settle a claim, the lease, routing. */
export function QueuesAdminPage() {
  // An admin may pull from every queue, so the list of the queues one may pull from is all of them.
  const queues = useQueues();
  return (
    <section className="page wide" aria-labelledby="queues-admin-title">
      <div className="page-head">
        <h1 id="queues-admin-title">Queue settings</h1>
        <Link className="button primary" to="/admin/queues/new">
          New queue
        </Link>
      </div>
      {queues.isPending && <p role="status">Loading queues…</p>}
      {queues.isError && <Problem error={queues.error} title="Could not load the queues." />}
      {queues.data && (
        <table className="data">
          <caption className="visually-hidden">Queues in routing order</caption>
          <thead>
            <tr>
              <th scope="col">Queue</th>
              <th scope="col">Pulled by</th>
              <th scope="col" className="num">
                Verdicts
              </th>
              <th scope="col" className="num">
                Lease
              </th>
              <th scope="col">Routing</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Waiting
              </th>
            </tr>
          </thead>
          <tbody>
            {[...queues.data]
              .sort((a, b) => a.routingOrder - b.routingOrder || a.slug.localeCompare(b.slug))
              .map((q) => (
                <tr key={q.id}>
                  <th scope="row">
                    <Link to={`/admin/queues/${q.slug}`} aria-label={`Edit ${q.slug}`}>
                      {q.slug}
                    </Link>
                    {q.description && <div className="muted">{q.description}</div>}
                  </th>
                  <td>
                    {q.pullRole}s{q.members.length > 0 && <div className="muted">{q.members.length} members only</div>}
                  </td>
                  <td className="num">{q.verdictsRequired}</td>
                  <td className="num">{formatAge(q.leaseSeconds)}</td>
                  <td>
                    {q.escalationsOnly
                      ? 'disagreements only'
                      : q.routable
                        ? `order ${q.routingOrder}, score ≥ ${q.minScore}`
                        : 'by hand only'}
                    {q.sources && <div className="muted">sources: {q.sources.join(', ')}</div>}
                    {q.languages && <div className="muted">languages: {q.languages.join(', ')}</div>}
                  </td>
                  <td>{q.active ? 'Active' : <span className="status-off">Inactive</span>}</td>
                  <td className="num">{q.depth}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
