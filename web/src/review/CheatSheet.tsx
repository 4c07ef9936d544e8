import { forwardRef } from 'react';

const KEYS: [string, string][] = [
  ['1', 'Verified'],
  ['2', 'Disputed'],
  ['3', 'Unverifiable'],
  ['Ctrl + Enter', 'Submit verdict'],
  ['S', 'Skip this claim'],
  ['Esc', 'Leave the text field'],
  ['?', 'Show this list'],
];

/** The keyboard cheat-sheet (`?`). A native modal dialog: focus stays inside, Esc closes it. */
export const CheatSheet = forwardRef<HTMLDialogElement>(function CheatSheet(_, ref) {
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="cheat-title">
      <h2 id="cheat-title">Keyboard shortcuts</h2>
      <dl className="keys">
        {KEYS.map(([key, action]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{action}</dd>
          </div>
        ))}
      </dl>
      <p className="muted">Single keys do nothing while you type in a field.</p>
      <form method="dialog">
        <button type="submit" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
});
