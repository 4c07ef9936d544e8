import { useState } from 'react';
import { problemsOf } from '../api/client';
import { formatAge, formatDateTime } from '../format';
import { AgreementChart, VerdictsPerHourChart } from './charts';
import {
  type Agreement,
  type DashboardFilter,
  type QueueWorkload,
  type Throughput,
  type VerdictRate,
  useAgreement,
  useThroughput,
  useVerdictRate,
  useWorkload,
} from './dashboard-api';
import { formatAgreement, formatHour, formatRate, formatShare } from './format';
import { type LiveState, useLiveDashboard } from './live';

const WINDOWS = [
  { days: 1, name: 'Last 24 hours' },
  { days: 7, name: 'Last 7 days' },
  { days: 30, name: 'Last 30 days' },
];

const LIVE_TEXT: Record<LiveState, string> = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…' };

/** Editors' and admins' view of the pipeline: backlog per queue, verdicts per hour, agreement and throughput, kept live. */
export function DashboardPage() {
  const live = useLiveDashboard();
  const [filter, setFilter] = useState<DashboardFilter>({ queue: null, days: 7 });
  const workload = useWorkload();
  const rate = useVerdictRate(filter);
  const throughput = useThroughput(filter);
  const agreement = useAgreement(filter, rate.data?.from);

  return (
    <section className="page wide dashboard" aria-labelledby="dashboard-title">
      <div className="dashboard-head">
        <h1 id="dashboard-title">Dashboard</h1>
        {/* Only the connection state is announced: the figures change too often to read out. */}
        <p className="live-state-line">
          <span role="status" className={`live-state ${live}`}>
            <span aria-hidden="true">●</span> {LIVE_TEXT[live]}
          </span>
          {workload.dataUpdatedAt > 0 && (
            <span className="muted"> · updated {new Date(workload.dataUpdatedAt).toLocaleTimeString()}</span>
          )}
        </p>
      </div>

      <section className="panel" aria-labelledby="backlog-title">
        <h2 id="backlog-title">Queues now</h2>
        {workload.isPending && <p role="status">Loading…</p>}
        {workload.isError && <Problem error={workload.error} />}
        {workload.data && <Backlog rows={workload.data} />}
      </section>

      <form className="dashboard-filters" aria-label="Dashboard filters" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor="dashboard-queue">Queue</label>
          <select
            id="dashboard-queue"
            value={filter.queue ?? ''}
            onChange={(e) => setFilter({ ...filter, queue: e.target.value || null })}
          >
            <option value="">All queues</option>
            {workload.data?.map((q) => (
              <option key={q.queue} value={q.queue}>
                {q.queue}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="dashboard-window">Period</label>
          <select
            id="dashboard-window"
            value={filter.days}
            onChange={(e) => setFilter({ ...filter, days: Number(e.target.value) })}
          >
            {WINDOWS.map((w) => (
              <option key={w.days} value={w.days}>
                {w.name}
              </option>
            ))}
          </select>
        </div>
        {rate.data && <p className="muted window">Since {formatDateTime(rate.data.from)}, whole hours</p>}
      </form>

      <section className="panel" aria-labelledby="rate-title">
        <h2 id="rate-title">Verdicts per hour</h2>
        {rate.isPending && <p role="status">Loading…</p>}
        {rate.isError && <Problem error={rate.error} />}
        {rate.data && <VerdictRateView rate={rate.data} />}
      </section>

      <section className="panel" aria-labelledby="agreement-title">
        <h2 id="agreement-title">Agreement</h2>
        {agreement.isError && <Problem error={agreement.error} />}
        {agreement.data ? (
          <AgreementView agreement={agreement.data} />
        ) : (
          !agreement.isError && <p role="status">Loading…</p>
        )}
      </section>

      <section className="panel" aria-labelledby="throughput-title">
        <h2 id="throughput-title">Throughput</h2>
        {throughput.isPending && <p role="status">Loading…</p>}
        {throughput.isError && <Problem error={throughput.error} />}
        {throughput.data && <ThroughputTable throughput={throughput.data} />}
      </section>
    </section>
  );
}

function Problem({ error }: { error: unknown }) {
  return <p role="alert">Could not load these figures: {problemsOf(error).join(' ')}</p>;
}

function Backlog({ rows }: { rows: QueueWorkload[] }) {
  return (
    <table className="data" aria-labelledby="backlog-title">
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
            Awaiting adjudication
          </th>
          <th scope="col" className="num">
            Oldest waiting
          </th>
          <th scope="col" className="num">
            Verdicts last hour
          </th>
          <th scope="col" className="num">
            Verdicts per hour (24 h)
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((q) => (
          <tr key={q.queue} data-queue={q.queue}>
            <th scope="row">
              {q.queue}
              {!q.active && <span className="muted"> (inactive)</span>}
            </th>
            <td className="num" data-figure="depth">
              {q.depth}
            </td>
            <td className="num" data-figure="in-review">
              {q.inReview}
            </td>
            <td className="num" data-figure="awaiting">
              {q.awaitingAdjudication}
            </td>
            <td className="num">{q.oldestWaitingSeconds === null ? '—' : formatAge(q.oldestWaitingSeconds)}</td>
            <td className="num" data-figure="last-hour">
              {q.verdictsLastHour}
            </td>
            <td className="num">{formatRate(q.verdictsPerHourLast24h)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function VerdictRateView({ rate }: { rate: VerdictRate }) {
  const busy = rate.buckets.filter((b) => b.verdicts > 0);
  return (
    <>
      <figure className="chart">
        <VerdictsPerHourChart buckets={rate.buckets} />
        <figcaption className="muted">
          {busy.length === 0
            ? 'No verdicts in this period.'
            : `${busy.reduce((sum, b) => sum + b.verdicts, 0)} verdicts in ${busy.length} of ${rate.buckets.length} hours.`}
        </figcaption>
      </figure>
      {busy.length > 0 && (
        <details>
          <summary>The hours with verdicts, as a table</summary>
          <table className="data compact">
            <thead>
              <tr>
                <th scope="col">Hour</th>
                <th scope="col" className="num">
                  Verdicts
                </th>
                <th scope="col" className="num">
                  Verified
                </th>
                <th scope="col" className="num">
                  Disputed
                </th>
                <th scope="col" className="num">
                  Unverifiable
                </th>
              </tr>
            </thead>
            <tbody>
              {busy.map((b) => (
                <tr key={b.start}>
                  <th scope="row">{formatHour(b.start)}</th>
                  <td className="num">{b.verdicts}</td>
                  <td className="num">{b.verified}</td>
                  <td className="num">{b.disputed}</td>
                  <td className="num">{b.unverifiable}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </>
  );
}

function AgreementView({ agreement }: { agreement: Agreement }) {
  if (agreement.units === 0)
    return <p>No claim in this period has two review verdicts yet, so there is nothing to compare.</p>;
  return (
    <>
      <p>
        Overall: Krippendorff&apos;s α <strong>{formatAgreement(agreement.alpha)}</strong>, Cohen&apos;s κ{' '}
        <strong>{formatAgreement(agreement.kappa.kappa)}</strong>{' '}
        <span className="muted">
          ({agreement.units} claims with at least two verdicts; κ over {agreement.kappa.pairs} reviewer pairs sharing at
          least {agreement.minSharedUnits} claims)
        </span>
      </p>
      {agreement.queues.length > 0 && (
        <figure className="chart">
          <AgreementChart queues={agreement.queues} />
          <figcaption className="muted">
            Per queue. 1 is full agreement, 0 what chance would give; a missing bar is undefined (too few shared claims,
            or one label only).
          </figcaption>
        </figure>
      )}
      <div className="tables">
        <table className="data compact">
          <caption>Per queue</caption>
          <thead>
            <tr>
              <th scope="col">Queue</th>
              <th scope="col" className="num">
                Claims
              </th>
              <th scope="col" className="num">
                α
              </th>
              <th scope="col" className="num">
                κ
              </th>
            </tr>
          </thead>
          <tbody>
            {agreement.queues.map((q) => (
              <tr key={q.queue}>
                <th scope="row">{q.queue}</th>
                <td className="num">{q.units}</td>
                <td className="num">{formatAgreement(q.alpha)}</td>
                <td className="num">{formatAgreement(q.kappa.kappa)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="data compact">
          <caption>Per reviewer</caption>
          <thead>
            <tr>
              <th scope="col">Reviewer</th>
              <th scope="col" className="num">
                Verdicts
              </th>
              <th scope="col" className="num">
                Agrees with final
              </th>
              <th scope="col" className="num">
                κ (pairs)
              </th>
              <th scope="col" className="num">
                Median time
              </th>
            </tr>
          </thead>
          <tbody>
            {agreement.reviewers.map((r) => (
              <tr key={r.reviewerId}>
                <th scope="row">{r.displayName}</th>
                <td className="num">{r.verdicts}</td>
                <td className="num">{formatShare(r.agreementWithFinal)}</td>
                <td className="num">
                  {formatAgreement(r.kappa.kappa)} <span className="muted">({r.kappa.pairs})</span>
                </td>
                <td className="num">
                  {r.medianSecondsToVerdict === null ? '—' : formatAge(Math.round(r.medianSecondsToVerdict))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function ThroughputTable({ throughput }: { throughput: Throughput }) {
  if (throughput.reviewers.length === 0) return <p>Nobody gave a verdict or skipped a claim in this period.</p>;
  return (
    <table className="data compact">
      <thead>
        <tr>
          <th scope="col">Person</th>
          <th scope="col">Role</th>
          <th scope="col" className="num">
            Verdicts
          </th>
          <th scope="col" className="num">
            Last 24 h
          </th>
          <th scope="col" className="num">
            Skips
          </th>
          <th scope="col" className="num">
            Active hours
          </th>
          <th scope="col" className="num">
            Per active hour
          </th>
          <th scope="col" className="num">
            Median time
          </th>
          <th scope="col">Last verdict</th>
        </tr>
      </thead>
      <tbody>
        {throughput.reviewers.map((r) => (
          <tr key={r.reviewerId}>
            <th scope="row">{r.displayName}</th>
            <td>{r.role}</td>
            <td className="num">{r.verdicts}</td>
            <td className="num">{r.verdictsLast24h}</td>
            <td className="num">{r.skips}</td>
            <td className="num">{r.activeHours}</td>
            <td className="num">{formatRate(r.verdictsPerActiveHour)}</td>
            <td className="num">
              {r.medianSecondsToVerdict === null ? '—' : formatAge(Math.round(r.medianSecondsToVerdict))}
            </td>
            <td>{r.lastVerdictAt ? formatDateTime(r.lastVerdictAt) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
