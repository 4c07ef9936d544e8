interface Props {
  slug: string;
  checking: boolean;
  onCheck: () => void;
}

/** Nothing to pull: say so, keep checking by itself, and let the reviewer check now. */
export function EmptyQueue({ slug, checking, onCheck }: Props) {
  return (
    <section className="page empty" aria-labelledby="empty-title">
      <h1 id="empty-title">Nothing to review in {slug} right now</h1>
      <p>Every claim in this queue is either done by you, or held by other reviewers.</p>
      <p className="muted" role="status">
        {checking ? 'Checking…' : 'This page checks again every 15 seconds.'}
      </p>
      <button type="button" onClick={onCheck} disabled={checking}>
        Check now
      </button>
    </section>
  );
}
