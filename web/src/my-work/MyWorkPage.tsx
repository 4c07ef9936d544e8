import { useSearchParams } from 'react-router';
import { problemsOf } from '../api/client';
import { formatDateTime, labelName } from '../format';
import { pageOf, Pager } from '../layout/Pager';
import { PAGE_SIZE, useMyVerdicts } from './my-work-api';

/** The verdicts the user gave, with the claim's final label once it is settled (never before: blind review). */
export function MyWorkPage() {
  const [params] = useSearchParams();
  const page = pageOf(params);
  const verdicts = useMyVerdicts(page);
  const data = verdicts.data;

  return (
    <section className="page" aria-labelledby="my-work-title">
      <h1 id="my-work-title">My work</h1>
      {verdicts.isPending && <p role="status">Loading your verdicts…</p>}
      {verdicts.isError && <p role="alert">Could not load your verdicts: {problemsOf(verdicts.error).join(' ')}</p>}
      {data?.total === 0 && <p>You have not given a verdict yet.</p>}
      {!!data?.items.length && (
        <>
          <table className="data">
            <caption className="visually-hidden">Your verdicts, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Claim</th>
                <th scope="col">Your verdict</th>
                <th scope="col">Final</th>
                <th scope="col">Queue</th>
                <th scope="col">Given</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((v) => (
                <tr key={v.id}>
                  <td>
                    “{v.claimText}”<div className="muted">{v.articleTitle}</div>
                  </td>
                  <td>
                    <span className={`label-badge ${v.label}`}>{labelName(v.label)}</span>
                    <div className="muted">confidence {v.confidence}/5</div>
                  </td>
                  <td>
                    {v.finalLabel ? (
                      <span className={`label-badge ${v.finalLabel}`}>{labelName(v.finalLabel)}</span>
                    ) : (
                      <span className="muted">Not final yet</span>
                    )}
                  </td>
                  <td>{v.queue}</td>
                  <td>
                    <time dateTime={v.createdAt}>{formatDateTime(v.createdAt)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={page} total={data.total} pageSize={PAGE_SIZE} noun="verdicts" />
        </>
      )}
    </section>
  );
}
