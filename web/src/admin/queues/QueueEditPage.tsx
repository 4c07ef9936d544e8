import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Schemas } from '../../api/client';
import { useQueues } from '../../queues/queues';
import { Guidelines } from '../../review/Guidelines';
import { Problem } from '../Problem';
import { MembersPicker } from './MembersPicker';
import { type QueueSettings, useCreateQueue, useUpdateQueue } from './queue-admin-api';

type Queue = Schemas['QueueDto'];
type PullRole = QueueSettings['pullRole'];

/** The form's fields as typed; turned into the request on submit and checked by the service. */
interface Draft {
  slug: string;
  description: string;
  pullRole: PullRole;
  members: string[];
  verdictsRequired: string;
  leaseMinutes: string;
  minScore: string;
  sources: string;
  languages: string;
  routingOrder: string;
  routable: boolean;
  active: boolean;
  guidelines: string;
}

const NEW_QUEUE: Draft = {
  slug: '',
  description: '',
  pullRole: 'reviewer',
  members: [],
  verdictsRequired: '2',
  leaseMinutes: '15',
  minScore: '0',
  sources: '',
  languages: '',
  routingOrder: '100',
  routable: true,
  active: true,
  guidelines: '',
};

const draftOf = (q: Queue): Draft => ({
  slug: q.slug,
  description: q.description,
  pullRole: q.pullRole,
  members: q.members,
  verdictsRequired: String(q.verdictsRequired),
  leaseMinutes: String(q.leaseSeconds / 60),
  minScore: String(q.minScore),
  sources: (q.sources ?? []).join('\n'),
  languages: (q.languages ?? []).join(', '),
  routingOrder: String(q.routingOrder),
  routable: q.routable,
  active: q.active,
  guidelines: q.guidelines,
});

/** A list typed one per line or comma-separated; empty means "any" (null). */
const listOf = (text: string, separator: RegExp): string[] | null => {
  const items = text
    .split(separator)
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length ? items : null;
};

const settingsOf = (d: Draft): Omit<QueueSettings, 'slug'> => ({
  description: d.description,
  pullRole: d.pullRole,
  members: d.members,
  verdictsRequired: Number(d.verdictsRequired),
  leaseSeconds: Math.round(Number(d.leaseMinutes) * 60),
  minScore: Number(d.minScore),
  sources: listOf(d.sources, /\n/),
  languages: listOf(d.languages, /[,\s]+/),
  routingOrder: Number(d.routingOrder),
  routable: d.routable,
  active: d.active,
  guidelines: d.guidelines,
});

/** /admin/queues/new, or /admin/queues/:slug for an existing queue (found in the list every admin loads). */
export function QueueEditPage() {
  const slug = useParams().slug;
  const queues = useQueues();
  if (!slug) return <QueueForm />;
  if (queues.isPending) return <p role="status">Loading the queue…</p>;
  if (queues.isError) return <Problem error={queues.error} title="Could not load the queue." />;
  const queue = queues.data.find((q) => q.slug === slug);
  if (!queue) return <p role="alert">There is no queue called {slug}.</p>;
  return <QueueForm key={queue.id} queue={queue} />;
}

