import { type FormEvent, type ReactNode, useState } from 'react';
import { Link, useLocation } from 'react-router';
import type { HistoryBack } from '../history/history';
import { problemsOf } from '../api/client';
import { formatDateTime, labelName } from '../format';
import { type Claim, type Curation, useCuration, useCurationActions } from './articles-api';

type Actions = ReturnType<typeof useCurationActions>;
type Rejection = NonNullable<Curation['rejection']>;

function Problems({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <div className="error" role="alert">
      <ul>
        {problemsOf(error).map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </div>
  );
}

function Done({ when, children }: { when: boolean; children: ReactNode }) {
  return when ? (
    <p role="status" className="done">
      {children}
    </p>
  ) : null;
}

/** One claim's details and the curation the service allows for it now: edit, reject, route, assign. */
export function ClaimCurator({ claim }: { claim: Claim }) {
  const curation = useCuration(claim.id);
  const actions = useCurationActions(claim.articleId);
  const allowed = curation.data?.actions;
  const here = useLocation();
  const historyBack: HistoryBack = { back: { to: here.pathname + here.search, label: 'Back to the article' } };
  return (
    <section className="panel curator" aria-labelledby="curator-title">
      <h2 id="curator-title">Selected claim</h2>
      <blockquote className="claim-quote">“{claim.text}”</blockquote>
      <p>
        <span className={`status-badge status-${claim.status}`}>{labelName(claim.status)}</span> · score{' '}
        {claim.score.toFixed(2)} · characters {claim.start}–{claim.end} · {claim.origin} · speaker:{' '}
        {claim.speaker ?? 'not attributed'}
        {curation.data?.queue && <> · queue {curation.data.queue}</>}
        {claim.settledBy && claim.finalizedAt && (
          <>
            {' '}
            · settled by {claim.settledBy} on {formatDateTime(claim.finalizedAt)}
          </>
        )}
      </p>
      {curation.data?.rejection && <RejectionNote rejection={curation.data.rejection} />}
      <p>
        <Link to={`/claims/${claim.id}/history`} state={historyBack}>
          Claim history
        </Link>
        {claim.finalLabel && (
          <>
            {' · '}
            <Link to={`/exports?claim=${claim.id}`}>Preview its ClaimReview</Link>
          </>
        )}
      </p>
      {curation.isPending && <p role="status">Loading what can be done…</p>}
      <Problems error={curation.error} />
      {allowed && !allowed.edit && !allowed.reject && !allowed.route && !allowed.assign && (
        <p className="muted">Review has moved past curation: nothing to change here.</p>
      )}
      {allowed?.edit && <EditClaim key={`${claim.id}-${claim.updatedAt}`} claim={claim} edit={actions.edit} />}
      {allowed?.reject && <RejectClaim claim={claim} reject={actions.reject} />}
      {allowed?.route && (
        <RouteClaim claim={claim} queues={curation.data!.queues} current={curation.data!.queue} route={actions.route} />
      )}
      {allowed?.assign && <AssignClaim claim={claim} assignees={curation.data!.assignees} assign={actions.assign} />}
    </section>
  );
}

/** Why the claim left the review flow: the reason where the editor looks at the claim, not only in its history. */
function RejectionNote({ rejection }: { rejection: Rejection }) {
  return (
    <div className="rejection" role="note" aria-label="Rejection">
      <p>
        <strong>Rejected</strong> by {rejection.by ?? 'a removed account'} on {formatDateTime(rejection.at)}
        {rejection.reason ? ':' : '.'}
      </p>
      {rejection.reason ? <blockquote>{rejection.reason}</blockquote> : <p className="muted">No reason was given.</p>}
    </div>
  );
}

function EditClaim({ claim, edit }: { claim: Claim; edit: Actions['edit'] }) {
  const [text, setText] = useState(claim.text);
  const [start, setStart] = useState(String(claim.start));
  const [end, setEnd] = useState(String(claim.end));
  const [speaker, setSpeaker] = useState(claim.speaker ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const moved = Number(start) !== claim.start || Number(end) !== claim.end;
    const span = moved ? { start: Number(start), end: Number(end) } : text !== claim.text ? { text } : {};
    const who = speaker.trim() === (claim.speaker ?? '') ? {} : { speaker: speaker.trim() || null };
    edit.mutate({ id: claim.id, ...span, ...who });
  };
  return (
    <details className="curate">
      <summary>Edit span, text or speaker</summary>
      <form onSubmit={submit}>
        <label htmlFor="edit-text">Text (found once in the article)</label>
        <textarea id="edit-text" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
        <div className="inline-fields">
          <div>
            <label htmlFor="edit-start">Start</label>
            <input id="edit-start" type="number" min={0} value={start} onChange={(e) => setStart(e.target.value)} />
          </div>
          <div>
            <label htmlFor="edit-end">End</label>
            <input id="edit-end" type="number" min={1} value={end} onChange={(e) => setEnd(e.target.value)} />
          </div>
        </div>
        <label htmlFor="edit-speaker">Speaker (empty: none)</label>
        <input id="edit-speaker" value={speaker} onChange={(e) => setSpeaker(e.target.value)} />
        <Problems error={edit.error} />
        <div className="actions">
          <button type="submit" disabled={edit.isPending}>
            Save changes
          </button>
        </div>
      </form>
    </details>
  );
}

function RejectClaim({ claim, reject }: { claim: Claim; reject: Actions['reject'] }) {
  const [reason, setReason] = useState('');
  return (
    <form
      className="curate"
      onSubmit={(event) => {
        event.preventDefault();
        reject.mutate({ id: claim.id, reason: reason.trim() || undefined });
      }}
    >
      <label htmlFor="reject-reason">Reason for rejecting</label>
      <input
        id="reject-reason"
        value={reason}
        maxLength={500}
        placeholder="Opinion, not a checkable statement"
        onChange={(e) => setReason(e.target.value)}
      />
      <Problems error={reject.error} />
      <div className="actions">
        <button type="submit" className="danger" disabled={reject.isPending}>
          Reject claim
        </button>
      </div>
    </form>
  );
}

function RouteClaim({
  claim,
  queues,
  current,
  route,
}: {
  claim: Claim;
  queues: { slug: string; description: string }[];
  current: string | null;
  route: Actions['route'];
}) {
  // The current queue when it is still a target (it may have been deactivated since), else the first one offered.
  const [queue, setQueue] = useState((queues.find((q) => q.slug === current) ?? queues[0])?.slug ?? '');
  return (
    <form
      className="curate"
      onSubmit={(event) => {
        event.preventDefault();
        route.mutate({ id: claim.id, queue });
      }}
    >
      <label htmlFor="route-queue">Route to queue</label>
      <select id="route-queue" value={queue} onChange={(e) => setQueue(e.target.value)}>
        {queues.map((q) => (
          <option key={q.slug} value={q.slug}>
            {q.slug}
            {q.description && ` — ${q.description}`}
          </option>
        ))}
      </select>
      <Problems error={route.error} />
      <Done when={route.isSuccess}>
        {route.data?.moved === 0 ? 'Already in' : 'Routed to'} {route.variables?.queue}.
      </Done>
      <div className="actions">
        <button type="submit" disabled={route.isPending || !queue}>
          Route
        </button>
      </div>
    </form>
  );
}

function AssignClaim({
  claim,
  assignees,
  assign,
}: {
  claim: Claim;
  assignees: { id: string; displayName: string; role: string }[];
  assign: Actions['assign'];
}) {
  const [userId, setUserId] = useState(assignees[0]?.id ?? '');
  if (!assignees.length)
    return <p className="muted">Nobody active may pull this claim's queue, so it cannot be reserved.</p>;
  const chosen = assignees.find((a) => a.id === assign.variables?.userId);
  return (
    <form
      className="curate"
      onSubmit={(event) => {
        event.preventDefault();
        assign.mutate({ id: claim.id, userId });
      }}
    >
      <label htmlFor="assign-user">Reserve for reviewer</label>
      <select id="assign-user" value={userId} onChange={(e) => setUserId(e.target.value)}>
        {assignees.map((a) => (
          <option key={a.id} value={a.id}>
            {a.displayName} ({a.role})
          </option>
        ))}
      </select>
      <Problems error={assign.error} />
      <Done when={assign.isSuccess && !!chosen}>Reserved for {chosen?.displayName}: served to them first.</Done>
      <div className="actions">
        <button type="submit" disabled={assign.isPending}>
          Reserve
        </button>
      </div>
    </form>
  );
}
