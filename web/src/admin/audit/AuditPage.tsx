import { Link, useSearchParams } from 'react-router';
import { formatPreciseDateTime } from '../../format';
import { ACTIONS, describeEntry } from '../../history/history';
import { pageOf, Pager } from '../../layout/Pager';
import { Problem } from '../Problem';
import { useUser, useUserChoices } from '../users/users-api';
import { type AuditEntry, type AuditFilters, FILTER_NAMES, PAGE_SIZE, useAuditLog } from './audit-api';

const ENTITIES = ['user', 'claim', 'article', 'queue', 'export'];

function filtersOf(params: URLSearchParams): AuditFilters {
  const filters: Record<string, string> = {};
  for (const name of FILTER_NAMES) {
    const value = params.get(name);
    if (value) filters[name] = value;
  }
  return filters;
}

/** Where an entry's subject has a timeline of its own: an account's or a claim's, oldest first. */
function timelineOf(entry: AuditEntry): string | undefined {
  if (!entry.entityId) return undefined;
  if (entry.entity === 'user') return `/admin/audit?involving=${entry.entityId}&order=asc`;
  if (entry.entity === 'claim') return `/admin/audit?entity=claim&entityId=${entry.entityId}&order=asc`;
  return undefined;
}

/** "active: true → false": the fields an entry changed, for a person reading the log. */
function changesOf(entry: AuditEntry): string[] {
  const before = (entry.before ?? {}) as Record<string, unknown>;
  const after = (entry.after ?? {}) as Record<string, unknown>;
  if (!entry.before) return [];
  return Object.keys(after)
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map((key) => `${key}: ${JSON.stringify(before[key]) ?? '—'} → ${JSON.stringify(after[key])}`);
}

/** The audit trail: filtered, paged; with `involving` an account's whole timeline, with a claim id a claim's. */
export function AuditPage() {
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const page = pageOf(params);
  const log = useAuditLog(filters, page);
  const actors = useUserChoices();
  const subject = useUser(filters.involving);

  const setFilter = (name: keyof AuditFilters, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    next.delete('page');
    setParams(next, { replace: true });
  };

  const heading = filters.involving
    ? `Timeline of ${subject.data?.displayName ?? 'an account'}`
    : filters.entity === 'claim' && filters.entityId
      ? `Timeline of claim ${filters.entityId.slice(0, 8)}`
      : 'Audit log';

  return (
    <section className="page wide" aria-labelledby="audit-title">
      <h1 id="audit-title">{heading}</h1>
      {filters.involving && subject.data && (
        <p className="muted">
          What {subject.data.email} did and what was done to the account,{' '}
          {filters.order === 'asc' ? 'oldest' : 'newest'} first. <Link to="/admin/audit">Whole log</Link>
        </p>
      )}
      <form className="filters" role="search" aria-label="Filter the audit log" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor="audit-actor">Who acted</label>
          <select id="audit-actor" value={filters.actor ?? ''} onChange={(e) => setFilter('actor', e.target.value)}>
            <option value="">Anyone</option>
            {actors.data?.items.map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName} ({u.email})
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-entity">Subject</label>
          <select id="audit-entity" value={filters.entity ?? ''} onChange={(e) => setFilter('entity', e.target.value)}>
            <option value="">Anything</option>
            {ENTITIES.map((entity) => (
              <option key={entity} value={entity}>
                {entity}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-entity-id">Subject id</label>
          <input
            id="audit-entity-id"
            value={filters.entityId ?? ''}
            onChange={(e) => setFilter('entityId', e.target.value.trim())}
          />
        </div>
        <div>
          <label htmlFor="audit-action">Action</label>
          <input
            id="audit-action"
            list="audit-actions"
            value={filters.action ?? ''}
            onChange={(e) => setFilter('action', e.target.value.trim())}
            aria-describedby="audit-action-hint"
          />
          <datalist id="audit-actions">
            {Object.entries(ACTIONS).map(([action, words]) => (
              <option key={action} value={action}>
                {words}
              </option>
            ))}
          </datalist>
          <p className="hint" id="audit-action-hint">
            Exact, or a prefix ending in a dot (user.)
          </p>
        </div>
        <div>
          <label htmlFor="audit-from">From</label>
          <input
            id="audit-from"
            type="datetime-local"
            step={1}
            value={filters.from ?? ''}
            onChange={(e) => setFilter('from', e.target.value)}
          />
        </div>
        <div>
          <label htmlFor="audit-to">Until</label>
          <input
            id="audit-to"
            type="datetime-local"
            step={1}
            value={filters.to ?? ''}
            onChange={(e) => setFilter('to', e.target.value)}
          />
        </div>
        <div>
          <label htmlFor="audit-order">Order</label>
          <select
            id="audit-order"
            value={filters.order ?? 'desc'}
            onChange={(e) => setFilter('order', e.target.value === 'desc' ? '' : e.target.value)}
          >
            <option value="desc">Newest first</option>
            <option value="asc">Oldest first</option>
          </select>
        </div>
      </form>

      {log.isPending && <p role="status">Loading the log…</p>}
      {log.isError && <Problem error={log.error} title="Could not load the audit log." />}
      {log.data?.total === 0 && <p>Nothing in the log matches these filters.</p>}
      {!!log.data?.items.length && (
        <>
          <table className="data audit">
            <caption className="visually-hidden">Audit entries</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Subject</th>
              </tr>
            </thead>
            <tbody>
              {log.data.items.map((entry) => {
                const timeline = timelineOf(entry);
                const changes = changesOf(entry);
                return (
                  <tr key={entry.id}>
                    <td>
                      <time dateTime={entry.at}>{formatPreciseDateTime(entry.at)}</time>
                    </td>
                    <td>
                      {entry.actorId ? (
                        <Link to={`/admin/audit?involving=${entry.actorId}&order=asc`}>
                          {entry.actorName ?? entry.actorId}
                        </Link>
                      ) : (
                        <span className="muted">system</span>
                      )}
                    </td>
                    <td>
                      {describeEntry(entry)} <span className="muted">({entry.action})</span>
                      {changes.length > 0 && (
                        <ul className="changes">
                          {changes.map((c) => (
                            <li key={c}>{c}</li>
                          ))}
                        </ul>
                      )}
                      {(entry.before != null || entry.after != null) && (
                        <details>
                          <summary>Record</summary>
                          <pre>{JSON.stringify({ before: entry.before, after: entry.after }, null, 1)}</pre>
                        </details>
                      )}
                    </td>
                    <td>
                      {entry.entity}
                      {entry.entityId && (
                        <div className="muted">
                          {timeline ? (
                            <Link to={timeline}>{entry.subjectName ?? entry.entityId}</Link>
                          ) : (
                            (entry.subjectName ?? entry.entityId)
                          )}
                        </div>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <Pager page={page} total={log.data.total} pageSize={PAGE_SIZE} noun="entries" />
        </>
      )}
    </section>
  );
}