function QueueForm({ queue }: { queue?: Queue }) {
  const [draft, setDraft] = useState<Draft>(queue ? draftOf(queue) : NEW_QUEUE);
  const [preview, setPreview] = useState(false);
  const create = useCreateQueue();
  const update = useUpdateQueue(queue?.slug ?? '');
  const save = queue ? update : create;
  const navigate = useNavigate();
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (queue) update.mutate(settingsOf(draft));
    else
      create.mutate(
        { slug: draft.slug, ...settingsOf(draft) },
        { onSuccess: (q) => void navigate(`/admin/queues/${q.slug}`, { replace: true }) },
      );
  };

  const title = queue ? `Queue ${queue.slug}` : 'New queue';
  return (
    <section className="page wide" aria-labelledby="queue-edit-title">
      <p>
        <Link to="/admin/queues">All queues</Link>
      </p>
      <h1 id="queue-edit-title">{title}</h1>
      <form onSubmit={submit} aria-labelledby="queue-edit-title">
        <div className="form-grid">
          {!queue && (
            <div>
              <label htmlFor="queue-slug">Name (in addresses)</label>
              <input
                id="queue-slug"
                required
                value={draft.slug}
                onChange={(e) => set('slug', e.target.value)}
                aria-describedby="queue-slug-hint"
                autoFocus
              />
              <p className="hint" id="queue-slug-hint">
                Lower-case letters, digits and dashes, e.g. politics-de.
              </p>
            </div>
          )}
          <div className="span-2">
            <label htmlFor="queue-description">Description</label>
            <input
              id="queue-description"
              value={draft.description}
              onChange={(e) => set('description', e.target.value)}
            />
          </div>
          <div>
            <label htmlFor="queue-role">Pulled by</label>
            <select
              id="queue-role"
              value={draft.pullRole}
              onChange={(e) => set('pullRole', e.target.value as PullRole)}
            >
              <option value="reviewer">Reviewers</option>
              <option value="editor">Editors</option>
            </select>
          </div>
          <div>
            <label htmlFor="queue-verdicts">Verdicts required</label>
            <input
              id="queue-verdicts"
              type="number"
              min={1}
              max={10}
              step={1}
              required
              value={draft.verdictsRequired}
              onChange={(e) => set('verdictsRequired', e.target.value)}
            />
          </div>
          <div>
            <label htmlFor="queue-lease">Lease (minutes)</label>
            <input
              id="queue-lease"
              type="number"
              min={1}
              max={1440}
              step="any"
              required
              value={draft.leaseMinutes}
              onChange={(e) => set('leaseMinutes', e.target.value)}
            />
          </div>
        </div>

        {queue?.escalationsOnly ? (
          <fieldset>
            <legend>Routing</legend>
            <p className="hint">
              Claims arrive here only when their reviewers disagree. Nothing is routed here, by hand or automatically.
            </p>
          </fieldset>
        ) : (
          <fieldset>
            <legend>Routing</legend>
            <label className="radio">
              <input type="checkbox" checked={draft.routable} onChange={(e) => set('routable', e.target.checked)} /> New
              claims are routed here automatically
            </label>
            <div className="form-grid">
              <div>
                <label htmlFor="queue-order">Order (lower routes first)</label>
                <input
                  id="queue-order"
                  type="number"
                  step={1}
                  required
                  value={draft.routingOrder}
                  onChange={(e) => set('routingOrder', e.target.value)}
                />
              </div>
              <div>
                <label htmlFor="queue-score">Minimum check-worthiness score</label>
                <input
                  id="queue-score"
                  type="number"
                  min={0}
                  max={1}
                  step="any"
                  required
                  value={draft.minScore}
                  onChange={(e) => set('minScore', e.target.value)}
                />
              </div>
              <div>
                <label htmlFor="queue-languages">Languages</label>
                <input
                  id="queue-languages"
                  value={draft.languages}
                  onChange={(e) => set('languages', e.target.value)}
                  aria-describedby="queue-languages-hint"
                />
                <p className="hint" id="queue-languages-hint">
                  Tags like en, pt-BR, separated by commas. Empty: any language.
                </p>
              </div>
              <div>
                <label htmlFor="queue-sources">Sources</label>
                <textarea
                  id="queue-sources"
                  rows={3}
                  value={draft.sources}
                  onChange={(e) => set('sources', e.target.value)}
                  aria-describedby="queue-sources-hint"
                />
                <p className="hint" id="queue-sources-hint">
                  One source per line. Empty: any source.
                </p>
              </div>
            </div>
          </fieldset>
        )}

        <MembersPicker role={draft.pullRole} members={draft.members} onChange={(members) => set('members', members)} />

        <fieldset className="guidelines-editor">
          <legend>Guidelines (Markdown)</legend>
          <div className="tabs" role="group" aria-label="Guidelines view">
            <button type="button" aria-pressed={!preview} onClick={() => setPreview(false)}>
              Write
            </button>
            <button type="button" aria-pressed={preview} onClick={() => setPreview(true)}>
              Preview
            </button>
          </div>
          {preview ? (
            <Guidelines markdown={draft.guidelines} />
          ) : (
            <>
              <label htmlFor="queue-guidelines" className="visually-hidden">
                Guidelines
              </label>
              <textarea
                id="queue-guidelines"
                rows={12}
                value={draft.guidelines}
                onChange={(e) => set('guidelines', e.target.value)}
                aria-describedby="queue-guidelines-hint"
              />
              <p className="hint" id="queue-guidelines-hint">
                Shown to reviewers beside every claim of this queue, as in the preview. HTML is not rendered.
              </p>
            </>
          )}
        </fieldset>

        <label className="radio">
          <input type="checkbox" checked={draft.active} onChange={(e) => set('active', e.target.checked)} /> Active
          (reviewers can pull from it)
        </label>
        {/* Beside the button that was pressed, where the eye is after a long form. */}
        {save.isError && <Problem error={save.error} title="Not saved." />}
        {update.isSuccess && (
          <p className="notice" role="status">
            Saved. Reviewers see the new settings on their next pull.
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            {queue ? 'Save changes' : 'Create queue'}
          </button>
          {queue && <Link to={`/admin/audit?entity=queue&entityId=${queue.id}&order=asc`}>Change history</Link>}
        </div>
      </form>
    </section>
  );
}
