import { forwardRef, useState } from 'react';

interface Props {
  pending: boolean;
  onSkip: (reason: string) => void;
}

/** Asks why the claim is skipped (not check-worthy, conflict of interest, …) before handing it back. */
export const SkipDialog = forwardRef<HTMLDialogElement, Props>(function SkipDialog({ pending, onSkip }, ref) {
  const [reason, setReason] = useState('');
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="skip-title">
      <form
        method="dialog"
        onSubmit={(event) => {
          if (event.nativeEvent.submitter?.getAttribute('value') !== 'skip') return;
          onSkip(reason.trim());
          setReason('');
        }}
      >
        <h2 id="skip-title">Skip this claim</h2>
        <p className="muted">It goes back to the queue for someone else; you will not get it again this round.</p>
        <label htmlFor="skip-reason">Reason for skipping</label>
        <textarea id="skip-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
        <div className="actions">
          <button type="submit" value="skip" className="primary" disabled={pending}>
            Skip claim
          </button>
          <button type="submit" value="cancel">
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
});
