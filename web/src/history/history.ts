import type { Schemas } from '../api/client';
import { labelName } from '../format';

type Entry = Schemas['AuditEntryDto'];

const ACTIONS: Record<string, string> = {
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
};

/** One line a person reads ("Verdict submitted: Disputed, round 1"); the raw record stays available beside it. */
export function describeEntry(entry: Entry): string {
  const what = ACTIONS[entry.action] ?? entry.action;
  const after = (entry.after ?? {}) as Record<string, unknown>;
  const label = typeof after.label === 'string' ? after.label : typeof after.status === 'string' && entry.action !== 'claim.lease' ? after.status : undefined;
  const parts = [label && labelName(label), typeof after.round === 'number' && `round ${after.round}`].filter(Boolean);
  return parts.length ? `${what}: ${parts.join(', ')}` : what;
}
