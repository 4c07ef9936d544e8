import { useEffect, useRef, useState } from 'react';
import { ApiError, problemsOf } from '../api/client';
import { useShortcuts } from '../shortcuts/shortcuts';
import { CheatSheet } from './CheatSheet';
import { Guidelines } from './Guidelines';
import { ArticlePanel } from './ArticlePanel';
import { draftKey, useDraft, verdictBody } from './draft';
import { useLease } from './lease';
import { LeaseStatus } from './LeaseStatus';
import { type Assignment, LABELS, useSkip, useSubmitVerdict } from './review-api';
import { SimilarClaims } from './SimilarClaims';
import { SkipDialog } from './SkipDialog';
import { VerdictForm } from './VerdictForm';

interface Props {
  assignment: Assignment;
  userId: string;
  onDone: (message: string) => void;
  onPullAgain: () => void;
}

/** One leased claim: the article, the verdict form with its local draft, the lease, shortcuts and dialogs. */
export function ReviewWorkspace({ assignment, userId, onDone, onPullAgain }: Props) {
  const { claim } = assignment;
  const { draft, update, clear } = useDraft(draftKey(userId, claim.id, assignment.round));
  const lease = useLease(assignment.id, String(assignment.leaseExpiresAt));
  const submit = useSubmitVerdict(assignment.queue);
  const skip = useSkip(assignment.queue);
  const [problems, setProblems] = useState<string[]>([]);
  const form = useRef<HTMLFormElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const cheatSheet = useRef<HTMLDialogElement>(null);
  const skipDialog = useRef<HTMLDialogElement>(null);

  useEffect(() => heading.current?.focus({ preventScroll: true }), [assignment.id]);

  const failed = (error: unknown) => {
    if (error instanceof ApiError && error.status === 409) lease.markLost();
    else setProblems(problemsOf(error));
  };

  const send = () => {
    if (lease.expired || submit.isPending) return;
    if (!draft.label) return setProblems(['Choose Verified, Disputed or Unverifiable (keys 1, 2, 3).']);
    setProblems([]);
    submit.mutate(
      { assignmentId: assignment.id, body: verdictBody({ ...draft, label: draft.label }) },
      { onSuccess: () => (clear(), onDone('Verdict saved. Next claim loaded.')), onError: failed },
    );
  };

  const sendSkip = (reason: string) =>
    skip.mutate(
      { assignmentId: assignment.id, reason },
      { onSuccess: () => (clear(), onDone('Claim skipped. Next claim loaded.')), onError: failed },
    );

  useShortcuts(
    {
      ...Object.fromEntries(LABELS.map((label, i) => [String(i + 1), () => !lease.expired && update({ label })])),
      'Ctrl+Enter': send,
      s: () => !lease.expired && skipDialog.current?.showModal(),
      '?': () => cheatSheet.current?.showModal(),
    },
    form,
  );

  return (
    <div className="review">
      <ArticlePanel article={assignment.article} claim={claim} />
      <div className="side">
        <section className="panel claim" aria-labelledby="claim-title">
          <h2 id="claim-title" ref={heading} tabIndex={-1}>
            Claim
          </h2>
          <blockquote>{claim.text}</blockquote>
          <p className="muted">Speaker: {claim.speaker ?? 'not attributed'}</p>
          <LeaseStatus lease={lease} />
        </section>
        {lease.expired && (
          <div className="panel expired" role="alert">
            <h2>Your lease on this claim has ended</h2>
            <p>The claim may now go to someone else. Your draft is kept on this device; pull again to continue.</p>
            <button type="button" className="primary" onClick={onPullAgain}>
              Pull again
            </button>
          </div>
        )}
        <VerdictForm
          ref={form}
          draft={draft}
          update={update}
          problems={problems}
          submitting={submit.isPending || skip.isPending}
          disabled={lease.expired}
          onSubmit={send}
          onSkip={() => skipDialog.current?.showModal()}
        />
        <p className="hint">
          Press <kbd>?</kbd> for keyboard shortcuts.
        </p>
        <Guidelines markdown={assignment.guidelines} />
        <SimilarClaims claimId={claim.id} />
      </div>
      <SkipDialog ref={skipDialog} pending={skip.isPending} onSkip={sendSkip} />
      <CheatSheet ref={cheatSheet} />
    </div>
  );
}
