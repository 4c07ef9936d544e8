import { Link } from 'react-router';
import { formatAge } from '../format';
import { ADJUDICATION_QUEUE, useQueues } from './queues';

export function QueuesPage() {
  const queues = useQueues();
  return (
    <section className="page" aria-labelledby="queues-title">
      <h1 id="queues-title">Your queues</h1>
      {queues.isPending && <p role="status">Loading queues…</p>}
      {queues.isError && <p role="alert">Could not load your queues: {queues.error.message}</p>}
      {queues.data?.length === 0 && <p>You are not a member of any queue yet. Ask an editor to add you.</p>}
      {!!queues.data?.length && (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Queue</th>
              <th scope="col" className="num">
                Waiting
              </th>
              <th scope="col" className="num">
                In review
              </th>
              <th scope="col" className="num">
                Oldest waiting
              </th>
              <th scope="col" className="num">
                Yours today
              </th>
            </tr>
          </thead>
          <tbody>
            {queues.data.map((queue) => (
              <tr key={queue.id}>
                <th scope="row">
                  <Link to={queue.slug === ADJUDICATION_QUEUE ? '/adjudication' : `/review/${queue.slug}`}>
                    {queue.slug}
                  </Link>
                  {queue.description && <div className="muted">{queue.description}</div>}
                </th>
                <td className="num">{queue.depth}</td>
                <td className="num">{queue.inReview}</td>
                <td className="num">
                  {queue.oldestWaitingSeconds === null ? '—' : formatAge(queue.oldestWaitingSeconds)}
                </td>
                <td className="num">{queue.myVerdictsToday}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
