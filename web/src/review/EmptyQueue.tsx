import type { Schemas } from '../api/client';
import { useAvailability } from './review-api';

type Availability = Schemas['QueueAvailabilityDto'];

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The reason in words, with the counts the service gives. */
function explain(a: Availability): string {
  switch (a.reason) {
    case 'held_by_others':
      return `${plural(a.heldByOthers, 'claim is', 'claims are')} held by other reviewers right now. If a lease ends unfinished, the claim comes back here.`;
    case 'reserved_for_others':
      return `${plural(a.reservedForOthers, 'claim is', 'claims are')} reserved by an editor for other reviewers.`;
    case 'already_judged':
      return `You have already judged or skipped the ${plural(a.judgedByYou, 'open claim', 'open claims')} left in this round.`;
    case 'nothing_left':
      return 'Nothing is left in this queue: every claim has its verdicts.';
    case 'available':
      return 'A claim has just become available.';
  }
}

interface Props {
  slug: string;
  checking: boolean;
  onCheck: () => void;
}

/** Nothing to pull: say why, keep checking by itself, and let the reviewer check now. */
export function EmptyQueue({ slug, checking, onCheck }: Props) {
  const availability = useAvailability(slug, true);
  return (
    <section className="page empty" aria-labelledby="empty-title">
      <h1 id="empty-title">Nothing to review in {slug} right now</h1>
      {availability.data ? <p>{explain(availability.data)}</p> : <p className="muted">Finding out why…</p>}
      <p className="muted" role="status">
        {checking ? 'Checking…' : 'This page checks again every 15 seconds.'}
      </p>
      <button type="button" onClick={onCheck} disabled={checking}>
        Check now
      </button>
    </section>
  );
}
