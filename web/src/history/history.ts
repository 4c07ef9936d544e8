import type { Schemas } from '../api/client';
import { LABEL_NAMES, labelName } from '../format';

type Entry = Schemas['AuditEntryDto'];

/** Where a claim's history was opened from (the link's state), so its back link returns there. */
export interface HistoryBack {
  back: { to: string; label: string };
}

/** Every audited action in words (claims' first; the account, queue, article and export ones the admins' log shows). */
export const ACTIONS: Record<string, string> = {
  'claim.create': 'Claim created',
  'claim.update': 'Claim edited',
  'claim.route': 'Routed to a queue',
  'claim.assign': 'Reserved for a reviewer',
  'claim.start_review': 'Review started',
  'claim.lease': 'Leased to a reviewer',
  'claim.skip': 'Skipped by a reviewer',
  'claim.requeue': 'Back in the queue',
  'verdict.submit': 'Verdict submitted',
  'claim.escalate': 'Verdicts disagree: sent to adjudication',
  'claim.consensus': 'Settled by consensus',
  'claim.resolve': 'Resolved by an editor',
  'claim.reopen': 'Reopened',
  'claim.reject': 'Rejected as not check-worthy',
  'claim.reveal_reviewers': 'Reviewer names revealed',
  'user.create': 'Account created',
  'user.update': 'Account changed',
  'user.password_reset': 'Password reset by an admin',
  'user.password_change': 'Password changed by its owner',
  'user.bootstrap_admin': 'First admin created',
  'auth.login': 'Signed in',
  'auth.logout': 'Signed out',
  'auth.login_failed': 'Sign-in failed',
  'auth.login_blocked': 'Sign-in blocked (too many failures)',
  'queue.create': 'Queue created',
  'queue.update': 'Queue changed',
  'article.create': 'Article ingested',
  'article.delete': 'Article deleted',
  'export.download': 'Export downloaded',
  'export.failed': 'Export failed',
};

/** One line a person reads ("Verdict submitted: Disputed, round 1"); the raw record stays available beside it. */
export function describeEntry(entry: Entry): string {
  const what = ACTIONS[entry.action] ?? entry.action;
  const after = (entry.after ?? {}) as Record<string, unknown>;
  // The action's words already name the states it leads to (routed, in review, rejected…): only a label adds to them.
  const label =
    typeof after.label === 'string'
      ? after.label
      : typeof after.status === 'string' && after.status in LABEL_NAMES
        ? after.status
        : undefined;
  const parts = [
    label && labelName(label),
    typeof after.round === 'number' && `round ${after.round}`,
    typeof after.reason === 'string' && `“${after.reason}”`,
  ].filter(Boolean);
  return parts.length ? `${what}: ${parts.join(', ')}` : what;
}
